"""`cdrp-archive search QUERY`: ranked, highlighted hits with document, date and page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from cdrp_archive.archive.analysis.facts import source_label
from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.models import RECORD_TYPES, Record
from cdrp_archive.archive.values import parse_date
from cdrp_archive.cli.context import (
    err,
    fail,
    open_store,
    out,
    print_json_lines,
    state,
    year_option,
)

if TYPE_CHECKING:
    from cdrp_archive.index import Hit


def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help='Words, "a phrase", AND/OR/NOT, field:value '
            "(ref:, status:, owner:, priority:, fund:, type:)."
        ),
    ],
    type: Annotated[
        list[str] | None,
        typer.Option(
            "--type", "-t", help=f"Record type ({', '.join(RECORD_TYPES)}); repeat for several."
        ),
    ] = None,
    year: Annotated[
        str | None, typer.Option("--year", "-y", help="Financial year, e.g. 2009-10.")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="On or after this date (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="On or before this date (YYYY-MM-DD).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Most hits to show.")] = 20,
    sort: Annotated[str, typer.Option("--sort", help="relevance or date.")] = "relevance",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per hit.")] = False,
) -> None:
    """Search every record of the archive.

    Misspelt or split words are corrected when nothing matches as typed.

    Example: cdrp-archive search Homeshield --year 2009-10
    """
    from cdrp_archive.cli.indexing import refresh_index  # Whoosh: only when searching
    from cdrp_archive.index import SearchIndex

    types, fy, start, end = _filters(type or [], year, date_from, date_to, sort)
    home = state(ctx).home
    with open_store(ctx) as store:
        refresh_index(store, home)
        try:
            result = SearchIndex(home).search(query, types, fy, start, end, limit, sort)
        except ArchiveError as exc:
            raise fail(str(exc)) from None
        records = {r.id: r for r in store.records(ids=[h.id for h in result.hits])}
        paths = {d.sha256: d.path for d in store.documents()}
        urls = store.source_urls()  # papers imported from a council's site
    if result.corrected:
        err.print(
            f"no match for {escape(repr(query))}; showing results for "
            f"[bold]{escape(result.corrected)}[/bold]"
        )
    hits = [(hit, records[hit.id]) for hit in result.hits if hit.id in records]
    if as_json:
        print_json_lines(
            _json_row(hit, record, paths, urls, result.corrected) for hit, record in hits
        )
    elif not hits:
        err.print(f"no results for {escape(repr(query))}")
    else:
        out.print(
            _table(
                hits,
                paths,
                urls,
                f"{result.total} result{'s' * (result.total != 1)} "
                f"for {result.corrected or query!r}",
            )
        )


def _filters(
    types: list[str], year: str | None, date_from: str | None, date_to: str | None, sort: str
) -> tuple[list[str], str | None, str | None, str | None]:
    """The options checked and parsed, or one clear error."""
    for name in types:
        if name not in RECORD_TYPES:
            raise fail(f"--type {name}: not a record type ({', '.join(RECORD_TYPES)})")
    if sort not in ("relevance", "date"):
        raise fail(f"--sort {sort}: expected relevance or date")
    fy = year_option(year)
    try:
        start = parse_date(date_from).isoformat() if date_from else None
        end = parse_date(date_to).isoformat() if date_to else None
    except ArchiveError as exc:
        raise fail(str(exc)) from None
    return types, fy, start, end


def _json_row(
    hit: Hit,
    record: Record,
    paths: dict[str, str],
    urls: dict[str, str],
    corrected: str | None,
) -> dict:
    row = record.to_dict()
    row["score"] = None if hit.score is None else round(hit.score, 4)
    row["path"] = paths.get(record.sha256)
    row["url"] = urls.get(record.sha256)
    if corrected:
        row["corrected_query"] = corrected
    return row


def _table(
    hits: list[tuple[Hit, Record]], paths: dict[str, str], urls: dict[str, str], title: str
) -> Table:
    table = Table(title=Text(title), show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("text", ratio=3)
    table.add_column("source", ratio=2, overflow="fold")
    for n, (hit, record) in enumerate(hits, start=1):
        where = _source(record, paths.get(record.sha256))
        if record.sha256 in urls:
            where.append("\n" + urls[record.sha256], style="dim")
        table.add_row(str(n), snippet(hit.snippet), where)
    return table


def _source(record: Record, path: str | None) -> Text:
    """Document and page (a terminal hyperlink to the file at that page), date and type."""
    where = Text(source_label(record.document, record.page, record.printed_page), style="bold")
    if path:
        uri = Path(path).resolve().as_uri() + (f"#page={record.page}" if record.page else "")
        where.stylize(f"link {uri}")
    details = " · ".join(x for x in (record.date, record.type.replace("_", " ")) if x)
    return where + Text("\n" + details, style="dim")


def snippet(marked: str) -> Text:
    """Whoosh's \\x01match\\x02 markers as bold yellow, the rest plain (no markup parsing)."""
    text = Text()
    for i, part in enumerate(marked.replace("\x02", "\x01").split("\x01")):
        text.append(re.sub(r"\s+", " ", part), style="bold yellow" if i % 2 else "")
    return text


def register(app: typer.Typer) -> None:
    app.command()(search)
