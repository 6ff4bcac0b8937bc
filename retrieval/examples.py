"""An example question the collection answers: what /start offers, checked by asking it.

A candidate is made from one of the newest articles: its title's main name (a person first,
then an organisation, a place, another name; in languages the fact tagger does not read, the
title's run of capitalised words) put into a question of the caller's ("What happened to
{topic}?", in the language asked for). It is kept only when asking it gives an answer, sure
enough (``EXAMPLE_CONFIDENCE``), whose first sentence names the topic: the example a person
taps is answered, and the answer confirms it. ``ExampleCache`` keeps the one found for each
template and language until the index changes (its generation moves).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from .answer import Answer, answer_question
from .backend import Passage, RecentRequest, SearchBackend
from .facts import NAMES, PERSON, decode, tag_article

__all__ = ["EXAMPLE_CONFIDENCE", "Example", "ExampleCache", "example_question"]

EXAMPLE_CONFIDENCE = 0.35  # well above the refusal threshold: the example must answer clearly
_CANDIDATES = 30  # newest articles looked at
_TRIES = 12  # questions asked at most (each costs an answer)
_MAX_TOPIC_CHARS = 40  # the question must fit a button with its "Ask: "
_KIND_ORDER = (PERSON, "O", "L", "N", "W")
_CAPITALISED = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*)*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_KEPT = 32  # (template, language) pairs an ExampleCache keeps: a bot has a few of each


@dataclass(frozen=True)
class Example:
    """A checked example: the question and the answer it gets."""

    question: str
    answer: Answer


def example_question(
    index: SearchBackend,
    template: str,
    *,
    language: str,
    as_of: dt.date,
    fits: Callable[[str], bool] = lambda _question: True,
) -> Example | None:
    """The first question made from the newest articles in ``language`` with ``template``
    (a ``str.format`` pattern with ``{topic}``) that the collection answers surely; None when
    none does. ``fits``: whether a question can be offered at all (a button's bytes), checked
    before it is asked."""
    leads = index.recent_articles(RecentRequest(_CANDIDATES))
    tried: set[str] = set()
    for lead in leads:
        if lead.language and lead.language != language:
            continue
        topic = _topic(lead)
        if not topic or topic.lower() in tried:
            continue
        tried.add(topic.lower())
        question = template.format(topic=topic)
        if not fits(question):
            continue
        answer = answer_question(index, question, as_of=as_of, language=language)
        if _confirms(answer, topic):
            return Example(question, answer)
        if len(tried) >= _TRIES:
            break
    return None


class ExampleCache:
    """The checked example of each template and language, found again only when the index
    has changed (``SearchBackend.generation``). One search at a time finds each: another
    asking for the same waits for its result rather than ask the same questions, and none
    waits for another template's or language's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # One lock per (template, language): a bot has one template per language it speaks.
        self._finding: dict[tuple[str, str], threading.Lock] = {}
        self._found: dict[tuple[str, str], tuple[int, Example | None]] = {}

    def example(
        self,
        index: SearchBackend,
        template: str,
        *,
        language: str,
        as_of: dt.date,
        fits: Callable[[str], bool] = lambda _question: True,
    ) -> Example | None:
        key = (template, language)
        with self._lock:
            finding = self._finding.setdefault(key, threading.Lock())
        with finding:
            generation = index.generation  # read first: a commit meanwhile moves it again
            kept = self._found.get(key)
            if kept is not None and kept[0] == generation:
                return kept[1]
            found = example_question(index, template, language=language, as_of=as_of, fits=fits)
            with self._lock:
                if len(self._found) >= _KEPT:
                    self._found.clear()
                self._found[key] = (generation, found)
            return found


def _confirms(answer: Answer, topic: str) -> bool:
    """Answered surely, and its first sentence (or its article's title) names the topic."""
    if not answer.answered or answer.confidence < EXAMPLE_CONFIDENCE or answer.language_missing:
        return False
    first = answer.sentences[0]
    shown = f"{first.title} {first.text}".lower()
    return all(word.lower() in shown for word in topic.split())


def _topic(lead: Passage) -> str:
    """The title's main name as the title writes it, or ""."""
    title = " ".join(lead.title.split())
    # Facts are tagged for an answer's pool, not kept in the index: the title is read alone.
    tagged = decode(tag_article(title, [])[0])
    names = [(kind, words) for kind, words in tagged if kind in NAMES]
    for kind in _KIND_ORDER:
        for found, words in names:
            if found == kind:
                written = _as_written(title, words.split("_"))
                if written:
                    return written
    return _capitalised_run(title)


def _as_written(title: str, words: list[str]) -> str:
    """The words of a tagged name (lower case) as they stand in the title."""
    pattern = r"\b" + r"\W+".join(map(re.escape, words)) + r"\b"
    found = re.search(pattern, title, re.IGNORECASE)
    topic = _POSSESSIVE.sub("", found.group(0)) if found else ""
    return topic if 3 <= len(topic) <= _MAX_TOPIC_CHARS else ""


def _capitalised_run(title: str) -> str:
    """The longest run of capitalised words after the title's first word (a name in languages
    the tagger does not read: "Зеленский", "Weltmeisterschaft"), or ""."""
    runs = []
    for match in _CAPITALISED.finditer(title):
        words = [w for w in match.group(0).split() if w[:1].isupper()]
        if match.start() == 0:
            words = words[1:]
        if words and len(" ".join(words)) <= _MAX_TOPIC_CHARS:
            runs.append(" ".join(words))
    return max(runs, key=len, default="")
