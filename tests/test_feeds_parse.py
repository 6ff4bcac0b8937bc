"""retrieval.feeds: parse_feed on small inline RSS and Atom documents, and html_to_text."""

from __future__ import annotations

import datetime as dt

import pytest

from retrieval.feeds import FeedResult, html_to_text, parse_feed

TODAY = dt.date(2024, 6, 15)
URL = "https://feeds.example.net/world.xml"


def _parse(content: bytes) -> FeedResult:
    return parse_feed(content, URL, today=TODAY)


def _rss(items: str, title: str = "World news") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://example.net/</link>{items}</channel></rss>"
    ).encode()


def _atom(entries: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Atom &amp; Co</title><id>urn:feed</id><updated>2024-06-10T00:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


def test_rss_items_become_dated_articles() -> None:
    result = _parse(
        _rss(
            "<item><title>Dam opens</title><link>https://www.news.example.org/dam</link>"
            "<pubDate>Mon, 10 Jun 2024 23:30:00 -0300</pubDate>"
            "<description>&lt;p&gt;The dam opened.&lt;/p&gt;&lt;p&gt;Water flows.&lt;/p&gt;"
            "</description></item>"
            "<item><title>Bridge closes</title><link>https://example.net/bridge</link>"
            "<pubDate>Sun, 09 Jun 2024 08:00:00 GMT</pubDate>"
            "<description>The bridge closed for repairs.</description></item>"
        )
    )
    assert result.error == ""
    assert result.skipped == []
    assert result.title == "World news"
    dam, bridge = result.articles
    assert dam.title == "Dam opens"
    assert dam.text == "The dam opened.\nWater flows."
    assert dam.date == dt.date(2024, 6, 11)  # 23:30 at -03:00 is the next day in UTC
    assert dam.url == dam.id == "https://www.news.example.org/dam"
    assert dam.source == "news.example.org"
    assert (bridge.title, bridge.date, bridge.source) == (
        "Bridge closes",
        dt.date(2024, 6, 9),
        "example.net",
    )
    assert bridge.text == "The bridge closed for repairs."


def test_atom_entries_use_their_longest_content_and_updated_date() -> None:
    result = _parse(
        _atom(
            "<entry><title type='html'>Rates &lt;b&gt;rise&lt;/b&gt;</title>"
            "<id>urn:rates</id><link href='https://bank.example.com/rates'/>"
            "<updated>2024-06-12T10:00:00Z</updated>"
            "<summary>Short.</summary>"
            "<content type='html'>&lt;div&gt;The central bank raised rates.&lt;/div&gt;"
            "&lt;div&gt;Markets fell.&lt;/div&gt;</content></entry>"
        )
    )
    assert result.title == "Atom & Co"
    (article,) = result.articles
    assert article.title == "Rates rise"
    assert article.text == "The central bank raised rates.\nMarkets fell."
    assert article.date == dt.date(2024, 6, 12)
    assert article.source == "bank.example.com"


def test_an_entry_without_a_link_is_known_by_its_guid_and_the_feed_host() -> None:
    item = "<guid isPermaLink='false'>abc-7</guid><description>Body text.</description>"
    (article,) = _parse(_rss(f"<item><title>No link</title>{item}</item>")).articles
    assert (article.url, article.id) == ("", "abc-7")
    assert article.source == "feeds.example.net"


def test_an_atom_entry_without_a_link_takes_its_id_for_both() -> None:
    # feedparser gives an Atom entry's id as its link; the bot only links http(s) urls
    entry = "<published>2024-06-01T00:00:00Z</published><summary>Body text.</summary>"
    (article,) = _parse(
        _atom(f"<entry><title>No link</title><id>urn:entry:7</id>{entry}</entry>")
    ).articles
    assert (article.url, article.id, article.date) == (
        "urn:entry:7",
        "urn:entry:7",
        dt.date(2024, 6, 1),
    )
    assert article.source == "feeds.example.net"


def test_entities_are_decoded_once() -> None:
    result = _parse(
        _rss(
            "<item><title>Caf&#233; &amp; bar</title><link>https://example.net/c</link>"
            "<pubDate>Mon, 10 Jun 2024 08:00:00 GMT</pubDate>"
            "<description>Prices &amp;lt;5&amp;gt; &#8364;3 &amp;amp; more</description></item>",
            title="A &amp; B",
        )
    )
    assert result.title == "A & B"
    (article,) = result.articles
    assert article.title == "Café & bar"
    assert article.text == "Prices <5> €3 & more"


def test_an_entry_without_a_date_takes_today() -> None:
    result = _parse(_rss("<item><title>Undated</title><link>https://example.net/u</link></item>"))
    (article,) = result.articles
    assert article.date == TODAY
    assert article.text == "Undated"  # no body: the title is the text


def test_entries_without_text_or_with_future_dates_are_skipped_with_a_reason() -> None:
    result = _parse(
        _rss(
            "<item><link>https://example.net/empty</link>"
            "<pubDate>Mon, 10 Jun 2024 08:00:00 GMT</pubDate></item>"
            "<item><title>From the future</title><link>https://example.net/f</link>"
            "<pubDate>Mon, 01 Jul 2024 08:00:00 GMT</pubDate></item>"
            "<item><title>Tomorrow is fine</title><link>https://example.net/t</link>"
            "<pubDate>Sun, 16 Jun 2024 08:00:00 GMT</pubDate></item>"
        )
    )
    assert [a.title for a in result.articles] == ["Tomorrow is fine"]
    assert result.skipped == [
        "entry 1: no text",
        "entry 2: date 2024-07-01 is in the future",
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"just some words, not a feed",
        b"<html><body><p>A web page</p></body></html>",
    ],
)
def test_what_is_not_a_feed_is_an_error_not_articles(content: bytes) -> None:
    result = _parse(content)
    assert result.error.startswith("not a feed")
    assert result.articles == []


