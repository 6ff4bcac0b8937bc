"""Settings from the environment or a .env file (pydantic-settings)."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AliasChoices, Field, PrivateAttr, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from retrieval import OpenSearchConfig

__all__ = ["GROUP_PER_MINUTE", "Settings", "default_data_dir", "known_zone"]

GROUP_PER_MINUTE = 20  # Telegram lets a bot post 20 messages a minute in a group (bot.outbox)

# Names that depend on the host's configuration, not on the time zone database.
_HOST_ZONES = {"localtime", "posixrules"}
_USER_ID = re.compile(r"-?[0-9]{1,20}")


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones() - _HOST_ZONES)


def known_zone(name: str) -> bool:
    """True for a time zone this Python can load anywhere it runs (IANA names only: no
    ``posix/`` or ``right/`` copies, no host files), so a stored zone keeps loading."""
    if not (0 < len(name) <= 64) or name.startswith(("posix/", "right/")):
        return False
    if name not in _zones():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def default_data_dir() -> Path:
    """Per-user data folder: $XDG_DATA_HOME/newsbot or ~/.local/share/newsbot."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "newsbot"


class Settings(BaseSettings):
    """Every setting newsbot reads; see the README's settings table."""

    # Each setting is NEWSBOT_ and its name in capitals; the two Telegram ones are named for
    # Telegram (an alias). A field given an alias is read under that name alone.
    model_config = SettingsConfigDict(
        env_prefix="NEWSBOT_",
        env_file=".env",
        extra="ignore",
        populate_by_name=True,
        env_ignore_empty=True,
    )

    telegram_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN")
    )
    telegram_api_url: str = Field(
        default="https://api.telegram.org", validation_alias=AliasChoices("TELEGRAM_API_URL")
    )
    data_dir: Path = Field(default_factory=default_data_dir)
    max_sentences: int = Field(default=3, ge=1, le=10)
    button_days: int = Field(default=3, ge=1, le=30)
    followup_minutes: float = Field(default=5, ge=0, le=24 * 60)
    log_level: str = "INFO"
    flood_deadline: float = Field(default=60.0, ge=1, le=3600)

    timezone: str = "UTC"
    tldr_retention_hours: int = Field(default=48, ge=1, le=24 * 30)

    feeds: str = ""
    feed_interval: int = Field(default=900, ge=10, le=7 * 24 * 3600)
    full_text: bool = True
    fetch_delay: float = Field(default=1.0, ge=0, le=600)
    contact_url: str = ""
    channels: str = "all"
    admin_ids: str = ""
    webhook_secret: SecretStr | None = None
    max_upload_mb: int = Field(default=5, ge=1, le=20)
    max_unpacked_mb: int = Field(default=50, ge=1, le=1000)

    request_timeout: float = Field(default=10.0, ge=1, le=120)
    network_retries: int = Field(default=5, ge=0, le=20)
    user_rate: int = Field(default=20, ge=1, le=10_000)
    user_burst: int = Field(default=5, ge=1, le=1000)
    # A group gets at most 20 messages a minute from a bot (bot.outbox): admitting more would
    # only queue answers that arrive minutes late. A higher value (valid before) is lowered
    # to it with a warning (``adjustments``), so an operator's existing .env still starts.
    chat_rate: int = Field(default=GROUP_PER_MINUTE, ge=1)
    typing_after: float = Field(default=1.0, ge=0, le=60)
    index_refresh: float = Field(default=1.0, ge=0, le=3600)

    search: Literal["tantivy", "opensearch"] = "tantivy"
    opensearch_url: str = ""
    opensearch_user: str = ""
    opensearch_password: SecretStr | None = None
    opensearch_verify_tls: bool = True
    opensearch_ca_bundle: Path | None = None
    opensearch_client_cert: Path | None = None
    opensearch_client_key: Path | None = None
    opensearch_sniff: bool = False
    # No "-": the indices are <prefix>-..., so no two prefixes' templates can overlap.
    opensearch_prefix: str = Field(default="newsbot", pattern=r"^[a-z0-9][a-z0-9_]{0,49}$")
    opensearch_period: Literal["month", "year"] = "month"
    opensearch_dfs: bool = True
    opensearch_shards: int = Field(default=1, ge=1, le=64)
    opensearch_replicas: int = Field(default=1, ge=0, le=8)
    opensearch_timeout: float = Field(default=2.0, ge=0.1, le=120)
    opensearch_retries: int = Field(default=2, ge=0, le=10)
    opensearch_bulk_bytes: int = Field(default=5_000_000, ge=100_000, le=100_000_000)
    opensearch_bulk_timeout: float = Field(default=60.0, ge=1, le=3600)

    # What was changed from the values given, one line each, for the log at start.
    _adjustments: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _telegram_group_limit(self) -> Settings:
        if self.chat_rate > GROUP_PER_MINUTE:
            self._adjustments.append(
                f"{self.env_name('chat_rate')}={self.chat_rate} is above Telegram's limit of "
                f"{GROUP_PER_MINUTE} messages a minute in a group: using {GROUP_PER_MINUTE}"
            )
            self.chat_rate = GROUP_PER_MINUTE
        return self

    @property
    def adjustments(self) -> list[str]:
        """Settings given beyond what works and changed to what does (a warning each)."""
        return list(self._adjustments)

    @classmethod
    def env_name(cls, field: str) -> str:
        """The variable a setting is read from: its alias, or NEWSBOT_ and its name."""
        info = cls.model_fields.get(field)
        if info is None:  # already a variable's name: a validation error names the alias
            return field
        choices = getattr(info.validation_alias, "choices", None)
        return str(choices[0]) if choices else f"NEWSBOT_{field.upper()}"

    @classmethod
    def env_names(cls) -> list[str]:
        return [cls.env_name(field) for field in cls.model_fields]

    @field_validator("opensearch_url")
    @classmethod
    def _http_cluster(cls, value: str) -> str:
        nodes = [node.rstrip("/") for node in _split(value)]
        for node in nodes:
            if not node.startswith(("http://", "https://")):
                raise ValueError("not an http(s) URL (several: comma-separated)")
        return ",".join(nodes)

    @field_validator("opensearch_ca_bundle", "opensearch_client_cert", "opensearch_client_key")
    @classmethod
    def _readable_file(cls, value: Path | None) -> Path | None:
        if value is not None and not value.expanduser().is_file():
            raise ValueError(f"no such file: {str(value)[:200]}")
        return value.expanduser() if value is not None else None

    def opensearch(self) -> OpenSearchConfig:
        """The cluster to use; raises ValueError when NEWSBOT_OPENSEARCH_URL is not set."""
        if not self.opensearch_url:
            raise ValueError(
                "NEWSBOT_OPENSEARCH_URL is not set: give the cluster's address, "
                "e.g. https://search.example.org:9200"
            )
        password = self.opensearch_password
        return OpenSearchConfig(
            url=self.opensearch_url,
            user=self.opensearch_user,
            password=password.get_secret_value() if password is not None else "",
            verify_tls=self.opensearch_verify_tls,
            ca_bundle=str(self.opensearch_ca_bundle or ""),
            client_cert=str(self.opensearch_client_cert or ""),
            client_key=str(self.opensearch_client_key or ""),
            sniff=self.opensearch_sniff,
            prefix=self.opensearch_prefix,
            period=self.opensearch_period,
            dfs=self.opensearch_dfs,
            shards=self.opensearch_shards,
            replicas=self.opensearch_replicas,
            timeout=self.opensearch_timeout,
            retries=self.opensearch_retries,
            bulk_bytes=self.opensearch_bulk_bytes,
            bulk_timeout=self.opensearch_bulk_timeout,
        )

    @field_validator("feeds")
    @classmethod
    def _http_feeds(cls, value: str) -> str:
        for url in _split(value):
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"not an http(s) feed URL: {url[:80]!r}")
        return value

    @field_validator("contact_url")
    @classmethod
    def _contact(cls, value: str) -> str:
        value = value.strip()
        if value and (
            not value.startswith(("http://", "https://", "mailto:"))
            or any(c.isspace() or not c.isprintable() for c in value)
        ):
            raise ValueError("not an http(s) or mailto: URL")
        return value

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: str) -> str:
        value = value.strip() or "all"
        if value.lower() in ("all", "off"):
            return value.lower()
        for item in _split(value):
            if not re.fullmatch(r"@?[A-Za-z][A-Za-z0-9_]{3,31}|-?[0-9]{1,20}", item):
                raise ValueError(f"not a channel username or id: {item[:40]!r}")
        return value

    def channel_allowed(self, chat_id: int, username: str | None) -> bool:
        """Whether posts of this channel become articles (NEWSBOT_CHANNELS)."""
        if self.channels == "all":
            return True
        if self.channels == "off":
            return False
        allowed = {item.lstrip("@").lower() for item in _split(self.channels)}
        return str(chat_id) in allowed or bool(username and username.lower() in allowed)

    @field_validator("admin_ids")
    @classmethod
    def _numeric_ids(cls, value: str) -> str:
        for item in _split(value):
            if not _USER_ID.fullmatch(item):  # not str.isdigit: it takes "²", which int() refuses
                raise ValueError(f"not a Telegram user id: {item[:40]!r}")
        return value

    @property
    def feed_urls(self) -> list[str]:
        return list(dict.fromkeys(_split(self.feeds)))

    @property
    def admins(self) -> set[int]:
        return {int(item) for item in _split(self.admin_ids)}

    def secret(self) -> str:
        """The webhook secret; raises ValueError when it is not set (webhook mode needs it)."""
        value = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if not value:
            raise ValueError(
                "NEWSBOT_WEBHOOK_SECRET is not set: webhook mode needs a secret token "
                "(1-256 characters: letters, digits, _ and -)"
            )
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
            raise ValueError("NEWSBOT_WEBHOOK_SECRET may hold only letters, digits, _ and -")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not known_zone(value):
            raise ValueError(f"unknown time zone {value[:64]!r} (use e.g. UTC or Europe/Berlin)")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        try:
            parts = urlsplit(value)
            port_ok = parts.port is None or parts.port > 0
        except ValueError:
            parts, port_ok = None, False
        if (
            parts is None
            or parts.scheme not in ("http", "https")
            or not parts.hostname
            or not port_ok
            or parts.query
            or parts.fragment
            or any(c.isspace() for c in value)
        ):
            raise ValueError(
                "not an http(s) URL of a Bot API server (e.g. https://api.telegram.org)"
            )
        return value

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
