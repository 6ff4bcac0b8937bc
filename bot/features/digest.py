"""/digest HH:MM: a daily summary of the articles added since the last one, posted by a job."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, JobQueue

from retrieval import Library

from ..chat_settings import chat_preferences, translator_for
from ..context import NewsApp, NewsContext
from ..i18n import N_, Translator
from ..render import escape, render_summary
from ..replies import reply_html
from ..serving import serve_read
from ..settings import known_zone
from ..store import Digest, Store, StoreError
from ..telegram_errors import refusal_of
from .common import from_admin, thread_of

log = logging.getLogger("newsbot")

USAGE = N_(
    "Usage: <code>/digest HH:MM</code> (optionally a time zone, e.g. "
    "<code>/digest 08:00 Europe/Berlin</code>) for a daily summary of new articles, "
    "<code>/digest off</code> to stop, <code>/digest</code> to see the setting."
)
ADMINS_ONLY = N_("Only the group's administrators can change the digest.")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


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
    if len(args) > 2 or not (clock := _CLOCK.match(args[0])):
        return DigestRequest("bad")
    tz = args[1] if len(args) == 2 else default_tz
    if not known_zone(tz):
        return DigestRequest("bad")
    return DigestRequest("set", f"{int(clock.group(1)):02d}:{clock.group(2)}", tz)


def stored_problem(digest: Digest) -> str | None:
    """What is wrong with a stored subscription (hand-edited, or a zone this host lacks)."""
    if not all(isinstance(v, int) for v in (digest.chat_id, digest.thread_id, digest.since)):
        return "a stored value is not a number"
    if not isinstance(digest.at, str) or not _CLOCK.match(digest.at):
        return "its stored time is not HH:MM"
    if not isinstance(digest.tz, str) or not known_zone(digest.tz):
        return f"its time zone {str(digest.tz)[:64]!r} is not known here"
    return None


def job_name(chat_id: int, thread_id: int) -> str:
    return f"digest:{chat_id}:{thread_id}"


def schedule(jobs: JobQueue[NewsContext], digest: Digest) -> None:
    """(Re)schedule the chat's daily job at its local time."""
    name = job_name(digest.chat_id, digest.thread_id)
    for job in jobs.get_jobs_by_name(name):
        job.schedule_removal()
    hour, minute = (int(part) for part in digest.at.split(":"))
    jobs.run_daily(  # raises for a zone that does not load: callers check first
        post_digest,
        time=dt.time(hour, minute, tzinfo=ZoneInfo(digest.tz)),
        chat_id=digest.chat_id,
        data=digest.thread_id,
        name=name,
    )


def unschedule(jobs: JobQueue[NewsContext], chat_id: int, thread_id: int) -> None:
    for job in jobs.get_jobs_by_name(job_name(chat_id, thread_id)):
        job.schedule_removal()


async def schedule_all(application: NewsApp) -> None:
    """At start: the jobs of every stored subscription (they survive restarts)."""
    store: Store = application.bot_data.store
    for digest in store.digests():
        problem = stored_problem(digest)
        if problem is None:
            try:
                schedule(application.bot_data.jobs, digest)
                continue
            except Exception as exc:  # a zone file that fails to load: skip, never stop
                problem = f"it could not be scheduled ({type(exc).__name__})"
        log.warning("a stored digest was skipped: %s", problem)
        application.bot_data.broken_digests[(digest.chat_id, digest.thread_id)] = problem


async def post_digest(context: NewsContext) -> None:
    """Job: post a summary of the articles added since the last digest; nothing new, nothing."""
    job = context.job
    if job is None or job.chat_id is None:
        return
    chat_id = job.chat_id
    thread_id = job.data if isinstance(job.data, int) else 0
    store = context.bot_data.store
    digest = store.digest(chat_id, thread_id)
    if digest is None or stored_problem(digest) is not None:
        return
    if not context.bot_data.polling.jobs_allowed:
        log.warning("digest not posted: this instance cannot poll (409 Conflict)")
        return
    until = int(context.bot_data.library.clock())  # the clock that stamps ingested articles
    t = chat_preferences(context, chat_id).t

    def work(library: Library, _as_of: dt.date) -> list[str]:
        summary = library.summarize_added(digest.since, until)
        return render_summary(summary, t("Daily digest"), t=t) if summary.found else []

    async def deliver(parts: list[str]) -> int:
        posted_in = chat_id  # a group that became a supergroup gets it at its new id
        try:
            for part in parts:
                sent = await context.bot.send_message(
                    posted_in, part, message_thread_id=thread_id or None
                )
                posted_in = sent.chat_id
        except TelegramError as exc:
            refusal = refusal_of(exc)
            if refusal is None:
                raise  # Telegram unreachable after the retries: the next digest has these
            # A deleted chat or topic has lost its subscription already (bot.network tells
            # bot.features.chat_moves); a chat where the bot may not post keeps it for later.
            log.warning("digest not posted: Telegram refused it (%s)", refusal)
            return 0
        if parts:
            with contextlib.suppress(StoreError):  # posted: a failed write is logged, no more
                store.mark_digest_sent(posted_in, thread_id, until)
        return len(parts)

    await serve_read(None, context, work, deliver, kind="digest")


def _not_running(problem: str, t: Translator) -> str:
    return t(
        "The daily digest here is not running: {problem}. Set it again, e.g. "
        "<code>/digest 08:00 Europe/Berlin</code>, or stop it with <code>/digest off</code>."
    ).format(problem=escape(problem))


async def digest_command(update: Update, context: NewsContext) -> None:
    """Show, set or stop the chat's daily digest (administrators only for changes)."""
    message = update.effective_message
    if message is None:
        return
    t = translator_for(update, context)
    request = parse_digest_args(list(context.args or []), context.bot_data.settings.timezone)
    store = context.bot_data.store
    chat_id, thread_id = message.chat_id, thread_of(message)
    problem = context.bot_data.broken_digests.pop((chat_id, thread_id), None)
    if request.action == "show":
        current = store.digest(chat_id, thread_id)
        problem = problem or (stored_problem(current) if current else None)
        if problem is not None:
            await reply_html(message, _not_running(problem, t))
            return
        text = (
            t("Daily digest at <b>{time}</b> ({zone}).").format(
                time=escape(current.at), zone=escape(current.tz)
            )
            if current
            else t("No daily digest here.") + " " + t(USAGE)
        )
        await reply_html(message, text)
        return
    if problem is not None:
        await reply_html(message, _not_running(problem, t))
    if request.action == "bad":
        await reply_html(message, t(USAGE))
        return
    if await from_admin(update, context, ADMINS_ONLY) is None:
        return
    if request.action == "off":
        removed = store.clear_digest(chat_id, thread_id)
        unschedule(context.bot_data.jobs, chat_id, thread_id)
        await reply_html(
            message, t("Daily digest stopped.") if removed else t("There was no digest.")
        )
        return
    digest = Digest(
        chat_id, thread_id, request.at, request.tz, since=int(context.bot_data.library.clock())
    )
    store.set_digest(digest)
    schedule(context.bot_data.jobs, digest)
    await reply_html(
        message,
        t(
            "Daily digest at <b>{time}</b> ({zone}): a summary of the articles added since "
            "the last one. No new articles, no message."
        ).format(time=escape(digest.at), zone=escape(digest.tz)),
    )


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler("digest", digest_command))
