"""Right-to-left text inside our left-to-right HTML: quoted sentences and titles in Arabic,
Hebrew or Persian are wrapped in Unicode isolates so that the bullets, dates, outlets and
links around them keep their order and place.

Without isolation the Unicode bidi algorithm lets an Arabic sentence pull its neighbours into
its run: "• <Arabic> 2019-07-01 · bbc.com" shows the date and the outlet on the wrong side, and
a line starting with Arabic turns the whole paragraph right-to-left. FIRST STRONG ISOLATE
(U+2068) ... POP DIRECTIONAL ISOLATE (U+2069) lays out the inside by its own first strong letter
and counts as one neutral character outside (Unicode 6.3; Telegram's clients support it).
"""

from __future__ import annotations

import re

__all__ = ["FSI", "PDI", "has_rtl", "isolate"]

FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE

# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan,
# Mandaic, Arabic presentation forms, and the RTL blocks of the supplementary planes).
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_ISOLATES = re.compile("[\u2066-\u2069]")


def has_rtl(text: str) -> bool:
    """True when the text holds a letter of a right-to-left script."""
    return _RTL.search(text) is not None


def isolate(text: str) -> str:
    """The text as one isolated run when it holds right-to-left letters, else unchanged.

    Isolate marks already in the text are removed first: an unmatched one from an article
    would otherwise swallow our own closing mark and everything after it. Works on plain and
    on escaped HTML text alike (the marks are not HTML-special)."""
    if not has_rtl(text):
        return text
    return FSI + _ISOLATES.sub("", text) + PDI
