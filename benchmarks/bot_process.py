"""A checkout's bot as a process of its own, against the tests' fake Bot API server (loopback).

The reliability benchmark runs the bot of this tree and of a baseline checkout the same way:
``python -m bot`` in the checkout's folder (its own code first on ``sys.path``), with the
checkout's virtual environment when it has one, so the two differ only in their code. The fake
server runs in the benchmark's process; a ``preexec`` hook can limit the bot's process (a full
disk as a file-size limit).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.fake_telegram import TOKEN, FakeTelegram

__all__ = ["BotProcess", "checkout_python", "index_corpus"]


def checkout_python(checkout: Path) -> str:
    """The checkout's own interpreter (its .venv), else this one."""
    venv = checkout / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def index_corpus(checkout: Path, data: Path, articles: Path) -> None:
    """Index ``articles`` into ``data`` with the checkout's own code."""
    subprocess.run(
        [checkout_python(checkout), "-m", "bot", "--data-dir", str(data), "index", str(articles)],
        cwd=checkout, check=True, capture_output=True, timeout=600,
    )  # fmt: skip


class BotProcess:
    """``newsbot run`` of a checkout, talking to ``fake`` (one fake a run: stopping ends its
    long polls for good); stopped with SIGTERM."""

    def __init__(
        self,
        checkout: Path,
        data: Path,
        fake: FakeTelegram,
        *,
        env: dict[str, str] | None = None,
        args: list[str] | None = None,
        preexec: Callable[[], None] | None = None,
    ) -> None:
        self.checkout = checkout
        self.data = data
        self.fake = fake
        self.env = env or {}
        self.args = args or []
        self.preexec = preexec
        self.process: subprocess.Popen[str] | None = None
        self.stderr = ""

    async def __aenter__(self) -> BotProcess:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": self.fake.url,
            "NEWSBOT_LOG_LEVEL": "WARNING",
            **self.env,
        }
        command = [checkout_python(self.checkout), "-m", "bot", "--data-dir", str(self.data)]
        self.process = subprocess.Popen(
            [*command, "run", *self.args],
            cwd=self.checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, preexec_fn=self.preexec,
        )  # fmt: skip
        started = time.monotonic()
        # Polling starts after deleteWebhook; webhook mode after setWebhook.
        while not any(c.method in ("deleteWebhook", "setWebhook") for c in self.fake.calls):
            if self.process.poll() is not None or time.monotonic() - started > 60:
                _, err = self.process.communicate()
                raise RuntimeError(f"the bot did not start: {err}")
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # its start-up calls (menus, descriptions) out of the way
        return self

    async def __aexit__(self, *exc: object) -> None:
        process = self.process
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        self.fake._closing = True  # end the long poll so the bot can stop at once
        self.fake._new_update.set()
        try:
            _, self.stderr = await asyncio.to_thread(process.communicate, timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            with contextlib.suppress(Exception):
                _, self.stderr = process.communicate(timeout=10)
