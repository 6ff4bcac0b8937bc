"""What the index stores, whatever the engine: an article as passage documents (plain fields),
and passages read back from them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from .articles import Article, article_key
from .backend import Passage, day_number, from_day_number
from .facts import tag_article
from .furniture import furniture_flags
from .languages import detect
from .segment import paragraphs, split_passages, split_sentences
from .tokenize import passage_terms, tokenize
from .urls import url_identity

__all__ = [
    "SCHEMA_VERSION",
    "ArticleDocuments",
    "PassageDocument",
    "duplicate_ids",
    "lead_sentences",
    "passage_documents",
    "stored_article",
    "stored_document",
    "to_passage",
]

# 2: sentences split and stemmed at index time; 3: each article's lead sentences stored;
# 4: page furniture set aside at ingest (not in the body, kept apart in "furniture");
# 5: our own tokens indexed ("body_terms", "title_terms"), body and title only stored;
# 6: each passage's article language ("language"), its tokens that language's analysis;
# 7: the article's text as given and all its identities stored on its first passage (export);
# 8: Russian tokens are pymorphy3 lemmas (Snowball for unknown words), Arabic light10 stems;
# 9: what each sentence and the title state ("facts": names with kinds, figures, dates).
SCHEMA_VERSION = 9
_LEAD_SENTENCES = 3
_WHOLE_IF_SHORTER = 2  # sentences: an article this short is never emptied as furniture
_LEAD_MIN_WORDS = 6  # shorter first lines are bylines, datelines, photo credits


class PassageDocument(TypedDict):
    """One passage as stored. Engines index ``title_terms`` and ``body_terms`` (the tokens of
    ``tokenize.tokenize``, stop words kept for phrases and lengths, split on spaces: analysis
    is ours, never the engine's), ``ids``, ``key``, ``source``, ``day``, ``pos`` and ``added``
    as exact values, and only store ``title``, ``body``, ``stems`` (each sentence's stemmed
    content words, a line each: the answer path reads them instead of stemming at query
    time), ``lead`` (on an article's first passage: its first real sentences, for listings
    and digests), ``furniture`` (the paragraph's page furniture, one a line: set aside at
    ingest so that no answer, summary or snippet can quote it, kept for audits), ``text``
    (on the first passage: the article's text as given, a paragraph a line, which
    ``newsbot export`` writes out and indexing again turns into the same passages) and
    ``facts`` (what the title, then each sentence, states: ``facts.tag_article``'s lines, the
    title's first)."""

    key: str
    # On the first passage (else empty): the key, "id:<id>", "url:<canonical address>" and
    # the loader's further identities (``Article.also_ids``).
    ids: list[str]
    title: str
    body: str  # sentences, a line each
    title_terms: str
    body_terms: str
    stems: str
    lead: str
    furniture: str
    text: str
    facts: str
    url: str
    source: str
    language: str  # the article's language: a code of ``retrieval.languages``
    day: int
    pos: int
    added: int


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


def duplicate_ids(article: Article, key: str) -> list[str]:
    """The identities that make another article this one's duplicate: its content key, its
    given id and its loader's further identities. (Its address is stored too, to be looked
    up, but is no identity of its own: files may hold several versions of one page.)"""
    ids = [key] + ([f"id:{article.id}"] if article.id else [])
    return ids + [ident for ident in article.also_ids if ident not in ids]


def _stored_ids(article: Article, key: str) -> list[str]:
    ids = duplicate_ids(article, key)
    address = url_identity(article.url)
    return [*ids, address] if address and address not in ids else ids


@dataclass(frozen=True)
class ArticleDocuments:
    """An article as passage documents, and how many of its sentences were page furniture.
    ``key`` is the article's (made where the documents were: a worker's, then not again)."""

    key: str
    documents: list[PassageDocument]
    sentences: int
    furniture: int
    ids: tuple[str, ...] = ()  # ``duplicate_ids``


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
    language = article.language or detect(f"{article.title}\n{article.text}")
    lines = paragraphs(article.text)
    key = article_key(article, " ".join(lines))  # one white space pass for both
    for passage in split_passages(lines, language=language):
        sentences = split_sentences(passage, language, normalized=True)
        flags = furniture_flags(sentences, language, passage)  # the passage is their join
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
    ids = _stored_ids(article, key)
    lead = "\n".join(lead_sentences([kept for kept, _ in split]))
    title_terms = " ".join(tokenize(article.title, language))
    title_facts, facts = tag_article(article.title, [kept for kept, _ in split])
    documents: list[PassageDocument] = []
    for position, (sentences, furniture) in enumerate(split):
        if position and not sentences:
            continue
        tokens, stems = passage_terms(sentences, language)
        # A literal, not PassageDocument(...): a third of the cost, once per passage.
        document: PassageDocument = {
            "key": key,
            "ids": ids if position == 0 else [],
            "title": article.title,
            "body": "\n".join(sentences),
            "title_terms": title_terms,
            "body_terms": tokens,
            "stems": stems,
            "lead": lead if position == 0 else "",
            "furniture": "\n".join(furniture),
            "text": "\n".join(lines) if position == 0 else "",
            "facts": f"{title_facts}\n{facts[position]}" if sentences else title_facts,
            "url": article.url,
            "source": article.source,
            "language": language,
            "day": day,
            "pos": position,
            "added": added_at,
        }
        documents.append(document)
    return ArticleDocuments(key, documents, total, set_aside, tuple(duplicate_ids(article, key)))


def _lines(doc: Mapping[str, Any], name: str) -> list[str]:
    raw = doc.get(name) or ""
    return str(raw).split("\n") if raw else []


def to_passage(doc: Mapping[str, Any], score: float) -> Passage:
    """A stored document (its fields as single values) back as a passage."""
    facts = str(doc.get("facts") or "").split("\n")
    return Passage(
        key=str(doc.get("key", "")),
        title=str(doc.get("title", "")),
        date=from_day_number(int(doc.get("day", 0))),
        url=str(doc.get("url", "")),
        source=str(doc.get("source", "")),
        text=str(doc.get("body", "")),
        position=int(doc.get("pos", 0)),
        score=score,
        stems=tuple(tuple(line.split()) for line in _lines(doc, "stems")),
        lead=tuple(_lines(doc, "lead")),
        language=str(doc.get("language", "")),
        title_facts=facts[0] if facts else "",
        facts=tuple(facts[1:]),
    )


def stored_document(fields: Mapping[str, Any]) -> PassageDocument:
    """A stored passage (its fields as single values, ``ids`` a list) as a document to write
    elsewhere; the terms, indexed but not stored, are the stored text analysed again."""
    title, body = str(fields.get("title", "")), str(fields.get("body", ""))
    language = str(fields.get("language", "")) or "en"
    ids = fields.get("ids") or []
    return PassageDocument(
        key=str(fields.get("key", "")),
        ids=[str(ident) for ident in (ids if isinstance(ids, list) else [ids])],
        title=title,
        body=body,
        title_terms=" ".join(tokenize(title, language)),
        body_terms=" ".join(tokenize(body, language)),
        stems=str(fields.get("stems", "")),
        lead=str(fields.get("lead", "")),
        furniture=str(fields.get("furniture", "")),
        text=str(fields.get("text", "")),
        facts=str(fields.get("facts", "")),
        url=str(fields.get("url", "")),
        source=str(fields.get("source", "")),
        language=language,
        day=int(fields.get("day", 0)),
        pos=int(fields.get("pos", 0)),
        added=int(fields.get("added", 0)),
    )


def stored_article(fields: Mapping[str, Any]) -> Article:
    """An article's first stored passage (its fields as single values, ``ids`` a list) as the
    article that was indexed: what ``newsbot export`` writes."""
    ids = fields.get("ids") or []
    given = next((str(i)[3:] for i in ids if isinstance(i, str) and i.startswith("id:")), "")
    return Article(
        title=str(fields.get("title", "")),
        date=from_day_number(int(fields.get("day", 0))),
        text=str(fields.get("text", "")),
        url=str(fields.get("url", "")),
        id=given,
        source=str(fields.get("source", "")),
        language=str(fields.get("language", "")),
    )
