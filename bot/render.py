"""Rendering answers: HTML for Telegram, plain text and JSON for the command line."""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from retrieval import Answer, AnswerSentence, ArticleHit

__all__ = [
    "CLOSEST_REPORTS",
    "MESSAGE_LIMIT",
    "NO_DIRECT_ANSWER",
    "answer_json",
    "escape",
    "link",
    "render_answer_html",
    "render_answer_text",
    "render_article_card",
    "render_article_description",
    "render_small_talk",
    "safe_url",
    "shorten",
    "shown_sentences",
    "source_line",
    "split_message",
    "take_fitting",
    "text_source_line",
]

MESSAGE_LIMIT = 4096  # Telegram's limit for one message's text
_SENTENCE_LIMIT = 900  # one quoted sentence never crowds out the others


def escape(text: str) -> str:
    """Escape text for Telegram's HTML parse mode (&, <, > and quotes)."""
    return html.escape(text, quote=True)


def shorten(text: str, limit: int) -> str:
    """Cut plain text to ``limit`` characters at a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"


def safe_url(url: str) -> str:
    """The url when it is an http(s) link Telegram can open, else ''."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def link(text: str, url: str) -> str:
    """An HTML link when the url is safe, else the escaped text alone."""
    target = safe_url(url)
    if not target:
        return escape(text)
    return f'<a href="{escape(target)}">{escape(text)}</a>'


def source_line(sentence: AnswerSentence) -> str:
    """The date, linked outlet and title under a quoted sentence."""
    source = sentence.source or "unknown source"
    parts = [sentence.date.isoformat(), link(source, sentence.url)]
    if sentence.title:
        parts.append(escape(shorten(sentence.title, 120)))
    return "<i>" + " · ".join(parts) + "</i>"


def take_fitting(blocks: Iterable[str], room: int, *, separator: int) -> list[str]:
    """The leading blocks whose lengths, each with its separator, stay within ``room``."""
    taken: list[str] = []
    used = 0
    for block in blocks:
        if used + separator + len(block) > room:
            break
        taken.append(block)
        used += separator + len(block)
    return taken


NO_DIRECT_ANSWER = "My collection has no direct answer to that."
CLOSEST_REPORTS = "Closest reports:"
_CLOSEST = 2  # a refused answer shows at most this many of its nearest sentences


def shown_sentences(answer: Answer) -> list[AnswerSentence]:
    """The sentences a reply shows: all of an answer, only the closest few of a refusal."""
    return answer.sentences if answer.answered else answer.sentences[:_CLOSEST]


def render_answer_html(answer: Answer, limit: int = MESSAGE_LIMIT) -> str:
    """The answer as one Telegram HTML message within ``limit`` characters."""
    notice = f"<i>{escape(answer.notice)}</i>\n\n" if answer.notice else ""
    if not answer.found:
        note = answer.note or "Nothing in the collection matches that question."
        return notice + escape(note) + "\nTry other words, a name, or a place."
    if answer.answered:
        header = notice + f"<b>{escape(shorten(answer.question, 200))}</b>"
    else:
        header = f"{notice}{escape(NO_DIRECT_ANSWER)}\n\n<b>{escape(CLOSEST_REPORTS)}</b>"
    sentences = shown_sentences(answer)
    blocks = take_fitting(
        (f"• {escape(shorten(s.text, _SENTENCE_LIMIT))}\n{source_line(s)}" for s in sentences),
        limit - len(header),
        separator=2,
    )
    if not blocks:  # a single block longer than the limit: trim its text harder
        first = sentences[0]
        room = max(limit - len(header) - 400, 100)
        blocks.append(f"• {escape(shorten(first.text, room // 6))}\n{source_line(first)}")
    return "\n\n".join([header, *blocks])


