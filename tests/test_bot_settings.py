"""The user's language and /settings end to end, through the fake Bot API server: phrases in
the user's Telegram language, /settings buttons (admins only in groups), kept across restarts."""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.features.settings import parse_choice
from bot.state import BotState
from retrieval import Library

from .conftest import make_settings, running
from .fake_telegram import BOT_ID, FakeTelegram
from .telegram_html import check_html

GROUP = -100777
ADMIN, MEMBER = 42, 43
_ids = itertools.count(50_000)


def _user(user_id: int, language: str | None) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Ann"}
    if language:
        user["language_code"] = language
    return user


def _message(
    fake: FakeTelegram, chat_id: int, kind: str, sender: dict[str, Any], text: str
) -> dict[str, Any]:
    return {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": fake.chat(chat_id, kind),
        "from": sender,
        "text": text,
    }


def _update(
    fake: FakeTelegram,
    chat_id: int,
    text: str,
    *,
    language: str | None,
    user_id: int = ADMIN,
    kind: str = "private",
    data: str | None = None,
) -> dict[str, Any]:
    """A message from a user whose Telegram app speaks ``language``; with ``data``, that user's
    press of a button under a bot message reading ``text``."""
    user = _user(user_id, language)
    if data is None:
        message = _message(fake, chat_id, kind, user, text)
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"message": message}
    bot = {"id": BOT_ID, "is_bot": True, "first_name": "News Bot"}
    panel = _message(fake, chat_id, kind, bot, text)
    return {
        "callback_query": {
            "id": f"cb{next(_ids)}",
            "from": user,
            "chat_instance": str(chat_id),
            "message": panel,
            "data": data,
        }
    }


async def _reply(fake: FakeTelegram, chat_id: int, text: str, **who: Any) -> dict[str, Any]:
    before = len(fake.sent(chat_id=chat_id))
    fake.push(_update(fake, chat_id, text, **who))
    sent = await fake.wait_sent(before + 1, chat_id=chat_id)
    check_html(sent[-1]["text"])
    return sent[-1]


async def _press(fake: FakeTelegram, chat_id: int, data: str, **who: Any) -> dict[str, Any]:
    """Press a button of a bot message; returns the answerCallbackQuery call."""
    before = len(fake.sent("answerCallbackQuery"))
    fake.push(_update(fake, chat_id, "Settings", data=data, **who))
    sent = await fake.wait_sent(before + 1, method="answerCallbackQuery")
    return sent[-1]


def _buttons(sent: dict[str, Any]) -> list[str]:
    markup = sent["reply_markup"]
    return [button["text"] for row in markup["inline_keyboard"] for button in row]


