"""retrieval.packing.pack: the one greedy packing loop, used for long paragraphs (segment) and
for a reply's messages (bot/render/html.split_message)."""

from __future__ import annotations

import pytest

from bot.render.html import split_message
from retrieval import pack


@pytest.mark.parametrize(
    ("pieces", "limit", "separator", "packed"),
    [
        ([], 10, " ", []),
        (["ab", "cd", "ef"], 5, " ", ["ab cd", "ef"]),  # "ab cd" is 5: it fits exactly
        (["ab", "cd", "ef"], 4, " ", ["ab", "cd", "ef"]),
        (["ab", "cd"], 6, "\n\n", ["ab\n\ncd"]),  # the separator counts
        (["ab", "cd"], 5, "\n\n", ["ab", "cd"]),
        (["a", "toolongpiece", "b"], 5, " ", ["a", "toolongpiece", "b"]),  # never cut
        (["a", "b", "c", "d"], 100, ", ", ["a, b, c, d"]),
    ],
)
def test_pieces_fill_each_string_in_order(
    pieces: list[str], limit: int, separator: str, packed: list[str]
) -> None:
    assert pack(pieces, limit, separator) == packed
    assert separator.join(packed) == separator.join(pieces)  # nothing lost, nothing reordered


def test_messages_are_blocks_packed_with_a_blank_line() -> None:
    blocks = ["x" * 30, "y" * 30, "z" * 30]
    assert split_message(blocks, limit=64) == ["x" * 30 + "\n\n" + "y" * 30, "z" * 30]
