"""The /digest argument parser (bot.features.digest) and the checks of a stored subscription
(bot.digest_jobs)."""

from __future__ import annotations

import pytest

from bot.digest_jobs import job_name, stored_problem
from bot.features.digest import DigestRequest, parse_digest_args
from bot.state import Digest

BAD = DigestRequest("bad")

# Arguments /digest refuses (a usage message)
REFUSED = [
    # bad times
    ["24:00"],
    ["8:60"],
    ["8:5"],
    ["08"],
    ["0800"],
    ["8.00"],
    ["8:00am"],
    ["-1:00"],
    ["123:00"],
    [" 08:00"],
    [""],
    ["on"],
    ["\u0668:\u0660\u0660"],  # Arabic-Indic digits: not a clock the store keeps
    # bad zones and extra words
    ["08:00", "Mars/Olympus"],
    ["08:00", "europe/berlin"],  # zone names are case-sensitive
    ["08:00", "posix/Europe/Berlin"],  # host copies, not IANA names
    ["08:00", "right/UTC"],
    ["08:00", "localtime"],
    ["08:00", "../../etc/passwd"],
    ["08:00", "Europe/" + "x" * 80],
    ["08:00", "Europe/Berlin", "daily"],
    ["off", "now"],
    ["Europe/Berlin", "08:00"],
]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], DigestRequest("show")),
        (["off"], DigestRequest("off")),
        (["OFF"], DigestRequest("off")),
        (["stop"], DigestRequest("off")),
        (["Stop"], DigestRequest("off")),
        # times: one or two hour digits, always stored as HH:MM
        (["08:00"], DigestRequest("set", "08:00", "UTC")),
        (["8:05"], DigestRequest("set", "08:05", "UTC")),
        (["0:00"], DigestRequest("set", "00:00", "UTC")),
        (["19:30"], DigestRequest("set", "19:30", "UTC")),
        (["23:59"], DigestRequest("set", "23:59", "UTC")),
        # zones: the given one, else the default
        (["08:00", "Europe/Berlin"], DigestRequest("set", "08:00", "Europe/Berlin")),
        (
            ["7:00", "America/Argentina/Buenos_Aires"],
            DigestRequest("set", "07:00", "America/Argentina/Buenos_Aires"),
        ),
        (["08:00", "UTC"], DigestRequest("set", "08:00", "UTC")),
        *((args, BAD) for args in REFUSED),
    ],
)
def test_parse_digest_args(args: list[str], expected: DigestRequest) -> None:
    assert parse_digest_args(args, "UTC") == expected


def test_the_default_zone_is_the_settings_zone() -> None:
    assert parse_digest_args(["06:15"], "Asia/Tokyo") == DigestRequest("set", "06:15", "Asia/Tokyo")


def test_an_unknown_default_zone_is_bad_without_a_zone_but_fine_with_one() -> None:
    assert parse_digest_args(["06:15"], "Nowhere/Town") == BAD
    assert parse_digest_args(["06:15", "UTC"], "Nowhere/Town") == DigestRequest(
        "set", "06:15", "UTC"
    )


@pytest.mark.parametrize(
    ("digest", "problem"),
    [
        (Digest(-100, 0, "08:00", "UTC", 0), None),
        (Digest(-100, 7, "23:59", "Europe/Berlin", 1_700_000_000), None),
        (Digest(-100, 0, "8:00", "UTC", 0), None),  # the parser's own pattern
        (Digest(-100, 0, "24:00", "UTC", 0), "its stored time is not HH:MM"),
        (Digest(-100, 0, 800, "UTC", 0), "its stored time is not HH:MM"),  # type: ignore[arg-type]
        (
            Digest(-100, 0, "08:00", "Mars/Olympus", 0),
            "its time zone 'Mars/Olympus' is not known here",
        ),
        (Digest(-100, 0, "08:00", None, 0), "its time zone 'None' is not known here"),  # type: ignore[arg-type]
        (Digest("-100", 0, "08:00", "UTC", 0), "a stored value is not a number"),  # type: ignore[arg-type]
        (Digest(-100, None, "08:00", "UTC", 0), "a stored value is not a number"),  # type: ignore[arg-type]
        (Digest(-100, 0, "08:00", "UTC", 1.5), "a stored value is not a number"),  # type: ignore[arg-type]
    ],
)
def test_stored_problem(digest: Digest, problem: str | None) -> None:
    assert stored_problem(digest) == problem


def test_a_long_stored_zone_is_cut_in_the_problem() -> None:
    problem = stored_problem(Digest(-100, 0, "08:00", "Z" * 500, 0))
    assert problem is not None
    assert len(problem) < 120


def test_job_names_differ_by_chat_and_topic() -> None:
    names = {job_name(-100, 0), job_name(-100, 7), job_name(-200, 0), job_name(100, 0)}
    assert len(names) == 4
