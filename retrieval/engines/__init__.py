"""The search engines behind ``backend.SearchBackend``, and the one place one is chosen.

``tantivy`` (``tantivy.PassageIndex``, with ``tantivy_writer``): an index on disk in the data
folder, one machine. ``opensearch`` (``opensearch.OpenSearchIndex``, with its client and request
bodies): a cluster. Both write through the shared ingest loop (``ingest``). Nothing outside this
package imports an engine module: the library opens one by name here, the ranking code sees
the protocol only, and the bot names the engine in a setting.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..backend import OpenSearchConfig, SearchBackend

__all__ = ["COMMIT_EVERY", "ENGINES", "WRITER_WAIT", "open_backend"]

ENGINES = ("tantivy", "opensearch")
COMMIT_EVERY = 4000  # articles per commit: a crash loses at most this much work
WRITER_WAIT = 600.0  # seconds a writer waits for another process's writer by default


def open_backend(
    engine: str,
    data_dir: Path | str,
    cluster: Callable[[], OpenSearchConfig] | OpenSearchConfig | None = None,
) -> SearchBackend:
    """The engine named ``engine``: ``tantivy`` in ``data_dir/index``, or ``opensearch`` on the
    cluster ``cluster`` describes (a config, or a function that makes one: settings raise there
    when none is configured). Each engine's module is imported only here, when it is chosen:
    the OpenSearch client costs a quarter second to load."""
    if engine == "tantivy":
        from .tantivy import PassageIndex

        return PassageIndex(Path(data_dir) / "index")
    if engine == "opensearch":
        from .opensearch import OpenSearchIndex

        config = cluster() if callable(cluster) else cluster
        if config is None:
            raise ValueError("the opensearch engine needs a cluster's address")
        return OpenSearchIndex(config)
    raise ValueError(f"unknown search engine {engine!r} (one of {', '.join(ENGINES)})")
