"""What the user's language costs a reply: the per-update settings lookup and rendering in
German or Russian (catalog lookups, Babel dates, RTL isolation), beside English in one run.

    python benchmarks/i18n.py [--rounds 2000]

English is the baseline: its translator is gettext's NullTranslations and its dates are ISO,
the same work as before the bot spoke other languages. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401

from bot.i18n import translator
from bot.render import render_summary
from bot.state import BotState
from retrieval import AnswerSentence, Summary

ARABIC = "قالت الحكومة إن المحادثات ستستأنف في الثالث من يونيو بعد أسبوع من التوتر."


def _summary(arabic: bool) -> Summary:
    """Eight sentences from four articles, like a /summary reply."""
    sentences = [
        AnswerSentence(
            text=ARABIC if arabic else f"Officials said on day {n} that the talks would resume.",
            date=dt.date(2023, 11, 1 + n // 2),
            title=f"Talks resume, part {n // 2}",
            url=f"https://news.example.com/{n // 2}",
            source="news.example.com",
        )
        for n in range(8)
    ]
    return Summary(
        topic="talks",
        sentences=sentences,
        articles=4,
        first_date=sentences[0].date,
        last_date=sentences[-1].date,
    )


def _per_call_us(call: Callable[[], object], rounds: int) -> float:
    call()  # warm caches (catalog load, Babel locale data)
    started = time.perf_counter()
    for _ in range(rounds):
        call()
    return (time.perf_counter() - started) / rounds * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2000)
    rounds = parser.parse_args().rounds
    latin, arabic = _summary(False), _summary(True)
    print(f"render_summary, 8 sentences from 4 articles, {rounds} rounds (us per reply)")
    baseline = _per_call_us(lambda: render_summary(latin, "Summary: talks"), rounds)
    print(f"  en (baseline)        {baseline:8.1f}")
    for language in ("de", "ru"):
        render = functools.partial(render_summary, latin, "Summary: talks", t=translator(language))
        took = _per_call_us(render, rounds)
        print(f"  {language}                   {took:8.1f}  x{took / baseline:.2f}")
    took = _per_call_us(lambda: render_summary(arabic, "Summary: talks"), rounds)
    print(f"  en, Arabic sentences {took:8.1f}  x{took / baseline:.2f}  (isolated)")
    with tempfile.TemporaryDirectory() as folder:
        state = BotState(Path(folder))
        store = state.chat_settings
        for chat in range(1000):
            store.change(chat, sentences=1 + chat % 5)
        took = _per_call_us(lambda: store.get(rounds % 1000), rounds)
        missing = _per_call_us(lambda: store.get(10**9), rounds)
        state.close()
    print(
        f"chat settings lookup per update: {took:.1f} us (a chat that chose), "
        f"{missing:.1f} us (one that did not)"
    )


if __name__ == "__main__":
    main()