def test_a_cut_off_feed_keeps_its_whole_entries() -> None:
    content = (
        _rss("<item><title>Whole</title><description>The first entry.</description></item>")[
            : -len("</channel></rss>")
        ]
        + b"<item><title>cut of"
    )
    result = _parse(content)
    assert result.error == ""
    assert [a.text for a in result.articles] == ["The first entry."]
    assert result.skipped == ["entry 2: no text"]


def test_an_empty_feed_is_no_error() -> None:
    result = _parse(_rss(""))
    assert (result.error, result.articles, result.skipped) == ("", [], [])
    assert result.title == "World news"


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("plain words", "plain words"),
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("line<br>break<br/>again", "line\nbreak\nagain"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<h2>Head</h2>Body", "Head\nBody"),
        ("<b>bold</b> and <a href='x'>link</a>", "bold and link"),
        ("  many \t spaces\n\n here ", "many spaces\nhere"),
        ("<script>alert(1)</script>Safe", "Safe"),
        ("<style>p {color: red}</style><p>Styled</p>", "Styled"),
        ("<div>a<svg><text>drawn</text></svg>b</div>", "ab"),
        ("<noscript>enable js</noscript>ok", "ok"),
        ("Tom &amp; Jerry &lt;3 &#8364;5 &eacute;", "Tom & Jerry <3 €5 é"),
        ("<p>unclosed <i>italic", "unclosed italic"),
        ("", ""),
        ("<p></p><div> </div>", ""),
    ],
)
def test_html_to_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text


def test_an_entry_republished_with_a_new_stamp_and_link_is_stored_once(tmp_path) -> None:
    from retrieval import Library

    from .feed_server import rss

    def poll(minutes: int, stamp: str) -> list:
        document = rss(
            [
                (
                    "Storm closes the harbor",
                    f"http://news.test/live?t={minutes}",
                    f"Updated {minutes} minutes ago&lt;br/&gt;Last updated {stamp}&lt;br/&gt;"
                    "The harbor is closed to all ships until the storm has passed.",
                ),
            ]
        )
        return parse_feed(document, "http://news.test/feed").articles

    library = Library(tmp_path / "data", seed=False)
    first = library.ingest_articles(lambda _: poll(5, "10:42 GMT"))
    again = library.ingest_articles(lambda _: poll(20, "10:57 GMT"))
    assert (first.added, again.added, again.duplicates) == (1, 0, 1)
    other = rss([("Storm closes the harbor", "http://news.test/b", "Ferries run again.")])
    assert library.ingest_articles(lambda _: parse_feed(other, "http://x/").articles).added == 1
    tomorrow = rss(  # the same words on another day: another article (a daily item)
        [("Storm closes the harbor", "http://news.test/live?t=99", "Updated 1 minute ago<br/>"
          "The harbor is closed to all ships until the storm has passed.")],
        date="Tue, 07 Nov 2023 10:00:00 GMT",
    )  # fmt: skip
    assert library.ingest_articles(lambda _: parse_feed(tomorrow, "http://x/").articles).added == 1


def test_json_feed_items_become_articles_and_other_json_is_no_feed() -> None:
    import json

    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Eastgate JSON",
        "language": "de",
        "items": [
            {
                "id": "1",
                "url": "https://eastgate.example/a?utm_source=json",
                "title": "Brücke eröffnet",
                "content_html": "<p>Die neue Hafenbrücke ist seit Montag offen.</p>",
                "date_published": "2024-06-10T08:00:00+02:00",
            },
            {
                "id": "2",
                "title": "Text only",
                "content_text": "Line one.\n\nLine two.",
                "language": "en",
            },
            "not an item",
        ],
    }
    result = _parse(json.dumps(document).encode())
    assert result.title == "Eastgate JSON" and result.skipped == ["entry 3: not an object"]
    bridge, plain = result.entries
    assert bridge.article.text == "Die neue Hafenbrücke ist seit Montag offen."
    assert bridge.article.language == "de" and bridge.published == 1717999200.0  # 06:00 UTC
    assert "url:https://eastgate.example/a" in bridge.article.also_ids
    assert (plain.article.text, plain.article.id, plain.article.date) == (
        "Line one.\nLine two.",
        "2",
        TODAY,
    )
    assert _parse(b'{"items": []}').error == "not a feed (JSON, but not a JSON Feed)"
    assert _parse(b"{broken").error == "not a feed (broken JSON)"
