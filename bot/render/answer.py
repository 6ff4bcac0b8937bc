"""Answers and article cards: HTML for Telegram, plain text for the command line."""

from __future__ import annotations

from retrieval import Answer, AnswerSentence, ArticleHit, Period, language_name

from ..i18n import ENGLISH, N_, Translator
from .bidi import isolate
from .html import (
    MESSAGE_LIMIT,
    article_attribution,
    article_block,
    attribution,
    by_article,
    escape,
    link,
    shorten,
    take_fitting,
)
from .notes import note_text

__all__ = [
    "CLOSEST_REPORTS",
    "LANGUAGE_MISSING",
    "NOT_SURE",
    "NO_DIRECT_ANSWER",
    "OTHER_LANGUAGES",
    "asked_line",
    "render_answer_html",
    "render_answer_text",
    "render_article_card",
    "render_article_description",
    "render_more_html",
    "render_small_talk",
    "render_sources_html",
    "shown_sentences",
    "source_line",
    "text_source_line",
]

_SENTENCE_LIMIT = 900  # one quoted sentence never crowds out the others
_TITLE_LIMIT = 200
_ASKED_LIMIT = 120  # the question above an answer stays one line on a phone
NO_DIRECT_ANSWER = N_("My collection has no direct answer to that.")
# A refusal whose closest reports state a fact of the kind asked for: the reader sees a name
# or a figure, so the reply says it is unsure, not that there is no answer.
NOT_SURE = N_("I'm not sure these reports answer it.")
CLOSEST_REPORTS = N_("Closest reports:")
NOTHING_MATCHES = N_("Nothing in the collection matches that question.")
# Time words prefer: nothing from the period a question names answered, so the sentences come
# from the closest dates (``Answer.outside_period``), and the reply says so first.
_OUTSIDE_PERIOD = {
    Period.DAY: N_("Nothing from that day; the closest reports:"),
    Period.WEEK: N_("Nothing from that week; the closest reports:"),
    Period.MONTH: N_("Nothing from that month; the closest reports:"),
    Period.YEAR: N_("Nothing from that year; the closest reports:"),
    Period.PERIOD: N_("Nothing from that period; the closest reports:"),
}
_CLOSEST = 2  # a refused answer shows at most this many of its nearest sentences
SOURCES = N_("Sources")
# Said in the question's language when nothing in that language answers it (retrieval's
# ``Answer.language_missing``); what other languages hold follows, each sentence labelled.
LANGUAGE_MISSING = N_("My collection has nothing in your language that answers this.")
OTHER_LANGUAGES = N_("Reports in other languages:")
# Under reports offered in English: the question asked in English searches them directly.
ASK_IN_ENGLISH = N_("Ask in English to search these reports directly.")
# Further sentences fold away: the answer stays one glance, the rest one tap away.
_QUOTE_OPEN = "<blockquote expandable>"
_QUOTE_CLOSE = "</blockquote>"


def _outside_period_line(answer: Answer, t: Translator = ENGLISH) -> str:
    """ "Nothing from that week; the closest reports:" when the sentences come from beyond the
    period the question names, else ""."""
    return t(_OUTSIDE_PERIOD[answer.outside_period]) if answer.outside_period else ""


def shown_sentences(answer: Answer) -> list[AnswerSentence]:
    """The sentences a reply shows: all of an answer, only the closest few of a refusal."""
    return answer.sentences if answer.answered else answer.sentences[:_CLOSEST]


def source_line(sentence: AnswerSentence, t: Translator = ENGLISH) -> str:
    """The date, linked outlet and title under a quoted sentence."""
    title = shorten(sentence.title, 120) if sentence.title else ""
    source = sentence.source or t("unknown source")
    return attribution(sentence.date, source, title=title, url=sentence.url, t=t)


def text_source_line(sentence: AnswerSentence) -> str:
    """Date · link or outlet · title, for a terminal; parts an article lacks are left out."""
    return attribution(
        sentence.date, sentence.source, title=sentence.title, url=sentence.url, html=False
    )


