"""Answers and article cards: HTML for Telegram, plain text and JSON for the command line."""

from __future__ import annotations

import json

from retrieval import Answer, AnswerSentence, ArticleHit

from ..i18n import ENGLISH, Translator
from .bidi import isolate
from .html import MESSAGE_LIMIT, attribution, escape, link, shorten, take_fitting

__all__ = [
    "CLOSEST_REPORTS",
    "NO_DIRECT_ANSWER",
    "answer_json",
    "render_answer_html",
    "render_answer_text",
    "render_article_card",
    "render_article_description",
    "render_small_talk",
    "shown_sentences",
    "source_line",
    "text_source_line",
]

_SENTENCE_LIMIT = 900  # one quoted sentence never crowds out the others
NO_DIRECT_ANSWER = "My collection has no direct answer to that."
CLOSEST_REPORTS = "Closest reports:"
_CLOSEST = 2  # a refused answer shows at most this many of its nearest sentences


def shown_sentences(answer: Answer) -> list[AnswerSentence]:
    """The sentences a reply shows: all of an answer, only the closest few of a refusal."""
    return answer.sentences if answer.answered else answer.sentences[:_CLOSEST]


def source_line(sentence: AnswerSentence) -> str:
    """The date, linked outlet and title under a quoted sentence."""
    title = shorten(sentence.title, 120) if sentence.title else ""
    return attribution(
        sentence.date, sentence.source or "unknown source", title=title, url=sentence.url
    )


def text_source_line(sentence: AnswerSentence) -> str:
    """Date · link or outlet · title, for a terminal; parts an article lacks are left out."""
    return attribution(
        sentence.date, sentence.source, title=sentence.title, url=sentence.url, html=False
    )


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
    head = attribution(hit.date, hit.source, html=False)
    return shorten(f"{head} — {hit.snippet}" if hit.snippet else head, limit)


def render_article_card(
    hit: ArticleHit, limit: int = MESSAGE_LIMIT, *, t: Translator = ENGLISH
) -> str:
    """The message an inline result sends: linked title, date, source, best sentences."""
    title = f"<b>{link(isolate(shorten(hit.title or t('Untitled'), 300)), hit.url)}</b>"
    meta = attribution(hit.date, hit.source, t=t)
    head = f"{title}\n{meta}"
    lines = take_fitting(
        (f"• {escape(isolate(shorten(s, _SENTENCE_LIMIT)))}" for s in hit.sentences),
        limit - len(head) - 1,
        separator=1,
    )
    return head + ("\n\n" + "\n".join(lines) if lines else "")


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
