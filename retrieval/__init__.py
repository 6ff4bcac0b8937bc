"""Retrieval: article files in, ranked dated sentences out. Knows nothing of Telegram."""

from .answer import Answer, AnswerSentence, answer_question
from .articles import Article, LoadReport, Rejection, load_articles
from .index import IndexBusyError, IndexError_, IndexStats, Passage, PassageIndex
from .library import IngestReport, Library, seed_dir
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
    "Passage",
    "PassageIndex",
    "Rejection",
    "Summary",
    "answer_question",
    "load_articles",
    "lookup_articles",
    "related_articles",
    "seed_dir",
    "small_talk",
    "summarize_recent",
    "summarize_topic",
]
