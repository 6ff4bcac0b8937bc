"""End to end: the real Application polling the fake Bot API server."""

from __future__ import annotations

from .conftest import handled
from .fake_telegram import BOT_ID, BOT_USERNAME, FakeTelegram, Fault
from .telegram_html import check_html

PRIVATE = 1001
GROUP = -2002


async def test_private_question_gets_dated_sentences(fake: FakeTelegram, bot) -> None:
    fake.message(PRIVATE, "Will the US sanction Turkey over the S-400?")
    sent = await fake.wait_sent(chat_id=PRIVATE)
    reply = sent[0]
    assert reply["parse_mode"] == "HTML"
    visible = check_html(reply["text"])
    assert "2019-07-01" in visible
    assert "sanction" in visible.lower()


async def test_refused_command_menu_is_logged_and_the_bot_keeps_running(
    fake: FakeTelegram, library, tmp_path
) -> None:
    from bot.app import build_application

    from .conftest import make_settings, running

    fake.faults["setMyCommands"] = [Fault(status=400, description="Bad Request")] * 2
    async with running(build_application(make_settings(fake, tmp_path / "data"), library)):
        fake.message(PRIVATE, "Who won the World Series?")
        sent = await fake.wait_sent(chat_id=PRIVATE)
    assert "Texas Rangers" in check_html(sent[0]["text"])


async def test_group_ask_command_and_mention_answered(fake: FakeTelegram, bot) -> None:
    fake.message(GROUP, "/ask Who won the World Series?", kind="supergroup")
    mention = f"@{BOT_USERNAME} how many monkeypox cases are there?"
    fake.message(
        GROUP,
        mention,
        kind="supergroup",
        entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}],
    )
    sent = await fake.wait_sent(2, chat_id=GROUP)
    texts = [check_html(s["text"]) for s in sent]
    assert any("Texas Rangers" in t for t in texts)
    assert any("10,000" in t for t in texts)


async def test_reply_to_bot_is_a_question_and_plain_chatter_ignored(
    fake: FakeTelegram, bot
) -> None:
    fake.message(GROUP, "I had pancakes for breakfast, who won the World Series?", kind="group")
    bot_message = {
        "message_id": 5,
        "date": 0,
        "chat": {"id": GROUP, "type": "group", "title": "G"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "News Bot"},
        "text": "earlier answer",
    }
    fake.message(GROUP, "and which dog won best in show?", kind="group", reply_to=bot_message)
    sent = await fake.wait_sent(1, chat_id=GROUP)
    await handled(fake, bot)
    sent = fake.sent(chat_id=GROUP)
    assert len(sent) == 1
    assert "Buddy Holly" in check_html(sent[0]["text"])


async def test_forum_topic_answer_goes_to_its_topic(fake: FakeTelegram, bot) -> None:
    fake.message(
        GROUP, "/ask Who won the World Series?", kind="supergroup", forum=True, thread_id=77
    )
    sent = await fake.wait_sent(chat_id=GROUP)
    assert int(sent[0]["message_thread_id"]) == 77


async def test_odd_messages_get_sensible_answers(fake: FakeTelegram, bot) -> None:
    odd = [
        "x" * 4096,
        "<b>Turkey</b> & <script>alert(1)</script> S-400?",
        "🚀🔥🎉",
        "Что происходит с С-400 в Турции?",
        "土耳其 S-400 制裁",
        "   ",
    ]
    for i, text in enumerate(odd):
        fake.message(PRIVATE + i, text)
    for i in range(len(odd)):
        sent = await fake.wait_sent(chat_id=PRIVATE + i)
        assert len(sent) == 1
        check_html(sent[0]["text"])
    html_like = fake.sent(chat_id=PRIVATE + 1)[0]["text"]
    assert "<script>" not in html_like


async def test_429_on_first_send_is_retried(fake: FakeTelegram, bot) -> None:
    fake.faults["sendMessage"] = [Fault(status=429, description="Too Many Requests", retry_after=1)]
    fake.message(PRIVATE, "Who won the World Series?")
    sent = await fake.wait_sent(chat_id=PRIVATE, timeout=20)
    assert "Texas Rangers" in check_html(sent[0]["text"])
    assert any(c.method == "!sendMessage" for c in fake.calls)


