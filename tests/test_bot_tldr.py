"""/tldr end to end: figures and names kept, links to the quoted messages, "since this message"
by reply, related news only when it is clearly related, the compact layout."""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from retrieval import Library

from .conftest import handled, make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

SUPERGROUP = -100123
PUBLIC_GROUP = -100456
BASIC_GROUP = -789
ADMIN = 42

BUDGET_CHAT = [
    ("Ann", "did the budget vote happen yet?"),
    ("Bob", "yes the budget vote happened this afternoon"),
    ("Cat", "the budget vote was really close in the end, closer than anyone expected"),
    ("Dan", "The Senate passed the budget 52 to 48 after Manchin and Sinema joined"),
    ("Ann", "what happens to the budget now?"),
    ("Bob", "the house votes on the budget next week i think"),
    ("Cat", "lunch anyone?"),
]


async def _opt_in(fake: FakeTelegram, bot: Any, chat_id: int) -> None:
    bot.bot_data.state.conversations.enable(chat_id, 0)


def _say(
    fake: FakeTelegram, chat_id: int, lines: list[tuple[str, str]], kind: str, **extra: Any
) -> list[dict[str, Any]]:
    return [
        fake.message(chat_id, text, first_name=name, user_id=100 + i, kind=kind, **extra)
        for i, (name, text) in enumerate(lines)
    ]


async def _tldr(
    fake: FakeTelegram, bot: Any, chat_id: int, kind: str, text: str = "/tldr", **extra: Any
) -> str:
    await handled(fake, bot)  # the conversation is stored before the command arrives
    before = len(fake.sent(chat_id=chat_id))
    fake.message(chat_id, text, user_id=ADMIN, kind=kind, **extra)
    sent = await fake.wait_sent(before + 1, chat_id=chat_id)
    return str(sent[-1]["text"])


async def test_tldr_keeps_the_message_with_figures_and_names(fake: FakeTelegram, bot: Any) -> None:
    await _opt_in(fake, bot, SUPERGROUP)
    _say(fake, SUPERGROUP, BUDGET_CHAT, "supergroup")
    reply = check_html(await _tldr(fake, bot, SUPERGROUP, "supergroup", "/tldr 50"))
    assert reply.startswith("Catch-up") and "3 of 7 messages" in reply
    assert "52 to 48" in reply and "Manchin" in reply


async def test_tldr_links_each_quoted_message_in_a_supergroup(fake: FakeTelegram, bot: Any) -> None:
    await _opt_in(fake, bot, SUPERGROUP)
    said = _say(fake, SUPERGROUP, BUDGET_CHAT, "supergroup")
    html = await _tldr(fake, bot, SUPERGROUP, "supergroup", "/tldr 50")
    check_html(html)
    links = re.findall(r'href="https://t\.me/c/123/(\d+)"', html)
    assert len(links) == 3  # one per quoted message
    assert {int(m) for m in links} <= {m["message_id"] for m in said}
    # The compact layout: the outcome and the next step in the open, the rest in an expandable
    # quote.
    opened, _, quoted = html.partition("<blockquote expandable>")
    assert opened.count("t.me/c/123/") == 2 and quoted.count("t.me/c/123/") == 1
    outcome, step = check_html(opened).split("\n")[3:5]
    assert "52 to 48" in outcome and "next week" in step


async def test_tldr_links_by_username_in_a_public_group(fake: FakeTelegram, bot: Any) -> None:
    await _opt_in(fake, bot, PUBLIC_GROUP)
    said = _say(fake, PUBLIC_GROUP, BUDGET_CHAT, "supergroup", chat_username="budgetwatch")
    html = await _tldr(
        fake, bot, PUBLIC_GROUP, "supergroup", "/tldr 50", chat_username="budgetwatch"
    )
    links = re.findall(r'href="https://t\.me/budgetwatch/(\d+)"', html)
    assert len(links) == 3 and {int(m) for m in links} <= {m["message_id"] for m in said}
    assert "t.me/c/" not in html


