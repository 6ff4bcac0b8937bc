"""How messages and sentences lean on what came before, in each collection language: the
``[follow_up]`` tables of ``languages`` compiled once (``Tables``), whether a sentence needs the
one before it (``needs_the_sentence_before``: summaries never open with one), and what a
question is about in its own words (``question_topic``: a header). Follow-ups themselves are
``followup``'s; catch-ups read the ``[catch_up]`` tables through ``catchup``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from . import languages
from .question import MAX_QUERY_CHARS
from .timewords import question_time_scope
from .tokenize import stem, words

__all__ = [
    "EDGE_PUNCTUATION",
    "LETTERS",
    "Tables",
    "message_language",
    "needs_the_sentence_before",
    "opens_with_a_maybe",
    "question_topic",
    "tables_for",
    "time_phrase",
]

EDGE_PUNCTUATION = "?!.,;:()[]{}\"'«»“”‘’…¿¡؟،"
LETTERS = re.compile(r"[^\W\d_]+")  # "l'Eurovision": "l", "Eurovision"
_FORMS = ("time", "number", "place", "person")  # the question forms that say what is asked


@dataclass(frozen=True)
class Tables:
    """One language's follow-up tables, compiled, with its words as the tokenizer sees them."""

    code: str
    opening: re.Pattern[str] | None
    continues: re.Pattern[str] | None
    impersonal: re.Pattern[str] | None
    wh: re.Pattern[str] | None
    forms: dict[str, re.Pattern[str]]  # "time", "number", "place", "person"
    stop: frozenset[str]
    points_back: frozenset[str]
    light: frozenset[str]  # stems
    filler: frozenset[str]
    general: frozenset[str]  # stems
    indefinite: frozenset[str]
    names: bool

    def is_light(self, word: str) -> bool:
        return stem(word, self.code) in self.light

    def is_general(self, word: str) -> bool:
        return stem(word, self.code) in self.general


def _compile(pattern: str, *, anchored: bool = False) -> re.Pattern[str] | None:
    if not pattern:
        return None
    return re.compile(rf"^[\W_]*(?:{pattern})" if anchored else pattern, re.IGNORECASE)


@cache
def tables_for(code: str) -> Tables:
    table = languages.get(code)
    follow = table.follow_up

    def analysed(table_words: frozenset[str]) -> frozenset[str]:
        return frozenset(w for word in table_words for w in words(word, code))

    def stems(table_words: frozenset[str]) -> frozenset[str]:
        return frozenset(stem(w, code) for w in analysed(table_words))

    return Tables(
        code=code,
        opening=_compile(follow.opening, anchored=True),
        continues=_compile(follow.continues, anchored=True),
        impersonal=_compile(follow.impersonal),
        wh=_compile(table.wh),
        forms={k: p for k in _FORMS if (p := _compile(getattr(table, k))) is not None},
        stop=analysed(table.stop_words),
        points_back=analysed(follow.points_back),
        light=stems(follow.light),
        filler=analysed(follow.filler),
        general=stems(follow.general),
        indefinite=analysed(follow.indefinite),
        names=follow.capitalised_names,
    )


def message_language(text: str, hint: str = "") -> str:
    """The language of a message: its script and stop words when they tell, else ``hint`` (the
    earlier question's, or the asker's), else English. Never the statistical detector: this runs
    on every private message, and a short one gives it too little to go on."""
    return languages.stop_word_language(text) or languages.normalize(hint) or languages.DEFAULT


def needs_the_sentence_before(text: str, language: str = languages.DEFAULT) -> bool:
    """A sentence that cannot open a summary, because it continues the one before it: it opens
    in lower case (a fragment), with a connective ("However", "But") or a word pointing back
    ("He predicted ...", "They", "This"; not "This week, ..."), or it holds half a quote (one
    that began in an earlier sentence, or goes on in a later one)."""
    tables = tables_for(languages.normalize(language) or languages.DEFAULT)
    text = " ".join(text.split())
    return _half_quote(text) or _opens_leaning(text, tables, timed=True)


