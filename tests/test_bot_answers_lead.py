"""Answers that answer, through the bot: the first thing a reader sees states the asked fact.

The cost question over a two-article /add upload (one article states the cost, the other a
petition against the project), and the dev collection's examples of issue 22 (a subset of
../shared/data's articles: those that mention the events asked about, plus a sample of the
rest), each asked on its own day.
"""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from retrieval import Library

from .conftest import make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

ADMIN = 42
DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "news-qa-dev"

COST = {
    "title": "Council approves Riverside stadium",
    "date": "2024-03-12",
    "url": "https://news.example.com/riverside-approved",
    "text": "The city council voted 7-2 on Monday to approve the new Riverside stadium.\n"
    "The stadium will cost $410 million, with the city paying a third of it, the mayor's "
    "office said.\nConstruction is due to start in the autumn and end in 2027.",
}
PETITION = {
    "title": "Residents petition against the Riverside stadium",
    "date": "2024-03-14",
    "url": "https://news.example.com/riverside-petition",
    "text": "More than 3,000 residents have signed a petition against the Riverside stadium, "
    "saying the project will cost the neighbourhood its only park.\n"
    "The petition asks the council to put the stadium to a public vote.\n"
    "Organisers said they would hand it to the mayor next week.",
}


def _lead(html: str) -> str:
    """What a reader sees before the fold: the title and the lead article's sentences."""
    return check_html(html.partition("<blockquote")[0])


async def _ask(
    fake: FakeTelegram, text: str, chat_id: int = ADMIN, day: dt.date | None = None
) -> str:
    """The bot's reply to ``text``, sent on ``day`` (the message's date: the answer's as-of)."""
    before = len(fake.sent(chat_id=chat_id))
    if day is None:
        fake.message(chat_id, text)
    else:
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
        fake.message(chat_id, text, date=int(noon.timestamp()))
    sent = await fake.wait_sent(before + 1, chat_id=chat_id)
    return str(sent[-1]["text"])


@pytest.mark.slow
async def test_the_cost_question_over_an_upload_leads_with_the_cost(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data", admin_ids=str(ADMIN))
    async with running(build_application(settings, Library(tmp_path / "data"))):
        upload = "".join(json.dumps(a) + "\n" for a in (PETITION, COST)).encode()
        before = len(fake.sent(chat_id=ADMIN))
        fake.document(ADMIN, "riverside.jsonl", upload, user_id=ADMIN)
        report = check_html((await fake.wait_sent(before + 1, chat_id=ADMIN))[-1]["text"])
        assert "Added 2" in report
        html = await _ask(fake, "How much will the Riverside stadium cost?")
    lead = _lead(html)
    assert lead.startswith("Council approves Riverside stadium\n")
    assert "$410 million" in lead.split("\n")[1]  # the first sentence states the cost
    assert "petition" not in lead.split("\n")[1]


async def test_a_refusal_never_contradicts_the_reports_it_shows(
    fake: FakeTelegram, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import retrieval.answer

    monkeypatch.setattr(retrieval.answer, "THRESHOLD", 1.01)  # every answer refused
    settings = make_settings(fake, tmp_path / "state")
    async with running(build_application(settings, library)):
        # the closest report names a team: the reader sees a possible answer
        named = check_html(await _ask(fake, "Who won the World Series?"))
        # it states no figure: nothing the reader sees answers "how many"
        counted = check_html(await _ask(fake, "How many people attended the Westminster show?"))
    assert named.startswith("I'm not sure these reports answer it.\n\nClosest reports:")
    assert "Texas Rangers" in named and "no direct answer" not in named
    assert counted.startswith("My collection has no direct answer to that.")


def _dev_subset(folder: Path, mentions: tuple[str, ...], sample: int) -> Path:
    """The dev articles that mention one of ``mentions``, and every so many of the rest (up to
    ``sample``), as a file to index."""
    chosen = []
    others = 0
    with gzip.open(DEV / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            record: dict[str, Any] = json.loads(line)
            text = f"{record.get('title', '')}\n{record.get('text', '')}"
            if any(m in text for m in mentions):
                chosen.append(record)
            elif number % 10 == 0 and others < sample:
                chosen.append(record)
                others += 1
    return write_jsonl(folder / "dev-subset.jsonl", chosen)


# The issue's examples: each question, the day it is asked, and the answer the lead must show.
EXAMPLES = [
    ("Who won the 2022 World Cup?", dt.date(2022, 12, 20), "Argentina"),
    # Led with the US team's round-of-16 loss on main (dc0da82); with issue 26's names as
    # phrases and time words that prefer merged, it leads with the final.
    ("Which team won the Women's World Cup?", dt.date(2023, 8, 24), "Spain"),
    (
        "Who won the NHL's Hart Trophy, given to the player voted by the media as the "
        "league's MVP?",
        dt.date(2022, 6, 24),
        "Auston Matthews",
    ),
]


@pytest.fixture(scope="module")
def dev_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (DEV / "articles.jsonl.gz").exists():
        pytest.skip(f"the dev collection is not here ({DEV}): ../shared/data is absent")
    folder = tmp_path_factory.mktemp("dev-subset")
    articles = _dev_subset(folder, ("World Cup", "Hart Trophy", "NHL"), sample=400)
    Library(folder / "data", seed=False).ingest([articles])
    return folder / "data"


pytestmark = pytest.mark.xdist_group("dev_subset")


@pytest.mark.slow
@pytest.mark.parametrize(("question", "day", "answer"), EXAMPLES)
async def test_the_issue_examples_lead_with_their_answer(
    fake: FakeTelegram, tmp_path: Path, dev_library: Path, question: str, day: dt.date, answer: str
) -> None:
    settings = make_settings(fake, tmp_path / "state")
    async with running(build_application(settings, Library(dev_library, seed=False))):
        html = await _ask(fake, question, day=day)
    lead = _lead(html)
    assert answer in lead, lead


def test_the_subset_keeps_the_examples_competition(tmp_path: Path) -> None:
    if not (DEV / "articles.jsonl.gz").exists():
        pytest.skip(f"the dev collection is not here ({DEV}): ../shared/data is absent")
    path = _dev_subset(tmp_path, ("Hart Trophy",), sample=5)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert 5 < len(lines) < 200
    assert all("date" in json.loads(line) for line in itertools.islice(lines, 3))
