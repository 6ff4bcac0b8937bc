"""What a sentence states: names with their kinds, numbers, money, shares and dates.

Tagged once per article at ingest (``documents.py`` stores a line per sentence, so questions pay
nothing) from cheap evidence, no model: a place list (``places.txt``: countries, US states,
large cities), organisation suffixes ("Inc.", "University", "Airlines"), the words around a
name ("President X", "X said", "X-based", "X, 45,"), and the article itself as a gazetteer: a
name's kind, once known from one mention, holds for its other mentions, and a surname alone
takes its full name's ("Matthews" after "Auston Matthews"). The sentence model
(``features.py``) compares them with the kind of thing a question asks for
(``question_kinds``).

A fact is a kind letter and its words, lowercased and joined by "_" ("Pauston_matthews",
"$410_million"); a sentence's facts are one line of them, space-separated.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import cast

from .tokenize import STOP_WORDS

__all__ = [
    "ANSWER_KINDS",
    "KINDS",
    "Fact",
    "asks_past",
    "decode",
    "encode",
    "form_kinds",
    "question_kinds",
    "tag_article",
    "tag_sentence",
]

# Kind letters: names ...
PERSON, ORG, PLACE, NAME, WORK = "P", "O", "L", "N", "W"
# ... and figures.
NUMBER, MONEY, PERCENT, DATE, QUANTITY = "#", "$", "%", "D", "Q"
KINDS = {
    PERSON: "person",
    ORG: "organisation",
    PLACE: "place",
    NAME: "name of unknown kind",
    WORK: "quoted title",
    NUMBER: "number",
    MONEY: "money",
    PERCENT: "share",
    DATE: "date or year",
    QUANTITY: "number with a unit",
}
NAMES = frozenset((PERSON, ORG, PLACE, NAME, WORK))
FIGURES = frozenset((NUMBER, MONEY, PERCENT, QUANTITY))
# What each kind of question accepts as its answer.
ANSWER_KINDS = {
    "person": frozenset((PERSON,)),
    "organisation": frozenset((ORG,)),
    "place": frozenset((PLACE,)),
    "work": frozenset((WORK,)),
    "name": NAMES,
    "number": FIGURES,
    "money": frozenset((MONEY,)),
    "percent": frozenset((PERCENT,)),
    "time": frozenset((DATE,)),
}

Fact = tuple[str, str]  # (kind letter, words lowercased and joined by "_")

# Boston, U.S., AT&T, McDonald's, Guinea-Bissau, S-400 ("Detroit-based": see ``_segments``)
_CAP = r"[A-Z][\w'’.&-]*"
_JOIN = r"(?: (?:of|de|del|da|di|van|von|der|den|al|el|bin|la|le|du|y) | )"
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred dozen dozens hundreds thousands millions"
).split()
_NUMBER_WORD = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _NUMBER_WORDS) + ")"
_MONTH_NAMES = frozenset(
    (
        "January February March April May June July August September October November December "
        "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec."
    ).split()
)
_MONTHS = "|".join(re.escape(m) for m in sorted(_MONTH_NAMES, key=len, reverse=True))
# Names, figures and quotes are found by three scans, each anchored on its own first
# characters (capitals; digits and currency signs; quotation marks), which the regex engine
# skips to at C speed: one pattern of alternatives would try them all at every position.
_NAMES = re.compile(rf"{_CAP}(?:{_JOIN}{_CAP})*")
_FIGURES = re.compile(
    r"[$€£¥\d](?:(?<=[$€£¥]) ?\d)?\d*(?:[,.]\d+)*(?:st\b|nd\b|rd\b|th\b|s\b)?(?:-\d{1,3}\b(?!-))?"
)
_QUOTES = re.compile(r"[\"“]([^\"“”]{2,60}?)[,.!?]?[\"”]")
_GLUED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_UNITS = (
    "people|persons|years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|kilometers?|"
    "kilometres?|km|meters?|metres?|feet|foot|inches|pounds|lbs?|kilograms?|kg|tons?|tonnes?|"
    "acres?|degrees?|votes?|points?|games?|goals?|wins?|seats?|times|cases|deaths|children|"
    "students|workers|employees|jobs|homes|vehicles|cars|passengers|fans|members|countries|"
    "states|victims|troops|soldiers|copies|units|species|gallons|barrels|nominations|medals|"
    "titles|runs|yards|touchdowns|strokes|laps|episodes|seasons|floors|stories|bedrooms"
)
_TAIL = re.compile(
    r"(?P<scale> ?(?:million|billion|trillion|thousand|bn)\b)?"
    r"(?:(?P<percent> ?(?:%|percent\b|per cent\b|percentage points?\b))"
    r"|(?P<currency> (?:dollars|euros|pounds|yen|yuan|rupees|pesos)\b)"
    rf"|(?P<month> (?:{_MONTHS})(?: \d{{4}}\b)?)"
    rf"|[- ](?P<unit>{_UNITS})\b)?"
)
_DAY = re.compile(r" \d{1,2}(?:st|nd|rd|th)?\b(?:,? \d{4}\b)?| \d{4}\b")  # after a month
_ORG_SUFFIXES = frozenset(
    """inc inc. corp corp. co co. ltd ltd. llc plc ag sa gmbh company corporation group holdings
    university college school institute academy association society foundation federation
    union league council committee commission agency administration department ministry bureau
    office service services board authority court party church hospital bank airlines airways
    air motors motor technologies labs studios records entertainment pictures media news times
    post journal network networks channel club fc team organization organisation coalition
    alliance fund trust partners capital ventures systems industries energy pharmaceuticals
    reserve army navy force forces police guard parliament congress senate assembly cabinet
    campaign brands foods stores""".split()
)
_ORG_HEADS = frozenset(  # "University of Michigan", "Bank of America", "Department of Justice"
    "university college school institute bank department ministry church council office "
    "bureau museum academy society association federation court".split()
)
_PERSON_TITLES = frozenset(
    """president vice mr mr. mrs mrs. ms ms. dr dr. sen sen. senator rep rep. representative
    gov gov. governor mayor judge justice prince princess king queen pope sir dame lord lady
    coach ceo chief chairman chairwoman chair founder co-founder director minister secretary
    chancellor premier ambassador general gen. lt. col. sgt. capt. officer detective sheriff
    attorney lawyer spokesman spokeswoman spokesperson actor actress singer rapper star artist
    author writer producer host anchor comedian musician player quarterback pitcher striker
    goalkeeper forward midfielder defender center guard captain rookie champion driver golfer
    boxer fighter jockey skater gymnast swimmer sprinter runner candidate nominee leader
    commissioner dean professor scientist researcher economist analyst astronaut designer
    chef model influencer billionaire entrepreneur investor owner manager executive rev. rabbi
    cardinal bishop archbishop sheikh emir crown frontman pianist guitarist drummer""".split()
)
# What follows a name: "X said", "X, 45,", "X's wife" (a person); "X's shares" (a company).
_AFTER = re.compile(
    r"(?P<person>(?:'s |’s )(?:wife|husband|son|daughter|mother|father|brother|sister|family|"
    r"lawyer|attorney|spokes\w+)\b|, \d{1,3},|, who\b| (?:said|says|told|wrote|added|tweeted|"
    r"posted|explained|noted|recalled|admitted|argued|insisted|died|dies|was born)\b)"
    r"|(?P<org>(?:'s |’s | )(?:spokes\w+|shares|stock|employees|headquarters)\b)"
)
_ACRONYM = re.compile(r"[A-Z]{2,6}s?$|(?:[A-Z]\.){2,4}$")
# Capitalised words that begin sentences or stand in titles but name nothing.
_NOT_NAMES = frozenset(
    """the a an this that these those it its he she they we i you his her their our my your
    there here in on at for from by with as after before when while but and or if so yet
    however meanwhile still also now then today yesterday tomorrow more most
    some many several all both each every no not monday tuesday wednesday
    thursday friday saturday sunday mr mrs ms dr""".split()
)
_FIRST_WORDS_TO_DROP = (STOP_WORDS - {"don"}) | _NOT_NAMES
# ... as they are written at the start of a name: "The", "THE", "In".
_DROP_AS_WRITTEN = frozenset(
    form for word in _FIRST_WORDS_TO_DROP for form in (word.capitalize(), word.upper(), word)
)
_TITLES_AS_WRITTEN = frozenset(
    form for word in _PERSON_TITLES for form in (word, word.capitalize())
)
_STATIC: dict[str, tuple[str, str]] = {}  # a name as written -> its key and _static_kind
_CACHE_LIMIT = 200_000
_POSSESSIVES = ("'s", "’s", "s'", "s’")
_LOWER_SUFFIX = re.compile(r"-[a-z]{3,}$")
_PLACE_SUFFIXES = frozenset(("-based", "-born", "-headquartered"))
_JOINERS = frozenset("of de del da di van von der den al el bin la le du y".split())
_QUOTED_WORDS = (
    4  # a short quote is a term or a title ("goblin mode"); a longer one, if capitalised
)
_MAX_NAME_WORDS = 6


@cache
def _places() -> frozenset[str]:
    text = resources.files(__package__).joinpath("places.txt").read_text(encoding="utf-8")
    return frozenset(
        _key(line).replace("_", " ") for line in text.splitlines() if line and line[0] != "#"
    )


def _key(text: str) -> str:
    """A fact's words: lowercased, no possessive, no commas, joined by "_"."""
    text = text.lower().replace(",", "").strip(" .;:")
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    return text.rstrip("'’").replace(" ", "_")


