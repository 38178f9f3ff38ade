"""`cdrp-archive import URL --committee NAME|ID`: fetch a committee's papers from its council's
ModernGov site, keep them in the archive home, and ingest them; without --committee, list the
site's committees."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from cdrp_archive.archive.lock import writer_lock
from cdrp_archive.cli.context import err, fail, open_store, out, state, warn


def _day(value: str | None, option: str, default: date) -> date:
    if not value:
        return default
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise fail(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None


def import_(
    ctx: typer.Context,
    url: Annotated[
        str, typer.Argument(help="The site's base URL, e.g. https://democracy.example.gov.uk")
    ],
    committee: Annotated[
        str | None,
        typer.Option("--committee", "-c", help="Committee id or title (any words of it)."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First meeting date, YYYY-MM-DD.")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last meeting date, YYYY-MM-DD.")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be fetched; fetch nothing.")
    ] = False,
    delay: Annotated[
        float, typer.Option("--delay", min=0, help="Seconds between requests to the site.")
    ] = 1.0,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for an answer.")
    ] = 30.0,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Import a committee's papers from a ModernGov site and keep the archive current.

    Without --committee, lists the site's committees. A second run fetches only what is new.
    A fault (a bot check, a dead host, a broken download) gets one line naming the URL; the
    rest goes on; the exit code is 1.

    Example: cdrp-archive import https://democracy.example.gov.uk --committee "community safety"
    """
    from cdrp_archive.extract.sources import importer
    from cdrp_archive.extract.sources.http import Client

    client = Client(delay=delay, timeout=timeout)
    home = state(ctx).home
    if committee is None:
        _list_committees(url, client, as_json)
        return
    first = _day(start, "--from", date(2000, 1, 1))
    last = _day(end, "--to", date(date.today().year + 2, 12, 31))
    if first > last:
        raise fail(f"--from {first} is after --to {last}")
    with (
        writer_lock(
            home,
            on_wait=lambda: err.print("another ingest is running; waiting…"),
            on_note=lambda line: err.print(f"note: {line}"),
        ),
        open_store(ctx, must_exist=False) as store,
        _progress() as bar,
    ):
        store.begin_writing()
        task = bar.add_task("meetings", total=None)

        def ingest_files(files: list[Path]) -> tuple[int, list[tuple[str, str]]]:
            from cdrp_archive.extract.ingest import ingest

            bar.update(task, description=f"reading {len(files)} papers")
            result = ingest(store, files, jobs=1)
            return result.records, result.failed

        summary = importer.run(
            store,
            home,
            url,
            committee,
            first,
            last,
            client,
            ingest_files,
            dry_run=dry_run,
            note=lambda line: err.print(f"note: {line}"),
            on_meetings=lambda n: bar.update(task, total=n),
            on_meeting=lambda d: bar.update(task, advance=1, description=f"meeting {d}"),
        )
        if summary.fetched and not dry_run:
            from cdrp_archive.cli.indexing import sync_index

            sync_index(store, home)
        store.end_writing()
    for where, reason in summary.failed + summary.ingest_failed:
        warn(f"{where}: {reason}")
    if dry_run:
        _print_plan(summary, as_json)
    err.print(
        f"{summary.committee} ({summary.way}): {summary.meetings} meetings"
        + (f" ({summary.cancelled} cancelled)" if summary.cancelled else "")
        + (f", {summary.complete_before} already complete" if summary.complete_before else "")
        + f"; documents {'to fetch' if dry_run else 'fetched'} "
        f"{len(summary.planned) if dry_run else len(summary.fetched)}, "
        f"unchanged {summary.unchanged}, restricted (not fetched) {summary.restricted}, "
        f"failed {len(summary.failed) + len(summary.ingest_failed)}"
        + (f"; {summary.records} records written" if not dry_run else "")
        + f"; papers in {home / 'papers'}"
    )
    if not summary.ok:
        raise typer.Exit(1)


def _list_committees(url: str, client: object, as_json: bool) -> None:
    from cdrp_archive.extract.sources import importer

    site = importer.Site(url, client, note=lambda line: err.print(f"note: {line}"))  # type: ignore[arg-type]
    committees = site.committees()
    if as_json:
        for c in committees:
            sys.stdout.write(json.dumps(c.__dict__, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(committees)} committees at {site.base}")
    table.add_column("id", no_wrap=True)
    table.add_column("committee")
    table.add_column("expired", no_wrap=True)
    for c in committees:
        table.add_row(c.id, c.title, "expired" if c.expired or c.deleted else "")
    out.print(table)
    err.print("import one with: cdrp-archive import URL --committee ID")


def _print_plan(summary: object, as_json: bool) -> None:
    planned = summary.planned  # type: ignore[attr-defined]
    if as_json:
        for p in planned:
            sys.stdout.write(
                json.dumps(
                    {
                        "url": p.paper.url,
                        "title": p.paper.title,
                        "kind": p.paper.kind,
                        "meeting_date": p.meeting.date.isoformat(),
                        "item": p.paper.item,
                        "path": str(p.dest),
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
        return
    table = Table(title=f"{len(planned)} papers to fetch")
    table.add_column("meeting", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("paper")
    for p in planned:
        table.add_row(p.meeting.date.isoformat(), p.paper.kind, p.paper.title)
    out.print(table)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]import"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
