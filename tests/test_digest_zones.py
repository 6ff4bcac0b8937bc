"""Digest time zones: only loadable IANA names are accepted, and a stored subscription that
no longer resolves (or was edited by hand) is skipped at start, never a failed start."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from bot.app import build_application
from bot.features.digest import parse_digest_args
from bot.settings import Settings, known_zone
from bot.state import BotState, Digest
from retrieval import Library

from .conftest import make_settings, running
from .fake_telegram import FakeTelegram
from .telegram_html import check_html


@pytest.mark.parametrize(
    "zone",
    ["posix/Europe/Berlin", "right/UTC", "localtime", "posixrules", "Europe", "x" * 300,
     "../../etc/passwd", "Europe/Berlin\x00", ""],
)  # fmt: skip
def test_host_specific_and_odd_zones_are_refused(zone: str) -> None:
    assert not known_zone(zone)
    assert parse_digest_args(["08:00", zone], "UTC").action == "bad"
    with pytest.raises(ValueError):
        Settings(timezone=zone)


def test_iana_zones_are_accepted() -> None:
    assert known_zone("Europe/Berlin") and known_zone("UTC")
    assert parse_digest_args(["8:05", "America/New_York"], "UTC").tz == "America/New_York"


async def test_bad_stored_digests_are_skipped_and_the_chat_is_told(
    fake: FakeTelegram, library: Library, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state = BotState(tmp_path / "data")
    path = state.path
    state.digests.set(Digest(-1, 0, "08:00", "Europe/Berlin", 0))
    state.digests.set(Digest(-2, 0, "08:00", "posix/Europe/Berlin", 0))  # not on slim hosts
    state.digests.set(Digest(-3, 0, "25:99", "UTC", 0))
    state.close()
    with sqlite3.connect(path) as db:  # hand edits: a text where a number goes
        db.execute("INSERT INTO digests VALUES (-4, 0, '07:00', 'UTC', 'yesterday')")
    caplog.set_level(logging.WARNING, logger="newsbot")
    application = build_application(
        make_settings(fake, tmp_path / "data"), library, BotState(tmp_path / "data")
    )
    async with running(application) as app:
        assert app.job_queue.get_jobs_by_name("digest:-1:0")
        for chat in (-2, -3, -4):
            assert not app.job_queue.get_jobs_by_name(f"digest:{chat}:0")
        skipped = [r.getMessage() for r in caplog.records if "digest was skipped" in r.getMessage()]
        assert len(skipped) == 3 and "not known here" in skipped[0]

        fake.message(-2, "/digest", kind="group")
        (told,) = await fake.wait_sent(chat_id=-2)
        assert "not running" in check_html(told["text"]) and "posix/Europe/Berlin" in told["text"]
        fake.chat_members[(-3, 42)] = "administrator"
        fake.message(-3, "/digest 09:00 Europe/Paris", kind="group")
        told, done = await fake.wait_sent(2, chat_id=-3)
        assert "not HH:MM" in check_html(told["text"]) and "09:00" in check_html(done["text"])
        assert app.job_queue.get_jobs_by_name("digest:-3:0")
