"""Channel posts through the bot: a post in a channel the bot administers becomes an article,
answered with a link to the post; an edited post is answered with its new text; group
messages are never indexed; NEWSBOT_CHANNELS turns it off or names the channels allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.app import build_application
from retrieval import Library

from .conftest import handled, make_settings, running
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

PUBLIC = -1001234567890
PRIVATE_CHANNEL = -1009876543210
USER = 501

FERRY = (
    "Night ferry to Hallig Nord moves to 23:40\n"
    "From Monday the last ferry to Hallig Nord leaves the harbor at 23:40 instead of 22:15, "
    "the shipping company said. The change is meant for shift workers at the wind farm."
)
FERRY_EDITED = (
    "Night ferry to Hallig Nord cancelled for the winter\n"
    "The last ferry to Hallig Nord will not run from December to March, the shipping company "
    "said after a storm damaged the island's pier."
)


def post(fake: FakeTelegram, chat_id: int, text: str, **extra: Any) -> dict[str, Any]:
    return fake.message(chat_id, text, kind="channel", update_type="channel_post", **extra)


async def ask(fake: FakeTelegram, question: str) -> str:
    before = len(fake.sent(chat_id=USER))
    fake.message(USER, question, user_id=USER)
    sent = await fake.wait_sent(before + 1, chat_id=USER)
    return sent[-1]["text"]


async def test_posts_are_answered_with_their_link_and_edits_replace_them(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    library = Library(tmp_path / "data")
    settings = make_settings(fake, tmp_path / "data")
    async with running(build_application(settings, library)) as app:
        public = post(fake, PUBLIC, FERRY, chat_username="eastgate_news")
        secret = post(fake, PRIVATE_CHANNEL, "Council members met behind closed doors about "
                      "the harbor tunnel, which would cost 900 million euros.")  # fmt: skip
        fake.message(-4004, "The ferry to Hallig Nord is late again", kind="supergroup")
        await handled(fake, app)
        assert library.stats().articles == 3  # the seed and two posts, no group message

        answer = await ask(fake, "When does the last ferry to Hallig Nord leave?")
        assert "23:40" in check_html(answer)
        link = f"https://t.me/eastgate_news/{public['message_id']}"
        assert f'href="{link}"' in answer and "Group -1001234567890" in answer

        answer = await ask(fake, "How much would the harbor tunnel cost?")
        assert f'href="https://t.me/c/9876543210/{secret["message_id"]}"' in answer

        fake.message(
            PUBLIC,
            FERRY_EDITED,
            kind="channel",
            update_type="edited_channel_post",
            chat_username="eastgate_news",
            message_id=public["message_id"],
        )
        await handled(fake, app)
        assert library.stats().articles == 3
        answer = check_html(await ask(fake, "Is the ferry to Hallig Nord running in winter?"))
        assert "storm damaged the island's pier" in answer and "23:40" not in answer
        exported = {a.text for a in library.articles()}  # newsbot export: the post as edited
        assert FERRY_EDITED in exported and FERRY not in exported

        fake.message(USER, "/stats", user_id=USER)
        stats = check_html((await fake.wait_sent(4, chat_id=USER))[-1]["text"])
        assert "Channels" in stats and "Group -1001234567890: 1 article" in stats


async def test_channels_can_be_turned_off_or_listed(fake: FakeTelegram, tmp_path: Path) -> None:
    for setting, indexed in (("off", 1), ("@eastgate_news", 2), (str(PRIVATE_CHANNEL), 2)):
        data = tmp_path / setting
        library = Library(data)
        settings = make_settings(fake, data, channels=setting)
        async with running(build_application(settings, library)) as app:
            post(fake, PUBLIC, FERRY, chat_username="eastgate_news")
            post(fake, PRIVATE_CHANNEL, FERRY_EDITED)
            await handled(fake, app)
        assert library.stats().articles == indexed, setting
        if setting.startswith("@"):
            assert [a.source for a in library.articles() if a.id] == ["Group -1001234567890"]


def test_channel_and_contact_settings_are_checked() -> None:
    import pytest
    from pydantic import ValidationError

    from bot.settings import Settings

    for bad in ({"channels": "news channel!"}, {"contact_url": "call me maybe"}):
        with pytest.raises(ValidationError):
            Settings(**bad)  # type: ignore[arg-type]
    listed = Settings(channels="@Eastgate_News, -1009876543210")
    assert listed.channel_allowed(-1, "eastgate_news") and listed.channel_allowed(
        -1009876543210, None
    )
    assert not listed.channel_allowed(-5, "other") and not Settings(channels="off").channel_allowed(
        -5, "x"
    )
