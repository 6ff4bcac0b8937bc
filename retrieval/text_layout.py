"""An article's text as given, kept without a copy of it. Its passage documents store its
sentences already (the searched body, and the page furniture set aside), so the first passage
stores only what they lack to give the text back exactly, its *layout*: which passages continue
a paragraph cut at its length (joined by a space, not a line), the order of kept and furniture
sentences where a passage has both and the furniture does not simply follow, and the text of
the passages that get no document (nothing in them but furniture). ``newsbot export`` and
``newsbot migrate`` rebuild the text from the passages. A layout is a few percent of the text
(6 MB for the dev collection's 101 MB, most of it furniture-only passages), so the doc store
blocks that searches decompress hold little more than the passages.

A layout is lines, one per passage that needs one (most need none), by position::

    7+              passage 7 continues the paragraph of passage 6
    9:fkkf          passage 9's sentences in order: furniture, kept, kept, furniture
    12=Photo: AP    passage 12 has no document; this is its text
    13+=...         both
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["rebuild_text", "text_layout"]

_ENTRY = re.compile(r"(\d+)(\+?)(?::([kf]+)|=(.*))?")


def text_layout(
    lines: Sequence[str], passages: Sequence[tuple[Sequence[str], Sequence[bool]]], stored: set[int]
) -> str:
    """The layout of the text ``lines`` (its paragraphs, as ``segment.paragraphs`` gives them)
    cut into ``passages`` (each: its sentences in order and which of them are furniture);
    ``stored``: the positions that have a document. It may not give the text back: whoever
    stores it checks with ``rebuild_text`` (and stores the text itself when it does not)."""
    entries: list[str] = []
    line = offset = 0  # where the next passage starts: lines[line], at offset
    for position, (sentences, furniture) in enumerate(passages):
        passage = " ".join(sentences)
        continues = offset > 0  # the paragraph goes on: this passage was cut from it
        offset += continues + len(passage)
        if line < len(lines) and offset >= len(lines[line]):
            line, offset = line + 1, 0
        own = ""
        if position not in stored:
            own = f"={passage}"
        elif True in furniture and False in furniture:
            order = "".join("f" if aside else "k" for aside in furniture)
            if order != "".join(sorted(order, reverse=True)):  # furniture last needs no order
                own = f":{order}"
        if continues or own:
            entries.append(f"{position}{'+' if continues else ''}{own}")
    return "\n".join(entries)


def _lines(value: object) -> list[str]:
    text = str(value or "")
    return text.split("\n") if text else []


def rebuild_text(passages: Iterable[Mapping[str, Any]]) -> str:
    """An article's text from all its stored passages (fields as single values; any order):
    the first one's ``text`` when it stores the text itself, else its sentences laid out as
    its ``layout`` says. ValueError when a passage the layout needs is missing."""
    by_position = {int(doc.get("pos", 0)): doc for doc in passages}
    first = by_position.get(0)
    if first is None:
        raise ValueError("the article's first passage is missing")
    if first.get("text"):
        return str(first["text"])
    layout: dict[int, tuple[bool, str, str | None]] = {}
    for entry in _lines(first.get("layout")):
        found = _ENTRY.fullmatch(entry)
        if found is None:
            raise ValueError(f"not a layout line: {entry[:80]!r}")
        layout[int(found[1])] = (bool(found[2]), found[3] or "", found[4])
    last = max(max(by_position), max(layout, default=0))
    pieces: list[str] = []
    for position in range(last + 1):
        continues, order, own = layout.get(position, (False, "", None))
        if position:
            pieces.append(" " if continues else "\n")
        if own is not None:
            pieces.append(own)
            continue
        doc = by_position.get(position)
        if doc is None:
            raise ValueError(f"passage {position} of the article is missing")
        kept, furniture = str(doc.get("body") or ""), str(doc.get("furniture") or "")
        if order:
            taken = {"k": iter(_lines(kept)), "f": iter(_lines(furniture))}
            try:
                pieces.append(" ".join([next(taken[mark]) for mark in order]))
            except StopIteration:
                raise ValueError(
                    f"passage {position} has fewer sentences than its layout"
                ) from None
        else:  # sentences a line each: the kept ones, then the furniture
            both = f"{kept}\n{furniture}" if kept and furniture else kept or furniture
            pieces.append(both.replace("\n", " "))
    return "".join(pieces)
