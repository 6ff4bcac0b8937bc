"""Where a benchmark runs from: this checkout (``ROOT``), put first on ``sys.path`` when a
script is run as ``python benchmarks/NAME.py`` (so that it imports this checkout's ``bot``,
``retrieval``, ``benchmarks`` and ``tests``, never an installed copy), and the dev data beside
it (``DEV``, see /work/shared/data/README.md). A script starts with::

    if not __package__:  # run as a script: this checkout first on sys.path
        import checkout  # noqa: F401
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "news-qa-dev"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
