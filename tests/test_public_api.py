"""bot/ uses retrieval through its public API only (ruff's banned-api enforces it; this keeps
the banned list complete when retrieval gains a module)."""

from __future__ import annotations

import ast
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


def _imports(path: Path) -> set[str]:
    """The modules a file imports (relative ones as written: ".engines", "..backend")."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_ranking_module_and_nothing_in_bot_imports_an_engine() -> None:
    """Engines live in retrieval/engines/ and are chosen in one place (open_backend): the
    library opens one by name; nothing else outside the package imports it."""
    for path in (ROOT / "retrieval").glob("*.py"):
        engines = {name for name in _imports(path) if name.startswith(".engines")}
        if path.stem == "library":
            assert engines == {".engines"}, engines  # open_backend and the defaults only
        elif path.stem != "__init__":  # re-exports engine classes lazily, for tests
            assert not engines, (path.name, engines)
    for path in (ROOT / "bot").rglob("*.py"):
        imported = _imports(path)
        assert not any("engines" in name for name in imported), path
        assert "PassageIndex" not in path.read_text(encoding="utf-8"), path
        assert "OpenSearchIndex" not in path.read_text(encoding="utf-8"), path
