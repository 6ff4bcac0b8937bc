"""Retrieval: article files in, ranked dated sentences out. Knows nothing of Telegram."""

import importlib
from typing import TYPE_CHECKING

from .answer import Answer, AnswerSentence, answer_question
from .articles import Article, LoadReport, Rejection, load_articles
from .backend import (
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
)
from .catchup import CatchUp, catch_up
from .discourse import question_topic
from .feeds import FeedResult, parse_feed
from .followup import combine_follow_up, conversation_turn, leans_on_previous
from .index import PassageIndex
from .languages import label as language_name
from .library import IngestReport, Library, open_backend, seed_dir
from .lookup import ArticleHit, lookup_articles, related_articles
from .packing import pack
from .smalltalk import small_talk
from .summarize import Summary, summarize_recent, summarize_topic

if TYPE_CHECKING:
    from .migrate import MigrationReport, migrate_to_opensearch
    from .opensearch_index import OpenSearchIndex

# Imported on first use: the OpenSearch client costs start-up time to whoever never needs it.
_LAZY = {
    "MigrationReport": ".migrate",
    "OpenSearchIndex": ".opensearch_index",
    "migrate_to_opensearch": ".migrate",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Answer",
    "AnswerSentence",
    "Article",
    "ArticleHit",
    "CatchUp",
    "DateRange",
    "FeedResult",
    "IndexBusyError",
    "IndexError_",
    "IndexStats",
    "IngestReport",
    "Library",
    "LoadReport",
    "MigrationReport",
    "OpenSearchConfig",
    "OpenSearchIndex",
    "Passage",
    "PassageHit",
    "PassageIndex",
    "RecentRequest",
    "Rejection",
    "SearchBackend",
    "SearchRequest",
    "Summary",
    "answer_question",
    "catch_up",
    "combine_follow_up",
    "conversation_turn",
    "language_name",
    "leans_on_previous",
    "load_articles",
    "lookup_articles",
    "migrate_to_opensearch",
    "open_backend",
    "pack",
    "parse_feed",
    "question_topic",
    "related_articles",
    "seed_dir",
    "small_talk",
    "summarize_recent",
    "summarize_topic",
]
