"""retrieval's notes and notices ("Nothing in the collection matches that question.", "My news
ends on 18 Dec 2023.") in the user's language.

retrieval speaks English and knows nothing of languages of the bot; its few fixed sentences
are listed here for the catalogs, and the two dated notices are read back into their date so
that the date is written the way the user's language writes it. A sentence not listed here
(a new one in retrieval) is shown as it is, in English: never lost, never wrong.
"""

from __future__ import annotations

import datetime as dt
import re

from ..i18n import DEFAULT_LANGUAGE, N_, Translator

__all__ = ["translate_note"]

# Every fixed note retrieval gives an Answer or a Summary (tests/test_bidi_dates.py checks
# them against retrieval).
RETRIEVAL_NOTES = (
    N_("There is nothing to search for in that question."),
    N_("The collection has no direct answer to that question."),
    N_("Nothing in the collection matches that question."),
    N_("Nothing in the collection matches that topic."),
    N_("No new articles."),
    N_("The collection is empty."),
)
_DATED = {
    "I have no news after": N_("I have no news after {date}."),
    "My news ends on": N_("My news ends on {date}."),
}
_DATED_NOTE = re.compile(
    r"^(I have no news after|My news ends on) (\d{1,2} [A-Z][a-z]{2} \d{4})\.$"
)


def translate_note(note: str, t: Translator) -> str:
    """A note of retrieval in ``t``'s language (English notes stay exactly as they are)."""
    if t.language == DEFAULT_LANGUAGE or not note:
        return note
    dated = _DATED_NOTE.match(note)
    if dated is not None:
        try:
            day = dt.datetime.strptime(dated.group(2), "%d %b %Y").date()
        except ValueError:
            return note
        return t(_DATED[dated.group(1)]).format(date=t.date(day))
    return t(note)
