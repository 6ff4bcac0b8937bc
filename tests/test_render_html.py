"""bot.render.html: the one attribution line, in HTML and in plain text."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.render import attribution

DAY = dt.date(2019, 7, 1)


@pytest.mark.parametrize(
    ("source", "title", "url", "expected"),
    [
        ("Reuters", "", "", "<i>2019-07-01 · Reuters</i>"),
        (
            "Reuters",
            "S-400 & sanctions",
            "https://r.example/a",
            '<i>2019-07-01 · <a href="https://r.example/a">Reuters</a> · S-400 &amp; sanctions</i>',
        ),
        ("<b>x</b>", "", "javascript:alert(1)", "<i>2019-07-01 · &lt;b&gt;x&lt;/b&gt;</i>"),
        ("", "", "", "<i>2019-07-01</i>"),
    ],
)
def test_html_attribution(source: str, title: str, url: str, expected: str) -> None:
    assert attribution(DAY, source, title=title, url=url) == expected


@pytest.mark.parametrize(
    ("source", "title", "url", "expected"),
    [
        ("Reuters", "Title", "", "2019-07-01 · Reuters · Title"),
        ("Reuters", "", "https://r.example/a", "2019-07-01 · https://r.example/a"),
        ("", "", "", "2019-07-01"),
        ("a <b>", "", "", "2019-07-01 · a <b>"),
    ],
)
def test_plain_attribution(source: str, title: str, url: str, expected: str) -> None:
    assert attribution(DAY, source, title=title, url=url, html=False) == expected
