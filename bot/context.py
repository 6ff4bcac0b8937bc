"""The typed context every handler and job receives (python-telegram-bot's ``ContextTypes``).

``context.bot_data`` is a ``BotData``: the settings, the library, the state, the threads, the
guards and what the features declared, set once by ``bot.app.build_application``. Attributes,
not string keys: mypy checks every read, and a missing one fails at start rather than in a
handler. Nothing this module imports imports it back (``tests/test_import_graph.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from retrieval import Library

from .commands import Command
from .feeds_service import FeedsService
from .limits import FloodGuard
from .polling_guard import PollingGuard
from .settings import Settings
from .state import BotState, MessageWriter
from .workers import Workers

__all__ = ["BotData", "NewsApp", "NewsContext", "context_types"]


@dataclass
class BotData:
    """What the handlers share. python-telegram-bot creates it empty; the factory fills it."""

    settings: Settings = field(init=False)
    library: Library = field(init=False)
    state: BotState = field(init=False)  # everything kept between restarts (bot.state)
    tldr_messages: MessageWriter = field(init=False)  # group messages on their way to state
    workers: Workers = field(init=False)
    flood: FloodGuard = field(init=False)
    polling: PollingGuard = field(init=False)
    jobs: JobQueue[NewsContext] = field(init=False)
    feeds: FeedsService = field(init=False)
    # What the registered features declared (bot.commands): the menus' and /help's source.
    commands: list[Command] = field(default_factory=list)
    help: list[str] = field(default_factory=list)
    # Subscriptions skipped at start, by (chat, topic): told on the chat's next /digest.
    broken_digests: dict[tuple[object, object], str] = field(default_factory=dict)


class NewsContext(CallbackContext[ExtBot[int], dict[Any, Any], dict[Any, Any], BotData]):
    # ExtBot[int]: the rate limiter (bot.network) takes an int per request.
    """The context of newsbot's handlers and jobs: ``bot_data`` is a ``BotData``."""


NewsApp: TypeAlias = Application[
    ExtBot[int], NewsContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[NewsContext]
]


def context_types() -> ContextTypes[NewsContext, dict[Any, Any], dict[Any, Any], BotData]:
    return ContextTypes(context=NewsContext, bot_data=BotData)
