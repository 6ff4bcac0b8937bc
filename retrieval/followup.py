"""Follow-up questions: a short message that leans on the question before it ("and who else?",
"what about Italy?", "when?") read together with that question.

Pure functions on text, so the bot decides *when* two messages belong together (a reply to one
of its answers; a private message soon after the last one) and this module decides *how*:

- terms: the new message's content words, then the previous question's topic words;
- time scope: the new message's time words when it names a time, else the previous one's;
- answer type: the new message's wh-word ("who", "how many", "which country") when it has
  one, else the previous question's.

The result is a question text the ordinary answer path reads (``build_query``), so a follow-up
is searched, scored and refused exactly like a question typed in full.
"""

from __future__ import annotations

import datetime as dt
import re

from .question import MAX_QUERY_CHARS
from .timewords import question_time_scope
from .tokenize import STOP_WORDS, words

__all__ = ["MAX_LEANING_WORDS", "MAX_TOPIC_WORDS", "combine_follow_up", "leans_on_previous"]

MAX_LEANING_WORDS = 8  # a longer message says enough on its own to be a new question
# Words carried over from the previous question: a chain of follow-ups (each combined question
# is the next one's previous) never grows past this, nor past a question's own term limit.
MAX_TOPIC_WORDS = 16

# Openings that continue the conversation: "and ...", "what about ...", "how about ...".
_CONNECTIVE = re.compile(
    r"^\s*(?:and|but|also|so|then|or|plus|what\s+about|how\s+about|what\s+of|and\s+what\s+about)\b",
    re.IGNORECASE,
)
# Words that point back at what was said: "who else?", "when did it start?", "is she ...".
_POINTS_BACK = frozenset(
    "else he she they it him her them his hers their its there that this those these".split()
)
# Words of the follow-up form itself, never what is asked about.
_FILLER = frozenset("else about instead too also again others another one ones".split())
_WH = frozenset("who whom whose where when why which what how".split())
_EDGE_PUNCTUATION = "?!.,;:()[]{}\"'«»“”‘’…"
_CONNECTIVE_WORDS = frozenset("and but also so then or plus".split())


def _wh_phrase(text: str) -> str:
    """The question word and, for "how"/"what"/"which", the word that says what kind of answer
    is wanted ("how many", "what year", "which country"); "" when there is none.

    "what about" and "how about" are openings, not questions, and are skipped.
    """
    tokens = words(text)
    for i, token in enumerate(tokens):
        if token not in _WH:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following == "about" and token in ("what", "how"):
            continue
        if token in ("how", "what", "which") and following and following not in STOP_WORDS:
            return f"{token} {following}"
        return token
    return ""


def _topic_words(text: str, skip: set[str]) -> list[str]:
    """Content words in order (a compound such as "S-400" kept whole, so it stays a phrase),
    without stop words, follow-up filler and ``skip``."""
    found: list[str] = []
    for raw in text.split():
        token = raw.strip(_EDGE_PUNCTUATION).lower()
        parts = words(token)
        if not parts or token in found:
            continue
        if all(p in STOP_WORDS or p in _FILLER or p in skip for p in parts):
            continue
        found.append(token)
    return found


def _time_phrase(text: str, as_of: dt.date) -> str:
    """The words of ``text`` that name its time scope ("in June 2019", "this week"), or ""."""
    cleaned, scope = question_time_scope(text, as_of)
    if scope is None:
        return ""
    full, kept = text.split(), cleaned.split()
    start = 0
    while start < min(len(full), len(kept)) and full[start] == kept[start]:
        start += 1
    end = 0
    while end < min(len(full), len(kept)) - start and full[-1 - end] == kept[-1 - end]:
        end += 1
    return " ".join(full[start : len(full) - end]).strip("?!.,;:")


def leans_on_previous(text: str, as_of: dt.date) -> bool:
    """True for a short message that cannot stand alone: it opens with "and"/"what about",
    points back ("who else?", "when did it end?"), or is a bare question word with at most one
    word of its own ("when?", "who won?"). A short new topic ("Tesla", "Italy?") stands alone.
    """
    tokens = words(text)
    if not tokens or len(tokens) > MAX_LEANING_WORDS:
        return False
    if _CONNECTIVE.search(text) or any(token in _POINTS_BACK for token in tokens):
        return True
    cleaned = question_time_scope(text, as_of)[0]
    own = _topic_words(cleaned, set())
    return bool(_wh_phrase(text)) and len(own) <= 1


def combine_follow_up(previous: str, new: str, as_of: dt.date) -> str:
    """The question ``new`` asks once read together with ``previous`` (see the module doc)."""
    new = " ".join(new[:MAX_QUERY_CHARS].split())
    new_rest, new_scope = question_time_scope(new, as_of)
    previous_rest, _ = question_time_scope(previous, as_of)
    wh = _wh_phrase(new) or _wh_phrase(previous)
    skip = set(wh.split()) | _CONNECTIVE_WORDS
    own = _topic_words(new_rest, skip)
    topic = _topic_words(previous_rest, skip | set(own))[:MAX_TOPIC_WORDS]
    time = _time_phrase(new, as_of) if new_scope is not None else _time_phrase(previous, as_of)
    parts = [wh, *own, *topic, time]
    return " ".join(part for part in parts if part) + "?"
