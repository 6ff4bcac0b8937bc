"""Article files in: the seed text format and JSON Lines (plain or gzip), alone or in folders."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import hashlib
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from . import languages

__all__ = [
    "Article",
    "DocumentTooLarge",
    "LoadReport",
    "Rejection",
    "article_key",
    "article_language",
    "article_record",
    "check_not_future",
    "iter_article_files",
    "load_articles",
    "parse_jsonl_line",
    "parse_seed_text",
    "read_document",
    "source_of",
]

SEED_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_SEED_HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
_SEED_SOURCE = re.compile(r"^\s*source:\s*(.*?)\s*$", re.IGNORECASE)
_SEED_LANGUAGE = re.compile(r"^\s*language:\s*(\S*)\s*$", re.IGNORECASE)
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "edition.")  # the same outlet's mirrors
_MAX_SOURCE_CHARS = 80
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
MAX_LINE_BYTES = 1024 * 1024  # a JSON Lines record longer than this is rejected, unread
MAX_FUTURE = dt.timedelta(days=1)  # later dates are mistakes (or tricks to stay on top)


class DocumentTooLarge(ValueError):
    """An uploaded file that decompresses to more than its limit: refused whole."""


@dataclass(frozen=True)
class Article:
    """One dated news article."""

    title: str
    date: dt.date
    text: str
    url: str = ""
    id: str = ""
    source: str = ""
    language: str = ""  # a code of ``retrieval.languages``: declared, else detected at ingest
    # Further identities its loader knows it by (a feed entry's page address, the fingerprint
    # of its text): an article any of whose identities is stored already is a duplicate.
    also_ids: tuple[str, ...] = ()

    @cached_property
    def key(self) -> str:
        """Identity used for de-duplication: a hash of date, title and text."""
        return article_key(self)


@dataclass(frozen=True)
class Rejection:
    """A record that could not be read, with where it stands."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class LoadReport:
    """What a load pass found wrong; filled in while articles stream out."""

    rejections: list[Rejection] = field(default_factory=list)
    files: int = 0


def article_key(article: Article, body: str | None = None) -> str:
    """A stable content hash: the same article read twice, from any file, gets the same key.
    ``body``: ``" ".join(article.text.split())`` when the caller has it already."""
    body = (" ".join(article.text.split()) if body is None else body).lower()
    title = " ".join(article.title.split()).lower()
    digest = hashlib.blake2b(
        f"{article.date.isoformat()}\n{title}\n{body}".encode(), digest_size=12
    )
    return digest.hexdigest()


def article_language(declared: object, title: str, text: str) -> str:
    """The article's language: the one it declares when supported, else detected from its
    title and first paragraphs."""
    return languages.normalize(declared) or languages.detect(f"{title}\n{text}")


def source_of(url: str, fallback: str = "") -> str:
    """The outlet an article came from: the host of its url without 'www.' (or 'm.', ...)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
            break
    return host or fallback


def _outlet(value: object) -> str:
    """A given outlet name, tidied: one line, bounded length; '' when there is none."""
    return " ".join(value.split())[:_MAX_SOURCE_CHARS] if isinstance(value, str) else ""


def parse_date(value: object) -> dt.date:
    """Parse 'YYYY-MM-DD' (a time part may follow); raise ValueError otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("no date")
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"bad date {value[:40]!r}")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"bad date {value[:40]!r}") from exc


def check_not_future(date: dt.date, today: dt.date | None = None) -> dt.date:
    """The date, or ValueError when it is more than a day after today (UTC)."""
    today = today or dt.datetime.now(dt.UTC).date()
    if date > today + MAX_FUTURE:
        raise ValueError(f"date {date.isoformat()} is in the future")
    return date


def parse_seed_text(text: str) -> Article:
    """Parse one article in the seed format: ' date YYYY-MM-DD <lead>', optional
    'source: Outlet' and 'language: ru' lines, then paragraphs. The file's name is never taken
    for an outlet."""
    lines = text.lstrip("\ufeff").splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise ValueError("empty file")
    header = _SEED_HEADER.match(lines[first])
    if not header:
        raise ValueError("first line must be ' date YYYY-MM-DD <lead sentence or headline>'")
    date = check_not_future(parse_date(header.group(1)))
    title = header.group(2).strip()
    rest = lines[first + 1 :]
    source = declared = ""
    while (following := next((i for i, line in enumerate(rest) if line.strip()), None)) is not None:
        if not source and (given := _SEED_SOURCE.match(rest[following])):
            source = _outlet(given.group(1))
        elif not declared and (given := _SEED_LANGUAGE.match(rest[following])):
            declared = given.group(1) or "-"
        else:
            break
        rest = rest[following + 1 :]
    body = "\n".join(rest).strip()
    if not body and not title:
        raise ValueError("empty text")
    text = body or title
    return Article(
        title=title,
        date=date,
        text=text,
        source=source,
        language=article_language(declared, title, text),
    )


