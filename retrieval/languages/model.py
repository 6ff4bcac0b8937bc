"""The shape of one language's tables (each ``<code>.toml`` beside this module is validated into
it once, at import)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ConfigDict

__all__ = [
    "CatchUp",
    "FollowUp",
    "Furniture",
    "Language",
    "LightStemming",
    "RelativeWords",
    "SmallTalk",
    "words",
]

# A key the model does not know is a typo in a table file: refuse it rather than ignore it.
_STRICT_KEYS = ConfigDict(extra="forbid")


def words(table: str) -> frozenset[str]:
    """A table written as white-space separated words."""
    return frozenset(table.split())


@dataclass(frozen=True)
class RelativeWords:
    """Relative time words: a pattern, days before the reference date, days after it."""

    __pydantic_config__ = _STRICT_KEYS

    pattern: str
    before: int
    after: int


@dataclass(frozen=True)
class Furniture:
    """A language's page furniture words (``furniture_languages``), each field an alternation
    of phrases (regular expressions); the kinds are the English rules' (``furniture_rules``)."""

    __pydantic_config__ = _STRICT_KEYS

    link: str  # "Read more", "See also": followed by ":" or "»", or a line of their own
    caption: str  # "Photo", "Video": followed by ":" or "|"
    advert: str  # "Advertisement": a line of its own
    subscribe: str  # "Subscribe to ...": at the start
    listen: str  # "Listen to this article": at the start
    updated: str  # "Updated", "Published": followed by a date or a time
    share: str  # "Share": a line of its own, or "Share on X"
    clock: str = ""  # words after a clock time: "Uhr", "мск"
    at: str = ""  # the word between a date and its time: "um", "à", "в"


@dataclass(frozen=True)
class SmallTalk:
    """Whole messages that are not questions (``smalltalk``), by kind, lower case and without
    punctuation: "привет" is a greeting, not a question in a language the collection lacks."""

    __pydantic_config__ = _STRICT_KEYS

    greeting: frozenset[str] = frozenset()
    thanks: frozenset[str] = frozenset()
    ack: frozenset[str] = frozenset()  # "ok", "test"
    about: frozenset[str] = frozenset()  # "who are you?"
    topicless: frozenset[str] = frozenset()  # "news", "what's new"


@dataclass(frozen=True)
class FollowUp:
    """What tells a message that leans on the question before it from one that names its own
    topic (``followup``). Patterns are regular expressions (lists in the file, joined); word
    tables are matched by their stems, so one form stands for its inflections."""

    __pydantic_config__ = _STRICT_KEYS

    # Openings that continue the conversation: "and ...", "what about ...", at the start.
    opening: str = ""
    # Openings of a sentence that continues the one before it ("However", "Meanwhile"; "I",
    # "We": a quote without its marks, whose speaker the sentence before names): such a
    # sentence never opens a summary (``summarize``), nor do ``opening`` and ``points_back``.
    continues: str = ""
    # Words that point back at something said before: third-person pronouns, possessives,
    # demonstratives ("they", "his", "this"); a message with one and little of its own leans.
    points_back: frozenset[str] = frozenset()
    # Expressions whose pronoun points at nothing ("is there", "il y a", "es gibt").
    impersonal: str = ""
    # Words that say what is asked rather than what about: events and their figures ("won",
    # "beat", "died", "score", "reason", "price"). "Who won?" names no topic; "Who won the
    # World Series?" does.
    light: frozenset[str] = frozenset()
    # Words of the follow-up form itself, never what is asked about ("else", "other", "more").
    filler: frozenset[str] = frozenset()
    # Words asking for news at all ("happened", "new", "latest"): with time words only,
    # "what happened this week?" is a new question, not a follow-up.
    general: frozenset[str] = frozenset()
    # Indefinite articles: what they introduce is new ("what is a recession?"), not something
    # said before ("when did the deal close?").
    indefinite: frozenset[str] = frozenset()
    # Whether a capital letter inside a sentence marks a name (not in German, whose nouns all
    # have one, nor in scripts without case).
    capitalised_names: bool = True