async def test_a_russian_user_gets_russian_phrases_and_settings_persist(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data")
    async with running(build_application(settings, library)):
        panel = await _reply(fake, 7, "/settings", language="ru", user_id=7)
        assert "Ваши настройки" in panel["text"] and "Язык: Русский" in panel["text"]
        assert "✓ Русский" in _buttons(panel) and "✓ 3" in _buttons(panel)
        usage = await _reply(fake, 7, "/digest 99:99", language="ru", user_id=7)
        assert usage["text"].startswith("Использование: <code>/digest")
        guide = await _reply(fake, 7, "/help", language="ru", user_id=7)
        assert "<b>В личном чате</b> просто спросите" in guide["text"]
        # German chosen on the panel: saved, the panel redrawn in German.
        answered = await _press(fake, 7, "settings:language:de", language="ru", user_id=7)
        assert answered["text"] == "Gespeichert."
        (edited,) = await fake.wait_sent(method="editMessageText", chat_id=7)
        assert "Sprache: Deutsch" in edited["text"] and "✓ Deutsch" in _buttons(edited)
        await _press(fake, 7, "settings:sentences:1", language="ru", user_id=7)
        await _press(fake, 7, "settings:buttons:0", language="ru", user_id=7)
        # Another Russian speaker is not affected: the choice is this chat's.
        other = await _reply(fake, 8, "/settings", language="ru", user_id=8)
        assert "Язык: Русский" in other["text"]
    # Restart: the choices are read back from the state database.
    async with running(build_application(settings, Library(tmp_path / "data"))):
        panel = await _reply(fake, 7, "/settings", language="ru", user_id=7)
        text = panel["text"]
        assert "Deine Einstellungen" in text and "Sätze pro Antwort: 1" in text
        assert "Schaltflächen unter Antworten: ausgeblendet" in text
        assert "✓ Schaltflächen ausgeblendet" in _buttons(panel)
        usage = await _reply(fake, 7, "/digest 99:99", language="ru", user_id=7)
        assert usage["text"].startswith("Verwendung:")
        guide = await _reply(fake, 7, "/help", language="ru", user_id=7)
        assert "<b>Im privaten Chat</b> frag einfach" in guide["text"]


async def test_in_groups_only_administrators_change_settings(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    fake.chat_members[(GROUP, ADMIN)] = "administrator"
    settings = make_settings(fake, tmp_path / "data")
    async with running(build_application(settings, library)) as app:
        refusal = await _reply(
            fake, GROUP, "/settings", language="de", user_id=MEMBER, kind="supergroup"
        )
        assert "nur die Administratoren der Gruppe" in refusal["text"]
        assert "reply_markup" not in refusal
        pressed = await _press(
            fake, GROUP, "settings:language:es", language="de", user_id=MEMBER, kind="supergroup"
        )
        assert "nur die Administratoren" in pressed["text"] and pressed["show_alert"] in (
            True,
            "true",
        )
        assert app.bot_data.state.chat_settings.get(GROUP).language is None
        panel = await _reply(
            fake, GROUP, "/settings", language="en", user_id=ADMIN, kind="supergroup"
        )
        assert "Settings of this group" in panel["text"]
        await _press(fake, GROUP, "settings:language:es", language="en", kind="supergroup")
        assert app.bot_data.state.chat_settings.get(GROUP).language == "es"
        # The group's language now applies to everyone in it, whatever their app's language.
        usage = await _reply(
            fake, GROUP, "/digest 99:99", language="de", user_id=MEMBER, kind="supergroup"
        )
        assert usage["text"].startswith("Uso:")
        stale = await _press(fake, GROUP, "settings:colour:red", language="en", kind="supergroup")
        assert stale["text"] == "Este botón ya no hace nada."
        # A press without its message (too old for Telegram to show) is still answered.
        before = len(fake.sent("answerCallbackQuery"))
        fake.push(
            {
                "callback_query": {
                    "id": "cb-no-message",
                    "from": _user(ADMIN, "ru"),
                    "chat_instance": "ci",
                    "data": "settings:language:de",
                }
            }
        )
        (*_, answered) = await fake.wait_sent(before + 1, method="answerCallbackQuery")
        assert answered["text"] == "Эта кнопка больше ничего не делает."


def test_button_data_is_checked_and_the_store_refuses_bad_values(tmp_path: Path) -> None:
    assert parse_choice("settings:language:ru") is not None
    assert parse_choice("settings:language:xx") is None
    assert parse_choice("settings:sentences:6") is None
    assert parse_choice("settings:sentences:0") is None
    assert parse_choice("settings:buttons:2") is None
    state = BotState(tmp_path)
    store = state.chat_settings
    assert store.change(5, sentences=2).sentences == 2
    assert store.change(5, buttons=False).sentences == 2  # other choices stay
    for bad in ({"language": "xx"}, {"sentences": 9}):
        try:
            store.change(5, **bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad}")
    state.close()
    again = BotState(tmp_path).chat_settings
    assert again.get(5).buttons is False and again.get(6).language is None


async def test_summaries_and_inline_cards_in_the_users_language(
    fake: FakeTelegram, bot: Any
) -> None:
    summary = (await _reply(fake, 9, "/summary World Series", language="de", user_id=9))["text"]
    assert summary.startswith("<b>Zusammenfassung: World Series</b>")
    assert "<i>1 Satz aus 1 Artikel, 02.11.2023</i>" in summary  # one sentence: "Satz"
    assert "<i>02.11.2023 · <a href=" in summary  # the attribution's date, in German
    fake.push(
        {
            "inline_query": {
                "id": "iq-de",
                "from": _user(9, "de"),
                "query": "World Series",
                "offset": "",
                "chat_type": "sender",
            }
        }
    )
    (answered,) = await fake.wait_sent(method="answerInlineQuery")
    assert answered["is_personal"] in (True, "true")  # never shared with other languages
    card = answered["results"][0]["input_message_content"]["message_text"]
    assert "02.11.2023" in card


async def test_answers_follow_the_chats_settings(fake: FakeTelegram, bot: Any) -> None:
    answer = await _reply(fake, 11, "Who won the World Series?", language="ru", user_id=11)
    assert "Texas Rangers" in answer["text"]  # quoted as written
    assert "<i>2 нояб. 2023" in answer["text"]  # the date in Russian
    labels = _buttons(answer)
    assert "Источники" in labels and "Сводка" in labels
    hello = await _reply(fake, 11, "hi", language="ru", user_id=11)
    assert hello["text"].startswith("Здравствуйте! Задайте мне вопрос о новостях")
    nothing = await _reply(fake, 11, "xylophone quasar zebra", language="ru", user_id=11)
    assert "Попробуйте другие слова, имя или место." in nothing["text"]
    # One sentence per answer and no buttons: the chat's /settings choices apply.
    await _press(fake, 11, "settings:sentences:1", language="ru", user_id=11)
    await _press(fake, 11, "settings:buttons:0", language="ru", user_id=11)
    short = await _reply(fake, 11, "Who won the World Series?", language="ru", user_id=11)
    assert "reply_markup" not in short
    assert "<blockquote" in answer["text"]  # three sentences: the others folded away
    assert "<blockquote" not in short["text"] and "Texas Rangers" in short["text"]