def encode(facts: Iterable[Fact]) -> str:
    """One sentence's facts as a line: "Pauston_matthews $410_million"."""
    return " ".join(kind + words for kind, words in facts)


def decode(line: str) -> list[Fact]:
    return [(item[0], item[1:]) for item in line.split() if len(item) > 1]


class _Article:
    """The names an article uses and what it says they are (its own small gazetteer)."""

    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}  # a name's key -> its kind, once evidence says so
        self.inside: set[str] = set()  # names seen capitalised inside a sentence, not first

    def learn(self, key: str, kind: str, inside: bool) -> None:
        if inside:
            self.inside.add(key)
        if kind == NAME or self.kinds.get(key) == PERSON:
            return  # person evidence is the strongest: it stays
        self.kinds[key] = kind
        if kind == PERSON and "_" in key:  # the surname alone names the same person
            surname = key.rsplit("_", 1)[1]
            self.kinds.setdefault(surname, PERSON)
            self.inside.add(surname)


# A scanned item: (start, kind, key, resolved); names are resolved against the whole article.
_Item = tuple[int, str, str, bool]


def _static_kind(text: str) -> tuple[str, str]:
    """A name's key and the kind its own words give it wherever it stands (organisation
    suffixes, the place list, acronyms), remembered: news repeats its names."""
    found = _STATIC.get(text)
    if found is None:
        if len(_STATIC) > _CACHE_LIMIT:
            _STATIC.clear()
        key = _key(text)
        words = key.split("_")
        if words[-1] in _ORG_SUFFIXES or (len(words) > 2 and words[0] in _ORG_HEADS):
            kind = ORG
        elif key.replace("_", " ") in _places():
            kind = PLACE
        elif _ACRONYM.match(text):
            kind = ORG
        else:
            kind = NAME
        found = _STATIC[text] = (key, kind)
    return found


