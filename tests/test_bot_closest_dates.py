"""Time words prefer, they never empty an answer, through the bot (issue 26, item 7): a
question about "this week" whose news is older is answered from the closest dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.app import build_application
from retrieval import Library

from .conftest import make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html
from .test_bot_answers_lead import DEV, _ask, _dev_subset
from .test_closest_dates import ASKED as ELM_ASKED
from .test_closest_dates import _records

# The dev question, asked on its day: South Korea's change of how ages are counted was
# reported in December 2022.
YOUNGER = "In which nation did every citizen officially become one or two years younger this week?"
ASKED = dt.date(2023, 6, 30)


@pytest.fixture(scope="module")
def korea_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (DEV / "articles.jsonl.gz").exists():
        pytest.skip(f"the dev collection is not here ({DEV}): ../shared/data is absent")
    folder = tmp_path_factory.mktemp("korea-subset")
    articles = _dev_subset(folder, ("younger", "South Korea"), sample=400)
    Library(folder / "data", seed=False).ingest([articles])
    return folder / "data"


pytestmark = pytest.mark.xdist_group("dev_subset")


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="not reached: even with every date allowed the sentence model ranks the December "
    "2022 report 31st of the pool (docs/quality.md, issue 26 item 7)",
)
async def test_the_this_week_dev_question_is_answered_from_december_2022(
    fake: FakeTelegram, tmp_path: Path, korea_library: Path
) -> None:
    settings = make_settings(fake, tmp_path / "state")
    async with running(build_application(settings, Library(korea_library, seed=False))):
        visible = check_html(await _ask(fake, YOUNGER, day=ASKED))
    assert "South Korea" in visible.split("\n\n")[1]
    assert "2022-12" in visible


async def test_a_week_without_reports_is_answered_from_the_closest_dates_and_says_so(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    library = Library(tmp_path / "data", seed=False)
    library.ingest([write_jsonl(tmp_path / "news.jsonl", _records())])
    settings = make_settings(fake, tmp_path / "data")
    async with running(build_application(settings, library)):
        visible = check_html(
            await _ask(
                fake,
                "What did the council decide about the Elm Street library this week?",
                day=ELM_ASKED,
            )
        )
        assert visible.startswith("Nothing from that week; the closest reports:")
        assert "Elm Street library" in visible and "2024-01-10" in visible
        # In German the line is German; the quoted report stays as written.
        noon = dt.datetime.combine(ELM_ASKED, dt.time(12), tzinfo=dt.UTC)
        fake.message(
            2,
            "What did the council decide about the Elm Street library this month?",
            date=int(noon.timestamp()),
            language="de",
        )
        german = check_html((await fake.wait_sent(1, chat_id=2))[-1]["text"])
    assert german.startswith("Nichts aus diesem Monat; die nächstliegenden Berichte:")
    assert "Elm Street library" in german
