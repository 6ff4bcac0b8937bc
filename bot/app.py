"""The application factory: the shared parts made once, then every feature registered, one
line each in ``FEATURES``.

The only module outside ``bot/features/`` that imports a feature (``tests/test_import_graph.py``
keeps it so): a feature is a module with ``register(application)``, ``COMMANDS`` and ``HELP``
(``bot.commands``), and what the features declare is collected here for the menus and /help.
"""

from __future__ import annotations

import logging
from typing import Protocol

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, Defaults, JobQueue

from retrieval import Library

from .commands import Command
from .context import NewsApp, NewsContext, context_types
from .digest_jobs import schedule_all
from .examples import schedule_examples
from .features import (
    add,
    buttons,
    channels,
    chat_moves,
    digest,
    errors,
    fallback,
    help,
    inline,
    questions,
    status,
    summary,
    tldr,
)
from .features import settings as settings_menu
from .feeds_service import FeedsService
from .limits import FloodGuard
from .moves import ChatMoves
from .network import RetryingRateLimiter
from .polling_guard import GuardedUpdatesRequest, PollingGuard
from .profile import publish_profile
from .settings import Settings
from .state import BotState, MessageWriter
from .update_slots import UpdateSlots
from .upkeep import schedule_upkeep
from .workers import Workers

__all__ = ["FEATURES", "Feature", "build_application"]

log = logging.getLogger("newsbot")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
UPDATE_SLOTS = 16  # updates worked on at once; one that is sending has left its slot


class Feature(Protocol):
    """A module of ``bot/features/``: its handlers, and what it declares (``bot.commands``)."""

    @property
    def COMMANDS(self) -> tuple[Command, ...]: ...  # read-only: a module's constant
    @property
    def HELP(self) -> tuple[str, ...]: ...

    def register(self, application: NewsApp) -> None: ...


# In registration order, which is handler order (and /help's): settings before buttons (its
# presses are not stale), fallback after every command and media handler of group 0.
FEATURES: tuple[Feature, ...] = (
    help,
    questions,
    inline,
    summary,
    digest,
    tldr,
    status,
    add,
    chat_moves,
    channels,
    settings_menu,
    fallback,
    buttons,
    errors,
)


async def on_start(application: NewsApp) -> None:
    """After connecting: the jobs (profile, digests, retention, the example question) and
    the feeds.

    The profile (menus, descriptions) is a job: it runs once polling has started, beside the
    answers, so a Telegram that refuses or hangs those calls delays nothing."""
    jobs = application.job_queue
    if jobs is not None:
        jobs.run_once(publish_profile, when=0, name="profile")
    await schedule_all(application)
    await schedule_upkeep(application)
    schedule_examples(application)  # /start's checked example, found before anyone asks
    application.bot_data.feeds.start()


async def on_stop(application: NewsApp) -> None:
    """At shutdown: the group messages still queued, the feeds' HTTP client and extraction
    workers, then the threads."""
    data = application.bot_data
    await data.tldr_messages.flush()
    await data.feeds.close()
    data.workers.shutdown()


def build_application(
    settings: Settings, library: Library, state: BotState | None = None
) -> NewsApp:
    """The bot: settings, the library, the state, rate limiting and every feature."""
    api = settings.telegram_api_url
    guard = PollingGuard()
    jobs = JobQueue[NewsContext]()
    application = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(
            RetryingRateLimiter(
                flood_deadline=settings.flood_deadline, network_retries=settings.network_retries
            )
        )
        .read_timeout(settings.request_timeout)
        .write_timeout(settings.request_timeout)
        .connect_timeout(settings.request_timeout)
        .get_updates_request(GuardedUpdatesRequest(guard, connection_pool_size=1))
        .concurrent_updates(UpdateSlots(UPDATE_SLOTS))  # bot.update_slots: sends wait outside
        .context_types(context_types())
        # Every message is HTML without link previews, and a reply whose question was deleted
        # (clean-up bots) still arrives, unquoted: said once here, not at each send.
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                allow_sending_without_reply=True,
            )
        )
        .job_queue(jobs)
        .post_init(on_start)
        .post_shutdown(on_stop)
        .build()
    )
    shared = application.bot_data
    shared.settings = settings
    shared.polling = guard
    shared.jobs = jobs
    shared.library = library
    shared.workers = Workers()
    shared.state = state or BotState(settings.data_dir)
    shared.tldr_messages = MessageWriter(shared.state.conversations, shared.workers.state)
    shared.feeds = FeedsService(
        settings, library, jobs, guard, status=shared.state.sources, workers=shared.workers
    )
    shared.flood = FloodGuard(settings.user_rate, settings.user_burst, settings.chat_rate)
    limiter = application.bot.rate_limiter
    if isinstance(limiter, RetryingRateLimiter):  # the send path tells of chats that move
        limiter.events = ChatMoves(shared)
    for feature in FEATURES:
        feature.register(application)
        shared.commands += feature.COMMANDS
        shared.help += feature.HELP
    return application
