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

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

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
    "tag_article_facts",
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
_NAME_RUN = rf"{_CAP}(?:{_JOIN}{_CAP})*"
_FIGURE = (
    r"[$€£¥\d](?:(?<=[$€£¥]) ?\d)?\d*(?:[,.]\d+)*(?:st\b|nd\b|rd\b|th\b|s\b)?(?:-\d{1,3}\b(?!-))?"
)
_QUOTES = re.compile(r"[\"“]([^\"“”\n]{2,60}?)[,.!?]?[\"”]")
_GLUED = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_UNITS = (
    "people|persons|years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|kilometers?|"
    "kilometres?|km|meters?|metres?|feet|foot|inches|pounds|lbs?|kilograms?|kg|tons?|tonnes?|"
    "acres?|degrees?|votes?|points?|games?|goals?|wins?|seats?|times|cases|deaths|children|"
    "students|workers|employees|jobs|homes|vehicles|cars|passengers|fans|members|countries|"
    "states|victims|troops|soldiers|copies|units|species|gallons|barrels|nominations|medals|"
    "titles|runs|yards|touchdowns|strokes|laps|episodes|seasons|floors|stories|bedrooms"
)
# What may follow a figure: a scale, then a share, a currency, a month or a unit (all optional).
_TAIL = (
    r"(?P<scale> ?(?:million|billion|trillion|thousand|bn)\b)?"
    r"(?:(?P<percent> ?(?:%|percent\b|per cent\b|percentage points?\b))"
    r"|(?P<currency> (?:dollars|euros|pounds|yen|yuan|rupees|pesos)\b)"
    rf"|(?P<month> (?:{_MONTHS})(?: \d{{4}}\b)?)"
    rf"|[- ](?P<unit>{_UNITS})\b)?"
)
# A figure and what follows it, in one match (``_scan``).
_FIGURES = re.compile(f"({_FIGURE}){_TAIL}")
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
# A run of capitalised words, and what follows it when that says what it names (``_AFTER``).
_NAMES = re.compile(f"{_NAME_RUN}(?:(?={_AFTER.pattern})|)")
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
_CACHE_LIMIT = 20_000  # names and figures remembered (a serving process keeps them)
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


# A scanned item: (start in its sentence, kind, key, resolved); names are resolved against the
# whole article.
_Item = tuple[int, str, str, bool]
# How a run of capitalised words reads wherever it stands, worked out once per spelling (news
# repeats its names): per name in it, its offset in the run, the months its leading words hold
# (offset after it, length: a day after one makes a date instead), the offset after the words
# that only begin sentences or stand before names ("The", "President"), its length, key, kind
# (None: nothing is left) and number of words.
_Part = tuple[int, tuple[tuple[int, int], ...], int, int, str | None, str, int]
_PLANS: dict[str, tuple[_Part, ...]] = {}


def _static_kind(text: str) -> tuple[str, str]:
    """A name's key and the kind its own words give it wherever it stands (organisation
    suffixes, the place list, acronyms)."""
    key = _key(text)
    words = key.split("_")
    if words[-1] in _ORG_SUFFIXES or (len(words) > 2 and words[0] in _ORG_HEADS):
        return key, ORG
    if key.replace("_", " ") in _places():
        return key, PLACE
    if _ACRONYM.match(text):
        return key, ORG
    return key, NAME


def _plan(run: str) -> tuple[_Part, ...]:
    """The names in a run of capitalised words, as far as their own words tell (``_Part``)."""
    if (" " in run and ("'" in run or "’" in run or "-" in run or _titled(run))) or (
        "-" in run and _LOWER_SUFFIX.search(run)  # "Detroit-based"
    ):
        segments = _segments(run)
    else:
        segments = [(0, run, NAME)]
    parts = []
    for offset, text, hint in segments:
        months = []
        dropped = 0
        while True:
            first, _, rest = text.partition(" ")
            if first in _TITLES_AS_WRITTEN and rest:  # "President Joe Biden": a person
                hint = PERSON
            elif first in _MONTH_NAMES:  # "March 3": a date, when a day follows
                months.append((dropped + len(first), len(first)))
            elif first not in _DROP_AS_WRITTEN:
                break
            dropped += len(first) + 1
            text = rest
        while text.rpartition(" ")[2] in _JOINERS:
            text = text.rpartition(" ")[0]
        key: str | None = None
        kind = NAME
        if text and text.count(" ") < _MAX_NAME_WORDS:
            key, kind = _static_kind(text)
            if hint != NAME and kind in (NAME, PLACE):
                kind = hint
        parts.append((offset, tuple(months), dropped, len(text), key, kind, text.count(" ") + 1))
    if len(_PLANS) > _CACHE_LIMIT:
        _PLANS.clear()
    plan = _PLANS[run] = tuple(parts)
    return plan


