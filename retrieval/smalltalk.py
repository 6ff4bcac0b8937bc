"""Messages that are not questions: greetings, thanks, "ok", "test", emoji, "who are you?".

Kept as data: whole-message phrases (after lowercasing, and dropping punctuation and emoji), in
each language's table file, and a few patterns for their common English variations. A message is
small talk only when all of it is; "hi-tech stocks", "Tesla news" and "who won?" are questions.
"""

from __future__ import annotations

import re
from dataclasses import fields

from . import languages
from .languages.model import SmallTalk

__all__ = ["SMALL_TALK", "small_talk"]


# kind -> whole messages of that kind, in every language (each language's table file,
# ``retrieval/languages/<code>.toml``, has its own under ``[small_talk]``).
SMALL_TALK: dict[str, frozenset[str]] = {
    kind.name: frozenset(
        " ".join(phrase.split())
        for language in languages.LANGUAGES.values()
        for phrase in getattr(language.small_talk, kind.name)
    )
    for kind in fields(SmallTalk)
}

_ADDRESS = r"(?:\s+(?:there|bot|newsbot|everyone|all|guys|folks|friend|buddy|mate|again))*"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("greeting", re.compile(rf"^(?:h+i+|he+y+|hel+o+|yo+)(?:\s+(?:h+i+|he+y+)){{0,2}}{_ADDRESS}$")),
    (
        "thanks",
        re.compile(
            rf"^(?:(?:ok(?:ay)?|great|cool|nice)\s+)?(?:thanks?|thank you|thx|ty)"
            rf"(?:\s+(?:a lot|so much|very much|again))?{_ADDRESS}$"
        ),
    ),
    ("ack", re.compile(r"^(?:o+k+|test(?:ing)?|ha(?:ha)+|lo+l)(?:\s+(?:o+k+|test(?:ing)?|\d+))*$")),
]
_NOT_WORD = re.compile(r"[^\w\s']+")


def _normalise(text: str) -> str:
    text = text.lower().replace("’", "'")
    return " ".join(_NOT_WORD.sub(" ", text).replace("_", " ").split())


def small_talk(text: str) -> str:
    """The kind of small talk the whole message is ("greeting", "thanks", "ack", "about",
    "topicless", or "emoji" when it has no words at all), or "" for a question."""
    if not any(ch.isalnum() for ch in text):
        return "emoji"
    if len(text) > 60:  # small talk is short; anything longer is worth searching
        return ""
    plain = _normalise(text)
    for kind, phrases in SMALL_TALK.items():
        if plain in phrases:
            return kind
    for kind, pattern in _PATTERNS:
        if pattern.match(plain):
            return kind
    return ""
