"""Answer quality and speed on the news-QA dev set, beside plain BM25, in one run.

    python benchmarks/qa.py                 # dev corpus, baseline, and a 10x corpus
    python benchmarks/qa.py --scale 1       # skip the 10x corpus

Each stage runs in its own process so that its time and memory are its own: indexing (time,
peak RSS), answering every question with its date as the reference date (answer-hit@1/@3,
latency p50/p99 of the whole answer path, serving RSS), the inline lookup path (latency), and
the plain-BM25 baseline (BM25Okapi over all sentences, same tokenizer; rank-bm25 itself on a
sample). Figures are printed as a table with ratios to the baseline (``qa_report.py``); it is
not a test. The questions and how a hit is counted are in ``qa_measures.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import DEV
from benchmarks.plain_bm25 import PlainBM25
from benchmarks.qa_measures import (
    Question,
    calibration_table,
    copies_of,
    current_rss_mb,
    hit,
    lenient_hit,
    load_questions,
    peak_rss_mb,
    percentile,
    restates,
)
from benchmarks.qa_report import calibration_lines, table
from bot.render import render_answer_html
from retrieval import Library, LoadReport, answer_question, load_articles
from retrieval.segment import split_passages, split_sentences
from retrieval.tokenize import content_words

# -- stages (each in its own process) -----------------------------------------------------


def stage_index(args: argparse.Namespace) -> dict[str, Any]:
    library = Library(args.data_dir, seed=False)
    started = time.perf_counter()
    report = library.ingest_articles(
        lambda load: copies_of(load_articles([args.articles], load), args.copies)
    )
    return {
        "seconds": time.perf_counter() - started,
        "added": report.added,
        "rejected": report.rejected,
        "peak_rss_mb": peak_rss_mb(),
    }


def stage_answer(args: argparse.Namespace) -> dict[str, Any]:
    from benchmarks.fit_weights import held_out

    if args.no_families:
        import retrieval.sentences

        retrieval.sentences.JOIN_WORD_FAMILIES = False
    library = Library(args.data_dir, seed=False)
    questions = load_questions(args.questions, args.limit)
    latencies: list[float] = []
    hits1 = hits3 = with3 = 0
    details = []
    # hit@1, hit@3, the same counting refusals as misses, refused; all and held-out questions
    counts = {part: [0, 0, 0, 0, 0, 0] for part in ("all", "held")}
    # lenient hit@1, hit@3, leads that restate the question, answers with a lead
    extra = {part: [0, 0, 0, 0] for part in ("all", "held")}
    calibration: list[tuple[float, bool]] = []  # held-out answerable: confidence, hit@1
    cpu: list[float] = []  # CPU time: steadier than wall time on a shared machine
    for q in questions:
        started, cpu_started = time.perf_counter(), time.process_time()
        answer = library.answer(q.question, as_of=q.date, max_sentences=5)
        render_answer_html(answer)
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        texts = [s.text for s in answer.sentences]
        h1, h3 = hit(texts, q.answers, 1), hit(texts, q.answers, 3)
        hits1, hits3, with3 = hits1 + h1, hits3 + h3, with3 + (len(texts) >= 3)
        ok = answer.answered
        row = (h1, h3, h1 and ok, h3 and ok, not ok, 1)
        lenient = (lenient_hit(texts, q.answers, 1), lenient_hit(texts, q.answers, 3))
        restating = bool(texts) and restates(q.question, texts[0], q.date, answer.language)
        more = (*lenient, restating, bool(texts))
        for part in ("all", "held") if held_out(q.id) else ("all",):
            counts[part] = [c + int(v) for c, v in zip(counts[part], row, strict=True)]
            extra[part] = [c + int(v) for c, v in zip(extra[part], more, strict=True)]
        if held_out(q.id) and texts:
            calibration.append((answer.confidence, h1))
        details.append(
            {"id": q.id, "hit1": h1, "hit3": h3, "answered": ok, "confidence": answer.confidence,
             "restates": restating, "sentences": texts[:3], "title": answer.sentences[0].title
             if answer.sentences else ""}
        )  # fmt: skip
    inline = _inline_latencies(library, questions)
    long = _long_question_latencies(library, questions)
    if args.details:
        args.details.parent.mkdir(parents=True, exist_ok=True)
        args.details.write_text("".join(json.dumps(d) + "\n" for d in details))
    n = max(len(questions), 1)
    refusals = {
        f"{name}_{part}": value / max(counts[part][5], 1)
        for part in counts
        for name, value in zip(
            ("hit1", "hit3", "hit1_refusing", "hit3_refusing", "refused"),
            counts[part][:5],
            strict=False,
        )
    }
    lenient_rates = {
        f"{name}_{part}": value / max(counts[part][5], 1)
        for part in extra
        for name, value in zip(("lenient1", "lenient3"), extra[part][:2], strict=True)
    }
    restating_rates = {
        f"restates_{part}": extra[part][2] / max(extra[part][3], 1) for part in extra
    }
    return {
        "questions": len(questions),
        "held_questions": counts["held"][5],
        **refusals,
        **lenient_rates,
        **restating_rates,
        "calibration_held": calibration_table(calibration),
        "hit1": hits1 / n,
        "hit3": hits3 / n,
        "with_3_sentences": with3 / n,
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
        "cpu_p50_ms": percentile(cpu, 0.5),
        "cpu_p99_ms": percentile(cpu, 0.99),
        **inline,
        **long,
        "serving_rss_mb": current_rss_mb(),
        "serving_anon_mb": current_rss_mb("RssAnon"),
        "articles": library.stats().articles,
    }


def _inline_latencies(library: Library, questions: list[Question]) -> dict[str, float]:
    """Inline lookups as people type them: every question cut at a few lengths."""
    lookup = getattr(library, "lookup", None)
    if lookup is None:  # the inline feature is not there yet
        return {}
    latencies = []
    for q in questions:
        for cut in (12, 30, 256):
            started = time.perf_counter()
            lookup(q.question[:cut], as_of=q.date, limit=20)
            latencies.append((time.perf_counter() - started) * 1000)
    return {
        "inline_p50_ms": percentile(latencies, 0.5),
        "inline_p99_ms": percentile(latencies, 0.99),
    }


def _long_question_latencies(library: Library, questions: list[Question]) -> dict[str, float]:
    """A question padded to 4,096 characters with other questions' words: its cost is bounded
    by the term cap, so it should cost about what a short question costs."""
    latencies = []
    texts = [q.question for q in questions]
    for i, q in enumerate(questions[:200]):
        padding = " ".join(texts[(i + 1) :] + texts[: i + 1])
        text = (q.question + " " + padding)[:4096]
        started = time.perf_counter()
        answer = library.answer(text, as_of=q.date, max_sentences=5)
        render_answer_html(answer)
        latencies.append((time.perf_counter() - started) * 1000)
    return {"long_p50_ms": percentile(latencies, 0.5), "long_p99_ms": percentile(latencies, 0.99)}


def _sentences(paths: list[Path]) -> list[str]:
    found: list[str] = []
    for article in load_articles(paths, LoadReport()):
        for passage in split_passages(article.text):
            found.extend(split_sentences(passage))
    return found


def stage_baseline(args: argparse.Namespace) -> dict[str, Any]:
    sentences = _sentences([args.articles])
    tokens = [content_words(s) for s in sentences]
    started = time.perf_counter()
    engine = PlainBM25(tokens)
    built = time.perf_counter() - started
    questions = load_questions(args.questions, args.limit)
    latencies: list[float] = []
    hits1 = hits3 = 0
    for q in questions:
        t0 = time.perf_counter()
        best = [sentences[i] for i in engine.top(content_words(q.question), 3)]
        latencies.append((time.perf_counter() - t0) * 1000)
        hits1 += hit(best, q.answers, 1)
        hits3 += hit(best, q.answers, 3)
    n = max(len(questions), 1)
    result: dict[str, Any] = {
        "sentences": len(sentences),
        "hit1": hits1 / n,
        "hit3": hits3 / n,
        "build_s": built,
        "numpy_p50_ms": percentile(latencies, 0.5),
        "numpy_p99_ms": percentile(latencies, 0.99),
        "peak_rss_mb": peak_rss_mb(),
    }
    if args.sample:
        result.update(_rank_bm25_sample(tokens, engine, questions, args.sample))
    return result


def _rank_bm25_sample(
    tokens: list[list[str]], engine: PlainBM25, questions: list[Question], sample: int
) -> dict[str, Any]:
    """rank-bm25 itself on a sample: its latency, and that our baseline scores the same."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    started = time.perf_counter()
    reference = BM25Okapi(tokens)
    built = time.perf_counter() - started
    picked = random.Random(0).sample(questions, min(sample, len(questions)))
    latencies, agree = [], 0
    for q in picked:
        query = content_words(q.question)
        t0 = time.perf_counter()
        scores = reference.get_scores(query)
        np.argsort(scores)[::-1][:3]
        latencies.append((time.perf_counter() - t0) * 1000)
        agree += bool(np.allclose(scores, engine.get_scores(query), rtol=1e-6, atol=1e-9))
    return {
        "rank_bm25_sample": len(picked),
        "rank_bm25_build_s": built,
        "rank_bm25_p50_ms": percentile(latencies, 0.5),
        "rank_bm25_p99_ms": percentile(latencies, 0.99),
        "rank_bm25_same_scores": agree,
    }


