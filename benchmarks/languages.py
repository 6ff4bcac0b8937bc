"""Answer quality per language on the hand-written sets in tests/lang, beside plain BM25 and
beside today's code (a git ref), in one run; and what each language's analysis costs.

    python benchmarks/languages.py                      # both sets, this tree and main
    python benchmarks/languages.py --set inflected --only ru
    python benchmarks/languages.py --ref ""             # this tree only
    python benchmarks/languages.py --speed              # analysis cost per word, and memory
    python benchmarks/languages.py --snowball           # Russian and Arabic by Snowball instead

Two sets, each a collection of its own with every language's articles in it (a mixed
collection, as an operator's may be): ``base`` (tests/lang, issue 15: 12 articles and 36
questions a language) and ``inflected`` (tests/lang/inflected, issue 27: two articles a topic,
the same kind of event in two places, so each question has a same-topic distractor with
figures of the same kind; questions worded in other inflections than the sentences that
answer them). Every question is answered through the full answer path with its date as the
reference date. answer-hit@k: an answer string occurs (case-insensitive) in one of the first
k sentences.

Beside it: plain BM25 (BM25Okapi) over the sentences of the question's own language's articles
with that language's analysis (an easy baseline: it is told the language and searches ~30
sentences), and the same answer path with the code of ``--ref`` (exported with ``git
archive``, run in its own process on the same sets). The sets are small (one question is about
0.03): read the figures as how each language does, not as fine measurements. It is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
import Stemmer

from benchmarks.checkout import ROOT
from benchmarks.plain_bm25 import PlainBM25
from retrieval import Library, load_articles
from retrieval.segment import split_passages, split_sentences
from retrieval.tokenize import content_words, words

SETS = {"base": ROOT / "tests" / "lang", "inflected": ROOT / "tests" / "lang" / "inflected"}

# Run inside a checkout of the ref with its own code: only the public API both versions share.
# Prints, per question of each language, whether the first and the first three sentences hit.
_REF_STAGE = """
import datetime as dt, json, sys, tempfile
from pathlib import Path
from retrieval import Library
sets, codes = Path(sys.argv[1]), sys.argv[2].split(",")
with tempfile.TemporaryDirectory() as scratch:
    library = Library(Path(scratch), seed=False)
    library.ingest([sets / f"{code}.articles.jsonl" for code in codes])
    hits = {}
    for code in codes:
        hits[code] = []
        for line in (sets / f"{code}.questions.jsonl").read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            answer = library.answer(q["question"], as_of=dt.date.fromisoformat(q["date"]))
            got = [s.text.lower() for s in answer.sentences]
            answers = [str(a).lower() for a in q["answer"]]
            hits[code].append([any(a in s for s in got[:k] for a in answers) for k in (1, 3)])
