"""The import graph of bot/ and retrieval/: no circle, features that own all of themselves.

Every import counts, wherever it stands (``TYPE_CHECKING`` blocks and imports inside functions
included): a circle hidden from the interpreter still ties two modules into one. An import of
a package's submodule (``from . import html``) points at the submodule; a module's own parent
package, which Python imports first, is no edge of its own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "retrieval")
FEATURES = "bot.features"
FACTORY = "bot.app"  # registers every feature: the one module outside them that imports one


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> Iterator[str]:
    """The modules of bot/ and retrieval/ that ``name`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `import a.b.c` of a name inside a.b
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                yield target


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: set(_imports(name, path, modules)) for name, path in modules.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _is_feature(name: str) -> bool:
    return name.startswith(FEATURES + ".")


def test_the_graph_is_read_whole() -> None:
    graph = _graph()
    assert "bot.features.questions" in graph["bot.app"]
    assert "bot.render.html" in graph["bot.render.summary"]  # from . import html
    assert "bot.context" in graph["bot.features.help"]
    assert "retrieval" in graph["bot.context"]
    assert "bot.context" in graph["bot.features.chat_moves"]


def test_no_module_imports_itself_back_through_others() -> None:
    assert _circles(_graph()) == []


def test_the_circle_finder_finds_circles() -> None:
    circle = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(circle) == [["a", "b", "c"]]


def test_no_feature_imports_another_and_only_the_factory_imports_features() -> None:
    graph = _graph()
    features = {name for name in graph if _is_feature(name)}
    assert len(features) >= 10
    between = {(a, b) for a in features for b in graph[a] if _is_feature(b) or b == FEATURES}
    assert between == set(), "a feature imports another: move what they share out of features/"
    into = {
        (a, b)
        for a, targets in graph.items()
        if a not in features and a not in (FACTORY, FEATURES)
        for b in targets
        if _is_feature(b)
    }
    assert into == set(), "only bot.app registers features: the core must not import one"


def test_retrieval_never_imports_the_bot() -> None:
    graph = _graph()
    assert not {
        (a, b) for a, targets in graph.items() if a.startswith("retrieval") for b in targets
        if b.startswith("bot")
    }  # fmt: skip
