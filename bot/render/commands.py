"""What the commands answer, beyond a fixed phrase: /settings, /add's report, /digest, /tldr,
/forget, the hint for a command the bot does not know, a summary's title and an empty inline
lookup. (A phrase said as it is stays beside its handler, an ``N_`` constant or ``t("...")``;
whatever composes a message from facts is built here.)"""

from __future__ import annotations

from retrieval import IngestReport

from ..i18n import ENGLISH, LANGUAGES, N_, Translator
from ..state import ChatPreferences
from .html import escape, shorten

__all__ = [
    "DID_YOU_MEAN",
    "DID_YOU_MEAN_TYPED",
    "MAX_REJECTIONS_SHOWN",
    "UNKNOWN_COMMAND",
    "digest_not_running",
    "digest_set_text",
    "digest_text",
    "forgotten_text",
    "ingest_report",
    "nothing_found_text",
    "settings_text",
    "summary_title",
    "tldr_off_text",
    "tldr_on_text",
    "unknown_command_text",
]

MAX_REJECTIONS_SHOWN = 10
UNKNOWN_COMMAND = N_("I don't know the command {command}. /help lists what I can do.")
DID_YOU_MEAN = N_("I don't know {command}. Did you mean {suggestion}?")
DID_YOU_MEAN_TYPED = N_("I don't know {command}. Did you mean <code>{corrected}</code>?")


def settings_text(preferences: ChatPreferences, *, in_group: bool) -> str:
    """The /settings message: what applies here now."""
    t = preferences.t
    title = t("Settings of this group") if in_group else t("Your settings")
    buttons = t("shown") if preferences.buttons else t("hidden")
    return "\n".join(
        [
            f"<b>{title}</b>",
            t("Language: {language}").format(language=LANGUAGES[preferences.language]),
            t("Sentences per answer: {count}").format(count=t.number(preferences.sentences)),
            t("Buttons under answers: {state}").format(state=buttons),
            "",
            t("Tap a button to change a setting."),
        ]
    )


def ingest_report(report: IngestReport, t: Translator = ENGLISH) -> str:
    """/add's report: added / duplicate / rejected, with each rejection's place and reason
    (the first ``MAX_REJECTIONS_SHOWN``)."""
    lines = [
        t("Added {added}, duplicate {duplicates}, rejected {rejected}.").format(
            added=t.number(report.added),
            duplicates=t.number(report.duplicates),
            rejected=t.number(report.rejected),
        )
    ]
    if report.furniture:
        lines.append(
            t.ngettext(
                "Set aside {furniture} of {sentences} sentence as page furniture "
                "(captions, link lines, promos, stamps).",
                "Set aside {furniture} of {sentences} sentences as page furniture "
                "(captions, link lines, promos, stamps).",
                report.sentences,
            ).format(furniture=t.number(report.furniture), sentences=t.number(report.sentences))
        )
    for rejection in report.rejections[:MAX_REJECTIONS_SHOWN]:
        reason = escape(shorten(rejection.reason, 200))
        lines.append(
            "• " + t("line {line}: {reason}").format(line=t.number(rejection.line), reason=reason)
        )
    if report.rejected > MAX_REJECTIONS_SHOWN:
        more = report.rejected - MAX_REJECTIONS_SHOWN
        lines.append(
            t.ngettext(
                "… and {count} more rejection.", "… and {count} more rejections.", more
            ).format(count=t.number(more))
        )
    return "\n".join(lines)


def unknown_command_text(
    typed: str, suggestion: str | None, corrected: str | None, t: Translator = ENGLISH
) -> str:
    """The hint for an unknown ``/typed``: the nearest command (``suggestion``, offered as a
    button), or the whole corrected command to copy when it is too long for a button."""
    shown = escape(shorten(f"/{typed}", 40))  # a pasted wall after "/" stays a short hint
    if suggestion is None:
        return t(UNKNOWN_COMMAND).format(command=shown)
    if corrected is not None:
        return t(DID_YOU_MEAN_TYPED).format(
            command=shown, corrected=escape(shorten(corrected, 800))
        )
    return t(DID_YOU_MEAN).format(command=shown, suggestion=escape(f"/{suggestion}"))


def summary_title(topic: str, t: Translator = ENGLISH) -> str:
    """A topic summary's header; "" without a topic (the newest news: the renderer heads it
    with the period it covers)."""
    return t("Summary: {topic}").format(topic=topic) if topic else ""


def nothing_found_text(query: str, t: Translator = ENGLISH) -> str:
    """What the single "Nothing found" inline result sends."""
    if not query:
        return escape(t("No news yet."))
    return escape(t("No news found for “{query}”.").format(query=shorten(query, 100)))


def digest_text(at: str, zone: str, t: Translator = ENGLISH) -> str:
    """/digest: the chat's subscription."""
    return t("Daily digest at <b>{time}</b> ({zone}).").format(time=escape(at), zone=escape(zone))


def digest_set_text(at: str, zone: str, t: Translator = ENGLISH) -> str:
    """/digest HH:MM: what was set."""
    return t(
        "Daily digest at <b>{time}</b> ({zone}): a summary of the articles added since "
        "the last one. No new articles, no message."
    ).format(time=escape(at), zone=escape(zone))


def digest_not_running(problem: str, t: Translator = ENGLISH) -> str:
    """A stored subscription that could not be scheduled, and how to fix it."""
    return t(
        "The daily digest here is not running: {problem}. Set it again, e.g. "
        "<code>/digest 08:00 Europe/Berlin</code>, or stop it with <code>/digest off</code>."
    ).format(problem=escape(problem))


def tldr_on_text(hours: int, t: Translator = ENGLISH) -> str:
    """/tldr on: what is stored from now on, for how long, and how to delete it."""
    return t.ngettext(
        "From now on I store the text of this group's messages (sender's first name, time, "
        "topic; no media) for {hours} hour, for <code>/tldr</code>. "
        "<code>/forget</code> deletes them at once, <code>/tldr off</code> stops. I need privacy "
        "mode off (@BotFather /setprivacy) or admin rights to see messages.",
        "From now on I store the text of this group's messages (sender's first name, time, "
        "topic; no media) for {hours} hours, for <code>/tldr</code>. "
        "<code>/forget</code> deletes them at once, <code>/tldr off</code> stops. I need privacy "
        "mode off (@BotFather /setprivacy) or admin rights to see messages.",
        hours,
    ).format(hours=t.number(hours))


def tldr_off_text(deleted: int, t: Translator = ENGLISH) -> str:
    """/tldr off: storing stopped, and how many messages were deleted."""
    return t.ngettext(
        "Stopped storing messages; deleted {count} message.",
        "Stopped storing messages; deleted {count} messages.",
        deleted,
    ).format(count=t.number(deleted))


def forgotten_text(deleted: int, t: Translator = ENGLISH) -> str:
    """/forget: how many stored messages were deleted."""
    return t.ngettext(
        "Deleted {count} stored message of this chat.",
        "Deleted {count} stored messages of this chat.",
        deleted,
    ).format(count=t.number(deleted))