@dataclass(frozen=True)
class CatchUp:
    """What tells the messages that carry a group conversation (``catchup``): its outcome and
    next step come first, chit-chat and side calculations never lead. Word tables are matched
    as written (lower case): "passed" is an outcome, "pass" is not."""

    __pydantic_config__ = _STRICT_KEYS

    outcome: frozenset[str] = frozenset()  # decisions and results: "passed", "approved"
    hedge: frozenset[str] = frozenset()  # what may happen is no outcome: "if", "would"
    when: frozenset[str] = frozenset()  # a time ahead: "tomorrow", "next", weekdays
    events: frozenset[str] = frozenset()  # what is held then: "hearing", "meeting"
    chatter: frozenset[str] = frozenset()  # words of chit-chat: "brb", "lol", "ok"
    calculation: frozenset[str] = frozenset()  # reckoning with figures: "per", "each"
    tally: str = ""  # a regex: a vote or a score ("7 to 2", "52-48")
    clock: str = ""  # a regex: a time of day ("6pm", "18 Uhr")


@dataclass(frozen=True)
class LightStemming:
    """Affix stripping by rules instead of a Snowball stemmer (``stemmer = "light"``): Arabic's
    light10 (Larkey, Ballesteros and Connell). ``retrieval.light_stemming`` applies it: letter
    variants folded, then at most one prefix (the first that fits, in order), then each suffix
    once, in order. Each affix is written with the fewest letters the word must keep after it
    is cut (``["وال", 2]``): a short word is left whole rather than cut to a letter or two."""

    __pydantic_config__ = _STRICT_KEYS

    letters: dict[str, str] = field(default_factory=dict)  # anywhere in a word: "أ" -> "ا"
    final_letters: dict[str, str] = field(default_factory=dict)  # last letter only: "ى" -> "ي"
    prefixes: tuple[tuple[str, int], ...] = ()
    suffixes: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Language:
    """What analysis needs to know of one language. Patterns are regular expressions matched
    case-insensitively against the question's text."""

    __pydantic_config__ = _STRICT_KEYS

    code: str  # ISO 639-1
    native: str  # the language's own name, shown beside sentences in another language
    stemmer: str  # PyStemmer's Snowball algorithm, or "light": the ``light_stemming`` rules
    stop_words: frozenset[str]
    abbreviations: frozenset[str] = frozenset()  # words a "." after does not end a sentence
    # Question forms: what kind of answer a question wants. ``wh`` asks for a fact at all;
    # ``number`` includes "when" words (a date is a figure too).
    wh: str = ""
    time: str = ""
    number: str = ""
    person: str = ""
    place: str = ""
    # Time words: month names (all their forms) -> month number, and the words that come
    # before a date (or, in Turkish, after it) to say "since", "until", "in", "between ... and".
    months: dict[str, int] = field(default_factory=dict)
    since: tuple[str, ...] = ()
    until: tuple[str, ...] = ()
    during: tuple[str, ...] = ()
    between: tuple[str, str] = ("", "")
    month_year_joiner: str = ""  # "junio de 2019": a word between month and year
    since_after: tuple[str, ...] = ()  # "2019'dan beri": words after the year meaning since
    until_after: tuple[str, ...] = ()
    year_suffix: str = ""  # "2019'da", "2019-го": an ending glued to the year
    relative: tuple[RelativeWords, ...] = ()
    # "the last 3 days": a pattern with groups ``n`` (a number) and ``unit``, and the unit
    # words' beginnings (lower case) -> days, tried in order.
    last_n: str = ""
    units: tuple[tuple[str, int], ...] = ()
    present: str = ""  # asks about now: "today", "latest", ...
    furniture: Furniture | None = None  # English has its own rules (``furniture_rules``)
    small_talk: SmallTalk = SmallTalk()
    follow_up: FollowUp = FollowUp()
    catch_up: CatchUp = CatchUp()
    # A morphological analyser whose dictionary lemma stands for the words it knows (Russian:
    # "pymorphy3"); the stemmer takes the words it does not (``retrieval.lemmas``).
    lemmatizer: str = ""
    light_stemming: LightStemming | None = None
