"""The Telegram side of newsbot: handlers, the application factory (``bot.app``), settings and
the CLI. Nothing here imports python-telegram-bot, so that ``newsbot ask`` and the other
commands that never talk to Telegram start without loading it (``newsbot run`` does)."""

from .render import answer_json, render_answer_html, render_answer_text
from .settings import Settings

__all__ = [
    "Settings",
    "answer_json",
    "render_answer_html",
    "render_answer_text",
]
