"""bot/ uses retrieval through its public API only (ruff's banned-api enforces it; this keeps
the banned list complete when retrieval gains a module)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import retrieval

ROOT = Path(__file__).resolve().parent.parent


def test_every_retrieval_submodule_is_banned_in_bot() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    banned = set(config["tool"]["ruff"]["lint"]["flake8-tidy-imports"]["banned-api"])
    modules = {
        f"retrieval.{path.stem}"
        for path in (ROOT / "retrieval").glob("*.py")
        if path.stem != "__init__"
    }
    modules |= {
        f"retrieval.{path.parent.name}" for path in (ROOT / "retrieval").glob("*/__init__.py")
    }
    assert modules - banned == set(), "add the new retrieval module to banned-api"


def test_the_public_api_names_what_it_exports() -> None:
    missing = [name for name in retrieval.__all__ if not hasattr(retrieval, name)]
    assert missing == []
