"""Helpers for conversations with the bot: the messages it sent (with their ids, so a test
can reply to them or press their buttons) and button presses."""

from __future__ import annotations

import itertools
from typing import Any

from .fake_telegram import FakeTelegram

_PRESSES = itertools.count(1)


class ChatTelegram(FakeTelegram):
    """The fake Bot API server, also keeping every message it created for the bot."""

    def __init__(self) -> None:
        super().__init__()
        self.bot_messages: list[dict[str, Any]] = []

    async def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        message = await super()._m_sendMessage(params)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.bot_messages.append(message)
        return message

    def bot_messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        return [m for m in self.bot_messages if m["chat"]["id"] == chat_id]

    def press(self, message: dict[str, Any], data: str, *, user_id: int = 42) -> str:
        """Press a button (callback data ``data``) under the bot's ``message``; returns the
        callback query's id."""
        query_id = f"press{next(_PRESSES)}"
        self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": {"id": user_id, "is_bot": False, "first_name": "Ann"},
                    "chat_instance": "ci",
                    "message": message,
                    "data": data,
                }
            }
        )
        return query_id

    def answered_presses(self, query_id: str) -> list[dict[str, Any]]:
        return [
            p for p in self.sent("answerCallbackQuery") if p.get("callback_query_id") == query_id
        ]


def buttons_of(message: dict[str, Any]) -> dict[str, str]:
    """The buttons under a message, as {label: callback data}."""
    markup = message.get("reply_markup") or {}
    return {
        button["text"]: button["callback_data"]
        for row in markup.get("inline_keyboard", [])
        for button in row
    }
