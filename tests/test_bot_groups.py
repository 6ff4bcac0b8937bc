"""Group features end to end: /summary, /digest and its job, /tldr and /forget."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from retrieval import Library

from .clock import FakeClock
from .conftest import handled, write_jsonl
from .fake_telegram import PHOTO, STICKER, FakeTelegram
from .telegram_html import check_html

GROUP = -100123
ADMIN, MEMBER = 42, 43


def _texts(fake: FakeTelegram, chat_id: int = GROUP) -> list[str]:
    return [check_html(s["text"]) for s in fake.sent(chat_id=chat_id)]


async def _command(fake: FakeTelegram, text: str, user_id: int = ADMIN, **extra: Any) -> str:
    before = len(fake.sent(chat_id=GROUP))
    fake.message(GROUP, text, user_id=user_id, kind="supergroup", **extra)
    sent = await fake.wait_sent(before + 1, chat_id=GROUP)
    return check_html(sent[-1]["text"])


async def test_summary_in_a_group_is_dated_and_sourced(fake: FakeTelegram, bot) -> None:
    reply = await _command(fake, "/summary World Series")
    assert reply.startswith("Summary: World Series")
    assert "2023-11-02" in reply and "example.com" in reply
    latest = await _command(fake, "/summary")
    # the newest news: where it ends first, then the period it covers
    assert latest.startswith("My news ends on 2 Nov 2023.\n\nThe news from ")
    nothing = await _command(fake, "/summary xylophone quasar zebra")
    assert "Nothing" in nothing


async def test_digest_set_by_admin_refused_for_member(fake: FakeTelegram, bot) -> None:
    fake.chat_members[(GROUP, ADMIN)] = "administrator"
    assert "Only the group's administrators" in await _command(fake, "/digest 08:00", MEMBER)
    assert "Usage" in await _command(fake, "/digest 25:99")
    assert "Usage" in await _command(fake, "/digest 08:00 Mars/Base")
    assert "08:00" in await _command(fake, "/digest 08:00 Europe/Berlin")
    assert "Europe/Berlin" in await _command(fake, "/digest", MEMBER)
    assert bot.job_queue.get_jobs_by_name(f"digest:{GROUP}:0")
    assert "stopped" in await _command(fake, "/digest off")
    assert not [j for j in bot.job_queue.get_jobs_by_name(f"digest:{GROUP}:0") if not j.removed]


async def test_digest_job_posts_only_new_articles(
    fake: FakeTelegram, bot, library: Library, tmp_path: Path
) -> None:
    library.clock = clock = FakeClock(time.time())  # stamps ingests and digest periods
    fake.chat_members[(GROUP, ADMIN)] = "creator"
    await _command(fake, "/digest 07:30")
    (job,) = bot.job_queue.get_jobs_by_name(f"digest:{GROUP}:0")
    await job.run(bot)  # runs the job to its end: whatever it posts has been sent
    assert len(fake.sent(chat_id=GROUP)) == 1  # nothing new yet: no message
    clock.advance(1)  # articles are stamped with the second they were added
    new = {
        "id": "new1",
        "title": "Council opens the new library",
        "date": "2023-11-05",
        "url": "https://example.com/library",
        "text": "The city council opened the new public library downtown on Sunday morning.",
    }
    library.ingest([write_jsonl(tmp_path / "new.jsonl", [new])])
    await job.run(bot)
    sent = await fake.wait_sent(2, chat_id=GROUP)
    digest = check_html(sent[-1]["text"])
    assert digest.startswith("Daily digest") and "public library" in digest
    await job.run(bot)
    assert len(fake.sent(chat_id=GROUP)) == 2  # already posted: nothing new again


async def test_tldr_stores_only_after_opt_in_and_forgets(fake: FakeTelegram, bot) -> None:
    store = bot.bot_data.state.conversations
    fake.chat_members[(GROUP, ADMIN)] = "administrator"
    fake.message(GROUP, "This is said before anyone opted in.", kind="supergroup")
    await handled(fake, bot)
    assert store.count(GROUP) == 0
    assert "Only the group's administrators" in await _command(fake, "/tldr on", MEMBER)
    assert "store" in await _command(fake, "/tldr on")

    conversation = [
        (ADMIN, "Ann", "Did everyone see that the Texas Rangers won the World Series?"),
        (MEMBER, "Bob", "Yes! The Rangers beat the Arizona Diamondbacks in Game 5."),
        (ADMIN, "Ann", "First championship in franchise history for the Rangers."),
        (MEMBER, "Bob", "ok"),
    ]
    for user_id, name, text in conversation:
        fake.message(GROUP, text, user_id=user_id, first_name=name, kind="supergroup")
    fake.message(GROUP, None, kind="supergroup", sticker=STICKER)
    fake.message(GROUP, None, kind="supergroup", photo=PHOTO, caption="Parade photo of the Rangers")
    fake.message(
        GROUP,
        "Forwarded: Rangers parade on Friday downtown.",
        kind="supergroup",
        forward_origin={"type": "hidden_user", "date": 0, "sender_user_name": "X"},
    )
    fake.message(GROUP, "Topic chatter about pizza", kind="supergroup", thread_id=77, forum=True)
    await handled(fake, bot)
    assert store.count(GROUP) == 7  # text, captions and forwards; no sticker

    reply = await _command(fake, "/tldr", user_id=99)
    assert reply.startswith("Catch-up") and "Ann" in reply and "Rangers" in reply
    assert "pizza" not in reply  # another topic
    assert "Related news" in reply and "Rangers win the World Series" in reply
    topic = await _command(fake, "/tldr", user_id=99, thread_id=77, forum=True)
    assert "pizza" in topic and "Rangers" not in topic.split("Related news")[0]

    assert "Usage" in await _command(fake, "/tldr -5")
    assert "Usage" in await _command(fake, "/tldr 99999h")
    assert "Catch-up" in await _command(fake, "/tldr 3h")
    assert "Only the group's administrators" in await _command(fake, "/forget", MEMBER)
    assert "Deleted 7" in await _command(fake, "/forget")
    assert "Nothing to catch up on" in await _command(fake, "/tldr 100")
    assert "deleted" in await _command(fake, "/tldr off")
    fake.message(GROUP, "Said after opting out.", kind="supergroup")
    await handled(fake, bot)
    assert store.count(GROUP) == 0


async def test_edited_message_replaces_stored_text(fake: FakeTelegram, bot) -> None:
    store = bot.bot_data.state.conversations
    store.enable(GROUP, 0)
    original = fake.message(GROUP, "The vote is on Tuesdya.", kind="supergroup")
    await handled(fake, bot)
    fake.message(
        GROUP,
        "The vote is on Tuesday.",
        kind="supergroup",
        update_type="edited_message",
        message_id=original["message_id"],
    )
    await handled(fake, bot)
    assert [m.text for m in store.messages(GROUP, 0)] == ["The vote is on Tuesday."]


async def test_tldr_in_private_chat_explains(fake: FakeTelegram, bot) -> None:
    fake.message(5, "/tldr")
    sent = await fake.wait_sent(chat_id=5)
    assert "group" in sent[0]["text"]
