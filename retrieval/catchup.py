"""Catch-ups: the few messages that carry a group's conversation, what was decided first.

A conversation is read in its own language (its script and stop words), with that language's
``[catch_up]`` table (``languages/model.py``'s ``CatchUp``):

- chit-chat ("brb", "lol", "ok", an emoji, "thanks!") never stands for the rest;
- the outcome leads: a message stating a decision or a result ("It passed 7 to 2") or a vote
  or score, and not as a maybe ("if it passes ...");
- then the next step: a time ahead (a weekday, "tomorrow", "next ...", a date, a clock time)
  stated, not asked;
- side remarks weigh less: questions, and reckonings with figures ("800 jobs for $150M is about
  190k per job");
- among the rest, centrality (LexRank over the messages), each message's weight (longer and
  replied-to messages weigh more) and the figures and names it states decide, without
  repeating what was chosen (maximal marginal relevance).

``catch_up`` gives the messages to show first (the outcome, the next step) and the others in
time order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from . import languages
from .centrality import lexrank, pick_diverse, similarity, stated
from .languages.model import CatchUp as CatchUpWords
from .smalltalk import small_talk
from .tokenize import content_words, words

__all__ = ["CatchUp", "catch_up", "message_kind"]

# How much each kind of message weighs against the others, beyond centrality and facts.
_KIND_WEIGHT = {"outcome": 3.0, "next": 2.0, "question": 0.5, "calculation": 0.3, "": 1.0}
_TWO_OUTCOMES = 5  # a catch-up of this many messages may lead with two of the outcome
_ISO_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")
_FIGURE = re.compile(r"\d")
_ARITHMETIC = re.compile(r"[=×÷≈]|\s[x*/]\s|\d\s*/\s*\$?\d")  # "x 3 =", "150/800"


@dataclass(frozen=True)
class CatchUp:
    """The messages a catch-up shows (indices into the conversation): ``lead`` first, in the
    open (the outcome, in time order, then the next step), then ``rest`` in time order.
    ``said``: every message that is not chit-chat (what the conversation is about)."""

    lead: tuple[int, ...] = ()
    rest: tuple[int, ...] = ()
    said: tuple[int, ...] = ()

    @property
    def picked(self) -> list[int]:
        return [*self.lead, *self.rest]


@dataclass(frozen=True)
class _Words:
    """One language's catch-up table, compiled."""

    code: str
    table: CatchUpWords
    tally: re.Pattern[str] | None
    clock: re.Pattern[str] | None
    date: re.Pattern[str] | None  # a day of a month: "March 5", "5 марта"
    stop: frozenset[str]


@cache
def _words(code: str) -> _Words:
    language = languages.get(code)
    table = language.catch_up
    months = "|".join(sorted(map(re.escape, language.months), key=len, reverse=True))
    date = (
        re.compile(rf"\b(?:(?:{months})\.?\s+\d{{1,2}}\b|\d{{1,2}}\.?\s+(?:{months})\b)", re.I)
        if months
        else None
    )
    return _Words(
        code=code,
        table=table,
        tally=re.compile(table.tally, re.IGNORECASE) if table.tally else None,
        clock=re.compile(table.clock, re.IGNORECASE) if table.clock else None,
        date=date,
        stop=frozenset(w for word in language.stop_words for w in words(word, code)),
    )


def _conversation_language(texts: Sequence[str]) -> str:
    return languages.stop_word_language(" ".join(texts)[:2000]) or languages.DEFAULT


def message_kind(text: str, language: str = languages.DEFAULT) -> str:
    """What a message does in a conversation: "chatter", "question", "outcome", "next" (a step
    ahead), "calculation" or "" (the rest of the discussion)."""
    table = _words(languages.normalize(language) or languages.DEFAULT)
    return _kind(text, table)


def _kind(text: str, table: _Words) -> str:
    said = [w.lower() for w in re.findall(r"[^\W_]+", text)]
    tokens = words(text, table.code)
    if (
        not tokens
        or small_talk(text)
        or all(w in table.table.chatter or w in table.stop for w in said)
    ):
        return "chatter"
    if text.rstrip().endswith(("?", "؟")):
        return "question"
    hedged = any(w in table.table.hedge for w in said)
    plain = _ISO_DATE.sub(" ", table.clock.sub(" ", text) if table.clock else text)
    tally = bool(table.tally and table.tally.search(plain))
    if not hedged and (tally or any(w in table.table.outcome for w in said)):
        return "outcome"
    figures = len(re.findall(r"\d[\d,.]*", plain))
    reckons = any(w in table.table.calculation for w in said) or bool(_ARITHMETIC.search(text))
    if figures >= 2 and reckons:
        return "calculation"
    ahead = any(w in table.table.when for w in said) or bool(
        (table.clock and table.clock.search(text)) or (table.date and table.date.search(text))
    )
    if ahead and not hedged:
        return "next"
    return ""


def _scores(texts: Sequence[str], tokens: list[list[str]], weights: np.ndarray) -> np.ndarray:
    """Centrality among the texts, times each one's weight and the figures and names it
    states, scaled so the best is 1."""
    scores = lexrank(similarity(tokens)) * weights * np.array([stated(t) for t in texts])
    return np.asarray(scores / (scores.max() or 1.0))


def catch_up(texts: Sequence[str], weights: Sequence[float] | None = None, k: int = 5) -> CatchUp:
    """The ``k`` messages that carry a conversation (see the module doc): the outcome and the
    next step first, when it has them, then the others that carry it, in time order."""
    table = _words(_conversation_language(texts))
    kinds = [_kind(t, table) for t in texts]
    keep = [i for i, kind in enumerate(kinds) if kind != "chatter"]
    tokens = [content_words(texts[i], table.code) or ["\x00"] for i in keep]
    if not keep:
        return CatchUp()
    weight = np.array(
        [(weights[i] if weights else 1.0) * _KIND_WEIGHT.get(kinds[i], 1.0) for i in keep]
    )
    scores = _scores([texts[i] for i in keep], tokens, weight)
    # The outcome (and, in a longer catch-up, a second message of it: the figures of the
    # decision), then the next step; positions in ``keep``.
    outcomes = sorted(
        (j for j, i in enumerate(keep) if kinds[i] == "outcome"), key=lambda j: -scores[j]
    )
    lead = sorted(outcomes[: 2 if k >= _TWO_OUTCOMES else 1])
    steps = [j for j, i in enumerate(keep) if kinds[i] == "next"]
    if steps:
        lead.append(max(steps, key=lambda j: float(scores[j])))
    if not lead:
        lead = [int(np.argmax(scores))]
    picked = pick_diverse(scores, similarity(tokens), k, first=lead[0], keep=lead[1:])
    rest = sorted(keep[j] for j in picked if j not in lead)
    return CatchUp(lead=tuple(keep[j] for j in lead), rest=tuple(rest), said=tuple(keep))