print(json.dumps(hits))
"""


def _questions(folder: Path, code: str) -> list[dict[str, object]]:
    path = folder / f"{code}.questions.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _hit(sentences: list[str], answers: list[str], k: int) -> bool:
    return any(a.lower() in s.lower() for s in sentences[:k] for a in answers)


def _sentences(folder: Path, code: str) -> list[str]:
    return [
        sentence
        for article in load_articles([folder / f"{code}.articles.jsonl"])
        for passage in split_passages(article.text, language=code)
        for sentence in split_sentences(passage, code)
    ]


def _this_tree(folder: Path, codes: list[str]) -> dict[str, list[list[bool]]]:
    """Per language, per question: [hit@1, hit@3, plain BM25 hit@1, plain BM25 hit@3]."""
    hits: dict[str, list[list[bool]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        library = Library(Path(scratch), seed=False)
        library.ingest([folder / f"{code}.articles.jsonl" for code in codes])
        for code in codes:
            sentences = _sentences(folder, code)
            plain = PlainBM25([content_words(s, code) or ["\x00"] for s in sentences])
            hits[code] = []
            for q in _questions(folder, code):
                answers = [str(a) for a in q["answer"]]  # type: ignore[attr-defined]
                as_of = dt.date.fromisoformat(str(q["date"]))
                got = [s.text for s in library.answer(str(q["question"]), as_of=as_of).sentences]
                ranked = [
                    sentences[i] for i in plain.top(content_words(str(q["question"]), code), 3)
                ]
                hits[code].append([_hit(got, answers, k) for k in (1, 3)])
                hits[code][-1] += [_hit(ranked, answers, k) for k in (1, 3)]
    return hits


def _export(ref: str, folder: Path) -> Path:
    """The files of ``ref`` (a commit of this repository) in ``folder``."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def _with_ref(checkout: Path, folder: Path, codes: list[str]) -> dict[str, list[list[bool]]]:
    argv = [sys.executable, "-c", _REF_STAGE, str(folder), ",".join(codes)]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(argv, capture_output=True, text=True, cwd=checkout, env=env)
    if done.returncode:
        raise SystemExit(f"the ref's run failed:\n{done.stderr[-2000:]}")
    found: dict[str, list[list[bool]]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _share(rows: list[list[bool]], column: int) -> float:
    return sum(row[column] for row in rows) / len(rows)


def quality(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="newsbot-languages-") as work:
        checkout = _export(args.ref, Path(work) / "ref") if args.ref else None
        for name in [args.set] if args.set != "all" else list(SETS):
            folder = SETS[name]
            codes = sorted(p.name.split(".")[0] for p in folder.glob("*.questions.jsonl"))
            codes = [args.only] if args.only else codes
            ours = _this_tree(folder, codes)
            theirs = _with_ref(checkout, folder, codes) if checkout else {}
            ref = f"{args.ref}@1 / @3" if args.ref else ""
            print(f"\nset {name} ({folder.relative_to(ROOT)})")
            print(f"{'lang':<5} {'n':>3} {'hit@1':>6} {'hit@3':>6} {'bm25@1':>7} {'bm25@3':>7}"
                  f"  {ref}")  # fmt: skip
            for code in codes:
                rows = ours[code]
                line = f"{code:<5} {len(rows):>3} " + " ".join(
                    f"{_share(rows, c):>{w}.2f}" for c, w in ((0, 6), (1, 6), (2, 7), (3, 7))
                )
                if code in theirs:
                    line += f"  {_share(theirs[code], 0):.2f} / {_share(theirs[code], 1):.2f}"
                print(line)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _per_word_us(analyse: Callable[[str], object], vocabulary: list[str], rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        for word in vocabulary:
            analyse(word)
        timings.append((time.perf_counter() - started) / len(vocabulary) * 1e6)
    return statistics.median(timings)


def speed(rounds: int) -> None:
    """Analysis cost per distinct word: Snowball's and the lemmatizer's or light stemmer's
    (what a word costs the first time it is seen; every later sight is a dict lookup), and the
    memory the analyser takes once loaded."""
    from retrieval import tokenize
    from retrieval.languages import LANGUAGES
    from retrieval.lemmas import lemmatizer
    from retrieval.light_stemming import LightStemmer

    print(f"\n{'lang':<5} {'words':>6} {'Snowball us/word':>17} {'ours us/word':>13} "
          f"{'cached us/word':>15} {'loaded MB':>10}")  # fmt: skip
    for code in ("ru", "ar"):
        text = " ".join(
            s for folder in SETS.values() for s in _sentences(folder, code)
        )  # every word of both sets
        vocabulary = sorted(set(words(text, code)))
        snowball = Stemmer.Stemmer({"ru": "russian", "ar": "arabic"}[code])
        before = _rss_mb()
        if code == "ru":
            lemma = lemmatizer(LANGUAGES["ru"].lemmatizer)
            lemma("мост")  # loads the dictionary
            ours: Callable[[str], object] = lemma
        else:
            rules = LANGUAGES["ar"].light_stemming
            assert rules is not None
            ours = LightStemmer.of(rules)
        loaded = _rss_mb() - before
        plain = _per_word_us(snowball.stemWord, vocabulary, rounds)
        analysed = _per_word_us(ours, vocabulary, rounds)
        cached = _per_word_us(functools.partial(tokenize.stem, language=code), vocabulary, rounds)
        print(f"{code:<5} {len(vocabulary):>6} {plain:>17.2f} {analysed:>13.2f} {cached:>15.2f} "
              f"{loaded:>10.1f}")  # fmt: skip


def snowball_everywhere() -> None:
    """This process analyses Russian and Arabic with Snowball alone, as before their own
    analysers (the same code otherwise): the analysers' share of the figures, in one run."""
    from dataclasses import replace

    from retrieval import languages, tokenize

    for code, algorithm in (("ru", "russian"), ("ar", "arabic")):
        table = languages.LANGUAGES[code]
        languages.LANGUAGES[code] = replace(
            table, stemmer=algorithm, lemmatizer="", light_stemming=None
        )
    tokenize._ANALYZERS.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--only", help="one language code")
    parser.add_argument("--ref", default="main", help="git ref of today's code (empty: none)")
    parser.add_argument("--speed", action="store_true", help="analysis cost instead of quality")
    parser.add_argument("--rounds", type=int, default=20, help="--speed: timing rounds")
    parser.add_argument(
        "--snowball", action="store_true", help="Russian and Arabic by Snowball, as before"
    )
    args = parser.parse_args(argv)
    if args.snowball:
        snowball_everywhere()
    if args.speed:
        speed(args.rounds)
    else:
        quality(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
