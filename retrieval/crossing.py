"""A question carried into another language, for when nothing in its own language answers.

What carries across: the words the lexicon knows (``lexicon``: "Weltmeisterschaft" is "world
cup", "ganó" is "win"), names (a capitalised word, a run of them kept as a phrase; Cyrillic
names also spelt in Latin letters: "Зеленский" is "Zelensky"), numbers (and so years), the
question's dates (its time scope stays as it was), and cognates ("inflación" is "inflation",
"Demokratie" "democracy"): a word changed by its language's spelling rules is kept only when
the collection holds the result, so a guess never searches for something no article says.

The result is a ``Query`` in the target language: its terms analysed as that language's
articles are, and as its text a gloss (the carried words in the question's order) that the
sentence features read as they read a question.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from . import languages
from .backend import SearchBackend, SearchRequest
from .lexicon import fold, lexicon
from .question import MAX_QUERY_TERMS, Query
from .timewords import question_time_scope
from .tokenize import content_words, tokenize

__all__ = ["carried_words", "cross_query", "holding", "source_languages"]

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_COGNATE_CHARS = 6  # a shorter word is too likely another word in the other language
_MAX_NAME_WORDS = 4
_LATIN = re.compile(r"[A-Za-z]")
_SCRIPTS = {"ru": "cyrillic", "ar": "arabic"}  # the others write in Latin letters

# The endings Spanish and Portuguese share, after each one's own "-ción" / "-ção" forms.
_IBERIAN_ENDINGS = (
    ("ismo", "ism"),
    ("ista", "ist"),
    ("ico", "ic"),
    ("ica", "ic"),
    ("oso", "ous"),
    ("encia", "ence"),
    ("ancia", "ance"),
    ("ario", "ary"),
    ("ia", "y"),
    ("izar", "ize"),
    ("mente", "ly"),
    ("o", ""),
    ("a", ""),
    ("e", ""),
)

# Spelling rules from a language's learned words to English ones (endings first, then
# letters), applied to the word in lower case without accents.
_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "es": (
        ("acion", "ation"),
        ("cion", "tion"),
        ("sion", "sion"),
        ("dad", "ty"),
        *_IBERIAN_ENDINGS,
    ),
    "pt": (
        ("acao", "ation"),
        ("cao", "tion"),
        ("sao", "sion"),
        ("dade", "ty"),
        *_IBERIAN_ENDINGS,
    ),
    "fr": (
        ("ite", "ity"),
        ("isme", "ism"),
        ("iste", "ist"),
        ("ique", "ic"),
        ("eux", "ous"),
        ("aire", "ary"),
        ("ie", "y"),
        ("iser", "ize"),
        ("ement", "ment"),
        ("e", ""),
    ),
    "de": (
        ("itat", "ity"),
        ("ismus", "ism"),
        ("isch", "ic"),
        ("ik", "ics"),
        ("ie", "y"),
        ("ieren", "ate"),
        ("ur", "ure"),
        ("e", ""),
    ),
    "tr": (("syon", "tion"), ("si", "cy"), ("ik", "ic"), ("izm", "ism")),
}
_LETTERS: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (("k", "c"), ("z", "c")),
    "tr": (("k", "c"),),
    "es": (("f", "ph"),),
    "pt": (("f", "ph"),),
}
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)


def cross_query(
    query: Query,
    target: str,
    known: Callable[[str], int],
    *,
    source: str | None = None,
) -> Query | None:
    """``query`` (in ``source``, by default its own language) with the words that carry into
    ``target``; None when too little does (half of its words or fewer: "what about the
    zarandajos?" is no question about what happens), or when a name does not ("Wer hat den
    Kieler Marathon gewonnen?" without Kiel is a question about any marathon). ``known``:
    how many passages hold a term (the index's ``doc_freq``), to keep only guesses the
    collection holds."""
    source = source or query.language
    remaining, _ = question_time_scope(query.text, query.ref_date, source)
    words = _WORD.findall(remaining)
    carried, covered, missed = _carried(words, source, target, known)
    asked = sum(1 for word in words if content_words(word, source))
    if not carried or 2 * covered <= asked or missed:
        return None
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for expression in carried:
        tokens = tuple(tokenize(expression, target))
        terms += content_words(expression, target)
        if 1 < len(tokens) <= _MAX_NAME_WORDS + 2 and tokens not in phrases:
            phrases.append(tokens)
    terms = list(dict.fromkeys(terms))
    if not terms:
        return None
    if len(terms) > MAX_QUERY_TERMS:
        terms = sorted(terms, key=known)[:MAX_QUERY_TERMS]
    return dataclasses.replace(
        query,
        text=" ".join(carried),
        terms=terms,
        phrases=tuple(phrases[:4]),
        language=target,
        language_sure=True,
    )


def carried_words(
    words: Sequence[str], source: str, target: str, known: Callable[[str], int]
) -> list[str]:
    """What of ``words`` (a question's, in order, as written) carries from ``source`` into
    ``target``: the lexicon's expressions, names, numbers and cognates, in the question's
    order, each once."""
    return _carried(words, source, target, known)[0]


def _carried(
    words: Sequence[str], source: str, target: str, known: Callable[[str], int]
) -> tuple[list[str], int, int]:
    """``carried_words``, how many of the words carried (content words only), and how many
    that may be names did not (``_named``)."""
    lex = lexicon()
    matched = {m.start: m for m in lex.match(words, source)}
    carried: list[str] = []
    covered = missed = 0
    i = 0
    while i < len(words):
        match = matched.get(i)
        if match is not None:
            for concept in match.concepts:
                carried += lex.expressions(concept, target)[:2]
            covered += sum(1 for w in words[match.start : match.end] if content_words(w, source))
            i = match.end
            continue
        run = _name_run(words, i, source)
        if run > 1:
            name = _name(words[i : i + run], source, target, known)
            carried += name
            covered += run if name else 0
            missed += 0 if name else run
            i += run
            continue
        found = _carry(words[i], i, source, target, known)
        carried += found
        covered += 1 if found else 0
        missed += 1 if not found and _named(words[i], source) else 0
        i += 1
    return list(dict.fromkeys(carried)), covered, missed


def source_languages(query: Query, asker: str = "") -> list[str]:
    """The languages a question may be in: its own when it was sure of it. A question too
    short to tell ("Weltmeisterschaft", "copa del mundo") is in the languages whose lexicon
    knows most of its words, the asker's first, when the lexicon of the language it was taken
    to be in knows none of them; else in that one."""
    if query.language_sure:
        return [query.language]
    words = _WORD.findall(query.text)
    if lexicon().match(words, query.language):
        return [query.language]
    script = (
        "latin"
        if _LATIN.search(query.text)
        else _SCRIPTS.get(languages.stop_word_language(query.text), "")
    )
    known = {
        code: sum(m.end - m.start for m in lexicon().match(words, code))
        for code in languages.LANGUAGES
        if _script(code) == script and code != query.language
    }
    most = max(known.values(), default=0)
    found = [code for code, count in known.items() if count == most and count > 0]
    return sorted(found, key=lambda code: code != asker)


def _named(word: str, source: str) -> bool:
    """A word that may be a name: a capitalised content word (German nouns included: one the
    lexicon lacks is as telling), or in a script without capitals (Arabic) any content word
    the lexicon lacks ("أسوان")."""
    if not content_words(word, source):
        return False
    return word[:1].isupper() or _script(source) == "arabic"


def holding(index: SearchBackend, target: str) -> Callable[[str], int]:
    """How many of ``target``'s passages hold a term, as far as a guess needs to know (at
    least one): the index's ``doc_freq`` when it has only that language, else a search."""
    if set(index.language_counts()) <= {target}:
        return index.doc_freq
    seen: dict[str, int] = {}

    def held(term: str) -> int:
        if term not in seen:
            request = SearchRequest([term], limit=1, language=target)
            seen[term] = len(index.search(request))
        return seen[term]

    return held


def _name_run(words: Sequence[str], start: int, source: str) -> int:
    """How many capitalised words run from ``start`` (a name of several words), in languages
    that capitalise names only; a question's first word counts only when the next is one."""
    if not languages.get(source).follow_up.capitalised_names:
        return 0
    end = start
    while end < len(words) and end - start < _MAX_NAME_WORDS and words[end][:1].isupper():
        end += 1
    return end - start


def _name(words: Sequence[str], source: str, target: str, known: Callable[[str], int]) -> list[str]:
    """A name of several words, as one expression when the target writes it so and the
    collection holds it; else word by word."""
    name = " ".join(words)
    same = _script(source) == _script(target) or all(_LATIN.match(w) for w in words)
    if same and _holds(name, target, known):
        return [name]
    return [w for i, word in enumerate(words) for w in _carry(word, 1 + i, source, target, known)]


def _carry(
    word: str, position: int, source: str, target: str, known: Callable[[str], int]
) -> list[str]:
    """One word the lexicon does not know: a number, a name, or a cognate the collection
    holds; nothing otherwise."""
    if _DIGIT.search(word):
        return [word]
    if not content_words(word, source):  # a stop word of its own language
        return []
    latin = bool(_LATIN.match(word))
    if _script(target) == "latin" and latin and _script(source) != "latin":
        return [word]  # "Tesla" in a Russian question
    if _script(target) != _script(source) and not latin:
        if source == "ru" and _script(target) == "latin" and word[:1].isupper():
            return [
                spelling for spelling in _transliterations(word) if _holds(spelling, target, known)
            ]
        return []
    capitalised = position > 0 and word[:1].isupper()
    name = capitalised and languages.get(source).follow_up.capitalised_names
    if name and _holds(word, target, known):
        return [word]
    if len(word) < _COGNATE_CHARS:
        return []
    for candidate in _cognates(fold(word), source):
        if _holds(candidate, target, known):
            return [candidate]
    return []


def _holds(expression: str, target: str, known: Callable[[str], int]) -> bool:
    terms = content_words(expression, target)
    return bool(terms) and all(known(term) > 0 for term in terms)


def _cognates(word: str, source: str) -> list[str]:
    """``word`` as itself, then respelt by ``source``'s rules (its ending, then its letters)."""
    found = [word]
    for ending, english in _ENDINGS.get(source, ()):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            found.append(word[: len(word) - len(ending)] + english)
            break
    for letter, english in _LETTERS.get(source, ()):
        found += [f.replace(letter, english) for f in list(found) if letter in f]
    return list(dict.fromkeys(found))


def _script(code: str) -> str:
    return _SCRIPTS.get(code, "latin")


def _transliterations(word: str) -> list[str]:
    """A Russian name in Latin letters, as English writes most such names, and two common
    variants: "Зеленский" zelensky, "Байден" biden, "Маск" musk."""
    lowered = word.lower()
    base = "".join(_CYRILLIC.get(c, c) for c in lowered).replace("_", "")
    base = re.sub(r"(iy|yy)$", "y", base)
    spellings = [base, re.sub(r"ay", "i", base), base.replace("a", "u")]
    return list(dict.fromkeys(s.capitalize() for s in spellings if s))
