"""Job: keep the state database small, every ``EVERY_SECONDS``, off the event loop.

Forgets the answers whose buttons have expired (and the oldest beyond the cap), the /tldr
messages past NEWSBOT_TLDR_RETENTION_HOURS, and gives the space back to the file system (VACUUM)
once a quarter of the file is free (``bot.state.BotState.upkeep``). A database that cannot be
written (a full disk) is logged by the store once, and the job tries again next time.
"""

from __future__ import annotations

import logging
import time

from .context import NewsApp, NewsContext
from .state import StoreError

__all__ = ["EVERY_SECONDS", "keep_state_small", "schedule_upkeep"]

log = logging.getLogger("newsbot")

EVERY_SECONDS = 600
_DAY = 24 * 3600


async def keep_state_small(context: NewsContext) -> None:
    """Job: retention, caps and VACUUM of the state database."""
    data = context.bot_data
    settings, state = data.settings, data.state
    now = int(time.time())
    keep, retention = settings.button_days * _DAY, settings.tldr_retention_hours * 3600
    try:
        done = await data.workers.state(lambda: state.upkeep(now, keep, retention))
    except StoreError:
        return
    if done.answers or done.messages or done.freed:
        log.info(
            "state upkeep: forgot %d answers and %d stored messages, gave back %d kB",
            done.answers,
            done.messages,
            done.freed // 1024,
        )


async def schedule_upkeep(application: NewsApp) -> None:
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            keep_state_small, interval=EVERY_SECONDS, first=1, name="upkeep"
        )
