"""The daily digests' jobs: one per subscription, scheduled at start (subscriptions survive
restarts), set and stopped by /digest (``bot.features.digest``), moved with a chat that became
a supergroup and dropped with a chat that is gone (``bot.moves``). A job posts a summary of
the articles added since the last digest; nothing new, nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from zoneinfo import ZoneInfo

from telegram.error import TelegramError
from telegram.ext import JobQueue

from retrieval import Library

from .context import NewsApp, NewsContext
from .preferences import chat_preferences
from .render import render_summary
from .serving import serve_read
from .settings import known_zone
from .state import Digest, StoreError
from .telegram_errors import refusal_of

__all__ = [
    "CLOCK",
    "job_name",
    "post_digest",
    "schedule",
    "schedule_all",
    "stored_problem",
    "unschedule",
]

log = logging.getLogger("newsbot")

CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")  # HH:MM (H:MM typed)


def stored_problem(digest: Digest) -> str | None:
    """What is wrong with a stored subscription (hand-edited, or a zone this host lacks)."""
    if not all(isinstance(v, int) for v in (digest.chat_id, digest.thread_id, digest.since)):
        return "a stored value is not a number"
    if not isinstance(digest.at, str) or not CLOCK.match(digest.at):
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
    """At start: the jobs of every stored subscription."""
    data = application.bot_data
    for digest in data.state.digests.all():
        problem = stored_problem(digest)
        if problem is None:
            try:
                schedule(data.jobs, digest)
                continue
            except Exception as exc:  # a zone file that fails to load: skip, never stop
                problem = f"it could not be scheduled ({type(exc).__name__})"
        log.warning("a stored digest was skipped: %s", problem)
        data.broken_digests[(digest.chat_id, digest.thread_id)] = problem


async def post_digest(context: NewsContext) -> None:
    """Job: post a summary of the articles added since the last digest; nothing new, nothing."""
    job = context.job
    if job is None or job.chat_id is None:
        return
    chat_id = job.chat_id
    thread_id = job.data if isinstance(job.data, int) else 0
    digests = context.bot_data.state.digests
    digest = digests.get(chat_id, thread_id)
    if digest is None or stored_problem(digest) is not None:
        return
    if not context.bot_data.polling.jobs_allowed:
        log.warning("digest not posted: this instance cannot poll (409 Conflict)")
        return
    until = int(context.bot_data.library.clock())  # the clock that stamps ingested articles
    t = chat_preferences(context.bot_data, chat_id).t

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
            # bot.moves); a chat where the bot may not post keeps it for later.
            log.warning("digest not posted: Telegram refused it (%s)", refusal)
            return 0
        if parts:
            with contextlib.suppress(StoreError):  # posted: a failed write is logged, no more
                digests.mark_sent(posted_in, thread_id, until)
        return len(parts)

    await serve_read(None, context, work, deliver, kind="digest")
