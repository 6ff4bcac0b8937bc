"""Page furniture: the parts of a scraped page that are not reporting.

Photo captions and credits, gallery counters, video-player text, link lines and teasers,
newsletter promos, live-blog stamps, "Updated ..." stamps, lone bylines and datelines, score
tables and listings, bare URLs. They are decided once, at ingest, so queries pay nothing, and
they never reach answers, summaries or snippets.

The rules are data (``furniture_rules.py``: each a pattern with the reason it names); this
module applies them, and judges by shape what no wording gives away (labels, tables, bare URLs).
"""

from __future__ import annotations

import re

from ahocorasick_rs import AhoCorasick

from .furniture_languages import language_furniture_reason
from .furniture_rules import IRREGULAR_PAST, PARAGRAPH_RULES, SENTENCE_RULES, Rule

__all__ = [
    "PARAGRAPH_RULES",
    "SENTENCE_RULES",
    "Rule",
    "furniture_flags",
    "furniture_reason",
    "headline_reason",
    "paragraph_reason",
]

_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|gov|edu|io|co)(?:/\S*)?\b")
_URL_MARKS = ("http", "www.", ".com", ".org", ".net", ".gov", ".edu")
_WORD = re.compile(r"[^\W\d_]{2,}")
_DIGIT_RUN = re.compile(r"\d+")
_SEPARATORS = re.compile(r"(?:\s[|•·]\s.*){2,}")
_CLOSERS = "\"'”’)]"
_BULLETS = ("►", "•", "▶", "→", "»", "■")
# A line ending so is unfinished (a list's introduction, a cut quote) or finished (a sentence).
_OPEN_ENDINGS = (".", "!", "?", "…", ":", ";", ",", "—", "–", "-")
_HEADLINE_MAX_WORDS = 25  # longer unpunctuated lines are prose that lost its stop
_HEADLINE_PAST = re.compile(rf"\b(?:was|were|had|did|asked|added|{IRREGULAR_PAST})\b")
_LONE_MAX_WORDS = 10  # a lone byline or dateline is never longer
_LABEL_MAX_WORDS = 8  # an unpunctuated line this short is a label, heading or listing
_MIN_WORDS = 3  # what is left of a line once its URLs are out
_TABLE_DIGIT_SHARE = 0.5  # "Hawks 112, Celtics 104, 2OT" and listings
_TABLE_MAX_WORDS = 15  # a longer sentence that ends like one is reporting, however many figures


def _shape_reason(sentence: str) -> str | None:
    """Furniture told by shape rather than wording: fragments, labels, tables, bare URLs."""
    punctuated = sentence.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))
    words = sentence.count(" ") + 1  # the cheap count: split only when it matters
    if not punctuated:
        tokens = sentence.split()
        if sentence.startswith(_BULLETS) or ": " in " ".join(tokens[:_LABEL_MAX_WORDS]):
            return "headline or teaser line"  # "July 4 cancellations: Why these cities ..."
        words = len(tokens)
    if words <= _LABEL_MAX_WORDS:
        if (
            any(mark in sentence for mark in _URL_MARKS)
            and len(_WORD.findall(_URL.sub(" ", sentence))) < _MIN_WORDS
        ):
            return "bare URL"
        if not _WORD.search(sentence):
            return "numbers or symbols alone"
        if not punctuated:
            return "label, heading or listing"
    # Tables are short or unpunctuated lines; digit runs bound their numeric tokens from above.
    if (not punctuated or words <= _TABLE_MAX_WORDS) and (
        len(_DIGIT_RUN.findall(sentence)) >= _TABLE_DIGIT_SHARE * words >= 2
    ):
        tokens = sentence.split()
        numeric = sum(1 for token in tokens if _DIGIT_RUN.search(token))
        if numeric >= _TABLE_DIGIT_SHARE * len(tokens):
            return "score table or listing"
    if ("|" in sentence or "•" in sentence or "·" in sentence) and _SEPARATORS.search(sentence):
        return "listing or navigation"
    return None


def _combined(rules: tuple[Rule, ...]) -> re.Pattern[str]:
    """The rules without needles (all anchored at the start) as one pattern tried once."""
    branches = []
    for number, rule in enumerate(rules):
        flags = "i" if rule.pattern.flags & re.IGNORECASE else ""
        body = f"(?{flags}:{rule.pattern.pattern})" if flags else f"(?:{rule.pattern.pattern})"
        branches.append(f"(?P<rule{number}>{body})")
    return re.compile("|".join(branches))