def _name_kind(sentence: str, start: int, end: int, text: str, kind: str) -> str:
    """The kind the words around one name span say it is, given the kind of its own words."""
    if kind in (NAME, PLACE):
        words = text.count(" ") + 1
        if start > 1 and words <= 3:
            before = sentence[sentence.rfind(" ", 0, start - 1) + 1 : start - 1]
            if before in _TITLES_AS_WRITTEN or before.lower() in _PERSON_TITLES:
                return PERSON
        after = _AFTER.match(sentence, end) if end < len(sentence) else None
        if after is not None:
            said = after.lastgroup
            if said == "person" and words <= 3 and kind == NAME:
                return PERSON
            if said == "org" and kind == NAME:
                return ORG
    return kind


def _scan(sentence: str) -> list[_Item]:
    """Every fact of a sentence in order; names with the kind their own words give them."""
    found: list[_Item] = []
    skip = 0  # a month's day and year are read with the month: the figures there are taken
    for match in _NAMES.finditer(sentence):
        start = match.start()
        if start and sentence[start - 1].isalnum():
            continue  # "iPhone": not a name's first letter
        text = match.group(0)
        if (" " in text and ("'" in text or "’" in text or "-" in text or _titled(text))) or (
            "-" in text and _LOWER_SUFFIX.search(text)  # "Detroit-based"
        ):
            for offset, part, hint in _segments(text):
                skip = _name(sentence, start + offset, part, skip, found, hint)
        else:
            skip = _name(sentence, start, text, skip, found)
    dates = [(item[0], item[2]) for item in found if item[1] == DATE] if found else []
    taken = 0
    for match in _FIGURES.finditer(sentence):
        start = match.start()
        if start < taken or (start and sentence[start - 1] in _GLUED):
            continue
        if dates and any(at <= start <= at + len(key) for at, key in dates):
            continue
        text = match.group(0)
        tail = cast(re.Match[str], _TAIL.match(sentence, match.end()))  # all of it optional
        kind = MONEY if text[0] in "$€£¥" else NUMBER
        if tail.group("scale"):
            text += tail.group("scale")
        if tail.group("percent"):
            kind, text = PERCENT, text + tail.group("percent")
        elif tail.group("currency"):
            kind, text = MONEY, text + tail.group("currency")
        elif tail.group("month"):
            kind, text = DATE, text + tail.group("month")
        elif tail.group("unit") and kind == NUMBER:
            kind, text = QUANTITY, text + " " + tail.group("unit")
        elif kind == NUMBER and len(text) == 4 and text[:2] in _CENTURIES:
            kind = DATE
        found.append((start, kind, _key(text), True))
        taken = start + len(text)
    if '"' in sentence or "“" in sentence:
        for match in _QUOTES.finditer(sentence):
            text = match.group(1)
            words = text.count(" ") + 1
            if words <= _QUOTED_WORDS or (words <= 8 and text[:1].isupper()):
                found.append((match.start(1), WORK, _key(text), True))
    found.sort()
    return found


