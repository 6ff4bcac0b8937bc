"""A sick cluster and the chats around it: how long each waits, fault by fault.

    python benchmarks/cluster_faults.py

The real bot against the fake Bot API server of the tests, its collection on osmem-server
behind the tests' fault proxy (127.0.0.1 only), with the default cluster settings
(NEWSBOT_OPENSEARCH_TIMEOUT 2 s, NEWSBOT_OPENSEARCH_RETRIES 2). For each fault (the node
stalls, refuses connections, answers 503, answers 429): chat A asks first and meets it;
0.3 s later chat B asks a question, chat C sends /settings and chat D /help; then, once A
has its reply, chat E asks. Then the fault is lifted and a question is asked every 0.25 s
until one is answered from the cluster again. Printed: each chat's seconds to its reply,
and the seconds to recover; the healthy answer latency of the same run beside them.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401

from osmem_server import OsmemServer

from bot.app import build_application
from bot.features.errors import SEARCH_UNAVAILABLE
from retrieval import Library
from retrieval.engines.opensearch import OpenSearchIndex
from tests.conftest import SMALL_CORPUS, make_settings, running, write_jsonl
from tests.fake_telegram import FakeTelegram
from tests.fault_proxy import FaultProxy

QUESTION = "Who won the World Series?"


async def _reply_after(fake: FakeTelegram, chat: int, started: float) -> float:
    await fake.wait_sent(chat_id=chat, timeout=120)
    at = next(
        c.at for c in fake.calls if c.method == "sendMessage" and c.params["chat_id"] == str(chat)
    )
    return at - started


async def _one_fault(
    fake: FakeTelegram, proxy: FaultProxy, inject: Callable[[], None], lift: Callable[[], None],
    base: int,
) -> dict[str, float]:  # fmt: skip
    a, b, c, d, e = (base + i for i in range(5))
    inject()
    started = time.monotonic()
    fake.message(a, QUESTION, user_id=a)
    await asyncio.sleep(0.3)
    others = time.monotonic()
    fake.message(b, "Which dog won best in show?", user_id=b)
    fake.message(c, "/settings", user_id=c)
    fake.message(d, "/help", user_id=d)
    row = {"A asks first": await _reply_after(fake, a, started)}
    for name, chat in (("B asks", b), ("C /settings", c), ("D /help", d)):
        row[name] = await _reply_after(fake, chat, others)
    assert fake.sent(chat_id=a)[0]["text"] == SEARCH_UNAVAILABLE, fake.sent(chat_id=a)
    later = time.monotonic()
    fake.message(e, QUESTION, user_id=e)
    row["E asks later"] = await _reply_after(fake, e, later)
    lift()
    lifted = time.monotonic()
    asker = base + 10
    while True:
        fake.message(asker, QUESTION, user_id=asker)
        await fake.wait_sent(chat_id=asker, timeout=60)
        if "Texas Rangers" in fake.sent(chat_id=asker)[-1]["text"]:
            break
        asker += 1
        await asyncio.sleep(0.25)
    row["recovered after"] = time.monotonic() - lifted
    return row


async def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory() as scratch, OsmemServer.start() as server:
        clone = server.clone()
        proxy = FaultProxy(clone.url).start()
        fake = FakeTelegram()
        await fake.start()
        try:
            folder = Path(scratch)
            settings = make_settings(
                fake, folder / "data", search="opensearch", opensearch_url=proxy.url,
                opensearch_replicas=0,
            )  # fmt: skip
            library = Library(folder / "data", backend=OpenSearchIndex(settings.opensearch()))
            library.ingest([write_jsonl(folder / "small.jsonl", SMALL_CORPUS)])
            async with running(build_application(settings, library)):
                healthy = []
                for chat in range(1, 6):
                    started = time.monotonic()
                    fake.message(chat, QUESTION, user_id=chat)
                    healthy.append(await _reply_after(fake, chat, started))
                print(f"healthy cluster: answer in {min(healthy):.3f}-{max(healthy):.3f} s")
                faults = {
                    "stalls": (lambda: proxy.fail("stall"), proxy.clear),
                    "refuses": (proxy.down, proxy.up),
                    "answers 503": (lambda: proxy.fail("status", status=503), proxy.clear),
                    "answers 429": (lambda: proxy.fail("status", status=429), proxy.clear),
                }
                rows = {}
                for number, (name, (inject, lift)) in enumerate(faults.items()):
                    rows[name] = await _one_fault(fake, proxy, inject, lift, 100 * (number + 1))
        finally:
            await fake.stop()
            proxy.stop()
            clone.close()
    columns = list(next(iter(rows.values())))
    print(f"{'the node ...':<14}" + "".join(f"{c:>17}" for c in columns))
    for name, row in rows.items():
        print(f"{name:<14}" + "".join(f"{row[c]:>16.2f}s" for c in columns))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