_ANCHORED = tuple(rule for rule in SENTENCE_RULES if not rule.needles and not rule.lone)
_GUARDED = tuple(rule for rule in SENTENCE_RULES if rule.needles)
_LONE = tuple(rule for rule in SENTENCE_RULES if rule.lone)
_ANCHORED_PATTERN = _combined(_ANCHORED)
_LONE_PATTERN = _combined(_LONE)
_NEEDLES = tuple(sorted({n for rule in _GUARDED for n in rule.needles}))
# Every needle in one pass over a sentence (Aho-Corasick): testing each of the 43 in turn took
# a fifth of ingest. Overlapping matches, since needles overlap ("http" and "photo").
_FIND_NEEDLES = AhoCorasick(list(_NEEDLES))
_RULES_BY_NEEDLE = tuple(
    tuple(number for number, rule in enumerate(_GUARDED) if needle in rule.needles)
    for needle in _NEEDLES
)


def furniture_reason(sentence: str, language: str = "en", lowered: str | None = None) -> str | None:
    """Why a sentence is page furniture, or None when it is reporting. A sentence in another
    language is also tried against its language's furniture words (``furniture_languages``);
    the English rules apply to every language (agency credits, "Getty Images"). ``lowered``:
    ``sentence.lower()``, when the caller has it."""
    if language != "en":
        reason = language_furniture_reason(sentence, language)
        if reason is not None:
            return reason
    found = _ANCHORED_PATTERN.match(sentence)
    if found is not None and found.lastgroup is not None:
        return _ANCHORED[int(found.lastgroup.removeprefix("rule"))].reason
    if sentence.count(" ") < _LONE_MAX_WORDS:
        found = _LONE_PATTERN.match(sentence)
        if found is not None and found.lastgroup is not None:
            return _LONE[int(found.lastgroup.removeprefix("rule"))].reason
    lowered = sentence.lower() if lowered is None else lowered
    needles = _FIND_NEEDLES.find_matches_as_indexes(lowered, overlapping=True)
    if needles:
        # The rules whose needles are there, in their order: the first that matches names it.
        for number in sorted({r for needle, _, _ in needles for r in _RULES_BY_NEEDLE[needle]}):
            rule = _GUARDED[number]
            if rule.found(sentence):
                return rule.reason
    return _shape_reason(sentence)


def paragraph_reason(paragraph: str, lowered: str | None = None) -> str | None:
    """Why a whole paragraph is furniture (a gallery or video-player block), or None."""
    lowered = paragraph.lower() if lowered is None else lowered
    for rule in PARAGRAPH_RULES:
        if rule.matches(paragraph, lowered):
            return rule.reason
    return None


def furniture_flags(
    sentences: list[str], language: str = "en", paragraph: str | None = None
) -> list[bool]:
    """One verdict per sentence of a paragraph (in ``language``): True for furniture.
    ``paragraph``: ``" ".join(sentences)``, when the caller has it (indexing does)."""
    if not sentences:
        return []
    paragraph = " ".join(sentences) if paragraph is None else paragraph
    lowered = paragraph.lower()
    if paragraph_reason(paragraph, lowered) is not None:
        return [True] * len(sentences)
    if len(sentences) == 1:  # most paragraphs: the sentence is the paragraph, lowered once
        if headline_reason(paragraph) is not None:
            return [True]
        return [furniture_reason(paragraph, language, lowered) is not None]
    return [furniture_reason(sentence, language) is not None for sentence in sentences]


def headline_reason(paragraph: str) -> str | None:
    """Why a whole paragraph is a bare headline, or None. A headline is a line of its own with
    no closing stop, told in the present ("Florida bills would ban classroom instruction on
    sexual orientation, gender ideology"); a reporting line that lost its stop tells the past
    or attributes it ("..., officials said")."""
    if paragraph.rstrip(_CLOSERS).endswith(_OPEN_ENDINGS) or _HEADLINE_PAST.search(paragraph):
        return None
    if paragraph.count(" ") + 1 > _HEADLINE_MAX_WORDS:
        return None
    return "headline"
