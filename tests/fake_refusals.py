"""Telegram's refusals as the fake Bot API server gives them, chat by chat: a group where the bot
may not post, a chat or topic that is gone, a slow chat, a group that became a supergroup, a
question deleted before its answer, an edit that changes nothing (``FakeTelegram.refusals``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "BLOCKED",
    "CHAT_NOT_FOUND",
    "KICKED",
    "NOT_MODIFIED",
    "NO_RIGHTS",
    "REPLY_NOT_FOUND",
    "THREAD_NOT_FOUND",
    "ChatRefusals",
    "Refused",
    "migrated_to",
]


@dataclass(frozen=True)
class Refused:
    """An error answer: HTTP status, Telegram's description, its parameters."""

    status: int
    description: str
    parameters: dict[str, Any] | None = None


NO_RIGHTS = Refused(400, "Bad Request: not enough rights to send text messages to the chat")
CHAT_NOT_FOUND = Refused(400, "Bad Request: chat not found")
THREAD_NOT_FOUND = Refused(400, "Bad Request: message thread not found")
REPLY_NOT_FOUND = Refused(400, "Bad Request: message to be replied not found")
NOT_MODIFIED = Refused(
    400,
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message",
)
KICKED = Refused(403, "Forbidden: bot was kicked from the group chat")
BLOCKED = Refused(403, "Forbidden: bot was blocked by the user")
POSTS = ("send", "edit", "copyMessage", "forwardMessage")  # what Telegram limits and refuses


def migrated_to(new_chat_id: int) -> Refused:
    return Refused(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        {"migrate_to_chat_id": new_chat_id},
    )


@dataclass
class ChatRefusals:
    """What the fake refuses, chat by chat, as Telegram would (set by tests)."""

    chats: dict[int, Refused] = field(default_factory=dict)  # every post to the chat
    threads: dict[tuple[int, int], Refused] = field(default_factory=dict)  # to a forum topic
    migrated: dict[int, int] = field(default_factory=dict)  # old group id -> supergroup id
    deleted: set[tuple[int, int]] = field(default_factory=set)  # (chat, message) deleted
    slow: dict[int, float] = field(default_factory=dict)  # seconds each post to a chat takes
    # The text and buttons of each message the bot has in a chat: an edit to the same is refused.
    shown: dict[tuple[int, int], tuple[Any, Any]] = field(default_factory=dict)

    def refusal(self, method: str, params: dict[str, Any]) -> Refused | None:
        """How Telegram would refuse this call, or None when it would take it."""
        chat = params.get("chat_id")
        if chat is None or not method.startswith(POSTS):
            return None
        chat_id = int(chat)
        if chat_id in self.migrated:
            return migrated_to(self.migrated[chat_id])
        if chat_id in self.chats:
            return self.chats[chat_id]
        thread = params.get("message_thread_id")
        if thread and (chat_id, int(thread)) in self.threads:
            return self.threads[(chat_id, int(thread))]
        reply = params.get("reply_parameters")
        if (
            isinstance(reply, dict)
            and (chat_id, int(reply.get("message_id", 0))) in self.deleted
            and not reply.get("allow_sending_without_reply")
        ):
            return REPLY_NOT_FOUND
        if method == "editMessageText" and "message_id" in params:
            content = (params.get("text"), params.get("reply_markup"))
            if self.shown.get((chat_id, int(params["message_id"]))) == content:
                return NOT_MODIFIED
        return None

    def delay(self, method: str, params: dict[str, Any]) -> float:
        """Seconds Telegram takes to accept this call (a slow chat's posts)."""
        chat = str(params.get("chat_id", ""))
        if not method.startswith(POSTS) or not chat.lstrip("-").isdigit():
            return 0.0
        return self.slow.get(int(chat), 0.0)

    def posted(self, method: str, params: dict[str, Any], result: Any) -> None:
        """Remember what a message the bot sent or edited shows."""
        if method in ("sendMessage", "editMessageText") and isinstance(result, dict):
            key = (int(result["chat"]["id"]), int(result["message_id"]))
            self.shown[key] = (params.get("text"), params.get("reply_markup"))
