"""Retrieval: article files in, ranked dated sentences out. Knows nothing of Telegram."""

from .answer import Answer, AnswerSentence, answer_question
from .articles import Article, LoadReport, Rejection, load_articles
from .backend import (
    IndexBusyError,
    IndexError_,
    IndexStats,
    OpenSearchConfig,
    Passage,
    PassageHit,
    SearchBackend,
)
from .index import PassageIndex
from .library import IngestReport, Library, open_backend, seed_dir
from .lookup import ArticleHit, lookup_articles, related_articles
from .smalltalk import small_talk
from .summarize import Summary, summarize_recent, summarize_topic

__all__ = [
    "Answer",
    "AnswerSentence",
    "Article",
    "ArticleHit",
    "IndexBusyError",
    "IndexError_",
    "IndexStats",
    "IngestReport",
    "Library",
    "LoadReport",
    "OpenSearchConfig",
    "Passage",
    "PassageHit",
    "PassageIndex",
    "Rejection",
    "SearchBackend",
    "Summary",
    "answer_question",
    "load_articles",
    "lookup_articles",
    "open_backend",
    "related_articles",
    "seed_dir",
    "small_talk",
    "summarize_recent",
    "summarize_topic",
]
