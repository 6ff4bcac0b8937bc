"""bot.features.tldr's pure parts: argument parsing, message weights, catch-up size."""

from __future__ import annotations

import pytest

from bot.features.tldr import TldrRequest, catch_up_size, message_weights, parse_tldr_args
from bot.state import ChatMessage


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], TldrRequest("catch-up")),
        (["on"], TldrRequest("on")),
        (["OFF"], TldrRequest("off")),
        (["3h"], TldrRequest("catch-up", hours=3)),
        (["48H"], TldrRequest("catch-up", hours=48)),
        (["49h"], TldrRequest("bad")),  # beyond retention
        (["0h"], TldrRequest("bad")),
        (["100"], TldrRequest("catch-up", count=100)),
        (["1000"], TldrRequest("catch-up", count=1000)),
        (["1001"], TldrRequest("bad")),
        (["0"], TldrRequest("bad")),
        (["3d"], TldrRequest("bad")),
        (["²"], TldrRequest("bad")),
        (["3", "h"], TldrRequest("bad")),
    ],
)
def test_parse_tldr_args(args: list[str], expected: TldrRequest) -> None:
    assert parse_tldr_args(args, retention_hours=48) == expected


def _message(message_id: int, text: str, reply_to: int | None = None) -> ChatMessage:
    return ChatMessage(-100, message_id, 0, 1, "Ann", 0, text, reply_to)


def test_long_and_replied_to_messages_weigh_more() -> None:
    messages = [
        _message(1, "short"),
        _message(2, "a much longer message with many more words in it than the first"),
        _message(3, "short", reply_to=1),
    ]
    short, long, reply = message_weights(messages)
    assert long > reply
    assert short > reply  # same length, but someone answered it


@pytest.mark.parametrize(("count", "size"), [(1, 3), (14, 3), (15, 5), (59, 5), (60, 7), (900, 7)])
def test_catch_up_size(count: int, size: int) -> None:
    assert catch_up_size(count) == size
