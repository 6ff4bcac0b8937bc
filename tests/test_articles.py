"""Loaders: the seed format, JSON Lines (plain and gzip), folders, and bad records."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

from retrieval import LoadReport, load_articles, seed_dir
from retrieval.articles import parse_seed_text


def test_seed_file_is_read_with_date_and_lead() -> None:
    articles = list(load_articles([seed_dir()]))
    assert len(articles) == 1
    article = articles[0]
    assert article.date == dt.date(2019, 7, 1)
    assert article.title.startswith("Turkish President does not believe")
    assert "S-400" in article.text


def test_seed_format_needs_a_date_line() -> None:
    for bad in ["no header here\n\ntext", " date 2019-13-40 lead\n\ntext", ""]:
        try:
            parse_seed_text(bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad!r}")


def test_jsonl_bad_records_reported_with_line_and_rest_kept(tmp_path: Path) -> None:
    good = {"title": "T", "date": "2020-01-02", "text": "Good text.", "url": "https://x.org/a"}
    lines = [
        json.dumps(good),
        "{broken json",
        json.dumps({**good, "date": None}),
        json.dumps({**good, "date": "2020-02-31"}),
        json.dumps({**good, "text": "  "}),
        "[1, 2]",
        json.dumps({**good, "title": "Second", "text": "Other text."}),
    ]
    path = tmp_path / "a.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"title": "\xff\xfe"}\n')
    report = LoadReport()
    articles = list(load_articles([path], report))
    assert [a.title for a in articles] == ["T", "Second"]
    assert [r.line for r in report.rejections] == [2, 3, 4, 5, 6, 8]
    assert all(str(path) in str(r) for r in report.rejections)
    assert "undecodable" in report.rejections[-1].reason
    assert articles[0].source == "x.org"


def test_gzip_and_folders_recursive(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    record = {"title": "Z", "date": "2021-05-06", "text": "Zed."}
    with gzip.open(nested / "z.jsonl.gz", "wt") as handle:
        handle.write(json.dumps(record) + "\n")
    (tmp_path / "a" / "s.txt").write_text(" date 2021-05-07 Lead line.\n\nBody para.\n")
    (tmp_path / "a" / "notes.md").write_text("ignored")
    titles = sorted(a.title for a in load_articles([tmp_path]))
    assert titles == ["Lead line.", "Z"]


def test_truncated_gzip_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl.gz"
    body = "".join(
        json.dumps({"title": f"T{i}", "date": "2021-01-01", "text": f"text {i} " * 50}) + "\n"
        for i in range(200)
    )
    data = gzip.compress(body.encode())
    path.write_bytes(data[: len(data) // 2])
    report = LoadReport()
    articles = list(load_articles([path], report))
    assert 0 < len(articles) < 200
    assert report.rejections and "unreadable" in report.rejections[0].reason


def test_missing_file_is_reported(tmp_path: Path) -> None:
    report = LoadReport()
    assert list(load_articles([tmp_path / "nope.jsonl"], report)) == []
    assert "no such file" in report.rejections[0].reason
