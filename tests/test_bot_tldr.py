"""/tldr end to end: figures and names kept, links to the quoted messages, "since this message"
by reply, related news only when it is clearly related, the compact layout."""

from __future__ import annotations

import re
import time
from typing import Any

from .conftest import handled
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
    bot.bot_data.store.enable_tldr(chat_id, 0)


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
    # The compact layout: the best message in the open, the others in an expandable quote.
    opened, _, quoted = html.partition("<blockquote expandable>")
    assert opened.count("t.me/c/123/") == 1 and quoted.count("t.me/c/123/") == 2


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
