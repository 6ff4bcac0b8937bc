"""Throughput: answers per second of the whole bot on loopback, 60 chats x 10 questions.

    python benchmarks/throughput.py [--data DIR --questions FILE]

Runs the real bot (polling, flood control, rate limiter, read threads, rendering) against the
fake Bot API server of the tests (127.0.0.1 only). 60 group chats, each with 10 members who
ask one question each with ``/ask``, all at once: no one floods, so every question must be
answered. A question is lost when no answer arrives within ``TIMEOUT`` s (a "slow down"
notice is no answer). Printed beside, from the same run:

- ceiling: the same number of plain ``sendMessage`` calls through the bot's rate limiter
  alone (Telegram's ~30 messages/s that the limiter keeps to);
- before: the bot sending "typing" in front of every answer, through the rate limiter (as
  it served until issue 12: two limited sends in a row per answer).

``--data DIR`` answers from an indexed data folder (e.g. the dev collection) instead of the
seed corpus plus the tests' small corpus; ``--questions FILE`` asks its questions instead of
five about the small corpus.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401

from telegram import Message
from telegram.constants import ChatAction
from telegram.ext import ExtBot

from bot import answering, network
from bot.app import build_application
from bot.network import RetryingRateLimiter
from bot.serving import SLOW_DOWN
from retrieval import Library
from tests.conftest import SMALL_CORPUS, make_settings, running, write_jsonl
from tests.fake_telegram import TOKEN, FakeTelegram

CHATS = 60
QUESTIONS = 10  # per chat, one per member
TIMEOUT = 120.0
QUESTION_POOL = [
    "Who won the World Series?",
    "How many monkeypox cases are there?",
    "Which dog won best in show?",
    "Will the US sanction Turkey over the S-400?",
    "What did the CDC say about monkeypox?",
]
SLOW_PREFIX = SLOW_DOWN.split("{")[0]


async def _ceiling(count: int) -> float:
    """Plain sends through the bot's rate limiter, no bot around them: answers/s."""
    fake = FakeTelegram()
    url = await fake.start()
    try:
        bot = ExtBot(TOKEN, base_url=f"{url}/bot", rate_limiter=RetryingRateLimiter())
        async with bot:
            started = time.monotonic()
            await asyncio.gather(
                *(bot.send_message(-(1000 + i % CHATS), f"answer {i}") for i in range(count))
            )
            return count / (time.monotonic() - started)
    finally:
        await fake.stop()


def _question_pool(path: Path | None) -> list[str]:
    """The questions asked: the built-in five, or the "question" fields of a JSON Lines file."""
    if path is None:
        return QUESTION_POOL
    with gzip.open(path, "rt") if path.suffix == ".gz" else path.open() as lines:
        return [json.loads(line)["question"] for line in lines if line.strip()]


async def _serve(
    library: Library, data: Path, pool: list[str], *, typing_always: bool
) -> tuple[float, int, int]:
    """The whole bot: answers/s, lost questions, "slow down" notices."""
    fake = FakeTelegram()
    await fake.start()
    # The answer path's send, as bot.answering holds it (patched there, read back after).
    saved = network.NON_ESSENTIAL, vars(answering)["reply_or_edit"]
    if typing_always:  # as before: "typing" in front of every answer, through the rate limiter
        network.NON_ESSENTIAL = frozenset()

        async def typing_then_answer(message: Message, text: str, *args: Any, **kw: Any) -> Any:
            await message.get_bot().send_chat_action(message.chat_id, ChatAction.TYPING)
            return await saved[1](message, text, *args, **kw)

        vars(answering)["reply_or_edit"] = typing_then_answer
    try:
        settings = make_settings(fake, data)
        async with running(build_application(settings, library)):
            await fake.settle(0.5)  # start-up calls out of the way
            started = time.monotonic()
            for chat in range(CHATS):
                for member in range(QUESTIONS):
                    question = pool[(chat * QUESTIONS + member) % len(pool)]
                    fake.message(
                        -(1000 + chat),
                        f"/ask {question}",
                        kind="supergroup",
                        user_id=10_000 + chat * QUESTIONS + member,
                    )
            total = CHATS * QUESTIONS
            deadline = started + TIMEOUT
            while time.monotonic() < deadline and len(fake.sent()) < total:
                await asyncio.sleep(0.05)
            elapsed = time.monotonic() - started
            sent = fake.sent()
            notices = sum(1 for s in sent if str(s.get("text", "")).startswith(SLOW_PREFIX))
            answers = len(sent) - notices
            return answers / elapsed, total - answers, notices
    finally:
        network.NON_ESSENTIAL, vars(answering)["reply_or_edit"] = saved
        await fake.stop()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="an indexed data folder to answer from")
    parser.add_argument(
        "--questions", type=Path, help="JSON Lines (.gz) with a question field, e.g. the dev set"
    )
    args = parser.parse_args()
    pool = _question_pool(args.questions)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        if args.data:
            library = Library(args.data)
            data = args.data
        else:
            data = folder / "data"
            library = Library(data)
            library.ingest([write_jsonl(folder / "small.jsonl", SMALL_CORPUS)])
        total = CHATS * QUESTIONS
        ceiling = await _ceiling(total)
        before = await _serve(library, data, pool, typing_always=True)
        now = await _serve(library, data, pool, typing_always=False)
    print(f"{CHATS} group chats x {QUESTIONS} questions (one per member, all at once), loopback")
    print(f"{'':36}{'answers/s':>10}{'lost':>6}{'slow-down':>11}{'of ceiling':>12}")
    print(f"{'ceiling: plain sends, rate limiter':36}{ceiling:>10.1f}{'':>6}{'':>11}{'100%':>12}")
    for name, (rate, lost, notices) in (
        ("typing before every answer (before)", before),
        ("typing only when slow (now)", now),
    ):
        print(f"{name:36}{rate:>10.1f}{lost:>6}{notices:>11}{rate / ceiling:>12.0%}")
    print(f"now / before: {now[0] / before[0]:.2f}x")
    return 0 if now[1] == 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
