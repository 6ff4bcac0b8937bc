"""The updates a test pushes into the fake Bot API server: chats, messages, documents,
button presses and inline queries, shaped as Telegram sends them."""

from __future__ import annotations

import asyncio
import itertools
import time
from typing import Any


class UpdateQueue:
    """Builds updates as a user's client would cause them and queues them for ``getUpdates``."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}  # file_id -> bytes, served by the file endpoint
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._chats: dict[int, dict[str, Any]] = {}
        self._new_update = asyncio.Event()

    def push(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        self._new_update.set()
        return update_id

    def chat(self, chat_id: int, kind: str = "private", *, forum: bool = False) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": kind}
        if kind == "private":
            chat["first_name"] = "User"
        else:
            chat["title"] = f"Group {chat_id}"
            if forum:
                chat["is_forum"] = True
        self._chats[chat_id] = chat
        return chat

    def message(
        self,
        chat_id: int,
        text: str | None,
        *,
        user_id: int = 42,
        first_name: str = "Ann",
        kind: str = "private",
        entities: list[dict[str, Any]] | None = None,
        reply_to: dict[str, Any] | None = None,
        thread_id: int | None = None,
        forum: bool = False,
        update_type: str = "message",
        language: str | None = None,
        chat_username: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Push a message update (``language``: the sender's ``language_code``); returns the
        message dict."""
        chat = self.chat(chat_id, kind, forum=forum)
        if chat_username is not None:
            chat["username"] = chat_username
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            **extra,
        }
        if update_type != "channel_post":
            message["from"] = {"id": user_id, "is_bot": False, "first_name": first_name}
            if language is not None:
                message["from"]["language_code"] = language
        if text is not None:
            message["text"] = text
        if text is not None and text.startswith("/"):
            command = text.split()[0]
            entities = [
                {"type": "bot_command", "offset": 0, "length": len(command)},
                *(entities or []),
            ]
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        if update_type.startswith("edited"):
            message["edit_date"] = int(time.time())
        self.push({update_type: message})
        return message

    def document(
        self, chat_id: int, name: str, data: bytes, *, caption: str = "/add", user_id: int = 42
    ) -> dict[str, Any]:
        """Push a message with a document (served by the file endpoint) and a caption."""
        file_id = f"doc{len(self.files) + 1}"
        self.files[file_id] = data
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": name,
            "file_size": len(data),
        }
        entities = [{"type": "bot_command", "offset": 0, "length": len(caption.split()[0])}]
        return self.message(
            chat_id,
            None,
            user_id=user_id,
            document=document,
            caption=caption,
            caption_entities=entities if caption.startswith("/") else [],
        )

    def _push_from(self, kind: str, user_id: int, **fields: Any) -> str:
        """Push an update of ``kind`` sent by a user (a button press, an inline query)."""
        update_id = f"{kind[:6]}{next(self._message_ids)}"
        sender = {"id": user_id, "is_bot": False, "first_name": "Ann"}
        self.push({kind: {"id": update_id, "from": sender, **fields}})
        return update_id

    def press(self, sent: dict[str, Any], data: str, *, user_id: int = 42) -> str:
        """Press the button carrying ``data`` under ``sent`` (a message the bot sent, as the
        server answered it: ``Call.result``); returns the callback query's id."""
        chat_instance = f"ci{sent['chat']['id']}"
        return self._push_from(
            "callback_query", user_id, message=sent, chat_instance=chat_instance, data=data
        )

    def inline_query(self, query: str, *, offset: str = "", user_id: int = 42) -> str:
        """Push an inline query update; returns its id."""
        return self._push_from(
            "inline_query", user_id, query=query, offset=offset, chat_type="sender"
        )
