"""The command line: ``newsbot index | ask | summary | export | stats | migrate | run``."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from retrieval import (
    Article,
    ArticleFilter,
    IndexError_,
    IngestReport,
    Library,
    article_record,
    open_backend,
)

from .render import (
    StatsJson,
    answer_json,
    render_answer_text,
    render_summary_text,
    summary_json,
    to_json,
)
from .settings import Settings
from .state import BotState, StoreError

__all__ = ["main"]


class CliError(Exception):
    """A problem to report in one line, without a traceback."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot", description="Answer questions about the news from a collection of articles."
    )
    parser.add_argument("--data-dir", type=Path, help="index and state folder (NEWSBOT_DATA_DIR)")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser(
        "index", help="add article files or folders, or feeds, sitemaps and pages by URL"
    )
    index.add_argument(
        "paths",
        nargs="+",
        help=".txt (seed format), .jsonl, .jsonl.gz, folders; or http(s) URLs of feeds "
        "(RSS, Atom, JSON Feed), sitemaps or article pages",
    )
    index.add_argument(
        "--max-pages",
        type=int,
        metavar="N",
        help="read at most N pages from the URLs' feeds and sitemaps (newest first)",
    )
    index.add_argument(
        "--commit-every",
        type=int,
        default=4000,
        metavar="N",
        help="commit every N articles: a crash loses at most that much work (default 4000)",
    )

    ask = commands.add_parser("ask", help="answer a question, as the bot would")
    ask.add_argument("question", nargs="*", help="the question")
    ask.add_argument("--as-of", type=_date, help="reference date (default: today)")
    ask.add_argument("--json", action="store_true", help="print JSON instead of text")
    ask.add_argument(
        "--batch", type=Path, help='JSON Lines of {"id","question","date"?}; - for stdin'
    )
    ask.add_argument("-n", "--sentences", type=int, default=5, help="sentences per answer")

    summary = commands.add_parser("summary", help="summarize the news on a topic, as /summary")
    summary.add_argument("topic", nargs="*", help="the topic (empty: the newest news)")
    summary.add_argument("--as-of", type=_date, help="reference date (default: today)")
    summary.add_argument("--json", action="store_true", help="print JSON instead of text")

    export = commands.add_parser("export", help="write the stored articles as JSON Lines")
    export.add_argument(
        "-o", "--output", type=Path, help="file to write (.jsonl or .jsonl.gz; default stdout)"
    )
    export.add_argument("--since", type=_date, help="only articles dated this day or later")
    export.add_argument("--source", help="only this outlet's articles (as /sources names it)")
    export.add_argument("--language", help="only articles in this language (a code: en, ru...)")

    stats = commands.add_parser("stats", help="what the index holds")
    stats.add_argument("--json", action="store_true", help="print JSON")

    migrate = commands.add_parser(
        "migrate", help="copy the local index to an OpenSearch cluster (resumable)"
    )
    migrate.add_argument("--to", choices=["opensearch"], required=True, help="the target engine")

    run = commands.add_parser("run", help="run the Telegram bot (long polling)")
    run.add_argument("--webhook", help="public https URL: run a webhook server instead of polling")
    run.add_argument(
        "--listen",
        default="127.0.0.1",
        help="webhook listen address (default 127.0.0.1: behind a TLS proxy on this host)",
    )
    run.add_argument("--port", type=int, default=8443, help="webhook port")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = Settings.env_name(str(first["loc"][0])) if first["loc"] else ""
        raise CliError(f"bad setting {where}: {first['msg']}") from None
    if args.data_dir is not None:
        settings.data_dir = args.data_dir.expanduser()
    return settings


def _open_library(settings: Settings) -> Library:
    try:
        backend = open_backend(settings.search, settings.data_dir, settings.opensearch)
        return Library(settings.data_dir, backend=backend)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except IndexError_ as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot use the data folder {settings.data_dir}: {exc.strerror}") from None