_SMALL_TALK_OPENING = {
    "greeting": "Hello!",
    "thanks": "You're welcome!",
    "ack": "I'm here.",
    "about": "I answer questions about the news from my collection of articles.",
    "topicless": "Which news? Tell me a topic.",
    "emoji": "Send me a question in words.",
}
SMALL_TALK_EXAMPLE = "Will the US sanction Turkey over the S-400?"


def render_small_talk(kind: str, *, in_group: bool = False) -> str:
    """The short reply to a greeting, thanks or "who are you?": how to ask, no news."""
    opening = _SMALL_TALK_OPENING.get(kind, "Hello!")
    example = f"/ask {SMALL_TALK_EXAMPLE}" if in_group else SMALL_TALK_EXAMPLE
    return (
        f"{escape(opening)} Ask me a question about the news, e.g. "
        f"<i>{escape(example)}</i>, or give a topic with "
        "<code>/summary</code>. <code>/help</code> tells more."
    )


def render_article_description(hit: ArticleHit, limit: int = 200) -> str:
    """The line under an inline result's title: date, outlet and the best sentence (plain)."""
    head = " · ".join(part for part in (hit.date.isoformat(), hit.source) if part)
    return shorten(f"{head} — {hit.snippet}" if hit.snippet else head, limit)


def render_article_card(hit: ArticleHit, limit: int = MESSAGE_LIMIT) -> str:
    """The message an inline result sends: linked title, date, source, best sentences."""
    title = f"<b>{link(shorten(hit.title or 'Untitled', 300), hit.url)}</b>"
    meta = "<i>" + escape(" · ".join(p for p in (hit.date.isoformat(), hit.source) if p)) + "</i>"
    head = f"{title}\n{meta}"
    lines = take_fitting(
        (f"• {escape(shorten(s, _SENTENCE_LIMIT))}" for s in hit.sentences),
        limit - len(head) - 1,
        separator=1,
    )
    return head + ("\n\n" + "\n".join(lines) if lines else "")


def text_source_line(sentence: AnswerSentence) -> str:
    """Date · link or outlet · title, for a terminal; parts an article lacks are left out."""
    parts = (sentence.date.isoformat(), sentence.url or sentence.source, sentence.title)
    return " · ".join(part for part in parts if part)


def render_answer_text(answer: Answer) -> str:
    """The answer as plain text for a terminal."""
    lines = [answer.notice] if answer.notice else []
    if not answer.found:
        lines.append(answer.note or "Nothing in the collection matches that question.")
        return "\n".join(lines)
    if not answer.answered:
        lines += [NO_DIRECT_ANSWER, CLOSEST_REPORTS]
    for number, sentence in enumerate(shown_sentences(answer), 1):
        lines.append(f"{number}. {sentence.text}")
        lines.append(f"   {text_source_line(sentence)}")
    return "\n".join(lines)


def answer_json(answer: Answer, *, with_question: bool = True, extra: dict | None = None) -> str:
    """One JSON object: {"question", "answered", "confidence", "sentences": [{"text","date",
    "title","url","source","score"}...]}, with "notice" and "note" when there is one."""
    payload: dict[str, object] = dict(extra or {})
    if with_question:
        payload["question"] = answer.question
    payload["answered"] = answer.answered
    payload["confidence"] = answer.confidence
    if answer.notice:
        payload["notice"] = answer.notice
    payload["sentences"] = [
        {
            "text": s.text,
            "date": s.date.isoformat(),
            "title": s.title,
            "url": s.url,
            "source": s.source,
            "score": s.score,
        }
        for s in answer.sentences
    ]
    if answer.note:
        payload["note"] = answer.note
    return json.dumps(payload, ensure_ascii=False)


def split_message(blocks: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join HTML blocks into as few messages as fit ``limit``; a block is never cut."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if current and len(current) + 2 + len(block) > limit:
            messages.append(current)
            current = block
        else:
            current = f"{current}\n\n{block}" if current else block
    if current:
        messages.append(current)
    return messages
