"""A question prepared for search: its terms, its time words, and what form of answer it wants."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .timewords import QUESTION_CHARS, TimeScope, asks_present, question_time_scope
from .tokenize import content_words, tokenize

__all__ = ["MAX_QUERY_CHARS", "MAX_QUERY_TERMS", "Query", "build_query"]

MAX_QUERY_CHARS = 4096  # Telegram's message limit; anything longer is cut first
MAX_QUERY_TERMS = 32  # bounds the cost of a long question: its rarest terms are kept

_COMPOUND = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)+")
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,80})[\"“”«»]")
_MAX_PHRASES = 4
_MAX_PHRASE_WORDS = 6
_WH = re.compile(r"\b(which|what|who|whom|whose|where|when|how)\b", re.IGNORECASE)
_WANTS_PERSON = re.compile(r"\b(?:who|whom|whose)\b", re.IGNORECASE)
_WANTS_PLACE = re.compile(
    r"\bwhere\b|\b(?:which|what)\s+(?:\w+\s+)?(?:country|countries|city|cities|state|states|"
    r"continent|nation|island|town|region|province|county|capital)\b",
    re.IGNORECASE,
)
_WANTS_TIME = re.compile(
    r"\bwhen\b|\bwhat (?:year|date|day|month|time)\b|\bhow long\b", re.IGNORECASE
)
_WANTS_NUMBER = re.compile(
    r"\bhow (?:many|much|old|long|far|tall|high|big|large|fast)\b|\bwhat (?:percent|percentage|"
    r"share|age|year|number|amount|price|cost|rate|date|day|time)\b|\bwhen\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Query:
    """A question prepared for search."""

    text: str
    terms: list[str]  # stemmed content words, without the time words
    ref_date: dt.date  # the "as of" day: news near it is preferred
    scope: TimeScope | None  # dates the question names
    wants_fact: bool  # wh- and quiz questions want a name or number the question lacks
    wants_number: bool  # "how many", "what percentage", "when": a figure or a date
    wants: str = ""  # "person", "place", "time", "number" or "" when the form does not say
    phrases: tuple[tuple[str, ...], ...] = ()  # "S-400", "COVID-19", "quoted words": in order
    present: bool = False  # asks about now ("today", "latest"): say if the news ends earlier


def build_query(
    question: str,
    as_of: dt.date,
    doc_freq: Callable[[str], int] | None = None,
) -> Query:
    """Clean the question, take out its time words, keep its most telling terms.

    ``doc_freq`` ranks terms when there are too many: the rarest are kept, since they say
    most about what is asked (and a long paste then costs what a short question costs).
    """
    text = " ".join(question[:MAX_QUERY_CHARS].split())
    remaining, scope = question_time_scope(text, as_of)
    terms = list(dict.fromkeys(content_words(remaining)))
    if len(terms) > MAX_QUERY_TERMS:
        if doc_freq is not None:
            terms = sorted(terms, key=doc_freq)
        terms = terms[:MAX_QUERY_TERMS]
    return Query(
        text=text,
        terms=terms,
        ref_date=as_of,
        scope=scope,
        wants_fact=bool(_WH.search(text)) or text.endswith(":"),
        wants_number=bool(_WANTS_NUMBER.search(text)),
        wants=_answer_type(text),
        phrases=_phrases(remaining),
        present=asks_present(text if len(text) <= QUESTION_CHARS else ""),
    )


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """Word groups that must stand together: hyphenated names and quoted words."""
    found: dict[tuple[str, ...], None] = {}
    for match in itertools.chain(_COMPOUND.finditer(text), _QUOTED.finditer(text)):
        tokens = tuple(tokenize(match.group(match.lastindex or 0)))
        if 1 < len(tokens) <= _MAX_PHRASE_WORDS:
            found[tokens] = None
        if len(found) == _MAX_PHRASES:
            break
    return tuple(found)


def _answer_type(text: str) -> str:
    """What kind of thing a wh-question asks for, from its form."""
    for kind, pattern in (
        ("time", _WANTS_TIME),
        ("number", _WANTS_NUMBER),
        ("person", _WANTS_PERSON),
        ("place", _WANTS_PLACE),
    ):
        if pattern.search(text):
            return kind
    return ""
