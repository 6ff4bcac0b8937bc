"""The application factory: every feature registered here, one line each."""

from __future__ import annotations

import logging

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    LinkPreviewOptions,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, Defaults, JobQueue

from retrieval import Library

from .chat_settings import ChatSettingsStore
from .context import NewsApp, NewsContext, context_types
from .features import (
    add,
    buttons,
    digest,
    errors,
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
from .network import RetryingRateLimiter
from .polling_guard import GuardedUpdatesRequest, PollingGuard
from .settings import Settings
from .store import Store

__all__ = ["GROUP_COMMANDS", "PRIVATE_COMMANDS", "build_application"]

log = logging.getLogger("newsbot")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)

PRIVATE_COMMANDS = [
    BotCommand("start", "What this bot does"),
    BotCommand("help", "How to ask, with an example"),
    BotCommand("ask", "Ask a question about the news"),
    BotCommand("summary", "Summary of the news on a topic"),
    BotCommand("digest", "Daily digest: /digest 08:00, /digest off"),
    BotCommand("stats", "What the collection holds"),
    BotCommand("sources", "The outlets and their article counts"),
    BotCommand("settings", "Language, answer length, buttons"),
]
ADMIN_COMMANDS = [BotCommand("add", "Add an article (seed format) or a .txt/.jsonl file")]
GROUP_COMMANDS = [
    BotCommand("ask", "Ask a question about the news"),
    BotCommand("summary", "Summary of the news on a topic"),
    BotCommand("tldr", "Catch up on this conversation"),
    BotCommand("digest", "Daily digest: /digest 08:00, /digest off"),
    BotCommand("forget", "Delete the stored conversation (admins)"),
    BotCommand("help", "How to ask, with an example"),
    BotCommand("settings", "Language, answer length, buttons (admins)"),
]


async def register_commands(application: NewsApp) -> None:
    """Publish the command menus (admins also see /add); a refusal is logged, never fatal."""
    bot = application.bot
    menus: list[tuple[list[BotCommand], BotCommandScope]] = [
        (PRIVATE_COMMANDS, BotCommandScopeAllPrivateChats()),
        (GROUP_COMMANDS, BotCommandScopeAllGroupChats()),
    ]
    for admin in sorted(application.bot_data.settings.admins):
        menus.append((PRIVATE_COMMANDS + ADMIN_COMMANDS, BotCommandScopeChat(admin)))
    for commands, scope in menus:
        try:
            await bot.set_my_commands(commands, scope=scope)
        except TelegramError as exc:  # e.g. an admin who never opened a chat with the bot
            log.warning("could not register the %s command list: %s", scope.type, exc)


async def on_start(application: NewsApp) -> None:
    """After connecting: command menus, then the jobs (digests, retention)."""
    await register_commands(application)
    await digest.schedule_all(application)
    await tldr.schedule_purge(application)
    application.bot_data.feeds.start()


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
        .concurrent_updates(16)
        .context_types(context_types())
        # Every message is HTML without link previews: said once here, not at each send.
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW))
        .job_queue(jobs)
        .post_init(on_start)
        .build()
    )
    shared = application.bot_data
    shared.settings = settings
    shared.polling = guard
    shared.jobs = jobs
    shared.feeds = FeedsService(settings, library, jobs, guard)
    shared.library = library
    shared.store = store or Store(settings.data_dir / "state.sqlite3")
    shared.chat_settings = ChatSettingsStore(shared.store.path)
    shared.flood = FloodGuard(settings.user_rate, settings.user_burst, settings.chat_rate)
    help.register(application)
    questions.register(application)
    inline.register(application)
    summary.register(application)
    digest.register(application)
    tldr.register(application)
    status.register(application)
    add.register(application)
    settings_menu.register(application)  # before buttons: its presses are not stale
    buttons.register(application)
    errors.register(application)
    return application