def _scan(text: str, begins: list[int], article: _Article) -> list[list[_Item]]:
    """Every fact of each sentence of ``text`` (sentences a line each, starting at ``begins``),
    in order; names with the kind their own words and the words around them give them, and
    what each says of its name learnt by ``article``. One scan per pattern for the whole text:
    the regex engine skips to each pattern's first characters (capitals; digits and currency
    signs; quotation marks) at C speed, and no pattern crosses a line break."""
    kinds, inside = article.kinds, article.inside
    found: list[list[_Item]] = [[] for _ in begins]
    dates: dict[int, list[tuple[int, int]]] = {}  # per sentence: its dates' spans
    last = len(begins) - 1
    sentence, begin, following = -1, 0, -1  # ``following``: where the next sentence begins
    plans = _PLANS
    for match in _NAMES.finditer(text):
        start = match.start()
        if start >= following:
            sentence = bisect.bisect_right(begins, start) - 1
            begin = begins[sentence]
            following = begins[sentence + 1] if sentence < last else len(text) + 1
        if start > begin and text[start - 1].isalnum():
            continue  # "iPhone": not a name's first letter
        run = match.group()
        plan = plans.get(run) or _plan(run)
        items = found[sentence]
        for offset, months, dropped, length, key, kind, words in plan:
            at = start + offset
            if months:  # "In March 2023": a date, not a name
                day = None
                for after_month, month_length in months:
                    day = _DAY.match(text, at + after_month)
                    if day:
                        month = at + after_month - month_length
                        items.append((month - begin, DATE, _key(text[month : day.end()]), True))
                        dates.setdefault(sentence, []).append((month - begin, day.end() - begin))
                        break
                if day:
                    continue
            if key is None:
                continue
            at += dropped
            if kind in (NAME, PLACE):  # the words around it may say more
                if words <= 3 and at - begin > 1:  # "quarterback X", "President X"
                    space = text.rfind(" ", begin, at - 1)
                    before = text[space + 1 if space >= 0 else begin : at - 1]
                    if before in _TITLES_AS_WRITTEN or before.lower() in _PERSON_TITLES:
                        kind = PERSON
                if kind != PERSON:  # "X said", "X, 45,", "X's shares"
                    end = at + length
                    said = (
                        match.lastgroup
                        if end == match.end()
                        else getattr(_AFTER.match(text, end), "lastgroup", None)
                    )
                    if said == "person" and words <= 3 and kind == NAME:
                        kind = PERSON
                    elif said == "org" and kind == NAME:
                        kind = ORG
            items.append((at - begin, kind, key, False))
            if at > begin:
                inside.add(key)
            if kind == NAME or kinds.get(key) == PERSON:
                continue  # person evidence is the strongest: it stays
            kinds[key] = kind
            if kind == PERSON and "_" in key:  # the surname alone names the same person
                surname = key.rsplit("_", 1)[1]
                kinds.setdefault(surname, PERSON)
                inside.add(surname)
    following = -1
    taken = 0
    for match in _FIGURES.finditer(text):
        start = match.start()
        if start < taken or (start and text[start - 1] in _GLUED):
            continue
        if start >= following:
            sentence = bisect.bisect_right(begins, start) - 1
            begin = begins[sentence]
            following = begins[sentence + 1] if sentence < last else len(text) + 1
        where = start - begin
        spans = dates.get(sentence)
        if spans and any(at <= where <= end for at, end in spans):
            continue
        figure, scale, percent, currency, day_month, unit = match.groups()
        kind = MONEY if figure[0] in "$€£¥" else NUMBER
        if scale:
            figure += scale
        if percent:
            kind, figure = PERCENT, figure + percent
        elif currency:
            kind, figure = MONEY, figure + currency
        elif day_month:  # "5 March 2023"
            kind, figure = DATE, figure + day_month
        elif unit and kind == NUMBER:
            kind, figure = QUANTITY, figure + " " + unit
        elif kind == NUMBER and len(figure) == 4 and figure[:2] in _CENTURIES:
            kind = DATE
        found[sentence].append((where, kind, _FIGURE_KEYS.get(figure) or _figure_key(figure), True))
        taken = start + len(figure)
    if '"' in text or "“" in text:
        for match in _QUOTES.finditer(text):
            quoted = match.group(1)
            words = quoted.count(" ") + 1
            if words <= _QUOTED_WORDS or (words <= 8 and quoted[:1].isupper()):
                start = match.start(1)
                sentence = bisect.bisect_right(begins, start) - 1
                found[sentence].append((start - begins[sentence], WORK, _key(quoted), True))
    for items in found:
        if len(items) > 1:
            items.sort()
    return found