async def test_tldr_has_no_message_links_in_a_basic_group(fake: FakeTelegram, bot: Any) -> None:
    await _opt_in(fake, bot, BASIC_GROUP)
    _say(fake, BASIC_GROUP, BUDGET_CHAT, "group")
    html = await _tldr(fake, bot, BASIC_GROUP, "group", "/tldr 50")
    assert "52 to 48" in check_html(html) and "t.me" not in html


async def test_tldr_in_reply_to_a_message_catches_up_since_it(fake: FakeTelegram, bot: Any) -> None:
    await _opt_in(fake, bot, SUPERGROUP)
    now = int(time.time())
    earlier = [("Eve", "Who wants pizza from the new place on Main Street tonight?")]
    _say(fake, SUPERGROUP, earlier, "supergroup", date=now - 600)
    said = _say(fake, SUPERGROUP, BUDGET_CHAT, "supergroup", date=now - 60)
    reply = check_html(await _tldr(fake, bot, SUPERGROUP, "supergroup", reply_to=said[0]))
    assert "of 7 messages" in reply and "pizza" not in reply
    everything = check_html(await _tldr(fake, bot, SUPERGROUP, "supergroup", "/tldr 50"))
    assert "of 8 messages" in everything


async def test_related_news_only_when_clearly_related(fake: FakeTelegram, bot: Any) -> None:
    await _opt_in(fake, bot, SUPERGROUP)
    baseball = [
        ("Ann", "Did everyone see that the Texas Rangers won the World Series?"),
        ("Bob", "Yes! The Rangers beat the Arizona Diamondbacks in Game 5."),
        ("Ann", "First championship in franchise history for the Rangers."),
    ]
    _say(fake, SUPERGROUP, baseball, "supergroup")
    related = check_html(await _tldr(fake, bot, SUPERGROUP, "supergroup", "/tldr 3"))
    assert "Related news" in related and "Rangers win the World Series" in related

    # Shares "series" and "Texas" with the World Series report, but is about something else.
    television = [
        ("Cat", "Has anyone watched the new cooking series on Netflix?"),
        ("Dan", "The Netflix cooking series? The baking episode was great."),
        ("Cat", "That cooking series was filmed in Texas, the baking episode too."),
        ("Dan", "Texas kitchens on Netflix look huge."),
    ]
    _say(fake, SUPERGROUP, television, "supergroup")
    unrelated = check_html(await _tldr(fake, bot, SUPERGROUP, "supergroup", "/tldr 4"))
    assert unrelated.startswith("Catch-up") and "Related news" not in unrelated


# A council's stadium vote, argued over 40 messages: side calculations, chit-chat, the outcome,
# the figures of the deal and the next step.
STADIUM_DEBATE = [
    ("Ann", "anyone watching the council meeting on the stadium tonight?"),
    ("Bob", "yeah streaming it now"),
    ("Cat", "they're debating the Harbor Point stadium deal right now"),
    ("Dan", "the deal puts $410 million of public bonds into the stadium if it goes through"),
    ("Eve", "that's a lot of money for a stadium"),
    ("Bob", "lol"),
    ("Ann", "the team keeps promising 800 permanent jobs"),
    ("Dan", "800 permanent jobs for $150M of city money is about 190k per job"),
    ("Cat", "and the construction jobs are temporary anyway"),
    ("Eve", "brb"),
    ("Ann", "Councilmember Ortiz just said she is voting no"),
    ("Bob", "Ortiz has been against the stadium from the start"),
    ("Dan", "Mayor Reyes is pushing hard for the Harbor Point deal"),
    ("Cat", "the parking plan for the stadium looks terrible"),
    ("Eve", "back"),
    ("Ann", "public comment is taking forever"),
    ("Bob", "42 speakers signed up to talk lol"),
    ("Dan", "if each of the 42 gets 3 minutes that's over 2 hours"),
    ("Cat", "pizza anyone?"),
    ("Ann", "the traffic study says 12,000 cars on game days"),
    ("Bob", "12,000 cars on two roads, good luck with that"),
    ("Eve", "lol"),
    ("Dan", "ok they're voting now"),
    ("Cat", "fingers crossed"),
    ("Ann", "It passed 7 to 2, Ortiz and Kim voted no"),
    ("Bob", "wow"),
    ("Dan", "so the final deal is $410 million in bonds and the team pays the other $390 million"),
    ("Eve", "what happens next?"),
    ("Cat", "There is a public hearing on the bond terms next Tuesday at 6pm at City Hall"),
    ("Ann", "I'll go to the hearing"),
    ("Bob", "me too"),
    ("Dan", "construction could start in the spring if the bonds sell"),
    ("Eve", "the team owner must be thrilled"),
    ("Cat", "lmao"),
    ("Ann", "ok gotta run"),
    ("Bob", "ttyl"),
    ("Dan", "the stadium would open in 2027 at the earliest"),
    ("Eve", "2027 feels optimistic"),
    ("Cat", "👍"),
    ("Ann", "see everyone at the hearing"),
]

