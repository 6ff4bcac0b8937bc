"""News words across the collection languages: a concept lexicon, read once when first needed.

``languages/lexicon.tsv`` holds about 800 concepts of news questions (events, institutions,
roles, places, figures), each with its words in every collection language; the country names
of CLDR (through Babel, which ships them) add one concept per country. Any language reaches any
other through a concept, so a German question finds English or Spanish words alike.

Words are matched by their terms (the language's own analysis: Snowball stems, Russian lemmas,
Arabic light stems), so one form stands for its inflections; a phrase ("Copa del Mundo") is
matched as its run of terms, longest first. A word the lexicon lacks may still be known by its
beginning (Turkish and German build words by adding to them: "kazandı" is "kazan" + a past
ending) or, in German, as a compound of two known words ("Präsidentschaftswahl").
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from . import languages
from .tokenize import content_words, tokenize

__all__ = ["Lexicon", "Match", "fold", "lexicon"]

_FILE = "lexicon.tsv"
_ALTERNATIVES = "|"
_MAX_PHRASE = 4  # the longest expression matched, in terms
_MAX_CONCEPTS = 3  # an ambiguous word ("partido": party, match) brings at most this many
_PREFIX_MIN = 5  # a known word's term must be this long to stand for longer words it begins
_PREFIX_SHARE = 0.6  # ... and cover this share of the word
_COMPOUND_PART = 4  # the shortest part of a German compound
_LINKS = ("", "s", "es", "n", "en", "e")  # German linking letters between a compound's parts
_COMPOUNDS = frozenset({"de"})


@dataclass(frozen=True)
class Match:
    """A run of question words the lexicon knows: where it stands (word positions, end
    excluded) and its concepts (indexes into ``Lexicon.concepts``)."""

    start: int
    end: int
    concepts: tuple[int, ...]


@dataclass
class _Language:
    """One language's side of the lexicon: terms (single or runs) -> concepts, and the words
    as written (lower case, without accents) for forms the analysis leaves apart ("joven" is
    "jov", "jóvenes" is "joven")."""

    phrases: dict[tuple[str, ...], set[int]] = field(default_factory=dict)
    words: dict[str, set[int]] = field(default_factory=dict)  # single content terms
    forms: dict[str, set[int]] = field(default_factory=dict)  # single words as written
    folded: dict[str, str] = field(default_factory=dict)  # terms without accents -> terms
    longest: int = 1


class Lexicon:
    """The concepts and each language's way to them (each side analysed on first use)."""

    def __init__(self, rows: Iterable[dict[str, list[str]]]) -> None:
        self.concepts: list[dict[str, list[str]]] = list(rows)
        self._sides: dict[str, _Language] = {}
        self._lock = threading.Lock()

    def languages(self) -> set[str]:
        return {code for row in self.concepts for code in row}

    def size(self, code: str) -> int:
        """How many expressions of ``code`` lead to a concept."""
        side = self._side(code)
        return len(side.words) + len(side.phrases)

    def _side(self, code: str) -> _Language:
        with self._lock:
            side = self._sides.get(code)
            if side is None:
                side = self._sides[code] = self._build(code)
            return side

    def _build(self, code: str) -> _Language:
        side = _Language()
        for number, row in enumerate(self.concepts):
            for expression in row.get(code, ()):
                terms = tuple(tokenize(expression, code))
                if not terms or len(terms) > _MAX_PHRASE:
                    continue
                if len(terms) > 1:
                    side.phrases.setdefault(terms, set()).add(number)
                    side.longest = max(side.longest, len(terms))
                    continue
                content = content_words(expression, code)
                if content:  # a stop word on its own ("ein") is no concept's word
                    side.words.setdefault(content[0], set()).add(number)
                    side.forms.setdefault(fold(expression), set()).add(number)
        side.folded = {fold(term): term for term in side.words if len(term) >= _PREFIX_MIN}
        return side

    def match(self, words: Sequence[str], code: str) -> list[Match]:
        """The runs of ``words`` (as written, in order) that the lexicon knows in language
        ``code``, longest first from each position; a word in no run is left out."""
        side = self._side(code)
        readings = [_readings(word, code) for word in words]
        content = [bool(content_words(word, code)) for word in words]
        found: list[Match] = []
        i = 0
        while i < len(words):
            matched = self._longest(side, readings, content, i)
            if matched is None and content[i]:
                concepts = self._by_form(side, readings[i][0], words[i], code)
                if concepts:
                    matched = Match(i, i + 1, concepts)
            if matched is None:
                i += 1
                continue
            found.append(matched)
            i = matched.end
        return found

    def expressions(self, concept: int, code: str) -> list[str]:
        """A concept's expressions in language ``code`` (none when it has none there)."""
        return self.concepts[concept].get(code, [])

    def _longest(
        self, side: _Language, readings: list[list[str]], content: list[bool], start: int
    ) -> Match | None:
        for length in range(min(side.longest, len(readings) - start), 1, -1):
            rest = tuple(r[0] for r in readings[start + 1 : start + length])
            for first in readings[start]:
                concepts = side.phrases.get((first, *rest))
                if concepts:
                    return Match(start, start + length, _few(concepts))
        if content[start]:
            for term in readings[start]:
                if term in side.words:
                    return Match(start, start + 1, _few(side.words[term]))
        return None

    def _by_form(self, side: _Language, term: str, word: str, code: str) -> tuple[int, ...]:
        """A word known as written ("jóvenes": "joven" + s), as a German compound of two known
        words ("Präsidentschaftswahl"), or by its beginning ("kazandı": "kazan")."""
        folded = fold(word)
        for form in (folded, folded[:-1], folded[:-2]) if folded.endswith("s") else (folded,):
            if form in side.forms:
                return _few(side.forms[form])
        if code in _COMPOUNDS:
            parts = self._compound(side, word.lower(), code)
            if parts:
                return parts
        # The longest known term that begins the word's term (looked up prefix by prefix).
        for written in (term, fold(term)):
            shortest = max(_PREFIX_MIN, math.ceil(_PREFIX_SHARE * len(folded)))
            for end in range(len(written), shortest - 1, -1):
                known = side.folded.get(fold(written[:end]))
                if known is not None:
                    return _few(side.words[known])
        return ()

    def _compound(self, side: _Language, word: str, code: str) -> tuple[int, ...]:
        """A compound's last part and its first, when both are known (the longest last part
        first: "Weltmeisterschaft" is "Welt" + "Meisterschaft")."""
        for cut in range(_COMPOUND_PART, len(word) - _COMPOUND_PART + 1):
            head = content_words(word[cut:], code)
            if not head or head[0] not in side.words:
                continue
            for link in _LINKS:
                first = word[:cut]
                if link and not first.endswith(link):
                    continue
                first = first[: len(first) - len(link)] if link else first
                if len(first) < _COMPOUND_PART:
                    continue
                stem = content_words(first, code)
                if stem and stem[0] in side.words:
                    return _few(side.words[head[0]] | side.words[stem[0]], _MAX_CONCEPTS + 1)
        return ()


