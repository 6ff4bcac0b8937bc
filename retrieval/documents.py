"""What the index stores: the schema, an article as passage documents, and passages read back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import tantivy

from .articles import Article
from .furniture import furniture_flags, needles_in
from .segment import split_passages, split_sentences
from .tokenize import content_words

__all__ = [
    "SCHEMA_VERSION",
    "ArticleDocuments",
    "Passage",
    "build_schema",
    "day_number",
    "from_day_number",
    "lead_sentences",
    "passage_documents",
    "to_passage",
]

# 2: sentences split and stemmed at index time; 3: each article's lead sentences stored;
# 4: page furniture set aside at ingest (not in the body, kept apart in "furniture").
SCHEMA_VERSION = 4
_EPOCH = dt.date(1970, 1, 1)
_LEAD_SENTENCES = 3
_WHOLE_IF_SHORTER = 2  # sentences: an article this short is never emptied as furniture
_LEAD_MIN_WORDS = 6  # shorter first lines are bylines, datelines, photo credits


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01: the article date as an integer fast field."""
    return (day - _EPOCH).days


def from_day_number(number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=number)


@dataclass(frozen=True)
class Passage:
    """One indexed paragraph with its article's metadata."""

    key: str
    title: str
    date: dt.date
    url: str
    source: str
    text: str  # sentences separated by newlines
    position: int
    score: float = 0.0
    stems: tuple[tuple[str, ...], ...] = ()  # each sentence's stemmed content words
    lead: tuple[str, ...] = ()  # the article's first real sentences (first passage only)

    @property
    def sentences(self) -> list[str]:
        return self.text.split("\n") if self.text else []


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("ids", stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    # The passage's sentences, stemmed (one line each): the answer path reads them instead of
    # splitting and stemming at query time.
    builder.add_bytes_field("stems", stored=True, indexed=False)
    # On an article's first passage: its first real sentences, for listings and digests.
    builder.add_bytes_field("lead", stored=True, indexed=False)
    # The paragraph's page furniture (captions, link lines, promos, stamps), one a line: set
    # aside at ingest so that no answer, summary or snippet can quote it, kept for audits.
    builder.add_bytes_field("furniture", stored=True, indexed=False)
    builder.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("source", stored=True, fast=True, tokenizer_name="raw")
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)
    builder.add_integer_field("pos", stored=True, indexed=True, fast=True)
    builder.add_integer_field("added", stored=True, indexed=True, fast=True)
    return builder.build()


def lead_sentences(passages: list[list[str]], count: int = _LEAD_SENTENCES) -> list[str]:
    """The first ``count`` sentences that say something (bylines and credits skipped)."""
    found: list[str] = []
    for sentences in passages:
        for sentence in sentences:
            if len(sentence.split()) >= _LEAD_MIN_WORDS and not sentence.endswith("?"):
                found.append(sentence)
                if len(found) == count:
                    return found
    return found


@dataclass(frozen=True)
class ArticleDocuments:
    """An article as index documents, and how many of its sentences were page furniture."""

    documents: list[tantivy.Document]
    sentences: int
    furniture: int


def passage_documents(article: Article, added_at: int) -> ArticleDocuments:
    """One document per passage of the article; the first also carries its ids and lead.

    Page furniture is left out of the searched body: a caption or link line that matches a
    question would otherwise take one of the few passages whose sentences compete, and every
    sentence source (answers, summaries, snippets, leads) reads the body. A passage of nothing
    but furniture gets no document (the first passage always does: it carries the ids). A
    one- or two-sentence article (a feed headline) is never emptied; a photo gallery page is.
    """
    split: list[tuple[list[str], list[str]]] = []
    total = set_aside = 0
    among = needles_in(article.text)
    for passage in split_passages(article.text):
        sentences = split_sentences(passage)
        flags = furniture_flags(sentences, among)
        total += len(sentences)
        if True not in flags:
            split.append((sentences, []))
            continue
        kept = [s for s, furniture in zip(sentences, flags, strict=True) if not furniture]
        split.append(
            (kept, [s for s, furniture in zip(sentences, flags, strict=True) if furniture])
        )
        set_aside += len(sentences) - len(kept)
    if set_aside == total <= _WHOLE_IF_SHORTER:  # a headline-only entry is its own text
        split = [(kept + furniture, []) for kept, furniture in split]
        set_aside = 0
    day = day_number(article.date)
    documents = []
    for position, (sentences, furniture) in enumerate(split):
        if position > 0 and not sentences:
            continue
        doc = tantivy.Document()
        doc.add_text("key", article.key)
        if position == 0:
            doc.add_text("ids", article.key)
            if article.id:
                doc.add_text("ids", f"id:{article.id}")
            lead = lead_sentences([kept for kept, _ in split])
            doc.add_bytes("lead", "\n".join(lead).encode())
        doc.add_text("title", article.title)
        doc.add_text("body", "\n".join(sentences))
        stems = "\n".join(" ".join(content_words(sentence)) for sentence in sentences)
        doc.add_bytes("stems", stems.encode())
        doc.add_bytes("furniture", "\n".join(furniture).encode())
        doc.add_text("url", article.url)
        doc.add_text("source", article.source)
        doc.add_integer("day", day)
        doc.add_integer("pos", position)
        doc.add_integer("added", added_at)
        documents.append(doc)
    return ArticleDocuments(documents, total, set_aside)


def _first(doc: dict[str, list[Any]], name: str, default: Any = "") -> Any:
    values = doc.get(name)
    return values[0] if values else default


def _lines(doc: dict[str, list[Any]], name: str) -> list[str]:
    raw = bytes(_first(doc, name, b"")).decode()
    return raw.split("\n") if raw else []


def to_passage(doc: dict[str, list[Any]], score: float) -> Passage:
    """A stored document back as a passage."""
    return Passage(
        key=_first(doc, "key"),
        title=_first(doc, "title"),
        date=from_day_number(int(_first(doc, "day", 0))),
        url=_first(doc, "url"),
        source=_first(doc, "source"),
        text=_first(doc, "body"),
        position=int(_first(doc, "pos", 0)),
        score=score,
        stems=tuple(tuple(line.split()) for line in _lines(doc, "stems")),
        lead=tuple(_lines(doc, "lead")),
    )
