"""Follow-up or new question: precision and recall of ``leans_on_previous`` on the labelled pairs
in tests/followups/pairs.jsonl.

    python benchmarks/followups.py            # the figures: held-out half, developed half, all
    python benchmarks/followups.py --errors   # also every pair the decision gets wrong (dev half)

Each pair is a previous question, a new message and whether the new message is a follow-up
(it cannot be answered right without the previous question). The set was written by hand
before the decision rules (84 pairs in English, 14 in each of ru es pt de fr tr ar), then split
by the hash of each pair's id (``fit_weights.held_out``): the rules were developed looking only
at the other half; the held-out half is the figure to trust. A follow-up is the positive class:
precision is the share of messages read as follow-ups that are, recall the share of follow-ups
read as such. It is not a test (tests/test_followup.py checks the floor).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import ROOT
from benchmarks.fit_weights import held_out
from retrieval import leans_on_previous

PAIRS = ROOT / "tests" / "followups" / "pairs.jsonl"
AS_OF = dt.date(2023, 11, 3)


@dataclass(frozen=True)
class Pair:
    id: str
    language: str
    previous: str
    message: str
    follow_up: bool

    @property
    def held(self) -> bool:
        return held_out(self.id)


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    return [Pair(**json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines()]


def decide(pair: Pair) -> bool:
    return leans_on_previous(pair.message, AS_OF, previous=pair.previous)


@dataclass(frozen=True)
class Scores:
    pairs: int
    true_pos: int
    false_pos: int
    false_neg: int

    @property
    def precision(self) -> float:
        return self.true_pos / max(self.true_pos + self.false_pos, 1)

    @property
    def recall(self) -> float:
        return self.true_pos / max(self.true_pos + self.false_neg, 1)

    def row(self, name: str) -> str:
        return (
            f"| {name} | {self.pairs} | {self.precision:.2f} | {self.recall:.2f} | "
            f"{self.false_pos} | {self.false_neg} |"
        )


def score(pairs: list[Pair]) -> Scores:
    said = [(p.follow_up, decide(p)) for p in pairs]
    return Scores(
        len(pairs),
        sum(1 for truth, guess in said if truth and guess),
        sum(1 for truth, guess in said if guess and not truth),
        sum(1 for truth, guess in said if truth and not guess),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the dev half's errors")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    args = parser.parse_args(argv)
    pairs = load_pairs(args.pairs)
    held = [p for p in pairs if p.held]
    developed = [p for p in pairs if not p.held]
    print("| pairs | n | precision | recall | false follow-ups | missed follow-ups |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(score(held).row("held-out half"))
    print(score(developed).row("developed half"))
    print(score(pairs).row("all"))
    print(score([p for p in pairs if p.language == "en"]).row("all, English"))
    print(score([p for p in pairs if p.language != "en"]).row("all, other languages"))
    if args.errors:
        for pair in developed:
            if decide(pair) != pair.follow_up:
                kind = "missed" if pair.follow_up else "false"
                print(f"{kind:6} {pair.id}: {pair.previous} -> {pair.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
