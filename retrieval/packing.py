"""Greedy packing of text pieces into strings of bounded length: long paragraphs into passages
(``segment``) and a reply's blocks into Telegram messages (the bot's rendering)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["pack"]


def pack(pieces: Iterable[str], limit: int, separator: str) -> list[str]:
    """``pieces`` joined by ``separator``, in order, into as few strings as fit ``limit``
    characters each: a string takes the next piece while it fits. A piece is never cut; one
    longer than ``limit`` stands alone."""
    packed: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(separator) + len(piece) > limit:
            packed.append(current)
            current = piece
        else:
            current = f"{current}{separator}{piece}" if current else piece
    if current:
        packed.append(current)
    return packed
