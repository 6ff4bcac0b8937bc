"""Answer quality per language on the hand-written sets in tests/lang, beside plain BM25.

    python benchmarks/languages.py            # every language, one mixed collection
    python benchmarks/languages.py --only ru  # one language

All the sets' articles go into one index (a mixed collection, as an operator's may be); every
question is answered through the full answer path with its date as the reference date. The
baseline is plain BM25 (BM25Okapi) over the sentences of the question's own language's
articles, with that language's analyzer (stop words and Snowball stems). answer-hit@k: an
answer string occurs (case-insensitive) in one of the first k sentences. The sets are small
(two dozen questions a language), so a single question moves a figure by 0.04: read them
as a check that each language works, not as fine measurements. It is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import ROOT
from benchmarks.plain_bm25 import PlainBM25
from retrieval import Library, load_articles
from retrieval.segment import split_passages, split_sentences
from retrieval.tokenize import content_words

SETS = ROOT / "tests" / "lang"


def _questions(code: str) -> list[dict[str, object]]:
    path = SETS / f"{code}.questions.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _hit(sentences: list[str], answers: list[str], k: int) -> bool:
    return any(a.lower() in s.lower() for s in sentences[:k] for a in answers)


def _baseline(code: str) -> PlainBM25 | None:
    sentences = [
        sentence
        for article in load_articles([SETS / f"{code}.articles.jsonl"])
        for passage in split_passages(article.text, language=code)
        for sentence in split_sentences(passage, code)
    ]
    _baseline_sentences[code] = sentences
    return PlainBM25([content_words(s, code) or ["\x00"] for s in sentences])


_baseline_sentences: dict[str, list[str]] = {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="one language code")
    args = parser.parse_args(argv)
    codes = sorted(p.name.split(".")[0] for p in SETS.glob("*.questions.jsonl"))
    if args.only:
        codes = [args.only]
    with tempfile.TemporaryDirectory() as scratch:
        library = Library(Path(scratch), seed=False)
        library.ingest([SETS / f"{code}.articles.jsonl" for code in codes])
        print(f"{'lang':<5} {'n':>3} {'hit@1':>6} {'hit@3':>6} {'bm25@1':>7} {'bm25@3':>7}")
        for code in codes:
            questions = _questions(code)
            baseline = _baseline(code)
            hits = [0, 0, 0, 0]
            for q in questions:
                answers = [str(a) for a in q["answer"]]  # type: ignore[attr-defined]
                as_of = dt.date.fromisoformat(str(q["date"]))
                answer = library.answer(str(q["question"]), as_of=as_of)
                got = [s.text for s in answer.sentences]
                ranked = (
                    baseline.top(content_words(str(q["question"]), code), 3) if baseline else []
                )
                plain = [_baseline_sentences[code][i] for i in ranked]
                hits[0] += _hit(got, answers, 1)
                hits[1] += _hit(got, answers, 3)
                hits[2] += _hit(plain, answers, 1)
                hits[3] += _hit(plain, answers, 3)
            n = len(questions)
            print(
                f"{code:<5} {n:>3} {hits[0] / n:>6.2f} {hits[1] / n:>6.2f} "
                f"{hits[2] / n:>7.2f} {hits[3] / n:>7.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
