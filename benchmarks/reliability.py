"""Reliability: another chat's answer latency under each fault, and the state's size after 1,000
long questions, for this tree and a baseline checkout in the same run.

    python benchmarks/reliability.py [--baseline ../base] [--only NAME ...] [--busy-seconds 120]

Each checkout's bot runs as its own process (``benchmarks/bot_process.py``: ``newsbot run`` with
its own code) against the tests' fake Bot API server on 127.0.0.1, on the seed corpus plus the
tests' small corpus. Faults, one scenario at a time, each on a fresh data folder:

- restricted: a group where the bot may not post (every send refused "not enough rights");
  20 members ask at once;
- busy: 12 members of a group ask 40 questions a minute for ``--busy-seconds``;
- slow: Telegram takes 30 s (past the 10 s request timeout) for every post to 3 groups, 8
  questions each;
- disk: the bot's files may not grow (RLIMIT_FSIZE below the state database's size), a group
  with /tldr on talks;
- migration: a group with a digest, /tldr on and /settings becomes a supergroup, then asks;
- webhook: a client keeps 200 half-sent requests open from 127.0.0.2, reopening each as it is
  cut, while Telegram posts 20 updates (a new connection each) from 127.0.0.1;
- long: 1,000 private questions of 3,900 characters (a pasted text and a question), then 500
  of them edited; the state database's size once its journal is folded in.

Another chat's latency: private questions asked during the fault (one a second, or one every
10 s while the group is busy), from the update being offered to the answer reaching the fake
server. The machine is shared: read the two columns side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401

import aiohttp

from benchmarks.bot_process import BotProcess, checkout_python, index_corpus
from benchmarks.checkout import ROOT
from benchmarks.qa_measures import percentile
from tests.conftest import SMALL_CORPUS, write_jsonl
from tests.fake_refusals import NO_RIGHTS
from tests.fake_telegram import FakeTelegram

GROUP = -7007
SUPERGROUP = -1007007
PROBE = "Which dog won best in show?"
ASK = "/ask Who won the World Series?"
PROBE_TIMEOUT = 180.0  # seconds a probe may wait for its answer before it counts as lost
# A pasted text that the bot answers (with buttons), as a member would paste it.
PASTED = "Fans in Arlington talked about the Texas Rangers and the Arizona Diamondbacks all week, "
LONG = (PASTED + "and about Game 5. ") * 40
LONG = LONG[:3850]
DISK_LIMIT = 40_000  # bytes a file of the bot's may reach (the state database is past it)


async def _probe(fake: FakeTelegram, users: range, every: float) -> list[float]:
    """Private questions from ``users``, one every ``every`` s: seconds until each answer
    (``inf`` when none came within PROBE_TIMEOUT)."""
    asked: dict[int, float] = {}
    for user in users:
        asked[user] = time.monotonic()
        fake.message(user, PROBE, user_id=user)
        await asyncio.sleep(every)
    deadline = time.monotonic() + PROBE_TIMEOUT
    while time.monotonic() < deadline and not all(fake.sent(chat_id=u) for u in users):
        await asyncio.sleep(0.1)
    answered = {int(c.params["chat_id"]): c.at for c in fake.calls if c.method == "sendMessage"}
    return [answered[u] - asked[u] if u in answered else float("inf") for u in users]


def _state_script(lines: str) -> str:
    return "import sqlite3, sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n" + lines


# The state as a running bot leaves it, made by each checkout's own code: bot.state's one
# opening in this tree, the separate stores before it (df4f7d7).
_OPEN_STATE = (
    "try:\n"
    "    from bot.state import BotState, Digest\n"
    "    state = BotState(path.parent); tldr_on = state.conversations.enable\n"
    "    set_digest, settings = state.digests.set, state.chat_settings\n"
    "except ImportError:\n"
    "    from bot.store import Digest, Store\n"
    "    from bot.features.edits import ReplyLog\n"
    "    from bot.chat_settings import ChatSettingsStore\n"
    "    state = Store(path); tldr_on, set_digest = state.enable_tldr, state.set_digest\n"
    "    ReplyLog(path).close(); settings = ChatSettingsStore(path)\n"
)
_GROW = _state_script(
    _OPEN_STATE
    + f"tldr_on({GROUP}, 0); state.close()\n"
    + "db = sqlite3.connect(path); db.execute('CREATE TABLE filler (x)')\n"
    + f"db.execute('INSERT INTO filler VALUES (zeroblob({DISK_LIMIT + 50_000}))'); db.commit()\n"
)
_SET_UP_GROUP = _state_script(
    _OPEN_STATE
    + f"set_digest(Digest({GROUP}, 0, '08:00', 'UTC', 0)); tldr_on({GROUP}, 0)\n"
    + f"settings.change({GROUP}, language='de'); state.close()\n"
)


def _with_state(checkout: Path, data: Path, script: str) -> None:
    """Prepare ``data``'s state database with the checkout's own code."""
    subprocess.run(
        [checkout_python(checkout), "-c", script, str(data / "state.sqlite3")],
        cwd=checkout, check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def _full_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (DISK_LIMIT, DISK_LIMIT))


# -- scenarios: each returns (another chat's latencies, what else matters) -------------------


async def restricted(checkout: Path, data: Path, fake: FakeTelegram) -> tuple[list[float], str]:
    fake.refusals.chats[GROUP] = NO_RIGHTS
    async with BotProcess(checkout, data, fake):
        for member in range(20):
            fake.message(GROUP, ASK, kind="group", user_id=100 + member)
        latencies = await _probe(fake, range(5001, 5011), 1.0)
        await asyncio.sleep(5.0)
    refused = len([c for c in fake.calls if c.method == "!sendMessage"])
    return latencies, f"{refused} refused sends for 20 questions"


async def busy(
    checkout: Path, data: Path, fake: FakeTelegram, seconds: float
) -> tuple[list[float], str]:
    async with BotProcess(checkout, data, fake):
        probes: list[asyncio.Task[list[float]]] = []
        started = time.monotonic()
        asked = 0
        while time.monotonic() - started < seconds:
            fake.message(GROUP, f"{ASK} ({asked})", kind="group", user_id=300 + asked % 12)
            asked += 1
            if asked % 7 == 0:  # a private question about every 10 s
                user = 6000 + asked
                probes.append(asyncio.create_task(_probe(fake, range(user, user + 1), 0.0)))
            await asyncio.sleep(1.5)  # 40 questions a minute
        latencies = [value for task in probes for value in await task]
    answered = len(fake.sent(chat_id=GROUP))
    return latencies, f"{asked} asked in the group, {answered} group messages sent"


async def slow(checkout: Path, data: Path, fake: FakeTelegram) -> tuple[list[float], str]:
    groups = [GROUP, GROUP - 1, GROUP - 2]
    for group in groups:
        fake.refusals.slow[group] = 30.0
    async with BotProcess(checkout, data, fake):
        for group in groups:
            for member in range(8):
                fake.message(group, ASK, kind="group", user_id=200 + member)
        await asyncio.sleep(1.0)
        latencies = await _probe(fake, range(7001, 7011), 1.0)
        for group in groups:  # let the slow sends end, so the bot stops in time
            fake.refusals.chats[group] = NO_RIGHTS
        fake._stopping.set()
    return latencies, "3 groups x 8 questions, 30 s a post"


async def disk(checkout: Path, data: Path, fake: FakeTelegram) -> tuple[list[float], str]:
    _with_state(checkout, data, _GROW)
    warm = FakeTelegram()  # a run without the limit first: every file the bot keeps is there
    await warm.start()
    try:
        async with BotProcess(checkout, data, warm):
            pass
    finally:
        await warm.stop()
    bot = BotProcess(checkout, data, fake, preexec=_full_disk)
    async with bot:
        for number in range(6):
            fake.message(GROUP, f"Did anyone watch game {number}?", kind="supergroup",
                         user_id=400 + number)  # fmt: skip
        latencies = await _probe(fake, range(8001, 8011), 1.0)
        await asyncio.sleep(3.0)
    texts = [str(c.params.get("text", "")) for c in fake.calls if c.method == "sendMessage"]
    apologies = sum("Sorry, something went wrong" in text for text in texts)
    errors = sum(" ERROR " in line for line in bot.stderr.splitlines())
    return latencies, f"{apologies} apologies, {errors} ERROR log lines"


async def migration(checkout: Path, data: Path, fake: FakeTelegram) -> tuple[list[float], str]:
    _with_state(checkout, data, _SET_UP_GROUP)
    fake.refusals.migrated[GROUP] = SUPERGROUP
    async with BotProcess(checkout, data, fake):
        fake.message(GROUP, ASK, kind="group", user_id=500)
        latencies = await _probe(fake, range(9001, 9006), 1.0)
        await asyncio.sleep(2.0)
    db = sqlite3.connect(data / "state.sqlite3")
    moved = [
        name
        for name, sql in (
            ("digest", "SELECT 1 FROM digests WHERE chat_id = ?"),
            ("/tldr", "SELECT 1 FROM tldr_chats WHERE chat_id = ?"),
            ("/settings", "SELECT 1 FROM chat_settings WHERE chat_id = ?"),
        )
        if db.execute(sql, (SUPERGROUP,)).fetchone()
    ]
    answered = "answered" if fake.sent(chat_id=SUPERGROUP) else "not answered"
    return latencies, f"supergroup {answered}; moved: {', '.join(moved) or 'nothing'}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def webhook(checkout: Path, data: Path, fake: FakeTelegram) -> tuple[list[float], str]:
    port, secret = _free_port(), "bench-secret"
    args = ["--webhook", "https://bot.example.org/hook", "--listen", "127.0.0.1",
            "--port", str(port)]  # fmt: skip
    stop = asyncio.Event()

    async def slow_client() -> None:
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection(
                    "127.0.0.1", port, local_addr=("127.0.0.2", 0)
                )
            except OSError:
                await asyncio.sleep(0.05)
                continue
            writer.write(b"POST /hook HTTP/1.1\r\nHost: x\r\n")
            with contextlib.suppress(OSError):
                await reader.read()
            writer.close()

    accepted, asked = 0, {}
    async with BotProcess(checkout, data, fake, env={"NEWSBOT_WEBHOOK_SECRET": secret}, args=args):
        clients = [asyncio.create_task(slow_client()) for _ in range(200)]
        await asyncio.sleep(3.0)
        connector = aiohttp.TCPConnector(force_close=True)  # a new connection each, as Telegram
        timeout = aiohttp.ClientTimeout(total=5)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            for number in range(20):
                user = 9500 + number
                update = {"update_id": user, "message": {
                    "message_id": 1, "date": int(time.time()), "text": PROBE,
                    "chat": {"id": user, "type": "private", "first_name": "W"},
                    "from": {"id": user, "is_bot": False, "first_name": "W"}}}  # fmt: skip
                asked[user] = time.monotonic()
                try:
                    async with http.post(
                        f"http://127.0.0.1:{port}/hook",
                        data=json.dumps(update),
                        headers={"X-Telegram-Bot-Api-Secret-Token": secret,
                                 "Content-Type": "application/json"},
                    ) as response:  # fmt: skip
                        accepted += response.status == 200
                except (aiohttp.ClientError, TimeoutError):
                    pass
                await asyncio.sleep(1.5)
        await asyncio.sleep(3.0)
        stop.set()
        for client in clients:
            client.cancel()
        await asyncio.gather(*clients, return_exceptions=True)
    answered = {int(c.params["chat_id"]): c.at for c in fake.calls if c.method == "sendMessage"}
    latencies = [answered[u] - t if u in answered else float("inf") for u, t in asked.items()]
    return latencies, f"{accepted} of 20 updates accepted"


async def long_questions(checkout: Path, data: Path, fake: FakeTelegram) -> tuple[list[float], str]:
    env = {"NEWSBOT_USER_RATE": "10000", "NEWSBOT_USER_BURST": "1000"}
    started = time.monotonic()
    async with BotProcess(checkout, data, fake, env=env):
        questions = []
        for number in range(1000):
            user = 20_000 + number
            text = f"{LONG} Who won the World Series? ({number})"
            questions.append(fake.message(user, text, user_id=user))
        while len(fake.sent()) < 1000 and time.monotonic() - started < 600:
            await asyncio.sleep(0.2)
        for question in questions[:500]:
            user = question["chat"]["id"]
            edited = question["text"] + " Edited."
            fake.message(user, edited, user_id=user, update_type="edited_message",
                         message_id=question["message_id"])  # fmt: skip
        edits = ("editMessageText", "!editMessageText")
        while (
            len([c for c in fake.calls if c.method in edits]) + len(fake.sent()) < 1500
            and time.monotonic() - started < 900
        ):
            await asyncio.sleep(0.2)
        latencies = await _probe(fake, range(30_000, 30_005), 1.0)
    db = sqlite3.connect(data / "state.sqlite3")  # what stays once the journal is folded in
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    size = (data / "state.sqlite3").stat().st_size
    edited = len([c for c in fake.calls if c.method == "editMessageText"])
    return latencies, f"state {size / 1e6:.1f} MB after 1,000 long questions, {edited} edited"


SCENARIOS: dict[str, Callable[..., Awaitable[tuple[list[float], str]]]] = {
    "restricted": restricted,
    "busy": busy,
    "slow": slow,
    "disk": disk,
    "migration": migration,
    "webhook": webhook,
    "long": long_questions,
}


def _summary(latencies: list[float]) -> str:
    finite = [value for value in latencies if value != float("inf")]
    lost = len(latencies) - len(finite)
    if not finite:
        return f"all {lost} lost"
    text = f"p50 {percentile(finite, 0.5):.2f} max {max(finite):.2f}"
    return text + (f", {lost} lost" if lost else "")


async def _run(name: str, checkout: Path, template: Path, scratch: Path, **options: Any) -> Any:
    data = scratch / f"{name}-{checkout.name}"
    shutil.copytree(template, data)
    fake = FakeTelegram()
    await fake.start()
    try:
        scenario = SCENARIOS[name]
        if name == "busy":
            return await scenario(checkout, data, fake, options["busy_seconds"])
        return await scenario(checkout, data, fake)
    finally:
        await fake.stop()
        shutil.rmtree(data, ignore_errors=True)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout to compare (e.g. ../base)")
    parser.add_argument("--only", nargs="*", choices=list(SCENARIOS), help="scenarios to run")
    parser.add_argument("--busy-seconds", type=float, default=120.0)
    args = parser.parse_args()
    checkouts = [ROOT] + ([args.baseline.resolve()] if args.baseline else [])
    names = args.only or list(SCENARIOS)
    print("load before:", os.getloadavg())
    rows: dict[str, list[tuple[str, str]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        corpus = write_jsonl(scratch / "small.jsonl", SMALL_CORPUS)
        templates = {}
        for checkout in checkouts:
            templates[checkout] = scratch / f"template-{checkout.name}"
            index_corpus(checkout, templates[checkout], corpus)
        for name in names:
            for checkout in reversed(checkouts):  # the baseline first, then this tree
                latencies, figure = await _run(
                    name, checkout, templates[checkout], scratch, busy_seconds=args.busy_seconds
                )
                rows.setdefault(name, []).append((_summary(latencies), figure))
                print(f"{name:11} {checkout.name:10} {_summary(latencies):32} {figure}", flush=True)
    print("load after:", os.getloadavg())
    labels = [c.name for c in reversed(checkouts)]
    print(f"\nanother chat's answer latency (s) under each fault: {' | '.join(labels)}")
    for name, results in rows.items():
        cells = " | ".join(f"{latency}; {figure}" for latency, figure in results)
        print(f"{name:11} {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
