"""bot.settings: each validator, the ranges, and secrets that never show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from bot.settings import Settings, known_zone

TOKEN = "123456:AAE-secret-token-value"
SECRET = "webhook_Secret-42"


def _settings(**values: Any) -> Settings:
    """Settings from the given values only: no .env file (the environment's NEWSBOT_ and
    TELEGRAM_ variables are cleared by the autouse fixture below)."""
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith(("NEWSBOT_", "TELEGRAM_")):
            monkeypatch.delenv(name)


API = "telegram_api_url"
BAD_API_URLS = [
    "",
    "api.telegram.org",
    "ftp://api.telegram.org",
    "https://",
    "https://:8081",
    "http://host:0",
    "http://host:99999",
    "http://host:port",
    "https://api.telegram.org/?x=1",
    "https://api.telegram.org/#top",
    "https://api.telegram.org/bot path",
    "javascript:alert(1)",
]

# field, a value given, the property that reads it, and what it reads
TIDIED: list[tuple[str, str, str, object]] = [
    ("feeds", "", "feed_urls", []),
    ("feeds", "https://a.example/feed", "feed_urls", ["https://a.example/feed"]),
    (
        "feeds",
        " https://a.example/x ,http://b.example/y, ",
        "feed_urls",
        ["https://a.example/x", "http://b.example/y"],
    ),
    ("feeds", "https://a.example/x,https://a.example/x", "feed_urls", ["https://a.example/x"]),
    ("feeds", ",,", "feed_urls", []),
    ("admin_ids", "", "admins", set()),
    ("admin_ids", "42", "admins", {42}),
    ("admin_ids", " 1, -100123 ,42,42", "admins", {1, -100123, 42}),
    (API, "https://api.telegram.org", API, "https://api.telegram.org"),
    (API, "https://api.telegram.org/", API, "https://api.telegram.org"),
    (API, "  http://127.0.0.1:8081/  ", API, "http://127.0.0.1:8081"),
    (API, "http://localhost:8081/prefix", API, "http://localhost:8081/prefix"),
]

BAD_FEEDS = [
    "ftp://a.example/feed",
    "a.example/feed",
    "https://a.example/x, file:///etc/passwd",
    "HTTPS//x",
]
BAD_ADMIN_IDS = [
    "abc",
    "1.5",
    "1;2",
    "@someone",
    "1, two",
    "0x10",
    "--5",
    "\u00b2",  # superscript two: str.isdigit says yes, int() says no
]
# field, a value refused, and what the refusal says
REFUSED = [
    *(("feeds", feeds, "not an http") for feeds in BAD_FEEDS),
    *(("admin_ids", ids, "not a Telegram user id") for ids in BAD_ADMIN_IDS),
    *((API, url, "not an http") for url in BAD_API_URLS),
]


@pytest.mark.parametrize(("field", "value", "reader", "expected"), TIDIED)
def test_values_are_tidied(field: str, value: str, reader: str, expected: object) -> None:
    assert getattr(_settings(**{field: value}), reader) == expected


@pytest.mark.parametrize(("field", "value", "problem"), REFUSED)
def test_bad_values_are_refused_with_a_reason(field: str, value: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        _settings(**{field: value})


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("UTC", True),
        ("Europe/Berlin", True),
        ("America/Argentina/Buenos_Aires", True),
        ("", False),
        ("europe/berlin", False),
        ("Mars/Olympus", False),
        ("localtime", False),
        ("posixrules", False),
        ("posix/Europe/Berlin", False),
        ("right/UTC", False),
        ("../etc/passwd", False),
        ("/etc/localtime", False),
        ("Europe/" + "B" * 70, False),
    ],
)
def test_known_zone(name: str, known: bool) -> None:
    assert known_zone(name) is known


def test_timezone_setting() -> None:
    settings = _settings(timezone="Asia/Tokyo")
    assert settings.zone.key == "Asia/Tokyo"
    assert _settings().timezone == "UTC"
    with pytest.raises(ValidationError, match="unknown time zone"):
        _settings(timezone="Mars/Olympus")


# field, the lowest and highest accepted values
RANGES = [
    ("max_sentences", 1, 10),
    ("flood_deadline", 1, 3600),
    ("tldr_retention_hours", 1, 24 * 30),
    ("feed_interval", 10, 7 * 24 * 3600),
    ("max_upload_mb", 1, 20),
    ("max_unpacked_mb", 1, 1000),
    ("request_timeout", 1, 120),
    ("network_retries", 0, 20),
    ("user_rate", 1, 10_000),
    ("user_burst", 1, 1000),
    ("index_refresh", 0, 3600),
]


@pytest.mark.parametrize(("field", "low", "high"), RANGES)
def test_ranges_accept_their_ends(field: str, low: int, high: int) -> None:
    assert getattr(_settings(**{field: low}), field) == low
    assert getattr(_settings(**{field: high}), field) == high


@pytest.mark.parametrize(("field", "low", "high"), RANGES)
def test_ranges_refuse_beyond_their_ends(field: str, low: int, high: int) -> None:
    for value in (low - 1, high + 1, "many"):
        with pytest.raises(ValidationError):
            _settings(**{field: value})


def test_a_chat_rate_above_telegrams_limit_starts_at_the_limit_with_a_warning() -> None:
    """NEWSBOT_CHAT_RATE above 20 was valid once: an operator's .env keeps working, with a
    warning that says what is used instead."""
    assert _settings(chat_rate=20).chat_rate == 20 and not _settings(chat_rate=20).adjustments
    settings = _settings(chat_rate=60)
    assert settings.chat_rate == 20
    (warning,) = settings.adjustments
    assert "NEWSBOT_CHAT_RATE=60" in warning and "20" in warning
    for refused in (0, "many"):
        with pytest.raises(ValidationError):
            _settings(chat_rate=refused)


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_MAX_SENTENCES", "4")
    monkeypatch.setenv("NEWSBOT_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("NEWSBOT_FEEDS", "")  # empty means the default
    settings = _settings()
    assert (settings.max_sentences, settings.timezone, settings.feeds) == (4, "Europe/Paris", "")


@pytest.mark.parametrize(
    ("field", "variable"),
    [
        ("user_rate", "NEWSBOT_USER_RATE"),
        ("opensearch_verify_tls", "NEWSBOT_OPENSEARCH_VERIFY_TLS"),
        ("telegram_bot_token", "TELEGRAM_BOT_TOKEN"),
        ("TELEGRAM_API_URL", "TELEGRAM_API_URL"),  # as a validation error names it
    ],
)
def test_env_name_is_the_variable_a_setting_is_read_from(field: str, variable: str) -> None:
    assert Settings.env_name(field) == variable


def test_every_setting_is_read_from_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(Settings.env_name("chat_rate"), "7")
    monkeypatch.setenv(Settings.env_name("index_refresh"), "0")
    monkeypatch.setenv(Settings.env_name("telegram_api_url"), "http://127.0.0.1:9/")
    assert len(set(Settings.env_names())) == len(Settings.model_fields)
    settings = _settings()
    assert (settings.chat_rate, settings.index_refresh) == (7, 0.0)
    assert settings.telegram_api_url == "http://127.0.0.1:9"


def test_data_dir_expands_home() -> None:
    assert _settings(data_dir="~/news").data_dir == Path.home() / "news"


def test_secrets_never_show_in_repr_str_or_dumps() -> None:
    settings = _settings(telegram_bot_token=TOKEN, webhook_secret=SECRET)
    for shown in (
        repr(settings),
        str(settings),
        settings.model_dump_json(),
        str(settings.model_dump()),
    ):
        assert TOKEN not in shown
        assert SECRET not in shown
    assert settings.token() == TOKEN
    assert settings.secret() == SECRET


def test_a_bad_setting_does_not_echo_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    with pytest.raises(ValidationError) as error:
        _settings(max_sentences=99)
    assert TOKEN not in str(error.value)


def test_token_is_stripped_and_required() -> None:
    assert _settings(telegram_bot_token=SecretStr(f" {TOKEN}\n")).token() == TOKEN
    for missing in ({}, {"telegram_bot_token": ""}):
        with pytest.raises(ValueError, match="TELEGRAM_BOT_TOKEN is not set"):
            _settings(**missing).token()


@pytest.mark.parametrize("secret", ["a", "A-z_0-9", "x" * 256])
def test_webhook_secret_accepts_telegram_characters(secret: str) -> None:
    assert _settings(webhook_secret=secret).secret() == secret


@pytest.mark.parametrize(
    ("secret", "message"),
    [
        (None, "is not set"),
        ("", "is not set"),
        ("has space", "only letters"),
        ("semi;colon", "only letters"),
        ("x" * 257, "only letters"),
        ("ünïcode", "only letters"),
    ],
)
def test_webhook_secret_refuses_others_without_echoing_them(
    secret: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message) as error:
        _settings(webhook_secret=secret).secret()
    if secret:
        assert secret not in str(error.value)


def test_cluster_settings_become_the_client_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setenv("NEWSBOT_OPENSEARCH_URL", " https://os1:9200/, https://os2:9200 ,")
    monkeypatch.setenv("NEWSBOT_OPENSEARCH_CA_BUNDLE", str(ca))
    monkeypatch.setenv("NEWSBOT_OPENSEARCH_PASSWORD", "pw-secret")
    monkeypatch.setenv("NEWSBOT_OPENSEARCH_USER", "bot")
    monkeypatch.setenv("NEWSBOT_OPENSEARCH_PERIOD", "year")
    monkeypatch.setenv("NEWSBOT_OPENSEARCH_SNIFF", "true")
    config = _settings().opensearch()
    assert config.nodes == ["https://os1:9200", "https://os2:9200"]
    assert config.where == "os1:9200,os2:9200" and config.ca_bundle == str(ca)
    assert (config.period, config.sniff, config.timeout, config.retries) == ("year", True, 2.0, 2)
    assert config.bulk_bytes == 5_000_000 and config.password == "pw-secret"
    assert "pw-secret" not in repr(_settings())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("opensearch_url", "https://os1:9200,os2:9200"),  # every node an http(s) URL
        ("opensearch_ca_bundle", "/no/such/ca.pem"),
        ("opensearch_client_cert", "/no/such/cert.pem"),
        ("opensearch_period", "week"),
        ("opensearch_prefix", "news-bot"),  # a "-" could make two prefixes' templates overlap
        ("opensearch_timeout", 0),
        ("opensearch_bulk_bytes", 1000),
    ],
)
def test_bad_cluster_settings_are_refused(field: str, value: Any) -> None:
    with pytest.raises(ValidationError):
        _settings(**{field: value})


def test_sniffing_is_passed_to_the_client() -> None:
    from retrieval import OpenSearchConfig
    from retrieval.engines.opensearch_client import make_client

    client = make_client(OpenSearchConfig(url="http://127.0.0.1:9", sniff=True), sniff_now=False)
    assert client.transport.sniff_on_connection_fail and client.transport.sniffer_timeout
    plain = make_client(OpenSearchConfig(url="http://127.0.0.1:9,http://127.0.0.1:10"))
    assert not plain.transport.sniff_on_connection_fail
    assert len(plain.transport.connection_pool.connections) == 2