def _group_html(
    group: list[AnswerSentence], room: int, *, bullet: str = "", t: Translator = ENGLISH
) -> str:
    """One article's sentences that fit ``room``, then its attribution; at least its first
    sentence, cut harder when even that one is too long."""
    block = article_block(group, sentence_limit=_SENTENCE_LIMIT, bullet=bullet, t=t)
    taken = len(group)
    while len(block) > room and taken > 1:
        taken -= 1
        block = article_block(group[:taken], sentence_limit=_SENTENCE_LIMIT, bullet=bullet, t=t)
    if len(block) > room:  # escaping may grow a character six times: cut to a sixth of the room
        cut = max((room - len(article_attribution(group[0], t))) // 6, 20)
        block = article_block(group[:1], sentence_limit=cut, bullet=bullet, t=t)
    return block


def _groups_html(
    groups: list[list[AnswerSentence]], room: int, *, bullet: str = "", t: Translator = ENGLISH
) -> list[str]:
    """Whole article groups, in order, while they fit ``room`` (two newlines between)."""
    return take_fitting(
        (article_block(g, sentence_limit=_SENTENCE_LIMIT, bullet=bullet, t=t) for g in groups),
        room,
        separator=2,
    )


def _title_line(sentence: AnswerSentence, t: Translator) -> str:
    """The lead article's title, bold, on the line above its sentences: the answer is often
    its subject ("the country", "he" in the sentence itself)."""
    if not sentence.title.strip():
        return ""
    return f"<b>{escape(isolate(shorten(sentence.title, _TITLE_LIMIT)))}</b>\n"


def _offered_in_english(answer: Answer) -> bool:
    """Reports offered from other languages, all English (the question was not)."""
    return answer.found and all(s.language == "en" for s in answer.sentences)


def _labelled(sentence: AnswerSentence) -> str:
    """A sentence offered in another language than the question's, with that language."""
    return f"[{language_name(sentence.language)}] {sentence.text}"


def render_answer_html(
    answer: Answer, limit: int = MESSAGE_LIMIT, *, t: Translator = ENGLISH
) -> str:
    """The answer as one Telegram HTML message within ``limit`` characters.

    The best sentence comes first, as the answer, with the other sentences of its article and
    one attribution line (date, outlet linked to the article); the other articles' sentences
    follow in an expandable quote, one attribution per article. The question is not repeated.
    A refusal says so and lists at most two closest reports, not as an answer. Nothing in the
    question's language (``language_missing``): it says so (``t``: in the question's language)
    and lists what other languages hold, each sentence labelled with its language. Our words
    (and retrieval's notes) in ``t``'s language; quoted sentences as written.
    """
    notice = f"<i>{escape(note_text(answer.notice, t))}</i>\n\n" if answer.notice else ""
    if answer.language_missing:
        header = notice + escape(t(LANGUAGE_MISSING))
        if not answer.found:
            return header
        if _offered_in_english(answer):
            header += "\n" + escape(t(ASK_IN_ENGLISH))
        header += f"\n\n<b>{escape(t(OTHER_LANGUAGES))}</b>"
        labelled = [s.model_copy(update={"text": _labelled(s)}) for s in answer.sentences]
        blocks = _groups_html(by_article(labelled), limit - len(header) - 2, bullet="• ", t=t)
        return "\n\n".join([header, *blocks])
    if not answer.found:
        note = note_text(answer.note, t) or t(NOTHING_MATCHES)
        return notice + escape(note) + "\n" + escape(t("Try other words, a name, or a place."))
    outside = _outside_period_line(answer, t)
    if not answer.answered:
        opening = t(NOT_SURE) if answer.closest_state_fact else t(NO_DIRECT_ANSWER)
        closest = outside or t(CLOSEST_REPORTS)
        header = f"{notice}{escape(opening)}\n\n<b>{escape(closest)}</b>"
        groups = by_article(shown_sentences(answer))
        blocks = _groups_html(groups, limit - len(header) - 2, bullet="• ", t=t)
        if not blocks:
            blocks = [_group_html(groups[0], limit - len(header) - 2, bullet="• ", t=t)]
        return "\n\n".join([header, *blocks])
    if outside:
        notice += f"<i>{escape(outside)}</i>\n\n"
    first, *others = by_article(answer.sentences)
    title = _title_line(first[0], t)
    text = notice + title + _group_html(first, limit - len(notice) - len(title), t=t)
    room = limit - len(text) - 2 - len(_QUOTE_OPEN) - len(_QUOTE_CLOSE)
    rest = _groups_html(others, room, t=t)
    if rest:
        text += "\n\n" + _QUOTE_OPEN + "\n\n".join(rest) + _QUOTE_CLOSE
    return text


def render_more_html(
    answer: Answer, start: int, limit: int = MESSAGE_LIMIT, *, t: Translator = ENGLISH
) -> str:
    """The sentences of an answer from ``start`` on (the "More" button), grouped by article with
    one attribution each; "" when there are none."""
    groups = by_article(answer.sentences[start:])
    if not groups:
        return ""
    blocks = _groups_html(groups, limit, t=t)
    return "\n\n".join(blocks) if blocks else _group_html(groups[0], limit, t=t)


def render_sources_html(
    answer: Answer, limit: int = MESSAGE_LIMIT, *, t: Translator = ENGLISH
) -> str:
    """The articles an answer quotes (the "Sources" button): each its title linked to it (the
    one link of its line: the outlet beside the date is not linked again), date and outlet."""
    lines = []
    for group in by_article(shown_sentences(answer)):
        first = group[0]
        title = isolate(shorten(first.title or first.source or t("Untitled"), 200))
        source = first.source or t("unknown source")
        lines.append(f"• {link(title, first.url)}\n{attribution(first.date, source, t=t)}")
    header = f"<b>{escape(t(SOURCES))}</b>"
    return "\n".join([header, *take_fitting(lines, limit - len(header), separator=1)])


_SMALL_TALK_OPENING = {
    "greeting": N_("Hello!"),
    "thanks": N_("You're welcome!"),
    "ack": N_("I'm here."),
    "about": N_("I answer questions about the news from my collection of articles."),
    "topicless": N_("Which news? Tell me a topic."),
    "emoji": N_("Send me a question in words."),
}


def render_small_talk(
    kind: str, example: str | None = None, *, in_group: bool = False, t: Translator = ENGLISH
) -> str:
    """The short reply to a greeting, thanks or "who are you?": how to ask, no news, with
    /start's checked example question when there is one."""
    opening = escape(t(_SMALL_TALK_OPENING.get(kind, "Hello!")))
    if example is None:
        return t(
            "{opening} Ask me a question about the news, or give a topic with "
            "<code>/summary</code>. <code>/help</code> tells more."
        ).format(opening=opening)
    shown = f"/ask {example}" if in_group else example
    return t(
        "{opening} Ask me a question about the news, e.g. <i>{example}</i>, or give a topic "
        "with <code>/summary</code>. <code>/help</code> tells more."
    ).format(opening=opening, example=escape(shown))


def asked_line(question: str) -> str:
    """The question an answer answers, as one quoted line above it: for a question the
    asker did not type in the chat (a link's, a button's), so the answer says what it is."""
    line = escape(isolate(shorten(" ".join(question.split()), _ASKED_LIMIT)))
    return f"<blockquote>{line}</blockquote>\n"


def render_article_description(hit: ArticleHit, limit: int = 200) -> str:
    """The line under an inline result's title: date, outlet and the best sentence (plain);
    an article found in another language than the query's opens with that language."""
    head = attribution(hit.date, hit.source, html=False)
    if hit.other_language:  # found by carrying the query into another language: labelled
        head = f"[{language_name(hit.language)}] {head}"
    return shorten(f"{head} — {hit.snippet}" if hit.snippet else head, limit)


def render_article_card(
    hit: ArticleHit, limit: int = MESSAGE_LIMIT, *, t: Translator = ENGLISH
) -> str:
    """The message an inline result sends: linked title, date, source, best sentences."""
    untitled = t("Untitled")
    title = f"<b>{link(isolate(shorten(hit.title or untitled, 300)), hit.url)}</b>"
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
    lines = [note_text(answer.notice)] if answer.notice else []
    if answer.language_missing:
        lines.append(LANGUAGE_MISSING)
        if _offered_in_english(answer):
            lines.append(ASK_IN_ENGLISH)
        if answer.found:
            lines.append(OTHER_LANGUAGES)
        for number, sentence in enumerate(answer.sentences, 1):
            lines.append(f"{number}. {_labelled(sentence)}")
            lines.append(f"   {text_source_line(sentence)}")
        return "\n".join(lines)
    if not answer.found:
        lines.append(note_text(answer.note) or NOTHING_MATCHES)
        return "\n".join(lines)
    outside = _outside_period_line(answer)
    if not answer.answered:
        lines += [
            NOT_SURE if answer.closest_state_fact else NO_DIRECT_ANSWER,
            outside or CLOSEST_REPORTS,
        ]
    elif outside:
        lines.append(outside)
    for number, sentence in enumerate(shown_sentences(answer), 1):
        lines.append(f"{number}. {sentence.text}")
        lines.append(f"   {text_source_line(sentence)}")
    return "\n".join(lines)