def _progress(stream: TextIO) -> tuple[Callable[[], None], Callable[[Article, bool], None] | None]:
    """A tqdm bar on a terminal (how to close it, and a tick per article), nothing otherwise."""
    if not stream.isatty():
        return lambda: None, None
    from tqdm import tqdm

    bar = tqdm(unit=" articles", file=stream, dynamic_ncols=True)

    def tick(_article: Article, _added: bool) -> None:
        bar.update(1)

    return bar.close, tick


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    library = _open_library(settings)
    urls = [p for p in args.paths if p.startswith(("http://", "https://"))]
    paths = [Path(p) for p in args.paths if p not in urls]
    status = 0
    if paths:
        status = _index_files(library, paths, args)
    if urls:
        from .crawl_cli import index_urls

        try:
            status = max(status, index_urls(library, urls, settings, max_pages=args.max_pages))
        except IndexError_ as exc:
            raise CliError(str(exc)) from None
    return status


def _index_files(library: Library, paths: list[Path], args: argparse.Namespace) -> int:
    close_bar, tick = _progress(sys.stderr)
    started = time.perf_counter()
    try:
        report: IngestReport = library.ingest(
            paths,
            on_article=tick,
            commit_every=max(1, args.commit_every),
        )
    except IndexError_ as exc:
        raise CliError(str(exc)) from None
    finally:
        close_bar()
    for rejection in report.rejections:
        print(f"rejected {rejection}", file=sys.stderr)
    print(
        f"added {report.added}, duplicate {report.duplicates}, rejected {report.rejected} "
        f"in {time.perf_counter() - started:.1f} s; set aside {report.furniture} of "
        f"{report.sentences} sentences as page furniture"
    )
    if report.languages:
        seen = ", ".join(f"{code} {n}" for code, n in report.languages.most_common())
        print(f"languages: {seen}")
    return 0


def _batch_lines(path: Path) -> Iterator[tuple[int, str]]:
    handle = sys.stdin if str(path) == "-" else path.open(encoding="utf-8", errors="replace")
    with handle:
        yield from enumerate(handle, 1)


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    library = _open_library(settings)
    if args.batch is not None:
        return _ask_batch(library, args)
    question = " ".join(args.question).strip()
    if not question:
        raise CliError('give a question, e.g. newsbot ask "Who won the World Series?"')
    answer = library.answer(question, as_of=args.as_of, max_sentences=args.sentences)
    print(answer_json(answer) if args.json else render_answer_text(answer))
    return 0 if answer.found else 1


# What a broken batch line raises; RecursionError: nested too deeply for the JSON decoder.
_BAD_RECORD = (ValueError, RecursionError, KeyError, TypeError, AttributeError)


def _ask_batch(library: Library, args: argparse.Namespace) -> int:
    if not str(args.batch) == "-" and not args.batch.exists():
        raise CliError(f"no such file: {args.batch}")
    failures = 0
    for line_no, line in _batch_lines(args.batch):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            question = str(record["question"])
            as_of = _date(record["date"]) if record.get("date") else args.as_of
        except (*_BAD_RECORD, argparse.ArgumentTypeError) as exc:
            print(f"{args.batch}:{line_no}: skipped: {exc}", file=sys.stderr)
            failures += 1
            continue
        answer = library.answer(question, as_of=as_of, max_sentences=args.sentences)
        print(answer_json(answer, with_question=False, batch_id=record.get("id")), flush=False)
    sys.stdout.flush()
    return 1 if failures else 0