COUNCIL_RACE = {
    "id": "race",
    "title": "Riverside elects three new council members",
    "date": "2018-11-07",
    "url": "https://local.example/2018-council",
    "text": "Voters in Riverside elected three new members to the city council on Tuesday.\n"
    "The council race was the closest in a decade, and the vote count took two days.",
}
HARBOR_POINT = {
    "id": "harbor",
    "title": "Harbor Point stadium heads to a council vote",
    "date": (dt.date.today() - dt.timedelta(days=7)).isoformat(),
    "url": "https://local.example/harbor-point",
    "text": "The Harbor Point stadium plan, with $410 million in public bonds, goes to a city "
    "council vote this month.\nMayor Reyes backs the stadium, while Councilmember Ortiz "
    "opposes the public money for it.",
}


def _local_news(tmp_path: Path, *articles: dict[str, str]) -> Library:
    library = Library(tmp_path / "data")
    library.ingest([write_jsonl(tmp_path / "local.jsonl", list(articles))])
    return library


def _debate(fake: FakeTelegram, *, users: dict[str, int], start: int) -> list[dict[str, Any]]:
    return [
        fake.message(
            SUPERGROUP,
            text,
            first_name=name,
            user_id=users[name],
            kind="supergroup",
            date=start + 60 * i,
        )
        for i, (name, text) in enumerate(STADIUM_DEBATE)
    ]


USERS = {name: 200 + i for i, name in enumerate(["Ann", "Bob", "Cat", "Dan", "Eve"])}


