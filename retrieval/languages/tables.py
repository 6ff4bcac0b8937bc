"""Reading the language tables: one ``<code>.toml`` file a language, beside this module, checked
once into the typed model (``model.Language``). Adding a language is adding a file."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import fields
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import Stemmer
from pydantic import TypeAdapter, ValidationError

from ..lemmas import LEMMATIZERS
from .model import Furniture, Language, words

__all__ = ["LIGHT", "TableError", "load", "parse"]

LIGHT = "light"  # the stemmer of a language stemmed by its own [light_stemming] rules

_ADAPTER = TypeAdapter(Language)
_PATTERNS: tuple[str, ...] = ("wh", "time", "number", "person", "place", "month_year_joiner")
_PATTERNS += ("year_suffix", "last_n", "present")


class TableError(ValueError):
    """A table file that does not hold a language: says which file and what is wrong."""


def _months(months: object, name: str) -> dict[str, int]:
    """Twelve lists of a month's names, January first -> name to month number."""
    if not (
        isinstance(months, list)
        and len(months) == 12
        and all(isinstance(names, list) and names for names in months)
    ):
        raise TableError(f"{name}: months must be 12 lists of names, January first")
    return {word: number for number, names in enumerate(months, 1) for word in names}


def _alternation(phrases: object, name: str) -> object:
    """A list of phrases -> one alternation; anything else is left for the model to refuse."""
    if isinstance(phrases, list) and all(isinstance(p, str) for p in phrases):
        return "|".join(phrases)
    return phrases


def _follow_up(table: dict[str, Any], name: str) -> dict[str, Any]:
    """The follow-up table: its pattern lists joined, its word tables split."""
    table = dict(table)
    for key in ("opening", "impersonal", "continues"):
        table[key] = _alternation(table.get(key, ""), name)
    for key in ("points_back", "light", "filler", "general", "indefinite"):
        if isinstance(table.get(key), str):
            table[key] = words(table[key])
    return table


def _catch_up(table: dict[str, Any], name: str) -> dict[str, Any]:
    """The catch-up table: its pattern lists joined, its word tables split."""
    table = dict(table)
    for key in ("tally", "clock"):
        table[key] = _alternation(table.get(key, ""), name)
    for key in ("outcome", "hedge", "when", "events", "chatter", "calculation"):
        if isinstance(table.get(key), str):
            table[key] = words(table[key])
    return table


def _compiles(pattern: str, where: str) -> None:
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise TableError(f"{where}: {exc}") from exc


def parse(text: str, name: str) -> Language:
    """One table file's text as a language; ``name`` (the file's) is the code it must hold."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TableError(f"{name}: {exc}") from exc
    for key in ("stop_words", "abbreviations"):
        if isinstance(data.get(key), str):  # white-space separated words
            data[key] = words(data[key])
    if "months" in data:
        data["months"] = _months(data["months"], name)
    if isinstance(data.get("furniture"), dict):
        data["furniture"] = {k: _alternation(v, name) for k, v in data["furniture"].items()}
    if isinstance(data.get("follow_up"), dict):
        data["follow_up"] = _follow_up(data["follow_up"], name)
    if isinstance(data.get("catch_up"), dict):
        data["catch_up"] = _catch_up(data["catch_up"], name)
    try:
        language = _ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise TableError(f"{name}: {exc}") from exc
    if language.code != name:
        raise TableError(f"{name}: its code is {language.code!r}, not the file's name")
    if language.stemmer == LIGHT:
        if language.light_stemming is None:
            raise TableError(f"{name}: stemmer {LIGHT!r} needs a [light_stemming] table")
    elif language.stemmer not in Stemmer.algorithms():
        raise TableError(f"{name}: PyStemmer has no stemmer {language.stemmer!r}")
    if language.lemmatizer and language.lemmatizer not in LEMMATIZERS:
        raise TableError(f"{name}: no lemmatizer {language.lemmatizer!r} (known: {LEMMATIZERS})")
    for key in _PATTERNS:
        _compiles(getattr(language, key), f"{name}: {key}")
    for relative in language.relative:
        _compiles(relative.pattern, f"{name}: relative")
    if language.last_n and not {"n", "unit"} <= set(re.compile(language.last_n).groupindex):
        raise TableError(f"{name}: last_n needs the groups (?P<n>...) and (?P<unit>...)")
    _compiles(language.follow_up.opening, f"{name}: follow_up.opening")
    _compiles(language.follow_up.impersonal, f"{name}: follow_up.impersonal")
    _compiles(language.follow_up.continues, f"{name}: follow_up.continues")
    _compiles(language.catch_up.tally, f"{name}: catch_up.tally")
    _compiles(language.catch_up.clock, f"{name}: catch_up.clock")
    if language.furniture is not None:
        for part in fields(Furniture):
            _compiles(f"(?:{getattr(language.furniture, part.name)})", f"{name}: {part.name}")
    return language


def load(first: Sequence[str] = (), folder: Traversable | None = None) -> dict[str, Language]:
    """Every language whose table is in ``folder`` (this package's), by code: those named in
    ``first`` in that order, then the others by code."""
    folder = folder or resources.files(__package__)
    files = {
        entry.name.removesuffix(".toml"): entry
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    }
    codes = [code for code in first if code in files]
    codes += sorted(set(files) - set(codes))
    return {code: parse(files[code].read_text(encoding="utf-8"), code) for code in codes}