async def test_question_with_no_match_is_honest(fake: FakeTelegram, bot) -> None:
    fake.message(PRIVATE, "xylophone quasar zebra")
    sent = await fake.wait_sent(chat_id=PRIVATE)
    assert "Nothing" in check_html(sent[0]["text"])


async def test_failing_update_gets_apology_and_bot_keeps_running(
    fake: FakeTelegram, bot, monkeypatch
) -> None:
    library = bot.bot_data.library
    original = library.answer
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("boom")
        return original(*args, **kwargs)

    monkeypatch.setattr(library, "answer", flaky)
    fake.message(PRIVATE, "Who won the World Series?")
    sent = await fake.wait_sent(chat_id=PRIVATE)
    assert "Sorry" in sent[0]["text"]
    fake.message(PRIVATE, "Who won the World Series?")
    sent = await fake.wait_sent(2, chat_id=PRIVATE)
    assert "Texas Rangers" in check_html(sent[1]["text"])


async def test_small_talk_gets_how_to_ask_and_no_news(fake: FakeTelegram, bot) -> None:
    chatter = ["hi", "thanks!", "ok", "test", "👍", "what can you do?", "who are you?", "news"]
    for i, text in enumerate(chatter):
        fake.message(PRIVATE + i, text, user_id=500 + i)  # one user would hit the rate limit
    for i, text in enumerate(chatter):
        sent = await fake.wait_sent(chat_id=PRIVATE + i)
        visible = check_html(sent[0]["text"])
        assert "Ask me a question" in visible, text
        assert "•" not in visible and "2019-07-01" not in visible, text


async def test_small_talk_in_groups_only_when_addressed(fake: FakeTelegram, bot) -> None:
    fake.message(GROUP, "hi", kind="group")
    fake.message(
        GROUP,
        f"@{BOT_USERNAME} hi",
        kind="group",
        entities=[{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}],
    )
    sent = await fake.wait_sent(chat_id=GROUP)
    await handled(fake, bot)
    assert len(fake.sent(chat_id=GROUP)) == 1
    visible = check_html(sent[0]["text"])
    assert "Ask me a question" in visible and "/ask What happened to World Series?" in visible


async def test_s400_delivery_question_is_answered_from_the_seed(
    fake: FakeTelegram, tmp_path
) -> None:
    from bot.app import build_application
    from retrieval import Library

    from .conftest import make_settings, running

    data = tmp_path / "seed-only"
    async with running(build_application(make_settings(fake, data), Library(data))):
        fake.message(PRIVATE, "/ask when will the S-400 be delivered?")
        sent = await fake.wait_sent(chat_id=PRIVATE)
    visible = check_html(sent[0]["text"])
    assert "first delivery" in visible and "no direct answer" not in visible


async def test_question_about_now_says_where_the_news_ends(fake: FakeTelegram, bot) -> None:
    fake.message(PRIVATE, "What is the latest on the S-400 sanctions?")
    sent = await fake.wait_sent(chat_id=PRIVATE)
    visible = check_html(sent[0]["text"])
    assert visible.startswith("My news ends on 2 Nov 2023.")
    assert visible.count("My news ends") == 1 and "S-400" in visible


async def test_a_refused_question_shows_only_the_closest_reports(
    fake: FakeTelegram, bot, monkeypatch
) -> None:
    import retrieval.answer

    # Everything below certainty is refused: the reply is the refusal, whatever the model says.
    monkeypatch.setattr(retrieval.answer, "THRESHOLD", 1.0)
    fake.message(PRIVATE, "Will the US sanction Turkey over the S-400?")
    sent = await fake.wait_sent(chat_id=PRIVATE)
    visible = check_html(sent[0]["text"])
    assert visible.startswith("My collection has no direct answer to that.")
    assert "Closest reports:" in visible and 1 <= visible.count("•") <= 2
    assert "2019-07-01" in visible
