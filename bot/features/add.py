"""/add (the bot's administrators, private chat): articles from a message or a document."""

from __future__ import annotations

import logging
import re

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler, MessageHandler, filters

from retrieval import IndexBusyError, IndexError_

from ..commands import Command, Scope
from ..context import NewsApp, NewsContext
from ..downloads import DownloadError, TooLarge, download_bounded
from ..i18n import N_, Translator
from ..preferences import translator_for
from ..render import escape, ingest_report
from ..replies import reply_html
from ..workers import WRITER_WAIT

__all__ = ["ADDED_BY_ADMINS", "COMMANDS", "HELP", "register"]

log = logging.getLogger("newsbot")

COMMANDS = (
    Command(
        "add",
        N_("Add an article (seed format) or a .txt/.jsonl file"),
        frozenset({Scope.BOT_ADMINS}),
        rank=110,
    ),
)
HELP: tuple[str, ...] = ()  # for the bot's administrators, who have the README

USAGE = N_(
    "Send <code>/add</code> followed by an article in the seed format:\n"
    "<code>/add date 2024-05-01 Headline or lead sentence\n\nFirst paragraph.\n\n"
    "Second paragraph.</code>\nor a <code>.txt</code> / <code>.jsonl</code> file with "
    "<code>/add</code> as its caption."
)
ADMINS_ONLY = N_("Only the bot's administrators can add articles.")
PRIVATE_ONLY = N_("Send /add in a private chat with me.")
_COMMAND = re.compile(r"^/add(?:@\w+)?(?=\s|$)", re.IGNORECASE)
# The outlet of articles sent with /add that name none (no source, no url): the bot's own.
ADDED_BY_ADMINS = "added by admins"


async def _allowed(message: Message, context: NewsContext, t: Translator) -> bool:
    if message.chat.type != "private":
        await reply_html(message, t(PRIVATE_ONLY))
        return False
    user = message.from_user
    if user is None or user.id not in context.bot_data.settings.admins:
        await reply_html(message, t(ADMINS_ONLY))
        return False
    return True


async def _ingest(
    message: Message, context: NewsContext, t: Translator, name: str, data: bytes
) -> None:
    library = context.bot_data.library
    unpacked = context.bot_data.settings.max_unpacked_mb * 2**20
    try:
        report = await context.bot_data.workers.write(
            lambda: library.ingest_document(
                name,
                data,
                max_unpacked=unpacked,
                default_source=ADDED_BY_ADMINS,
                wait=WRITER_WAIT,
            )
        )
    except ValueError as exc:
        await reply_html(message, t("Nothing added: {reason}.").format(reason=escape(str(exc))))
        return
    except IndexBusyError:
        log.warning("adding articles: the index is busy (another writer)")
        await reply_html(
            message,
            t(
                "Nothing added: the index is busy (another process is adding articles). "
                "Send it again in a few minutes."
            ),
        )
        return
    except IndexError_ as exc:
        log.error("adding articles failed: %s", exc)
        await reply_html(message, t("Nothing added: the index cannot be written right now."))
        return
    log.info(
        "add added=%d duplicate=%d rejected=%d", report.added, report.duplicates, report.rejected
    )
    await reply_html(message, ingest_report(report, t))


async def add_text(update: Update, context: NewsContext) -> None:
    """/add followed by an article in the seed format, in the same message."""
    message = update.effective_message
    t = translator_for(update, context)
    if message is None or message.text is None or not await _allowed(message, context, t):
        return
    body = _COMMAND.sub("", message.text, count=1).strip("\n")
    if not body.strip():
        await reply_html(message, t(USAGE))
        return
    await _ingest(message, context, t, "message.txt", body.encode())


async def add_document(update: Update, context: NewsContext) -> None:
    """A .txt or .jsonl document with /add as its caption."""
    message = update.effective_message
    t = translator_for(update, context)
    if message is None or message.document is None or not await _allowed(message, context, t):
        return
    document = message.document
    settings = context.bot_data.settings
    limit = settings.max_upload_mb * 1024 * 1024
    too_large = t("Nothing added: the file is larger than {size} MB.").format(
        size=t.number(settings.max_upload_mb)
    )
    name = document.file_name or "document"
    if document.file_size is not None and document.file_size > limit:
        await reply_html(message, too_large)
        return
    try:
        file = await document.get_file()
        data = await download_bounded(file, limit, timeout=settings.request_timeout)
    except TooLarge:
        await reply_html(message, too_large)
        return
    except (TelegramError, DownloadError) as exc:
        reason = exc.message if isinstance(exc, TelegramError) else str(exc) or "error"
        await reply_html(
            message,
            t("Nothing added: could not download the file ({reason}).").format(
                reason=escape(reason)
            ),
        )
        return
    await _ingest(message, context, t, name, data)


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler("add", add_text))
    application.add_handler(
        MessageHandler(filters.Document.ALL & filters.CaptionRegex(_COMMAND), add_document)
    )
