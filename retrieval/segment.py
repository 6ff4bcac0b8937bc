"""Segmentation: article text into passages (paragraphs) and passages into sentences."""

from __future__ import annotations

import re
from functools import cache

from . import languages
from .packing import pack

__all__ = ["MAX_PASSAGE_CHARS", "split_passages", "split_sentences"]

MAX_PASSAGE_CHARS = 1500

# A sentence ends at . ! ? (Arabic ؟, ellipsis …; optionally followed by closing quotes or
# brackets) before white space and something that can open a sentence: an upper-case letter, a
# digit, or a letter of a script without case (Arabic). The match starts at the end mark itself
# (one character before the boundary), not behind a look-behind: the regex engine then skips
# ahead to candidate marks instead of trying every position.
_BOUNDARY = re.compile(
    r"[.!?؟…][\"'”’»)\]]*\s+"
    r"(?=[\"'“‘«„(\[¿¡]?[A-Z0-9\u00C0-\u024F\u0400-\u042F\u0600-\u06FF])"
)
_SINGLE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")  # initials: "J. Smith"
_ABBREVIATIONS = languages.LANGUAGES["en"].abbreviations | _SINGLE_LETTERS
_CLOSERS = "\"'”’»)] "
_LEADING_PUNCTUATION = re.compile(r"^\W+")


@cache
def _abbreviations(language: str) -> frozenset[str]:
    """English's (names of people and places in news are often English) and the language's."""
    return _ABBREVIATIONS | languages.get(language).abbreviations


def _ends_with_abbreviation(chunk: str, abbreviations: frozenset[str]) -> bool:
    """Whether the text before a candidate boundary ends with "Mr.", "U.S.", "Jan." and so on."""
    stripped = chunk.rstrip(_CLOSERS)
    if not stripped.endswith("."):
        return False
    last = stripped.rstrip(".!?" + _CLOSERS).rsplit(None, 1)
    if not last:
        return False
    word = _LEADING_PUNCTUATION.sub("", last[-1])
    return word.lower().rstrip(".") in abbreviations


_ORDINAL = re.compile(r"(?:^|\s)\d{1,2}\.$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _ordinal_date(chunk: str, after: str, language: str) -> bool:
    """ "am 20. November", "bis zum 4. Juni": a day number with its ordinal dot before a
    month name of the language is a date, not the end of a sentence."""
    if not _ORDINAL.search(chunk):
        return False
    word = _FIRST_WORD.match(after)
    return word is not None and word.group(0).lower() in languages.get(language).months


def split_sentences(text: str, language: str = "en", *, normalized: bool = False) -> list[str]:
    """Split a passage into sentences, keeping abbreviations (Mr., U.S., Jan.; the language's
    own: "z.B.", "т.е.", "Sra.") together. ``normalized``: the text is already white space
    collapsed to single spaces, as ``split_passages`` gives it (indexing skips a second pass)."""
    if not normalized:
        text = " ".join(text.split())
    if not text:
        return []
    abbreviations = _ABBREVIATIONS if language == "en" else _abbreviations(language)
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        boundary = match.start() + 1  # after the end mark
        chunk = text[start:boundary]
        end = boundary + len(match.group(0)[1:].rstrip())
        if _ends_with_abbreviation(chunk, abbreviations):
            continue
        if language == "en":
            # English news puts "…" inside titles and cut quotes ("I'm a Celebrity… Get Me
            # Out of Here!") far more often than at a sentence's end: it never splits there.
            if chunk.rstrip(_CLOSERS).endswith("…"):
                continue
        elif _ordinal_date(chunk, text[match.end() :], language):
            continue
        pieces.append(text[start:end].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def split_passages(
    text: str, max_chars: int = MAX_PASSAGE_CHARS, language: str = "en"
) -> list[str]:
    """Paragraphs (lines or blank-line blocks) as passages; very long ones cut at sentences."""
    passages: list[str] = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        paragraph = " ".join(paragraph.split())
        if not paragraph:
            continue
        if len(paragraph) <= max_chars:
            passages.append(paragraph)
            continue
        passages.extend(_cut_long(paragraph, max_chars, language))
    return passages


def _cut_long(paragraph: str, max_chars: int, language: str) -> list[str]:
    chunks: list[str] = []
    run: list[str] = []  # sentences since the last cut, packed together
    for sentence in split_sentences(paragraph, language, normalized=True):
        if len(sentence) > max_chars:  # one giant "sentence": cut at spaces, each cut alone
            chunks += pack(run, max_chars, " ")
            run = []
        while len(sentence) > max_chars:
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            chunks.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        run.append(sentence)
    return chunks + pack(run, max_chars, " ")
