"""The Telegram side of newsbot: handlers, the application factory, settings and the CLI."""

from .app import build_application
from .render import answer_json, render_answer_html, render_answer_text
from .settings import Settings

__all__ = [
    "Settings",
    "answer_json",
    "build_application",
    "render_answer_html",
    "render_answer_text",
]
