"""How the concept lexicon (retrieval/languages/lexicon.tsv) holds up: its shape, and how many
of its word pairs an independent dictionary attests.

    apt-get install dict-freedict-deu-eng dict-freedict-spa-eng dict-freedict-eng-spa \\
        dict-freedict-fra-eng dict-freedict-eng-fra dict-freedict-por-eng dict-freedict-eng-por \\
        dict-freedict-tur-eng dict-freedict-eng-tur dict-freedict-ara-eng dict-freedict-eng-ara \\
        dict-freedict-eng-rus mueller7-dict
    python benchmarks/lexicon_check.py [--dictd /usr/share/dictd] [--unattested FILE]

Shape (always): every line has a cell for each language; each word is written in its
language's script; each expression gives its language's analysis at least one term; how many
expressions each language has. Attestation (for the dictionaries found in ``--dictd``): a pair
(a language's expression, the concept's English expression) is attested when the language's
dictionary to English has the expression as a headword whose translations hold the English
words, or the English dictionary to that language has the English expression as a headword
whose translations hold the expression; words are compared by their analysis (stems, lemmas),
so "gewonnen" and "gewinnen" are one word only where the analysis says so. The dictionaries
(FreeDict, GPL; Mueller's English-Russian) are read here only: nothing of them ships.
The pairs no dictionary attests are written to ``--unattested`` for a person to read.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections.abc import Iterator
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path
    import checkout  # noqa: F401
from retrieval.lexicon import _read_rows
from retrieval.tokenize import content_words

LANGUAGES = ("de", "es", "fr", "pt", "ru", "tr", "ar")
# The dictionaries of each language: to English, and from English (dictd file names).
DICTIONARIES = {
    "de": ("freedict-deu-eng", "freedict-eng-deu"),
    "es": ("freedict-spa-eng", "freedict-eng-spa"),
    "fr": ("freedict-fra-eng", "freedict-eng-fra"),
    "pt": ("freedict-por-eng", "freedict-eng-por"),
    "tr": ("freedict-tur-eng", "freedict-eng-tur"),
    "ar": ("freedict-ara-eng", "freedict-eng-ara"),
    "ru": ("", "freedict-eng-rus", "mueller7"),
}
SCRIPTS = {
    "ru": re.compile(r"^[\u0400-\u04FF0-9 \-]+$"),
    "ar": re.compile(r"^[\u0600-\u06FF0-9 \-]+$"),
}
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F0-9 .'’\-]+$")
_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_NOTE = re.compile(r"/[^/]*/|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\([^)]*\)|\b_\w+\.")


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


def entries(path: Path) -> Iterator[tuple[str, str]]:
    """(headword, its entry's text) of a dictd dictionary (``path`` without its suffix)."""
    with gzip.open(path.with_suffix(".dict.dz")) as packed:
        data = packed.read()
    for line in path.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00database"):
            continue
        start, length = _number(parts[1]), _number(parts[2])
        yield parts[0], data[start : start + length].decode("utf-8", "replace")


def _terms(text: str, language: str) -> frozenset[str]:
    return frozenset(content_words(_NOTE.sub(" ", text), language))


def _key(text: str, language: str) -> tuple[str, ...]:
    return tuple(content_words(text, language))


def load(dictd: Path, name: str, source: str, target: str) -> dict[tuple[str, ...], set[str]]:
    """A dictionary as headword terms -> every term of its translations."""
    found: dict[tuple[str, ...], set[str]] = {}
    if not name or not (dictd / f"{name}.index").exists():
        return found
    for headword, text in entries(dictd / name):
        body = text.split("\n", 1)[1] if "\n" in text else text
        key = _key(headword, source)
        if key:
            found.setdefault(key, set()).update(_terms(body, target))
    return found


def shape(rows: list[dict[str, list[str]]]) -> tuple[list[str], list[str]]:
    """Words not in their language's script (Latin letters pass everywhere: "CO2", "FBI"),
    and expressions that are only stop words of their language (they match nothing)."""
    problems, inert = [], []
    for number, row in enumerate(rows, 1):
        for code, expressions in row.items():
            for expression in expressions:
                script = SCRIPTS.get(code, LATIN)
                if not (script.match(expression) or LATIN.match(expression)):
                    problems.append(f"row {number} {code}: {expression!r} is not in its script")
                if not content_words(expression, code):
                    inert.append(f"{code} {expression}")
    return problems, inert


def attested(
    pair: tuple[str, str],
    code: str,
    to_english: dict[tuple[str, ...], set[str]],
    from_english: list[dict[tuple[str, ...], set[str]]],
) -> bool:
    expression, english = pair
    key, english_terms = _key(expression, code), _terms(english, "en")
    if key in to_english and english_terms <= to_english[key]:
        return True
    terms = _terms(expression, code)
    english_key = _key(english, "en")
    return any(english_key in book and terms <= book[english_key] for book in from_english)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictd", type=Path, default=Path("/usr/share/dictd"))
    parser.add_argument("--unattested", type=Path, help="write the unattested pairs here")
    args = parser.parse_args()
    rows = _read_rows()
    problems, inert = shape(rows)
    print(f"{len(rows)} concepts; {len(problems)} words in another script")
    for problem in problems[:20]:
        print("  ", problem)
    print(f"{len(inert)} expressions that are stop words (inert): {', '.join(inert)}")
    unattested: list[str] = []
    print("language  expressions  pairs  attested  dictionaries")
    for code in LANGUAGES:
        to_name, *from_names = DICTIONARIES[code]
        to_english = load(args.dictd, to_name, code, "en")
        from_english = [load(args.dictd, name, "en", code) for name in from_names]
        pairs = [
            (expression, english)
            for row in rows
            for english in row.get("en", [])
            for expression in row.get(code, [])
        ]
        books = [n for n in (to_name, *from_names) if n and (args.dictd / f"{n}.index").exists()]
        if not books:
            print(f"{code:8}  {sum(len(r.get(code, [])) for r in rows):11}  {len(pairs):5}  -")
            continue
        good = 0
        for pair in pairs:
            if attested(pair, code, to_english, from_english):
                good += 1
            else:
                unattested.append(f"{code}\t{pair[0]}\t{pair[1]}")
        expressions = sum(len(r.get(code, [])) for r in rows)
        share = good / len(pairs) if pairs else 0.0
        print(f"{code:8}  {expressions:11}  {len(pairs):5}  {share:8.1%}  {', '.join(books)}")
    if args.unattested:
        args.unattested.write_text("\n".join(unattested) + "\n", encoding="utf-8")
        print(f"{len(unattested)} unattested pairs written to {args.unattested}")
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