_CLITICS = {"ar": "وفبلك"}  # Arabic's one-letter prefixes ("بكأس": "كأس") light10 keeps


def _readings(word: str, code: str) -> list[str]:
    """A question word's terms: its analysis, and without a clitic the analysis kept."""
    terms = tokenize(word, code)[:1] or [""]
    clitics = _CLITICS.get(code, "")
    if clitics and len(word) > 3 and word[0] in clitics:
        terms += tokenize(word[1:], code)[:1]
    return terms


def fold(word: str) -> str:
    """Lower case without accents: "Jóvenes" -> "jovenes" (Latin letters only)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not ("\u0300" <= c <= "\u036f"))
    )


def _few(concepts: set[int], most: int = _MAX_CONCEPTS) -> tuple[int, ...]:
    """An ambiguous word's concepts, the first written first, at most ``most``."""
    return tuple(sorted(concepts)[:most])


def _read_rows() -> list[dict[str, list[str]]]:
    text = resources.files("retrieval.languages").joinpath(_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header, *body = (line.split("\t") for line in lines)
    rows = []
    for cells in body:
        row = {
            code: [word.strip() for word in cell.split(_ALTERNATIVES) if word.strip()]
            for code, cell in zip(header, cells, strict=True)
        }
        rows.append({code: words for code, words in row.items() if words})
    return rows


def _country_rows() -> list[dict[str, list[str]]]:
    """A concept per country (two-letter region codes), its name in every language (CLDR)."""
    from babel import Locale

    names = {
        code: {str(region): str(name) for region, name in Locale.parse(code).territories.items()}
        for code in languages.LANGUAGES
    }
    regions = sorted(r for r in names[languages.DEFAULT] if r.isalpha() and len(r) == 2)
    return [
        {code: [table[region]] for code, table in names.items() if region in table}
        for region in regions
    ]


_lock = threading.Lock()
_loaded: list[Lexicon] = []


def lexicon() -> Lexicon:
    """The lexicon, read on first use; each language's side is analysed when first asked
    for (tens of milliseconds; Russian loads its dictionary once)."""
    with _lock:
        if not _loaded:
            _loaded.append(Lexicon([*_read_rows(), *_country_rows()]))
        return _loaded[0]
