"""Where a benchmark runs from: this checkout (``ROOT``), put first on ``sys.path`` when a
script is run as ``python benchmarks/NAME.py`` (so that it imports this checkout's ``bot``,
``retrieval``, ``benchmarks`` and ``tests``, never an installed copy), and the dev data beside
it (``DEV``, see /work/shared/data/README.md). A script starts with::

    if not __package__:  # run as a script: this checkout first on sys.path
        import checkout  # noqa: F401
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "news-qa-dev"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def run_child(
    script: str, code: Path, options: Sequence[str], rows: Sequence[Mapping[str, object]]
) -> list[dict[str, object]]:
    """Run ``script --child OPTIONS`` on ``code``'s checkout (``PYTHONPATH``), ``rows`` as JSON
    lines on its input; the JSON lines it prints, each naming (``"code"``) the checkout whose
    retrieval it ran: a child that ran another one (the installed copy) stops the benchmark."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, script, "--child", *options],
        input="".join(json.dumps(row) + "\n" for row in rows),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result = [json.loads(line) for line in done.stdout.splitlines()]
    if any(Path(str(row["code"])).resolve() != code.resolve() for row in result):
        raise SystemExit(f"the child did not run {code}'s code")
    return result
