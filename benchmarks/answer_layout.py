"""Answer layout: how much a reader sees before the fold, against the previous layout.

    python benchmarks/answer_layout.py [--data ../shared/data/news-qa-dev] [--questions 300]
                                       [--data-dir DIR]   # reuse an indexed data folder

Answers dev questions (3 sentences, their dates as reference dates) and renders each answer
twice in one run: the previous layout (the question in bold, then every sentence with its own
"date · source · title" line: the baseline, kept here as it was) and the compact one
(``bot.render.render_answer_html``: best sentence first, one attribution per article, the rest
folded). Prints message length, what shows unfolded, attribution lines, the share of answers
whose answer string shows unfolded, and render time, baseline beside ours, as ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import DEV
from bot.render import escape, render_answer_html, shorten, source_line
from retrieval import Answer, Library

_TAG = re.compile(r"<[^>]+>")


def baseline_html(answer: Answer) -> str:
    """The layout before the compact one (main before issue 12), for answered questions."""
    header = f"<b>{escape(shorten(answer.question, 200))}</b>"
    blocks = [f"• {escape(shorten(s.text, 900))}\n{source_line(s)}" for s in answer.sentences]
    return "\n\n".join([header, *blocks])


def unfolded(message: str) -> str:
    """The visible text a reader sees without expanding a quote."""
    return html.unescape(_TAG.sub("", message.split("<blockquote expandable>")[0]))


def _load(path: Path) -> list[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    questions = _load(args.data / "questions.jsonl.gz")
    step = max(len(questions) // args.questions, 1)
    sample = questions[::step][: args.questions]
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.data_dir or Path(scratch) / "data"
        library = Library(folder)
        if args.data_dir is None:
            started = time.perf_counter()
            library.ingest([args.data / "articles.jsonl.gz"])
            print(f"indexed in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        rows: dict[str, dict[str, list[float]]] = {"baseline": {}, "compact": {}}
        for item in sample:
            asked = dt.date.fromisoformat(str(item["date"]))
            answer = library.answer(str(item["question"]), as_of=asked, max_sentences=3)
            if not answer.answered:
                continue
            answers = [str(a).lower() for a in item["answer"]]  # type: ignore[attr-defined]
            for name, render in (("baseline", baseline_html), ("compact", render_answer_html)):
                started = time.perf_counter()
                message = render(answer)
                spent = time.perf_counter() - started
                seen = unfolded(message)
                figures = rows[name]
                figures.setdefault("message chars", []).append(len(message))
                figures.setdefault("unfolded visible chars", []).append(len(seen))
                figures.setdefault("attribution lines", []).append(message.count("<i>"))
                figures.setdefault("answer shows unfolded", []).append(
                    float(any(a in seen.lower() for a in answers))
                )
                figures.setdefault("render µs", []).append(spent * 1e6)
    answered = len(rows["compact"].get("message chars", []))
    print(f"{answered} answered of {len(sample)} dev questions (every {step}th)")
    print(f"{'mean per answer':<26}{'baseline':>10}{'compact':>10}{'ratio':>8}")
    for key in rows["baseline"]:
        old = statistics.fmean(rows["baseline"][key])
        new = statistics.fmean(rows["compact"][key])
        print(f"{key:<26}{old:>10.2f}{new:>10.2f}{new / old if old else 0:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