async def test_tldr_of_a_long_debate_leads_with_its_outcome_and_next_step(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    library = _local_news(tmp_path, COUNCIL_RACE)
    start = int(time.time()) - 3600
    async with running(build_application(make_settings(fake, tmp_path / "data"), library)) as bot:
        await _opt_in(fake, bot, SUPERGROUP)
        _debate(fake, users=USERS, start=start)
        html = await _tldr(fake, bot, SUPERGROUP, "supergroup", "/tldr 50")
    opened, _, quoted = html.partition("<blockquote expandable>")
    lines = check_html(opened).split("\n")
    first, last = (
        dt.datetime.fromtimestamp(at, dt.UTC).strftime("%H:%M") for at in (start, start + 39 * 60)
    )
    # the span and number of the messages covered, not of the ones shown
    assert lines[0] == "Catch-up" and lines[1].startswith("5 of 40 messages")
    assert first in lines[1] and last in lines[1]
    # what was decided, its figures, then the next step: in the open, in that order
    assert "It passed 7 to 2" in lines[3]
    assert "$410 million in bonds" in lines[4]
    assert "public hearing on the bond terms next Tuesday at 6pm at City Hall" in lines[5]
    everything = check_html(html)
    for aside in ("190k per job", ": brb", ": lol", ": ttyl", ": 👍", "pizza"):
        assert aside not in everything  # side calculations and chit-chat never make it
    assert quoted and "Related news" not in everything  # the 2018 council race is not related


async def test_related_news_shares_the_debates_names_not_one_common_word(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    library = _local_news(tmp_path, COUNCIL_RACE, HARBOR_POINT)
    async with running(build_application(make_settings(fake, tmp_path / "data"), library)) as bot:
        await _opt_in(fake, bot, SUPERGROUP)
        _debate(fake, users=USERS, start=int(time.time()) - 3600)
        related = check_html(await _tldr(fake, bot, SUPERGROUP, "supergroup", "/tldr 50"))
    news = related.partition("Related news")[2]
    assert "Harbor Point stadium heads to a council vote" in news
    assert "Riverside elects" not in news


async def test_tldr_since_your_last_message_says_so_and_small_talk_is_no_catch_up(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    library = _local_news(tmp_path, COUNCIL_RACE)
    start = int(time.time()) - 3600
    async with running(build_application(make_settings(fake, tmp_path / "data"), library)) as bot:
        await _opt_in(fake, bot, SUPERGROUP)
        _debate(fake, users=USERS, start=start)
        await handled(fake, bot)
        # Bob's last word was "ttyl": four messages came after it
        fake.message(SUPERGROUP, "/tldr", user_id=USERS["Bob"], kind="supergroup")
        since_bob = check_html((await fake.wait_sent(chat_id=SUPERGROUP))[-1]["text"])
        assert "of 4 messages since your last one" in since_bob
        assert "see everyone at the hearing" in since_bob
        # after Ann's question only "brb" came: nothing to catch up on, and it says why
        now = int(time.time())
        fake.message(
            SUPERGROUP,
            "who is going to the hearing?",
            user_id=USERS["Ann"],
            kind="supergroup",
            date=now - 20,
        )
        fake.message(
            SUPERGROUP,
            "brb",
            first_name="Bob",
            user_id=USERS["Bob"],
            kind="supergroup",
            date=now - 10,
        )
        await handled(fake, bot)
        before = len(fake.sent(chat_id=SUPERGROUP))
        fake.message(SUPERGROUP, "/tldr", user_id=USERS["Ann"], kind="supergroup")
        sent = await fake.wait_sent(before + 1, chat_id=SUPERGROUP)
    reply = check_html(sent[-1]["text"])
    assert reply == "Nothing to catch up on: 1 message, all small talk."


async def test_a_burst_of_group_messages_does_not_delay_an_answer(
    fake: FakeTelegram, bot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy group's messages are stored in batches off the event loop: even with the disk
    stalled under them, a private question is answered; once the disk answers, every message
    is stored, in a few writes."""
    stored = bot.bot_data.state.conversations
    stored.enable(SUPERGROUP, 0)
    disk = threading.Event()
    loop = threading.get_ident()
    writes: list[int] = []
    record = stored.record

    def stalled(messages: Any, now: float) -> list[int]:
        writes.append(threading.get_ident())
        disk.wait(60)  # a disk that does not answer (60 s: a broken test ends, never hangs)
        return record(messages, now)

    monkeypatch.setattr(stored, "record", stalled)
    for number in range(200):
        fake.message(SUPERGROUP, f"message {number} about the match", kind="supergroup",
                     first_name="Ann", user_id=100 + number % 7)  # fmt: skip
    fake.message(7001, "Who won the World Series?", user_id=7001)
    (answer,) = await fake.wait_sent(chat_id=7001)
    assert "Texas Rangers" in check_html(answer["text"])
    assert stored.count(SUPERGROUP) == 0  # the answer came while nothing could be written
    disk.set()
    await handled(fake, bot)
    assert stored.count(SUPERGROUP) == 200
    assert writes and loop not in writes  # never on the event loop
    assert len(writes) <= 5  # batched: the stalled write, then what gathered behind it