_FIGURE_KEYS: dict[str, str] = {}


def _figure_key(figure: str) -> str:
    """``_key`` of a figure, remembered (figures repeat: years, "10 people")."""
    if len(_FIGURE_KEYS) > _CACHE_LIMIT:
        _FIGURE_KEYS.clear()
    key = _FIGURE_KEYS[figure] = _key(figure)
    return key


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


def tag_sentence(sentence: str) -> list[Fact]:
    """The facts of one sentence alone, in order (an article's are ``tag_article``'s)."""
    return tag_article_facts("", [[sentence]])[1][0][0]


def _tag(
    title: str, passages: Sequence[Sequence[str]]
) -> tuple[list[Fact], list[list[list[Fact]]]]:
    """The facts of an article's title and of each passage's sentences: the title's, and per
    passage a list per sentence. Names are read in two steps: every mention
    first (what each one's own words and the words around it say it is), then each with what
    the whole article says (a kind known from one mention holds for the others; a word
    capitalised only where it begins a sentence names nothing)."""
    sentences = [" ".join(title.split())]
    for passage in passages:
        sentences.extend(passage)
    begins = []
    position = 0
    for sentence in sentences:
        begins.append(position)
        position += len(sentence) + 1
    text = "\n".join(sentences)
    article = _Article()
    if text.count("\n") == len(sentences) - 1:
        scanned = _scan(text, begins, article)
    else:  # a sentence holds a line break: each is scanned alone
        scanned = [_scan(sentence, [0], article)[0] for sentence in sentences]
    kinds, inside = article.kinds, article.inside
    lines = []
    for items in scanned:
        facts = []
        for start, kind, key, resolved in items:
            if not resolved:
                if not start and kind != PLACE and key not in inside and "_" not in key:
                    continue  # "Officials said ...": capitalised only because it begins a sentence
                if kind == NAME:
                    kind = kinds.get(key, NAME)
            facts.append((kind, key))
        lines.append(facts)
    out = []
    position = 1
    for passage in passages:
        out.append(lines[position : position + len(passage)])
        position += len(passage)
    return lines[0], out


def tag_article(title: str, passages: Sequence[Sequence[str]]) -> tuple[str, list[str]]:
    """The facts of an article's title and of each passage's sentences, encoded: the title's
    line, and per passage a line per sentence (``tag_article_facts``, as ``encode`` writes
    them)."""
    title_facts, tagged = _tag(title, passages)
    return encode(title_facts), ["\n".join(map(encode, sentences)) for sentences in tagged]


def tag_article_facts(
    title: str, passages: Sequence[Sequence[str]]
) -> tuple[list[Fact], list[list[list[Fact]]]]:
    """``tag_article``'s facts as ``decode`` reads its lines back (the title's; per passage,
    per sentence), without writing and reading those lines."""
    title_facts, tagged = _tag(title, passages)
    return _as_read(title_facts), [[_as_read(found) for found in passage] for passage in tagged]


def _as_read(facts: list[Fact]) -> list[Fact]:
    """``decode(encode(facts))``: a fact without words is dropped, and one whose words hold a
    space other than " " (a quote's) splits there, as its written line would."""
    if all(key and " " not in key and key.isprintable() for _, key in facts):
        return facts
    return decode(encode(facts))


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
