"""The bot's profile on Telegram: command menus per scope and its descriptions.

Published in the background after start (a job), each call once with a short timeout and no
retry (``bot.network.NON_ESSENTIAL``): whatever Telegram answers to them, and however slowly,
no answer waits. What was set is remembered per bot in ``telegram_profile.json`` in the data
folder, so a restart calls again only for what changed (or failed).

The menus are made from what the registered features declare (``bot.commands``: each
command's menu line, scopes and rank), and list only commands some handler serves: a menu
never offers a command the bot would not understand.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
)
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler

from .commands import Command, Scope, menu
from .context import NewsContext
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, translator

__all__ = ["DESCRIPTION", "SHORT_DESCRIPTION", "known_commands", "menus", "publish_profile"]

log = logging.getLogger("newsbot")

PROFILE_TIMEOUT = 5.0  # seconds one profile call may take before it is given up until next start
PROFILE_FILE = "telegram_profile.json"

# "What can this bot do?" (shown in an empty chat; at most 512 characters).
DESCRIPTION = N_(
    "I answer questions about the news from a collection of articles. Ask in your own words: "
    "I quote the sentences that answer best, each with its date and outlet.\n\n"
    "In groups, use /ask or mention me. In any chat, type my @name and a few words to look "
    "up articles. /summary sums up a topic; /digest posts a daily digest."
)
# The profile page and shared links (at most 120 characters).
SHORT_DESCRIPTION = N_(
    "Answers news questions with dated, sourced sentences from a collection of articles."
)


def known_commands(application: Application[Any, Any, Any, Any, Any, Any]) -> frozenset[str]:
    """Every command some handler of the application serves."""
    return frozenset(
        command
        for handlers in application.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    )


def menus(
    commands: list[Command], served: frozenset[str], admins: set[int]
) -> list[tuple[list[Command], BotCommandScope]]:
    """The command menu of each of Telegram's scopes (``bot.commands.menu``)."""
    scoped: list[tuple[Scope, BotCommandScope]] = [
        (Scope.PRIVATE, BotCommandScopeAllPrivateChats()),
        (Scope.GROUPS, BotCommandScopeAllGroupChats()),
        (Scope.GROUP_ADMINS, BotCommandScopeAllChatAdministrators()),
    ]
    scoped += [(Scope.BOT_ADMINS, BotCommandScopeChat(admin)) for admin in sorted(admins)]
    return [(menu(commands, scope, served), telegram) for scope, telegram in scoped]


class _Remembered:
    """What was last set, by call, as a digest of its arguments (one JSON file, per bot)."""

    def __init__(self, path: Path, bot_id: int) -> None:
        self.path = path
        self.bot = str(bot_id)
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}  # missing or damaged: everything is set again, which is harmless
        self._all: dict[str, dict[str, str]] = loaded if isinstance(loaded, dict) else {}

    @staticmethod
    def digest(value: object) -> str:
        return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()

    def unchanged(self, key: str, value: object) -> bool:
        return self._all.get(self.bot, {}).get(key) == self.digest(value)

    def remember(self, key: str, value: object) -> None:
        self._all.setdefault(self.bot, {})[key] = self.digest(value)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".tmp")
            partial.write_text(json.dumps(self._all, indent=1), encoding="utf-8")
            os.replace(partial, self.path)
        except OSError as exc:  # the call is simply made again at the next start
            log.warning("could not remember the bot's profile: %s", exc)


async def _set_once(
    remembered: _Remembered, key: str, value: object, call: Callable[[], Awaitable[object]]
) -> None:
    if remembered.unchanged(key, value):
        return
    try:
        await asyncio.wait_for(call(), PROFILE_TIMEOUT)
    except (TelegramError, TimeoutError) as exc:  # e.g. an admin who never opened a chat
        log.warning("could not set %s (%s); trying again at the next start", key, exc)
        return
    remembered.remember(key, value)


async def publish_profile(context: NewsContext) -> None:
    """Set the menus and descriptions that changed since they were last set, in every language
    the bot speaks (English for everyone else): all at once."""
    bot = context.bot
    settings = context.bot_data.settings
    remembered = _Remembered(settings.data_dir / PROFILE_FILE, bot.id)
    served = known_commands(context.application)
    scoped = menus(context.bot_data.commands, served, settings.admins)
    calls = []
    for language in LANGUAGES:
        t = translator(language)
        code = None if language == DEFAULT_LANGUAGE else language  # None: the default texts
        texts = {"description": t(DESCRIPTION), "short_description": t(SHORT_DESCRIPTION)}
        calls += [
            _set_once(
                remembered,
                f"description:{language}",
                texts["description"],
                functools.partial(bot.set_my_description, texts["description"], language_code=code),
            ),
            _set_once(
                remembered,
                f"short_description:{language}",
                texts["short_description"],
                functools.partial(
                    bot.set_my_short_description, texts["short_description"], language_code=code
                ),
            ),
        ]
        for commands, scope in scoped:
            translated = [BotCommand(c.name, t(c.menu)) for c in commands]
            payload = [[c.command, c.description] for c in translated]
            set_menu = functools.partial(
                bot.set_my_commands, translated, scope=scope, language_code=code
            )
            key = f"commands:{language}:{scope.to_json()}"
            calls.append(_set_once(remembered, key, payload, set_menu))
    await asyncio.gather(*calls)
