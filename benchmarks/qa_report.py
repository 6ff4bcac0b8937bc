"""The qa benchmark's table: each figure beside plain BM25's, their ratio and the target."""

from __future__ import annotations

from typing import Any

TARGETS = {
    "hit1": ">= 0.45",
    "hit3": ">= 0.65",
    "p50_ms": "<= 5",
    "p99_ms": "<= 25",
    "scaled_p99_ms": "<= 50",
    "index_s": "<= 30",
    "serving_rss_mb": "<= 500",
    "inline_p99_ms": "< 50",
}


def _ratio(ours: float, base: float, higher_is_better: bool) -> str:
    if not ours or not base:
        return ""
    value = ours / base if higher_is_better else base / ours
    return f"{value:.2f}x {'better' if value >= 1 else 'worse'}"


def table(results: dict[str, Any]) -> str:
    dev, ans, base = results["index"], results["answer"], results["baseline"]
    rows: list[tuple[str, str, str, str, str]] = [
        ("figure", "plain BM25", "newsbot", "ratio", "target"),
        ("questions", str(ans["questions"]), str(ans["questions"]), "", ""),
        ("answer-hit@1", f"{base['hit1']:.3f}", f"{ans['hit1']:.3f}",
         _ratio(ans["hit1"], base["hit1"], True), TARGETS["hit1"]),
        ("answer-hit@3", f"{base['hit3']:.3f}", f"{ans['hit3']:.3f}",
         _ratio(ans["hit3"], base["hit3"], True), TARGETS["hit3"]),
    ]  # fmt: skip
    rows += _trust_rows(results)
    if "rank_bm25_p50_ms" in base:
        rows += [
            (f"latency p50 ms (rank-bm25, {base['rank_bm25_sample']} q)",
             f"{base['rank_bm25_p50_ms']:.0f}", f"{ans['p50_ms']:.1f}",
             _ratio(ans["p50_ms"], base["rank_bm25_p50_ms"], False), TARGETS["p50_ms"]),
            ("latency p99 ms (rank-bm25)", f"{base['rank_bm25_p99_ms']:.0f}",
             f"{ans['p99_ms']:.1f}", _ratio(ans["p99_ms"], base["rank_bm25_p99_ms"], False),
             TARGETS["p99_ms"]),
        ]  # fmt: skip
    rows += [
        ("latency p50 ms (numpy BM25 baseline)", f"{base['numpy_p50_ms']:.1f}",
         f"{ans['p50_ms']:.1f}", _ratio(ans["p50_ms"], base["numpy_p50_ms"], False),
         TARGETS["p50_ms"]),
        ("latency p99 ms (numpy BM25 baseline)", f"{base['numpy_p99_ms']:.1f}",
         f"{ans['p99_ms']:.1f}", _ratio(ans["p99_ms"], base["numpy_p99_ms"], False),
         TARGETS["p99_ms"]),
        ("memory MB (baseline peak / serving RSS)", f"{base['peak_rss_mb']:.0f}",
         f"{ans['serving_rss_mb']:.0f}", _ratio(ans["serving_rss_mb"], base["peak_rss_mb"], False),
         TARGETS["serving_rss_mb"]),
        ("  of which own heap / mapped index", "", f"{ans['serving_anon_mb']:.0f} / "
         f"{ans['serving_rss_mb'] - ans['serving_anon_mb']:.0f}", "", ""),
        (f"indexing s ({dev['added']} articles; baseline: build)", f"{base['build_s']:.1f}",
         f"{dev['seconds']:.1f}", "", TARGETS["index_s"]),
        ("indexing peak RSS MB", "", f"{dev['peak_rss_mb']:.0f}", "", ""),
    ]  # fmt: skip
    if "long_p50_ms" in ans:
        rows.append(("4,096-character question p50 / p99 ms", "", f"{ans['long_p50_ms']:.1f} / "
                     f"{ans['long_p99_ms']:.1f}", f"short: {ans['p50_ms']:.1f} / "
                     f"{ans['p99_ms']:.1f}", ""))  # fmt: skip
    if "inline_p99_ms" in ans:
        rows.append(("inline lookup p50 / p99 ms", "", f"{ans['inline_p50_ms']:.1f} / "
                     f"{ans['inline_p99_ms']:.1f}", "", TARGETS["inline_p99_ms"]))  # fmt: skip
    if "answer_scaled" in results:
        big, big_index = results["answer_scaled"], results["index_scaled"]
        growth = big["p50_ms"] / ans["p50_ms"] if ans["p50_ms"] else 0
        rows += [
            (f"{big_index['added']} articles: indexing s / peak MB", "",
             f"{big_index['seconds']:.1f} / {big_index['peak_rss_mb']:.0f}", "", ""),
            ("  latency p50 / p99 ms", "", f"{big['p50_ms']:.1f} / {big['p99_ms']:.1f}",
             f"p50 x{growth:.1f} for x{results['scale']} corpus", TARGETS["scaled_p99_ms"]),
            ("  serving RSS MB (own heap + mapped index)", "",
             f"{big['serving_anon_mb']:.0f} + {big['serving_rss_mb'] - big['serving_anon_mb']:.0f}",
             "", ""),
        ]  # fmt: skip
        if "inline_p99_ms" in big:
            rows.append(("  inline p50 / p99 ms", "", f"{big['inline_p50_ms']:.1f} / "
                         f"{big['inline_p99_ms']:.1f}", "", TARGETS["inline_p99_ms"]))  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _trust_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """Refusals and confidence: hit@k counting refusals as misses, the unanswerable set, and
    word families against the same run without them; all questions, then the held-out half."""
    ans = results["answer"]
    rows: list[tuple[str, str, str, str, str]] = []
    if "hit1_refusing_all" not in ans:
        return rows
    for part, label in (("all", "all"), ("held", f"held-out {ans['held_questions']}")):
        rows += [
            (f"hit@1 / @3, {label}: no refusal / refusal = miss", "",
             f"{ans[f'hit1_{part}']:.3f} / {ans[f'hit3_{part}']:.3f}",
             f"{ans[f'hit1_refusing_{part}']:.3f} / {ans[f'hit3_refusing_{part}']:.3f}", ""),
            (f"  answerable refused, {label}", "", f"{ans[f'refused_{part}']:.3f}", "", ""),
        ]  # fmt: skip
        if "refusals" in results:
            refused = results["refusals"][f"refused_{part}"]
            rows.append((f"  unanswerable refused, {label}", "", f"{refused:.3f}", "", ">= 0.50"))
    if "lenient1_all" in ans:
        for part, label in (("all", "all"), ("held", "held-out")):
            rows.append((f"LENIENT hit@1 / @3, {label} (\"the\", quotes, plural, (ABBR))", "",
                         f"{ans[f'lenient1_{part}']:.3f} / {ans[f'lenient3_{part}']:.3f}",
                         "strict is the figure to trust", ""))  # fmt: skip
        restating = f"{ans['restates_all']:.3f} / {ans['restates_held']:.3f}"
        rows.append(("leads that restate the question, all / held-out", "", restating, "", ""))
    if "answer_no_families" in results:
        old = results["answer_no_families"]
        figures = (
            f"{old['hit1']:.3f} / {old['hit3']:.3f}, {old['p50_ms']:.1f} / {old['p99_ms']:.1f}"
        )
        rows.append(("without word families: hit@1 / @3, p50 / p99 ms", "", figures, "", ""))
    if "cpu_p50_ms" in ans:
        cpu = f"{ans['cpu_p50_ms']:.1f} / {ans['cpu_p99_ms']:.1f}"
        rows.append(("answer CPU time p50 / p99 ms (steadier than wall time)", "", cpu, "", ""))
    return rows


def calibration_lines(results: dict[str, Any]) -> str:
    """The confidence's calibration on the held-out half's answerable questions."""
    rows = results["answer"].get("calibration_held") or []
    lines = ["confidence calibration, held-out answerable questions:",
             "  confidence    n   mean confidence   first sentence answers"]  # fmt: skip
    for low, n, mean, observed in rows:
        lines.append(f"  {low:.1f}-{low + 0.1:.1f}  {int(n):5d}   {mean:15.3f}   {observed:22.3f}")
    return "\n".join(lines)
