"""/digest HH:MM [zone]: a chat's daily summary of the articles added since the last one (its
jobs are ``bot.digest_jobs``'); /digest off stops it, /digest shows it."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import CommandHandler

from ..commands import EVERYWHERE, Command
from ..context import NewsApp, NewsContext
from ..digest_jobs import CLOCK, schedule, stored_problem, unschedule
from ..i18n import N_
from ..preferences import translator_for
from ..render import digest_not_running, digest_set_text, digest_text
from ..replies import reply_html
from ..settings import known_zone
from ..state import Digest
from ..updates import from_admin, thread_of

__all__ = ["COMMANDS", "HELP", "DigestRequest", "parse_digest_args", "register"]

COMMANDS = (Command("digest", N_("Daily digest: /digest 08:00, /digest off"), EVERYWHERE, rank=40),)
HELP = (N_("<code>/digest 08:00</code> posts a daily digest of new articles."),)
USAGE = N_(
    "Usage: <code>/digest HH:MM</code> (optionally a time zone, e.g. "
    "<code>/digest 08:00 Europe/Berlin</code>) for a daily summary of new articles, "
    "<code>/digest off</code> to stop, <code>/digest</code> to see the setting."
)
ADMINS_ONLY = N_("Only the group's administrators can change the digest.")


@dataclass(frozen=True)
class DigestRequest:
    """What /digest was asked to do: show, off, or set a time (and zone)."""

    action: str  # "show", "off", "set" or "bad"
    at: str = ""
    tz: str = ""


def parse_digest_args(args: list[str], default_tz: str) -> DigestRequest:
    """Read /digest's arguments; anything odd is "bad" (answered with the usage)."""
    if not args:
        return DigestRequest("show")
    if len(args) == 1 and args[0].lower() in ("off", "stop"):
        return DigestRequest("off")
    if len(args) > 2 or not (clock := CLOCK.match(args[0])):
        return DigestRequest("bad")
    tz = args[1] if len(args) == 2 else default_tz
    if not known_zone(tz):
        return DigestRequest("bad")
    return DigestRequest("set", f"{int(clock.group(1)):02d}:{clock.group(2)}", tz)


async def digest_command(update: Update, context: NewsContext) -> None:
    """Show, set or stop the chat's daily digest (administrators only for changes)."""
    message = update.effective_message
    if message is None:
        return
    t = translator_for(update, context)
    request = parse_digest_args(list(context.args or []), context.bot_data.settings.timezone)
    digests = context.bot_data.state.digests
    chat_id, thread_id = message.chat_id, thread_of(message)
    problem = context.bot_data.broken_digests.pop((chat_id, thread_id), None)
    if request.action == "show":
        current = digests.get(chat_id, thread_id)
        problem = problem or (stored_problem(current) if current else None)
        if problem is not None:
            await reply_html(message, digest_not_running(problem, t))
            return
        text = (
            digest_text(current.at, current.tz, t)
            if current
            else t("No daily digest here.") + " " + t(USAGE)
        )
        await reply_html(message, text)
        return
    if problem is not None:
        await reply_html(message, digest_not_running(problem, t))
    if request.action == "bad":
        await reply_html(message, t(USAGE))
        return
    if await from_admin(update, context, ADMINS_ONLY) is None:
        return
    if request.action == "off":
        removed = digests.clear(chat_id, thread_id)
        unschedule(context.bot_data.jobs, chat_id, thread_id)
        await reply_html(
            message, t("Daily digest stopped.") if removed else t("There was no digest.")
        )
        return
    digest = Digest(
        chat_id, thread_id, request.at, request.tz, since=int(context.bot_data.library.clock())
    )
    digests.set(digest)
    schedule(context.bot_data.jobs, digest)
    await reply_html(message, digest_set_text(digest.at, digest.tz, t))


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler("digest", digest_command))
