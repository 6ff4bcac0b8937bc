"""Checks that text is valid HTML for Telegram's HTML parse mode."""

from __future__ import annotations

import html.parser


class _TagChecker(html.parser.HTMLParser):
    """Checks that HTML uses only Telegram's tags and that they are balanced."""

    allowed = {"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler", "em", "strong"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in self.allowed, tag
        if tag == "a":
            href = dict(attrs).get("href") or ""
            assert href.startswith(("http://", "https://")), href
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data


def check_html(text: str) -> str:
    """Assert the message is valid Telegram HTML within limits; return its visible text."""
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []
    assert len(text) <= 4096
    return checker.text