def parse_jsonl_line(line: str) -> Article:
    """Parse one JSON Lines record: {"title", "date", "text", "url"?, "id"?, "source"?}."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"broken JSON ({exc.msg})") from exc
    except RecursionError:  # the decoder recurses per nesting level
        raise ValueError("broken JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    date = check_not_future(parse_date(record.get("date")))
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty text")
    title = record.get("title")
    url = record.get("url")
    ident = record.get("id")
    title = title.strip() if isinstance(title, str) else ""
    text = text.strip()
    return Article(
        title=title,
        date=date,
        text=text,
        language=article_language(record.get("language"), title, text),
        url=url.strip() if isinstance(url, str) else "",
        id=str(ident) if isinstance(ident, str | int) else "",
        source=_outlet(record.get("source")) or (source_of(url) if isinstance(url, str) else ""),
    )


def article_record(article: Article) -> dict[str, str | None]:
    """An article as one JSON Lines record, read back by ``parse_jsonl_line`` as the same
    article (``newsbot export``); ``id`` is null when none was given."""
    return {
        "id": article.id or None,
        "url": article.url,
        "title": article.title,
        "date": article.date.isoformat(),
        "source": article.source,
        "language": article.language,
        "text": article.text,
    }


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into article files."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _is_article_file(child):
                    yield child
        else:
            yield path


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(SEED_SUFFIXES + JSONL_SUFFIXES) and not name.startswith(".")


def _read_jsonl(path: Path, report: LoadReport) -> Iterator[Article]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        yield from _read_jsonl_stream(handle, str(path), report)


class _LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class _BoundedReader:
    """A byte stream that raises DocumentTooLarge past ``limit`` bytes (counted as read)."""

    def __init__(self, handle: _LineReader, limit: int) -> None:
        self.handle = handle
        self.limit = limit
        self.read = 0

    def readline(self, size: int = -1, /) -> bytes:
        line = self.handle.readline(size)
        self.read += len(line)
        if self.read > self.limit:
            raise DocumentTooLarge(
                f"the file is larger than {self.limit // 2**20} MB once decompressed"
            )
        return line


def _long_line(handle: _LineReader, start: bytes) -> bool:
    """Whether ``start`` is the head of an overlong line; if so, skip the rest unread."""
    if len(start) <= MAX_LINE_BYTES or start.endswith(b"\n"):
        return False
    while (chunk := handle.readline(MAX_LINE_BYTES)) and not chunk.endswith(b"\n"):
        pass
    return True


def _read_jsonl_stream(handle: _LineReader, name: str, report: LoadReport) -> Iterator[Article]:
    line_no = 0
    while True:
        line_no += 1
        try:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            too_long = _long_line(handle, raw)
        except (OSError, EOFError, zlib.error) as exc:  # a corrupt gzip: keep what came before
            report.rejections.append(Rejection(name, line_no, f"unreadable: {exc}"))
            return
        if too_long:
            report.rejections.append(
                Rejection(name, line_no, f"line longer than {MAX_LINE_BYTES // 2**20} MB")
            )
            continue
        if not raw:
            return
        if not raw.strip():
            continue
        try:
            article = parse_jsonl_line(raw.decode("utf-8"))
        except UnicodeDecodeError:
            report.rejections.append(Rejection(name, line_no, "undecodable bytes"))
            continue
        except ValueError as exc:
            report.rejections.append(Rejection(name, line_no, str(exc)))
            continue
        yield article


def read_document(
    name: str, data: bytes, report: LoadReport, *, max_unpacked: int
) -> list[Article]:
    """Articles of an uploaded file (seed text, JSON Lines, gzip'd JSON Lines).

    Raises ValueError, and nothing is read, when the whole file is unusable: an unknown
    format, bytes that are not UTF-8 text, or more than ``max_unpacked`` bytes once
    decompressed (DocumentTooLarge; decompression streams, so a small bomb stays small).
    """
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        handle: _LineReader = io.BytesIO(data)
        if lower.endswith(".gz"):
            if not data.startswith(b"\x1f\x8b"):
                raise ValueError("not a gzip file")
            unpacked = gzip.GzipFile(fileobj=io.BytesIO(data))
            try:
                _require_text_head(unpacked.read(65536))
            except (OSError, EOFError, zlib.error) as exc:
                raise ValueError(f"not a gzip file ({exc})") from None
            unpacked.seek(0)
            handle = unpacked
        else:
            _require_text(data)
        return list(_read_jsonl_stream(_BoundedReader(handle, max_unpacked), name, report))
    if lower.endswith(SEED_SUFFIXES):
        _require_text(data)
        try:
            return [parse_seed_text(data.decode("utf-8"))]
        except ValueError as exc:
            report.rejections.append(Rejection(name, 1, str(exc)))
            return []
    raise ValueError("unknown format: send a .txt (seed format), .jsonl or .jsonl.gz file")


def _require_text_head(head: bytes) -> None:
    """The first bytes of a stream look like UTF-8 text (a character may be cut at the end)."""
    if b"\x00" in head:
        raise ValueError("not a text file")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None


def _require_text(data: bytes) -> None:
    if b"\x00" in data[:65536]:
        raise ValueError("not a text file")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None


def _read_seed(path: Path, report: LoadReport) -> Iterator[Article]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        report.rejections.append(Rejection(str(path), line, "undecodable bytes"))
        return
    try:
        yield parse_seed_text(text)
    except ValueError as exc:
        report.rejections.append(Rejection(str(path), 1, str(exc)))


def load_articles(
    paths: Iterable[Path | str], report: LoadReport | None = None
) -> Iterator[Article]:
    """Stream articles from files and folders; bad records go to ``report`` and are skipped."""
    report = report if report is not None else LoadReport()
    for path in iter_article_files(Path(p) for p in paths):
        if not path.exists():
            report.rejections.append(Rejection(str(path), 0, "no such file"))
            continue
        report.files += 1
        name = path.name.lower()
        try:
            if name.endswith(JSONL_SUFFIXES):
                yield from _read_jsonl(path, report)
            elif name.endswith(SEED_SUFFIXES):
                yield from _read_seed(path, report)
            else:
                report.rejections.append(
                    Rejection(str(path), 0, "unknown format (use .txt, .jsonl or .jsonl.gz)")
                )
        except OSError as exc:
            report.rejections.append(Rejection(str(path), 0, f"unreadable: {exc.strerror}"))