def cmd_summary(args: argparse.Namespace, settings: Settings) -> int:
    library = _open_library(settings)
    summary = library.summarize(" ".join(args.topic).strip(), as_of=args.as_of)
    print(summary_json(summary) if args.json else render_summary_text(summary))
    return 0 if summary.found else 1


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from .state import SourceStatusStore
    from .stats_sources import source_json, source_line

    library = _open_library(settings)
    stats = StatsJson.of(library.stats(), str(settings.data_dir))
    store = SourceStatusStore(settings.data_dir)
    try:
        sources = store.statuses()
    finally:
        store.close()
    stats.sources = [source_json(source) for source in sources]
    if args.json:
        print(to_json(stats))
        return 0
    for key, value in stats.model_dump(mode="json", exclude={"sources"}).items():
        if isinstance(value, dict):  # languages: "en 9, ru 8"
            value = ", ".join(f"{name} {count}" for name, count in value.items())
        print(f"{key}: {value}")
    for source in sources:
        print(source_line(source))
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    library = _open_library(settings)
    request = ArticleFilter(since=args.since, source=args.source, language=args.language)
    output: Path | None = args.output
    partial = output.with_name(output.name + ".partial") if output else None
    count = 0
    try:
        with contextlib.ExitStack() as stack:
            if partial is None:
                handle: TextIO = sys.stdout
            elif partial.name.endswith(".gz.partial"):
                handle = stack.enter_context(gzip.open(partial, "wt", encoding="utf-8"))
            else:
                handle = stack.enter_context(partial.open("w", encoding="utf-8"))
            for article in library.articles(request):
                handle.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
                count += 1
        if partial is not None and output is not None:
            partial.replace(output)  # a half-written export never takes the file's name
    except IndexError_ as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror}") from None
    print(f"exported {count} articles", file=sys.stderr)
    return 0


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval import migrate_to_opensearch

    folder = settings.data_dir / "index"
    if not (folder / "meta.json").exists():
        raise CliError(f"no local index to migrate in {folder}")
    try:
        source = open_backend("tantivy", settings.data_dir)
        target = open_backend("opensearch", settings.data_dir, settings.opensearch)
        total = source.stats().articles
        copied = 0
        started = time.perf_counter()

        tty = sys.stderr.isatty()

        def progress(day: int, articles: int) -> None:
            nonlocal copied
            before, copied = copied, copied + articles
            if tty or copied // 10_000 > before // 10_000:  # a log gets a line per 10,000
                elapsed = time.perf_counter() - started
                line = f"copied {copied} of {total} articles ({elapsed:.0f} s)"
                print("\r" + line if tty else line, end="" if tty else "\n", file=sys.stderr)

        checkpoint = settings.data_dir / f"migrate-{settings.opensearch_prefix}.json"
        report = migrate_to_opensearch(source, target, checkpoint, on_day=progress)
    except (ValueError, IndexError_) as exc:
        raise CliError(str(exc)) from None
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if report.resumed_after:
        print(f"resumed after articles added by {_minute(report.resumed_after)}")
    added = ""
    if report.first_added and report.last_added:
        added = f" added {_minute(report.first_added)} to {_minute(report.last_added)}"
    print(
        f"copied {report.articles} articles ({report.passages} passages){added}; "
        f"local {report.source.articles} articles, cluster {report.target.articles}"
    )
    return 0 if report.target.articles >= report.source.articles else 1


def _minute(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    # Only here: the other commands start without loading python-telegram-bot.
    from telegram.error import InvalidToken, TelegramError

    from .runner import run_bot

    try:
        settings.token()
        if args.webhook:
            settings.secret()
            if not args.webhook.startswith("https://"):
                raise ValueError("the webhook URL must start with https:// (Telegram requires it)")
    except ValueError as exc:
        raise CliError(str(exc)) from None
    library = _open_library(settings)
    try:
        state = BotState(settings.data_dir)
    except StoreError as exc:
        raise CliError(str(exc)) from None
    try:
        run_bot(settings, library, state, webhook=args.webhook, listen=args.listen, port=args.port)
    except InvalidToken:  # its message quotes the token: never print it
        raise CliError(
            "Telegram refused the token: check TELEGRAM_BOT_TOKEN (from @BotFather)"
        ) from None
    except TelegramError as exc:
        raise CliError(f"cannot talk to Telegram at {settings.telegram_api_url}: {exc}") from None
    except OSError as exc:  # e.g. the webhook port is taken
        raise CliError(f"cannot start: {exc.strerror or exc}") from None
    return 0


COMMANDS = {
    "index": cmd_index,
    "ask": cmd_ask,
    "summary": cmd_summary,
    "export": cmd_export,
    "stats": cmd_stats,
    "migrate": cmd_migrate,
    "run": cmd_run,
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings: Settings | None = None
    try:
        settings = _settings(args)
        return COMMANDS[args.command](args, settings)
    except CliError as exc:
        print(f"newsbot: {_redacted(str(exc), settings)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsbot: interrupted; the index keeps everything committed so far", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say it in one line, never with the token in it
        print(f"newsbot: unexpected {type(exc).__name__}: {_redacted(str(exc), settings)}",
              file=sys.stderr)  # fmt: skip
        if settings is not None and settings.log_level.upper() == "DEBUG":
            trace = "".join(traceback.format_exception(exc))
            print(_redacted(trace, settings), file=sys.stderr)
        return 1


def _redacted(text: str, settings: Settings | None) -> str:
    token = settings.telegram_bot_token if settings is not None else None
    secret = token.get_secret_value().strip() if token is not None else ""
    return text.replace(secret, "[token]") if secret else text


if __name__ == "__main__":
    sys.exit(main())