def stage_refusals(args: argparse.Namespace) -> dict[str, Any]:
    """The unanswerable set: each question without the articles that hold its answer."""
    from benchmarks.fit_weights import held_out
    from benchmarks.unanswerable import ExcludingIndex, cached_answer_articles

    questions = load_questions(args.questions, args.limit)
    excluded = cached_answer_articles(args.data_dir, args.articles, questions)
    index = ExcludingIndex(args.data_dir / "index")
    refused = {"all": [0, 0], "held": [0, 0]}
    for q in questions:
        index.excluded = excluded.get(q.id, frozenset())
        answer = answer_question(index, q.question, as_of=q.date, max_sentences=5)
        for part in ("all", "held") if held_out(q.id) else ("all",):
            refused[part][0] += not answer.answered
            refused[part][1] += 1
    return {f"refused_{part}": r / max(n, 1) for part, (r, n) in refused.items()}


STAGES = {
    "index": stage_index,
    "answer": stage_answer,
    "baseline": stage_baseline,
    "refusals": stage_refusals,
}


# -- orchestration --------------------------------------------------------------------------


def run_stage(name: str, **options: Any) -> dict[str, Any]:
    """Run one stage in a fresh Python process; its last stdout line is its JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--stage", name]
    for key, value in options.items():
        if value is None or value is False:
            continue
        command.append(f"--{key.replace('_', '-')}")
        if value is not True:
            command.append(str(value))
    print(f"… {name} {' '.join(command[4:])}", file=sys.stderr, flush=True)
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=Path, default=DEV / "articles.jsonl.gz")
    parser.add_argument("--questions", type=Path, default=DEV / "questions.jsonl.gz")
    parser.add_argument("--work", type=Path, help="folder for the indexes (default: a temp dir)")
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--sample", type=int, default=30, help="questions run on rank-bm25")
    parser.add_argument("--scale", type=int, default=10, help="corpus copies for the growth run")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON too")
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline stage")
    parser.add_argument("--stage", choices=sorted(STAGES), help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--details", type=Path, help="write each question's top sentences here")
    parser.add_argument("--no-families", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.stage:
        print(json.dumps(STAGES[args.stage](args)))
        return 0
    for path in (args.articles, args.questions):
        if not path.exists():
            print(f"qa.py: no such file: {path}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as scratch:
        work = args.work or Path(scratch)
        common = {"articles": args.articles, "questions": args.questions, "limit": args.limit}
        results: dict[str, Any] = {"scale": args.scale}
        results["index"] = run_stage("index", articles=args.articles, data_dir=work / "dev")
        results["answer"] = run_stage(
            "answer", data_dir=work / "dev", details=args.details, **common
        )
        results["answer_no_families"] = run_stage(
            "answer", data_dir=work / "dev", no_families=True, **common
        )
        results["refusals"] = run_stage(
            "refusals", data_dir=work / "dev", articles=args.articles, questions=args.questions,
            limit=args.limit,
        )  # fmt: skip
        if args.no_baseline:
            results["baseline"] = {k: 0.0 for k in ("hit1", "hit3", "build_s", "peak_rss_mb")}
            results["baseline"].update(numpy_p50_ms=0.0, numpy_p99_ms=0.0)
        else:
            results["baseline"] = run_stage("baseline", sample=args.sample, **common)
        if args.scale > 1:
            results["index_scaled"] = run_stage(
                "index", articles=args.articles, data_dir=work / "scaled", copies=args.scale
            )
            results["answer_scaled"] = run_stage("answer", data_dir=work / "scaled", **common)
    print(table(results))
    print(calibration_lines(results))
    if args.json:
        print(json.dumps(results))
    base = results["baseline"]
    if base.get("rank_bm25_sample") and base["rank_bm25_same_scores"] != base["rank_bm25_sample"]:
        print("warning: the numpy baseline disagrees with rank-bm25", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
