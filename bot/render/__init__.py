"""Rendering: every message the bot sends, as plain functions tests call without Telegram.

``html`` holds the pieces (escaping, links, the one attribution line, splitting), ``answer``
answers and article cards, ``summary`` summaries, digests and catch-ups, ``json_output``
the command line's JSON.
"""

from .answer import (
    CLOSEST_REPORTS,
    NO_DIRECT_ANSWER,
    render_answer_html,
    render_answer_text,
    render_article_card,
    render_article_description,
    render_more_html,
    render_small_talk,
    render_sources_html,
    shown_sentences,
    source_line,
    text_source_line,
)
from .html import (
    MESSAGE_LIMIT,
    article_attribution,
    article_block,
    attribution,
    by_article,
    escape,
    link,
    safe_url,
    shorten,
    split_message,
    take_fitting,
)
from .json_output import StatsJson, answer_json, to_json
from .summary import few_articles_note, render_catch_up, render_summary, render_summary_text

__all__ = [
    "CLOSEST_REPORTS",
    "MESSAGE_LIMIT",
    "NO_DIRECT_ANSWER",
    "StatsJson",
    "answer_json",
    "article_attribution",
    "article_block",
    "attribution",
    "by_article",
    "escape",
    "few_articles_note",
    "link",
    "render_answer_html",
    "render_answer_text",
    "render_article_card",
    "render_article_description",
    "render_catch_up",
    "render_more_html",
    "render_small_talk",
    "render_sources_html",
    "render_summary",
    "render_summary_text",
    "safe_url",
    "shorten",
    "shown_sentences",
    "source_line",
    "split_message",
    "take_fitting",
    "text_source_line",
    "to_json",
]