_CENTURIES = frozenset(("15", "16", "17", "18", "19", "20"))


def _titled(text: str) -> bool:
    """A title inside a run of names: "SAG-AFTRA President Fran Drescher"."""
    words = text.split(" ")
    return len(words) > 2 and any(word in _TITLES_AS_WRITTEN for word in words[1:-1])


def _segments(text: str) -> list[tuple[int, str, str]]:
    """A run of capitalised words as the names in it: it ends after a possessive ("Yankees’
    Don Larsen") and at a word with a lower-case suffix ("Trump-backed Harriet Hageman",
    whose "Trump" stands alone; "Detroit-based": a place)."""
    parts: list[tuple[int, str, str]] = []
    begin = position = 0
    for word in text.split(" "):
        end = position + len(word)
        suffix = _LOWER_SUFFIX.search(word)
        if suffix:
            if position > begin:
                parts.append((begin, text[begin : position - 1], NAME))
            hint = PLACE if suffix.group(0) in _PLACE_SUFFIXES else NAME
            parts.append((position, word[: suffix.start()], hint))
            begin = end + 1
        elif word.endswith(_POSSESSIVES):
            parts.append((begin, text[begin:end], NAME))
            begin = end + 1
        elif position > begin and word in _TITLES_AS_WRITTEN:  # "SAG-AFTRA President Fran ..."
            parts.append((begin, text[begin : position - 1], NAME))
            begin = position
        position = end + 1
    if begin < len(text):
        parts.append((begin, text[begin:], NAME))
    return parts


def _name(
    sentence: str, start: int, text: str, skip: int, found: list[_Item], hint: str = NAME
) -> int:
    """Append the name ``text`` found at ``start`` (words that only begin a sentence or stand
    before a name dropped: "The", "In"; a month with its day is a date); the new ``skip``."""
    while True:
        first, _, rest = text.partition(" ")
        if first in _TITLES_AS_WRITTEN and rest:  # "President Joe Biden": a person
            hint = PERSON
        elif first in _MONTH_NAMES:
            day = _DAY.match(sentence, start + len(first))
            if day:
                found.append((start, DATE, _key(first + day.group(0)), True))
                return day.end()
        elif first not in _DROP_AS_WRITTEN:
            break
        start += len(first) + 1
        text = rest
    while text.rpartition(" ")[2] in _JOINERS:
        text = text.rpartition(" ")[0]
    if start < skip or not text or text.count(" ") >= _MAX_NAME_WORDS:
        return skip
    key, kind = _static_kind(text)
    if hint != NAME and kind in (NAME, PLACE):
        kind = hint
    found.append((start, _name_kind(sentence, start, start + len(text), text, kind), key, False))
    return skip


def _resolved(items: list[_Item], article: _Article) -> str:
    """A sentence's scanned facts, encoded, names with what the whole article says of them."""
    kinds, inside = article.kinds, article.inside
    facts = []
    for start, kind, key, resolved in items:
        if not resolved:
            if not start and kind != PLACE and key not in inside and "_" not in key:
                continue  # "Officials said ...": capitalised only because it begins the sentence
            if kind == NAME:
                kind = kinds.get(key, NAME)
        facts.append(kind + key)
    return " ".join(facts)


