"""Page furniture among the sentences the bot returns: a fixed sample, labelled by hand.

    python benchmarks/furniture_sample.py sample --data-dir DIR --build after > new.jsonl
    python benchmarks/furniture_sample.py score benchmarks/furniture_sample.jsonl

``sample`` answers the held-out half of the dev questions (the half never used for fitting,
``fit_weights.held_out``) from the index in ``DIR`` with the bot's default of three sentences,
and prints 200 of the returned sentences drawn with a fixed seed, unlabelled. A person reads
each and sets ``label`` to "furniture" or "reporting"; ``score`` prints the share of furniture
per build with a 95% interval. Run ``sample`` on an index built before a change and on one
built after it to compare. It is not a test: the labels are judgement, kept as data.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import DEV
from benchmarks.fit_weights import held_out
from benchmarks.qa_measures import load_questions
from retrieval import Library

SAMPLE = 200
SEED = 10
SENTENCES = 3  # what the bot returns by default (NEWSBOT_MAX_SENTENCES)


def sample(data_dir: Path, questions: Path, build: str) -> list[dict[str, object]]:
    library = Library(data_dir, seed=False)
    returned = []
    for q in load_questions(questions):
        if not held_out(q.id):
            continue
        answer = library.answer(q.question, as_of=q.date, max_sentences=SENTENCES)
        for rank, sentence in enumerate(answer.sentences, 1):
            returned.append({"build": build, "question": q.id, "rank": rank, "text": sentence.text})
    picked = random.Random(SEED).sample(returned, min(SAMPLE, len(returned)))
    return [{**record, "label": None} for record in picked]


def wilson(hits: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """A 95% interval for a share: Wilson's, which stays honest near 0 (0 of 200 is not 0%)."""
    share = hits / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    margin = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return max(0.0, centre - margin / (1 + z * z / total)), centre + margin / (1 + z * z / total)


def score(path: Path) -> str:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("label") not in ("furniture", "reporting"):
            continue
        tally = counts[str(record["build"])]
        tally[0] += record["label"] == "furniture"
        tally[1] += 1
    lines = []
    for build, (furniture, total) in counts.items():
        share = furniture / total
        low, high = wilson(furniture, total)
        lines.append(
            f"{build}: furniture {furniture} of {total} returned sentences = {share:.1%} "
            f"(95% interval {low:.1%} to {high:.1%})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("sample", help="print an unlabelled sample as JSON Lines")
    make.add_argument("--data-dir", type=Path, required=True)
    make.add_argument("--questions", type=Path, default=DEV / "questions.jsonl.gz")
    make.add_argument("--build", default="after", help="a name for the index's code version")
    check = commands.add_parser("score", help="the share of furniture in a labelled sample")
    check.add_argument("labels", type=Path)
    args = parser.parse_args(argv)
    if args.command == "sample":
        for record in sample(args.data_dir, args.questions, args.build):
            print(json.dumps(record, ensure_ascii=False))
    else:
        print(score(args.labels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
