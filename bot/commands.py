"""What a feature declares beside its ``register()``: its commands and its /help paragraphs.

Every module of ``bot/features/`` is a ``bot.app.Feature``: ``register(application)`` adds its
handlers; ``COMMANDS`` names each command it serves with its menu line, the menus it shows in
(``Scope``) and its place there (``rank``: lower first); ``HELP`` holds the paragraphs /help
says about it. The application factory (``bot.app``) collects both from the features it
registers, in registration order: the menus (``bot.profile``) and /help (``bot.features.help``)
are made from the collection, so a command is added in its feature module alone (and its tests
and the catalogs).

Menu lines and paragraphs are ``N_`` phrases, translated where they are shown; paragraphs may
use ``{example}`` (an example question) and ``{mention}`` (the bot's @name).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ADMINS_OF_GROUPS", "EVERYWHERE", "Command", "Scope", "menu"]


class Scope(enum.Enum):
    """Where a command shows in Telegram's command menus."""

    PRIVATE = "private chats"
    GROUPS = "groups"
    GROUP_ADMINS = "the administrators of groups"  # after the groups' commands, theirs alone
    BOT_ADMINS = "the bot's administrators (NEWSBOT_ADMIN_IDS), in their private chats"


EVERYWHERE = frozenset({Scope.PRIVATE, Scope.GROUPS})
ADMINS_OF_GROUPS = frozenset({Scope.GROUP_ADMINS})


@dataclass(frozen=True)
class Command:
    """One command of a feature, as its menus show it."""

    name: str  # without the slash
    menu: str  # an N_ phrase: the line beside the command in the menu
    scopes: frozenset[Scope]
    rank: int  # its place in every menu it shows in, lower first


def menu(commands: Sequence[Command], scope: Scope, served: frozenset[str]) -> list[Command]:
    """The commands of a menu in their order: those of ``scope`` some handler serves; a
    group administrator's menu is the groups' with the administrators' own after it, and a
    bot administrator's the private chats' with theirs after it."""

    def listed(wanted: Scope) -> list[Command]:
        chosen = [c for c in commands if wanted in c.scopes and c.name in served]
        return sorted(chosen, key=lambda c: c.rank)

    base = {Scope.GROUP_ADMINS: Scope.GROUPS, Scope.BOT_ADMINS: Scope.PRIVATE}.get(scope)
    if base is None:
        return listed(scope)
    first = listed(base)
    return first + [c for c in listed(scope) if c not in first]
