"""Names stay names: "damar hamlin" is searched as a phrase first, its words only after the
phrase runs out (retrieval/names.py), inline through the fake Bot API server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from retrieval import Library
from retrieval.names import name_phrases

from .conftest import make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .test_bot_inline import _answer, _results

AS_OF = dt.date(2023, 1, 10)
DAMAR = 27  # more than a page


def _day(offset: int) -> str:
    return (AS_OF - dt.timedelta(days=offset)).isoformat()


def _look_alikes() -> list[dict[str, Any]]:
    """Damar Hamlin's articles (later passages say "Hamlin" alone), and newer articles full of
    his surname's look-alikes: Denny Hamlin's races, Hamline University, Kendrick Hamlin, and
    a Damar who is someone else."""
    records: list[dict[str, Any]] = []
    for i in range(DAMAR):
        records.append(
            {
                "id": f"damar{i}",
                "title": f"Bills update {i}",
                "date": _day(8 + i % 5),
                "url": f"https://example.com/bills/{i}",
                "text": (
                    f"Buffalo Bills safety Damar Hamlin spoke to his teammates on day {i}.\n\n"
                    "Hamlin collapsed on the field in Cincinnati and was treated at the "
                    "hospital. Doctors said Hamlin was improving."
                ),
            }
        )
    others = [
        (
            "denny",
            "Denny Hamlin wins at Daytona",
            "Denny Hamlin led the final laps. Hamlin "
            "and his crew celebrated; Hamlin said the car was fast. Hamlin, Hamlin, Hamlin.",
        ),
        (
            "hamline",
            "Hamline University opens a library",
            "Hamline University in Hamline "
            "Midway opened its new library. Hamline students and Hamlin Park neighbours came.",
        ),
        (
            "kendrick",
            "Kendrick Hamlin signs",
            "Kendrick Hamlin signed with the Commanders. "
            "Hamlin played safety in college; Hamlin is a rookie.",
        ),
        (
            "damarind",
            "Damar Industries expands",
            "Damar Industries opened a plant. Damar "
            "employs 300 people, and the Hamlin family owns a share.",
        ),
    ]
    for name, title, text in others:
        for i in range(12):
            records.append(
                {
                    "id": f"{name}{i}",
                    "title": f"{title} ({i})",
                    "date": _day(i % 3),  # newer than Damar Hamlin's: the date weight favours them
                    "url": f"https://example.com/{name}/{i}",
                    "text": text,
                }
            )
    return records


@pytest.fixture
def look_alikes(tmp_path: Path) -> Library:
    library = Library(tmp_path / "data", seed=False)
    library.ingest([write_jsonl(tmp_path / "names.jsonl", _look_alikes())])
    return library


def test_names_of_several_words_are_found(look_alikes: Library) -> None:
    index = look_alikes.index
    assert name_phrases("Who is Damar Hamlin?", "en") == (("damar", "hamlin"),)
    assert name_phrases("What happened to Damar Hamlin and Denny Hamlin?", "en") == (
        ("damar", "hamlin"),
        ("denni", "hamlin"),
    )
    assert name_phrases("Who won?", "en") == ()
    # A lower-case query: a run counts when the collection writes it as a name.
    assert name_phrases("damar hamlin", "en", index) == (("damar", "hamlin"),)
    assert name_phrases("hamlin collapsed", "en", index) == ()  # written, but not as a name
    assert name_phrases("damar hamlin", "en") == ()  # without the collection: no way to tell


def test_lookup_lists_every_article_with_the_name_before_any_with_one_of_its_words(
    look_alikes: Library,
) -> None:
    hits = look_alikes.lookup("damar hamlin", as_of=AS_OF, limit=60)
    keys = [hit.key for hit in hits]
    damar = [i for i, hit in enumerate(hits) if hit.url.startswith("https://example.com/bills/")]
    assert len(damar) == DAMAR and damar == list(range(DAMAR)), keys
    assert len(hits) > DAMAR  # the look-alikes follow, after the name ran out


async def test_inline_pages_show_no_look_alike_before_the_name_runs_out(
    fake: FakeTelegram, look_alikes: Library, tmp_path: Path
) -> None:
    application = build_application(make_settings(fake, tmp_path / "data"), look_alikes)
    async with running(application):
        first = await _answer(fake, "damar hamlin")
        second = await _answer(fake, "damar hamlin", offset=first["next_offset"])
    pages = _results(first) + _results(second)
    titles = [r["title"] for r in pages]
    assert all(title.startswith("Bills update") for title in titles[:DAMAR]), titles
    assert not any("Denny" in title for title in titles[:DAMAR])
    assert any(not title.startswith("Bills update") for title in titles[DAMAR:])
