"""Telegram's refusals, sorted: which errors are worth another try, and what each other one means.

python-telegram-bot raises ``BadRequest`` (a subclass of ``NetworkError``) for every 400,
``Forbidden`` for 403 and ``ChatMigrated`` when a group has become a supergroup. Each is
Telegram's verdict on the request itself: the same request gets the same answer, so none is
retried, and an apology sent after one would mostly meet it again ("not enough rights", "chat
not found"). Only server errors (5xx), dropped connections, timeouts and flood control (429) are
transient (``refusal_of`` returns None for them).
"""

from __future__ import annotations

from enum import StrEnum

from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken

__all__ = ["CHAT_REFUSALS", "Refusal", "refusal_of"]


class Refusal(StrEnum):
    """What a permanent error says about the request (and how it is handled)."""

    NOT_MODIFIED = "not modified"  # an edit that would change nothing: it is done already
    REPLY_GONE = "replied message gone"  # the question was deleted (clean-up bots do that)
    TOPIC_GONE = "topic gone"  # a forum topic was deleted: its subscriptions go
    CHAT_GONE = "chat gone"  # deleted, or the bot was removed or blocked: subscriptions go
    NO_RIGHTS = "no rights"  # the bot may not post there (now): dropped quietly
    MIGRATED = "migrated"  # a group became a supergroup: its state moves to the new id
    REFUSED = "refused"  # any other 400: the request itself is wrong (a bug of ours)


# Refusals about the chat, not about what was sent: an apology would meet them again.
CHAT_REFUSALS = frozenset(
    {
        Refusal.REPLY_GONE,
        Refusal.TOPIC_GONE,
        Refusal.CHAT_GONE,
        Refusal.NO_RIGHTS,
        Refusal.MIGRATED,
        Refusal.NOT_MODIFIED,
    }
)

# Telegram's descriptions, lowercased; the first table that matches decides. Checked in this
# order: "not enough rights" must not read as a gone chat, "thread not found" not as a chat.
_DESCRIPTIONS: tuple[tuple[Refusal, tuple[str, ...]], ...] = (
    (Refusal.NOT_MODIFIED, ("message is not modified",)),
    (
        Refusal.REPLY_GONE,
        ("message to be replied not found", "replied message not found", "reply message not"),
    ),
    (Refusal.TOPIC_GONE, ("thread not found", "topic_deleted", "topic not found")),
    (
        Refusal.NO_RIGHTS,
        (
            "not enough rights",
            "have no rights",
            "need administrator rights",
            "write_forbidden",
            "send_plain_forbidden",
            "topic_closed",
            "restricted",
        ),
    ),
    (
        Refusal.CHAT_GONE,
        (
            "chat not found",
            "bot was blocked",
            "bot was kicked",
            "not a member",
            "user is deactivated",
            "chat was deleted",
            "was deactivated",
            "chat is deactivated",
            "peer_id_invalid",
            "initiate conversation",
        ),
    ),
)


def refusal_of(error: BaseException) -> Refusal | None:
    """The permanent refusal ``error`` stands for, or None when it is transient (5xx, network,
    timeout, 429) or not Telegram's at all."""
    if isinstance(error, ChatMigrated):
        return Refusal.MIGRATED
    if not isinstance(error, BadRequest | Forbidden | InvalidToken):
        return None  # InvalidToken: also a 404 for a method this Bot API server does not know
    description = str(error).lower()
    for refusal, needles in _DESCRIPTIONS:
        if any(needle in description for needle in needles):
            return refusal
    return Refusal.CHAT_GONE if isinstance(error, Forbidden) else Refusal.REFUSED
