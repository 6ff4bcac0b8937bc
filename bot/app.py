"""The application factory: every feature registered here, one line each."""

from __future__ import annotations

import logging

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from retrieval import Library

from .features import errors, help, inline, questions
from .settings import Settings

__all__ = ["GROUP_COMMANDS", "PRIVATE_COMMANDS", "build_application"]

log = logging.getLogger("newsbot")

PRIVATE_COMMANDS = [
    BotCommand("start", "What this bot does"),
    BotCommand("help", "How to ask, with an example"),
    BotCommand("ask", "Ask a question about the news"),
]
GROUP_COMMANDS = [
    BotCommand("ask", "Ask a question about the news"),
    BotCommand("help", "How to ask, with an example"),
]


async def register_commands(application: Application) -> None:  # type: ignore[type-arg]
    """Publish the command menus; a refusal is logged and the bot keeps running."""
    try:
        await application.bot.set_my_commands(
            PRIVATE_COMMANDS, scope=BotCommandScopeAllPrivateChats()
        )
        await application.bot.set_my_commands(GROUP_COMMANDS, scope=BotCommandScopeAllGroupChats())
    except TelegramError as exc:
        log.warning("could not register the command list: %s", exc)


def build_application(settings: Settings, library: Library) -> Application:  # type: ignore[type-arg]
    """The bot: settings, the library, rate limiting and every feature's handlers."""
    api = settings.telegram_api_url
    application = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(AIORateLimiter(max_retries=settings.send_retries))
        .concurrent_updates(16)
        .post_init(register_commands)
        .build()
    )
    application.bot_data["settings"] = settings
    application.bot_data["library"] = library
    help.register(application)
    questions.register(application)
    inline.register(application)
    errors.register(application)
    return application
