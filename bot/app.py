"""The application factory: every feature registered here, one line each."""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, Defaults, JobQueue

from retrieval import Library

from .chat_settings import ChatSettingsStore
from .context import NewsApp, NewsContext, context_types
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
from .features.edits import ReplyLog
from .feeds_service import FeedsService
from .limits import FloodGuard
from .network import RetryingRateLimiter
from .polling_guard import GuardedUpdatesRequest, PollingGuard
from .profile import publish_profile
from .settings import Settings
from .store import Store
from .update_slots import UpdateSlots
from .upkeep import schedule_upkeep

__all__ = ["build_application"]

log = logging.getLogger("newsbot")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
UPDATE_SLOTS = 16  # updates worked on at once; one that is sending has left its slot


async def on_start(application: NewsApp) -> None:
    """After connecting: the jobs (profile, digests, retention) and the feeds.

    The profile (menus, descriptions) is a job: it runs once polling has started, beside the
    answers, so a Telegram that refuses or hangs those calls delays nothing."""
    jobs = application.job_queue
    if jobs is not None:
        jobs.run_once(publish_profile, when=0, name="profile")
    await digest.schedule_all(application)
    await schedule_upkeep(application)
    application.bot_data.feeds.start()


async def on_stop(application: NewsApp) -> None:
    """At shutdown: the feeds' HTTP client and extraction workers."""
    await application.bot_data.feeds.close()


def build_application(settings: Settings, library: Library, store: Store | None = None) -> NewsApp:
    """The bot: settings, the library, the state store, rate limiting and every feature."""
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
    shared.feeds = FeedsService(settings, library, jobs, guard)
    shared.sources = shared.feeds.status
    shared.library = library
    shared.store = store or Store(settings.data_dir / "state.sqlite3")
    # One state database: its tables share one record of failing writes (logged once).
    shared.replies = ReplyLog(shared.store.path, shared.store.health)
    shared.chat_settings = ChatSettingsStore(shared.store.path, shared.store.health)
    shared.flood = FloodGuard(settings.user_rate, settings.user_burst, settings.chat_rate)
    help.register(application)
    questions.register(application)
    inline.register(application)
    summary.register(application)
    digest.register(application)
    tldr.register(application)
    status.register(application)
    add.register(application)
    chat_moves.register(application)  # also tells the send path (bot.network) about moves
    channels.register(application)
    settings_menu.register(application)  # before buttons: its presses are not stale
    fallback.register(application)  # after every command and media handler of group 0
    buttons.register(application)
    errors.register(application)
    return application
