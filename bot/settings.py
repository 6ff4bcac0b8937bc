"""Settings from the environment or a .env file (pydantic-settings)."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_data_dir"]


def default_data_dir() -> Path:
    """Per-user data folder: $XDG_DATA_HOME/newsbot or ~/.local/share/newsbot."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsbot"


class Settings(BaseSettings):
    """Every setting newsbot reads; see the README's settings table."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN")
    )
    telegram_api_url: str = Field(
        default="https://api.telegram.org", validation_alias=AliasChoices("TELEGRAM_API_URL")
    )
    data_dir: Path = Field(
        default_factory=default_data_dir, validation_alias=AliasChoices("NEWSBOT_DATA_DIR")
    )
    max_sentences: int = Field(
        default=3, ge=1, le=10, validation_alias=AliasChoices("NEWSBOT_MAX_SENTENCES")
    )
    log_level: str = Field(default="INFO", validation_alias=AliasChoices("NEWSBOT_LOG_LEVEL"))
    send_retries: int = Field(
        default=3, ge=0, le=10, validation_alias=AliasChoices("NEWSBOT_SEND_RETRIES")
    )

    timezone: str = Field(default="UTC", validation_alias=AliasChoices("NEWSBOT_TIMEZONE"))
    tldr_retention_hours: int = Field(
        default=48, ge=1, le=24 * 30, validation_alias=AliasChoices("NEWSBOT_TLDR_RETENTION_HOURS")
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (use e.g. UTC or Europe/Berlin)"
            ) from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    def token(self) -> str:
        """The bot token; raises ValueError with a one-line message when it is not set."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise ValueError(
                "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and put it in the "
                "environment or in .env"
            )
        return self.telegram_bot_token.get_secret_value().strip()