def _opens_leaning(text: str, tables: Tables, *, timed: bool) -> bool:
    first = LETTERS.search(text)
    if first is None:
        return False
    if first.group()[0].islower():
        return True
    for pattern in (tables.opening, tables.continues):
        if pattern is not None and pattern.match(text):
            return True
    if tables.impersonal is not None and tables.impersonal.match(text):
        return False  # "There are ...", "Il y a ...": nothing to point back at
    opening_words = words(text[: first.end()], tables.code)
    if not opening_words or opening_words[0] not in tables.points_back:
        return False
    if timed:  # "This week, ..." opens with time words, not with "this"
        rest, scope = question_time_scope(text, dt.date.today(), tables.code)
        if scope is not None and not text.startswith(rest[:8]):
            return _opens_leaning(rest, tables, timed=False)
    return True


def opens_with_a_maybe(text: str, language: str = languages.DEFAULT) -> bool:
    """A sentence that opens with what may be, not what is ("If the rate drops ...", "Perhaps
    ..."): the language's catch-up hedges, first."""
    code = languages.normalize(language) or languages.DEFAULT
    first = words(text[:40], code)[:1]
    return bool(first) and first[0] in _hedges(code)


@cache
def _hedges(code: str) -> frozenset[str]:
    return frozenset(w for word in languages.get(code).catch_up.hedge for w in words(word, code))


def _half_quote(text: str) -> bool:
    """Quote marks that do not pair up within the sentence."""
    if text.count('"') % 2 or text.count("«") != text.count("»"):
        return True
    if "„" in text:  # German quotes open with „ and close with “
        return text.count("„") != text.count("“")
    return text.count("“") != text.count("”")


def time_phrase(text: str, as_of: dt.date, language: str) -> str:
    """The words of ``text`` that name its time scope ("in June 2019", "this week"), or ""."""
    cleaned, scope = question_time_scope(text, as_of, language)
    if scope is None:
        return ""
    full, kept = text.split(), cleaned.split()
    start = 0
    while start < min(len(full), len(kept)) and full[start] == kept[start]:
        start += 1
    end = 0
    while end < min(len(full), len(kept)) - start and full[-1 - end] == kept[-1 - end]:
        end += 1
    return " ".join(full[start : len(full) - end]).strip("?!.,;:؟")


_NAME_GAP = 2  # "Bank of England": stop words a name may hold between its capitalised words


def question_topic(question: str, *, language: str = "") -> str:
    """What a question is about, in its own words, for a header: its runs of topic words (not
    its question words, nor the words that say what is asked), names kept whole ("Bank of
    England"), then its time words. "Which team won the Women's World Cup in 2023?": "Women's
    World Cup in 2023". The question itself when nothing is left."""
    text = " ".join(question[:MAX_QUERY_CHARS].split())
    tables = tables_for(message_language(text, language))
    rest, scope = question_time_scope(text, dt.date.today(), tables.code)
    time = time_phrase(text, dt.date.today(), tables.code) if scope is not None else ""
    if tables.wh is not None:
        rest = tables.wh.sub(" ", rest)
    runs: list[list[str]] = []
    gap: list[str] = []  # the words since the last run, and whether each is a stop word
    stops: list[bool] = []
    for raw in rest.split():
        token = raw.strip(EDGE_PUNCTUATION)
        parts = words(token, tables.code)
        if not parts:
            continue
        ignored = tables.stop | tables.points_back | tables.filler
        if all(p in ignored for p in parts):
            gap.append(token)
            stops.append(True)
            continue
        if all(tables.is_light(p) or tables.is_general(p) for p in parts):
            if runs and not gap:  # "interest rates", "grain deal": part of the run
                runs[-1].append(token)
            else:
                gap.append(token)
                stops.append(False)
            continue
        name = token[:1].isdigit() or (tables.names and token[:1].isupper())
        if runs and all(stops) and (len(gap) <= 1 or (name and len(gap) <= _NAME_GAP)):
            runs[-1] += [*gap, token]  # "chemical weapons in Syria", "Bank of England"
        else:
            runs.append([token])
        gap, stops = [], []
    topic = ", ".join(" ".join(run) for run in runs)
    if not topic:
        return text.rstrip("?!.؟ ")
    return f"{topic} {time}" if time else topic
