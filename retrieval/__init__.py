"""Retrieval: article files in, ranked dated sentences out. Knows nothing of Telegram."""

import importlib
from typing import TYPE_CHECKING

from .answer import Answer, AnswerSentence, answer_question
from .articles import Article, LoadReport, Rejection, article_record, load_articles
from .backend import (
    ArticleFilter,
    DateRange,
    IndexBusyError,
    IndexError_,
    IndexStats,
    OpenSearchConfig,
    Passage,
    PassageHit,
    RecentRequest,
    SearchBackend,
    SearchRequest,
    SearchUnavailable,
)
from .catchup import CatchUp, catch_up
from .discourse import question_topic
from .engines import ENGINES, open_backend
from .feeds import FeedEntry, FeedResult, parse_feed
from .followup import combine_follow_up, conversation_turn, leans_on_previous
from .languages import label as language_name
from .library import IngestReport, Library, seed_dir
from .lookup import ArticleHit, lookup_articles, related_articles
from .notes import Note, NoteKind, Period
from .packing import pack
from .pages import PageText, entry_with_page, extract_page, page_article
from .sitemaps import SitemapPage, SitemapResult, parse_sitemap
from .smalltalk import small_talk
from .summarize import Summary, summarize_recent, summarize_topic
from .urls import canonical_url, url_identity

if TYPE_CHECKING:
    from .engines.migrate import MigrationReport, migrate_to_opensearch
    from .engines.opensearch import OpenSearchIndex
    from .engines.tantivy import PassageIndex

# Imported on first use: an engine is loaded only when it is chosen (the OpenSearch client
# costs start-up time to whoever never needs it); bot/ opens engines by name (open_backend).
_LAZY = {
    "MigrationReport": ".engines.migrate",
    "OpenSearchIndex": ".engines.opensearch",
    "PassageIndex": ".engines.tantivy",
    "migrate_to_opensearch": ".engines.migrate",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ENGINES",
    "Answer",
    "AnswerSentence",
    "Article",
    "ArticleFilter",
    "ArticleHit",
    "CatchUp",
    "DateRange",
    "FeedEntry",
    "FeedResult",
    "IndexBusyError",
    "IndexError_",
    "IndexStats",
    "IngestReport",
    "Library",
    "LoadReport",
    "MigrationReport",
    "Note",
    "NoteKind",
    "OpenSearchConfig",
    "OpenSearchIndex",
    "PageText",
    "Passage",
    "PassageHit",
    "PassageIndex",
    "Period",
    "RecentRequest",
    "Rejection",
    "SearchBackend",
    "SearchRequest",
    "SearchUnavailable",
    "SitemapPage",
    "SitemapResult",
    "Summary",
    "answer_question",
    "article_record",
    "canonical_url",
    "catch_up",
    "combine_follow_up",
    "conversation_turn",
    "entry_with_page",
    "extract_page",
    "language_name",
    "leans_on_previous",
    "load_articles",
    "lookup_articles",
    "migrate_to_opensearch",
    "open_backend",
    "pack",
    "page_article",
    "parse_feed",
    "parse_sitemap",
    "question_topic",
    "related_articles",
    "seed_dir",
    "small_talk",
    "summarize_recent",
    "summarize_topic",
    "url_identity",
]
