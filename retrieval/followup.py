"""Follow-up questions: a message that leans on the question before it ("and who else?", "what
about Italy?", "who did they beat?") read together with that question.

Pure functions on text, so the bot decides *which* earlier question a message may follow (a
reply to one of its answers; a private message soon after the last one) and this module decides
*whether* it does and *how* the two combine, in each of the collection languages (the words are
each language's ``[follow_up]`` table, ``languages/model.py``'s ``FollowUp``).

Whether: a message that names its own topic (a name, a place, a subject such as "inflation")
stands alone, whatever its time words; a message leans when it opens with "and" / "what about"
(and is no full question of its own), points back with a pronoun and says little else ("when is
his trial?"), or names no topic at all ("when?", "who won?", "what was the score?": its words
say what is asked, not about what).

How: the new message's words (its question word first: "who", "how many", "which country"),
then the earlier question's topic words (without the earlier event word when the new message
brings its own: "who did they beat?" after "who won ...?" is about beating, not winning), the
new message's time words when it names a time, else the earlier one's. A pronoun in the new
message also brings the name the earlier answer gave ("they": the team that won), when that
answer named one (``conversation_turn``). The result is a question text the ordinary answer
path reads, so a follow-up is searched, scored and refused exactly like a question typed in
full.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import languages
from .answer import Answer
from .discourse import (
    EDGE_PUNCTUATION,
    LETTERS,
    Tables,
    message_language,
    tables_for,
    time_phrase,
)
from .question import MAX_QUERY_CHARS
from .timewords import question_time_scope
from .tokenize import words

__all__ = [
    "MAX_LEANING_WORDS",
    "MAX_TOPIC_WORDS",
    "answer_subject",
    "combine_follow_up",
    "conversation_turn",
    "leans_on_previous",
]

MAX_LEANING_WORDS = 12  # a longer message says enough on its own to be a new question
# Words carried over from the previous question: a chain of follow-ups (each combined question
# is the next one's previous) never grows past this, nor past a question's own term limit.
MAX_TOPIC_WORDS = 16
_SUBJECT_WORDS = 4  # a name, not a clause
_SUBJECT_START = 4  # the name must start within the answer's first words: its subject
# An answer this likely to be right lends its name to "they" (docs/quality.md's calibration: on
# answerable questions, about two in three above it hold the answer).
_SUBJECT_CONFIDENCE = 0.5
# Between a question and the name its answer gave, in the text the bot keeps (one column).
_SUBJECT_MARK = "\n→ "
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class _Reading:
    """What a message says of itself, for telling a follow-up from a new question."""

    body: str  # the message without its opening and its time words
    opening: bool  # "and ...", "what about ..."
    question: bool  # a question word, or a question mark
    asks: bool  # a question word in the body ("and who won the Ballon d'Or?")
    topic: tuple[str, ...]  # words naming what it is about
    named: bool  # a capitalised word inside it: a name
    pronoun: bool  # a word pointing back at something said before
    general: bool  # its only words ask for news at all ("what happened")
    news: bool  # it asks for news ("what is new with ...", "what happened in ...")
    introduces: bool  # an indefinite article: something new ("what is a recession?")
    timed: bool  # it names a time


def _read(text: str, as_of: dt.date, tables: Tables) -> _Reading:
    text = " ".join(text[:MAX_QUERY_CHARS].split())
    rest, scope = question_time_scope(text, as_of, tables.code)
    opening = tables.opening.match(rest) if tables.opening is not None else None
    body = rest[opening.end() :] if opening else rest
    pointing = tables.impersonal.sub(" ", body) if tables.impersonal is not None else body
    asks = bool(tables.wh and tables.wh.search(body))
    plain = tables.wh.sub(" ", body) if tables.wh is not None else body
    tokens = [w for w in words(plain, tables.code) if w not in tables.stop]
    topic = tuple(
        w
        for w in tokens
        if (len(w) > 1 or w.isdigit())
        and w not in tables.points_back
        and w not in tables.filler
        and not tables.is_light(w)
        and not tables.is_general(w)
    )
    news = any(tables.is_general(w) for w in words(plain, tables.code))
    named = tables.names and bool(_names(text, tables) & set(words(plain, tables.code)))
    return _Reading(
        body=body,
        opening=opening is not None,
        question=asks or text.endswith(("?", "؟")),
        asks=asks,
        topic=topic,
        named=named,
        pronoun=any(w in tables.points_back for w in words(pointing, tables.code)),
        general=news and all(tables.is_general(w) for w in tokens),
        news=news,
        introduces=any(w in tables.indefinite for w in words(plain, tables.code)),
        timed=scope is not None,
    )


def _names(text: str, tables: Tables) -> set[str]:
    """The words ``text`` writes as names: capitalised, not its first word, not stop words."""
    found = set()
    for position, match in enumerate(LETTERS.finditer(text)):
        word = match.group()
        if position and word[0].isupper() and (low := word.lower()) not in tables.stop:
            found.update(words(low, tables.code))
    return found


def leans_on_previous(text: str, as_of: dt.date, *, previous: str = "", language: str = "") -> bool:
    """True for a message that cannot stand alone (see the module doc). ``previous``: the
    question it may follow, whose language a message too short to tell takes; ``language``:
    the asker's, when neither tells.
    """
    if not text.strip():
        return False
    hint = message_language(_recall(previous)[0], language) if previous else language
    tables = tables_for(message_language(text, hint))
    if len(words(text, tables.code)) > MAX_LEANING_WORDS:
        return False
    reading = _read(text, as_of, tables)
    if reading.opening:
        # "and Italy?", "what about the vaccine?"; but "And who won the Ballon d'Or?" asks
        # a question of its own.
        return not (reading.asks and (reading.named or len(reading.topic) >= 2))
    if not reading.topic:
        if reading.timed and reading.general:  # "what happened this week?": all the news
            return False
        return bool(words(reading.body, tables.code)) or reading.timed
    if reading.pronoun and len(reading.topic) < 2:
        return True  # "when is his trial?", "what did Biden say about it?"
    # A question about one unnamed thing: "with what song?", "when did the deal close?"; but
    # not "what is a recession?", "what is new with twitter?"
    return (
        reading.asks
        and len(reading.topic) == 1
        and not (reading.named or reading.news or reading.introduces)
    )


def _wh_phrase(text: str, tables: Tables) -> str:
    """The words that say what kind of answer is wanted ("how many", "which country", "when",
    "who"), as the question has them; "" when there are none."""
    found = [m for pattern in tables.forms.values() if (m := pattern.search(text))]
    if not found and tables.wh is not None and (m := tables.wh.search(text)):
        found = [m]
    if not found:
        return ""
    best = min(found, key=lambda m: (m.start(), -len(m.group())))
    return " ".join(best.group().lower().split())


def combine_follow_up(previous: str, new: str, as_of: dt.date, *, language: str = "") -> str:
    """The question ``new`` asks once read together with ``previous`` (a question, or what
    ``conversation_turn`` kept of one; see the module doc). ``language``: the asker's.

    Words are kept as written, stop words between them too: search ignores them, and they tell
    the combined question's language as they told the two messages'."""
    question, subject = _recall(previous)
    question = " ".join(question[:MAX_QUERY_CHARS].split())
    new = " ".join(new[:MAX_QUERY_CHARS].split())
    before = tables_for(message_language(question, language))
    tables = tables_for(message_language(new, before.code))
    reading = _read(new, as_of, tables)
    previous_rest, _ = question_time_scope(question, as_of, before.code)
    wh = _wh_phrase(reading.body, tables) or _wh_phrase(question, before)
    skip = set(words(wh, tables.code)) | set(words(wh, before.code))
    own = _kept_words(reading.body, tables, skip)
    skip |= {w for word in own for w in words(word, tables.code) if w not in tables.stop}
    if any(tables.is_light(w) for word in own for w in words(word, tables.code)):
        # The new message says what is asked ("beat"): the earlier event word ("won") goes.
        skip |= {w for w in words(previous_rest, before.code) if before.is_light(w)}
    if subject and reading.pronoun and not reading.opening:
        # "who did they beat?": they are who the earlier answer named
        previous_rest = f"{subject} {previous_rest}"
    topic = _kept_words(previous_rest, before, skip, limit=MAX_TOPIC_WORDS)
    scope = question_time_scope(new, as_of, tables.code)[1]
    time = (
        time_phrase(new, as_of, tables.code)
        if scope is not None
        else time_phrase(question, as_of, before.code)
    )
    parts = [wh, *own, *topic, time]
    return " ".join(part for part in parts if part) + "?"


def _kept_words(
    text: str, tables: Tables, skip: set[str], *, limit: int | None = None
) -> list[str]:
    """The words of ``text`` in order, as written (a compound such as "S-400" whole, so it
    stays a phrase), without ``skip``, pronouns and filler; stop words only between the words
    kept; at most ``limit`` words that are not stop words."""
    kept: list[str] = []
    between: list[str] = []
    seen: set[str] = set()
    ignored = skip | tables.points_back | tables.filler
    for raw in text.split():
        token = raw.strip(EDGE_PUNCTUATION)
        parts = words(token, tables.code)
        if not parts or all(p in ignored for p in parts):
            continue
        if all(p in tables.stop for p in parts):
            if kept:
                between.append(token)
            continue
        if token.lower() in seen:
            continue
        if limit is not None and len(seen) >= limit:
            break
        kept += [*between, token]
        between = []
        seen.add(token.lower())
    return kept


def answer_subject(answer: Answer) -> str:
    """The name an answer gave for what its question asked ("Who won the 2022 World Cup?":
    "Argentina"): the run of capitalised words that opens its first sentence (after "The"),
    when the question does not hold it; "" when the answer was refused or is not likely right,
    the question asked for a time or a number (there the question names the subject itself),
    or the language does not mark names."""
    if answer.confidence < _SUBJECT_CONFIDENCE or not answer.answered or not answer.sentences:
        return ""
    tables = tables_for(languages.normalize(answer.language) or languages.DEFAULT)
    asks_name = [tables.forms[k] for k in ("place", "person") if k in tables.forms]
    if not tables.names or not any(p.search(answer.question) for p in asks_name):
        return ""
    asked = set(words(answer.question, tables.code))
    run: list[str] = []
    for position, match in enumerate(_WORD.finditer(answer.sentences[0].text)):
        if position >= _SUBJECT_START and not run:
            break  # a name further in is seldom what the sentence is about ("on Wednesday")
        token = match.group()
        lowered = words(token, tables.code)
        name = (
            token[0].isupper()
            and not token.isupper()
            and not any(w in tables.stop or w in asked for w in lowered)
        )
        if name and len(run) < _SUBJECT_WORDS:
            run.append(token)
        elif run:
            break
    return " ".join(run)


def conversation_turn(question: str, answer: Answer) -> str:
    """What a later follow-up needs of an answered question, as one text to keep: the question,
    and the name its answer gave (``answer_subject``) on a line of its own."""
    subject = answer_subject(answer)
    return f"{question}{_SUBJECT_MARK}{subject}" if subject else question


def _recall(kept: str) -> tuple[str, str]:
    """A kept conversation turn as its question and its answer's name."""
    question, _, subject = kept.partition(_SUBJECT_MARK)
    return question, subject