def tag_sentence(sentence: str) -> list[Fact]:
    """The facts of one sentence alone, in order (an article's are ``tag_article``'s)."""
    return decode(tag_article("", [[sentence]])[1][0])


def tag_article(title: str, passages: Sequence[Sequence[str]]) -> tuple[str, list[str]]:
    """The facts of an article's title and of each passage's sentences, encoded: the title's
    line, and per passage a line per sentence. Names are read in two steps: every mention
    first (what each one's own words say it is), then each with what the whole article says."""
    article = _Article()
    scanned = [[_scan(sentence) for sentence in sentences] for sentences in passages]
    title_items = _scan(" ".join(title.split()))
    learn = article.learn
    for items in itertools.chain([title_items], *scanned):
        for start, kind, key, resolved in items:
            if not resolved:
                learn(key, kind, start > 0)
    return _resolved(title_items, article), [
        "\n".join([_resolved(items, article) for items in sentences]) for sentences in scanned
    ]


# -- what a question asks for -------------------------------------------------------------------

_HEADS = {
    "person": """person people man woman who whom whose player actor actress singer rapper star
    artist author writer president leader politician candidate senator governor mayor ceo
    executive founder billionaire coach quarterback pitcher athlete celebrity musician comedian
    director producer host journalist judge justice lawmaker official minister king queen prince
    princess pope golfer driver tennis boxer scientist astronaut model chef designer member
    figure entrepreneur spokesperson republican democrat child boy girl""".split(),
    "organisation": """company companies firm automaker carmaker airline airlines carrier team
    club franchise network broadcaster channel brand retailer chain bank group organization
    organisation agency university college school party startup manufacturer maker giant
    platform app service streamer studio label publisher newspaper magazine outlet union
    league conglomerate supermarket restaurant store business corporation charity""".split(),
    "place": """country countries nation city cities state states town village island region
    province county capital continent place location venue stadium airport port border""".split(),
    "work": """show series film movie book novel song album word term phrase title
    slogan hashtag podcast game""".split(),
    "money": """cost price amount fine fee salary deal worth value""".split(),
    "percent": """percent percentage share rate""".split(),
}
_HEAD_KIND = {word: kind for kind, words in _HEADS.items() for word in words}
_WHICH = re.compile(r"\b(?:which|what)((?:\s+[\w'’-]+){1,4})", re.IGNORECASE)
_AUXILIARIES = frozenset("is was are were did does do has have had will would can could".split())
_HOW = re.compile(r"\bhow\s+(many|much|old|long|far|tall|high|big|large|fast|soon)\b", re.I)


def question_kinds(question: str, form: str) -> tuple[str, ...]:
    """The kinds of answer an English question asks for, most likely first (keys of
    ``ANSWER_KINDS``): from its "which X" head noun, its "how much", else its form ("person",
    "place", "time", "number" from ``question.py``). Empty when nothing says."""
    how = _HOW.search(question)
    if how:
        word = how.group(1).lower()
        if word == "much":
            return ("money", "number")
        return ("number",) if word != "soon" else ("time",)
    for match in _WHICH.finditer(question):
        words = [w.lower() for w in match.group(1).split()]
        if words[0] in _AUXILIARIES:
            continue  # "what is ...", "what did ...": the form decides
        phrase = list(itertools.takewhile(lambda w: w not in STOP_WORDS, words))
        for word in reversed(phrase):  # its head noun: "which film star", "which US state"
            kind = _HEAD_KIND.get(word) or _HEAD_KIND.get(word.removesuffix("s"))
            if kind:
                return (kind, "name") if kind in ("organisation", "person", "place") else (kind,)
        return ("name",)
    return form_kinds(form)


def form_kinds(form: str) -> tuple[str, ...]:
    """The kinds a question's form accepts (``question.py``'s "person", "place", "time",
    "number"; any language)."""
    if form == "person":
        return ("person", "organisation", "name")  # "who won": a player, a team or a country
    if form in ("place", "time", "number"):
        return (form,)
    return ()


_PAST = re.compile(r"\b(?:did|was|were|had|won|lost|beat|became|\w{3,}ed)\b", re.IGNORECASE)
_NOT_PAST = re.compile(r"\b(?:will|would|is expected|are expected|plans? to)\b", re.IGNORECASE)


def asks_past(question: str) -> bool:
    """An English question about what happened ("who won", "what did"), not what will."""
    return bool(_PAST.search(question)) and not _NOT_PAST.search(question)
