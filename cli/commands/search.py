"""`cdrp-archive search QUERY`: ranked, highlighted hits with document, date and page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.text import Text

from cdrp_archive.archive.analysis.facts import Fact, distinct, single, source_label
from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.models import RECORD_TYPES, Record
from cdrp_archive.archive.store import Store
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
from cdrp_archive.cli.tables import KEEP, Column, Listing, plural

if TYPE_CHECKING:
    from cdrp_archive.index import SearchResult


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
    sort: Annotated[
        str,
        typer.Option(
            "--sort", help="relevance (equal scores newest first), date (newest first) or oldest."
        ),
    ] = "relevance",
    all_copies: Annotated[
        bool,
        typer.Option(
            "--all-copies", help="One hit per copy, instead of one per fact with every source."
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per hit.")] = False,
) -> None:
    """Search every record of the archive: one hit per fact, citing every paper that prints
    it (a report ingested as PDF and as text is one hit with two sources).

    Misspelt or split words are corrected when nothing matches as typed. Nothing found: a
    line on stderr and exit code 1.

    Example: cdrp-archive search Homeshield --year 2009-10
    """
    from cdrp_archive.cli.indexing import refresh_index  # Whoosh: only when searching
    from cdrp_archive.index import SearchIndex
    from cdrp_archive.index.archive_search import search_archive

    types, fy, start, end = _filters(type or [], year, date_from, date_to, sort)
    home = state(ctx).home
    with open_store(ctx) as store:
        source = refresh_index(store, home)
        try:
            if source == "index":
                result = SearchIndex(home).search(query, types, fy, start, end, None, sort)
            else:  # never wait for a writer: the archive itself answers
                result = search_archive(store, query, types, fy, start, end, None, sort)
        except ArchiveError as exc:
            raise fail(str(exc)) from None
        records = _records(store, [h.id for h in result.hits])
        paths = {d.sha256: d.path for d in store.documents()}
        urls = store.source_urls()  # papers imported from a council's site
    if result.corrected:
        err.print(
            f"no match for {escape(repr(query))}; showing results for "
            f"[bold]{escape(result.corrected)}[/bold]"
        )
    ranked = [records[h.id] for h in result.hits if h.id in records]
    facts = [single(r) for r in ranked] if all_copies else distinct(_without_echoes(ranked))
    if not facts:
        raise fail(f"no results for {query!r}")
    scores = {h.id: h.score for h in result.hits}
    marked = {h.id: h.snippet for h in result.hits if h.snippet}
    shown = facts[:limit]
    what = plural(len(facts), "copy", "copies") if all_copies else plural(len(facts), "result")
    counted = f"showing {len(shown)} of {what}" if len(shown) < len(facts) else what
    words = result.corrected or query
    if as_json:
        if len(shown) < len(facts):
            err.print(Text(f"{counted} for {words!r} (--limit {limit})"))
        print_json_lines(
            _json_row(f, scores.get(f.record.id), paths, urls, result.corrected) for f in shown
        )
        return
    listing = _listing(shown, result, marked, paths, urls, f"{counted} for {words!r}")
    listing.print(out)


def _without_echoes(ranked: list[Record]) -> list[Record]:
    """A table row's passage is dropped where a typed record read from that row (a
    milestone's status, a grant) is a hit too: most of the typed record's words are in the
    passage, on the same page of the same paper. The typed record stands for the row."""
    typed: dict[tuple[str, int | None], list[set[str]]] = {}
    for r in ranked:
        if r.type != "passage":
            typed.setdefault((r.sha256, r.page), []).append(set(_WORD.findall(r.text.lower())))
    kept = []
    for r in ranked:
        if r.type == "passage" and r.fields.get("kind") == "table_row":
            words = set(_WORD.findall(r.text.lower()))
            mine = typed.get((r.sha256, r.page), [])
            if any(t and len(t & words) >= ECHO_SHARE * len(t) for t in mine):
                continue
        kept.append(r)
    return kept


_WORD = re.compile(r"[a-z0-9]+")
ECHO_SHARE = 0.6  # of the typed record's words found in the row's passage


_CHUNK = 10_000  # ids per query (SQLite's bound-parameter limit is 32,766)


def _records(store: Store, ids: list[str]) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for i in range(0, len(ids), _CHUNK):
        found.update((r.id, r) for r in store.records(ids=ids[i : i + _CHUNK]))
    return found


def _filters(
    types: list[str], year: str | None, date_from: str | None, date_to: str | None, sort: str
) -> tuple[list[str], str | None, str | None, str | None]:
    """The options checked and parsed, or one clear error."""
    for name in types:
        if name not in RECORD_TYPES:
            raise fail(f"--type {name}: not a record type ({', '.join(RECORD_TYPES)})")
    if sort not in ("relevance", "date", "oldest"):
        raise fail(f"--sort {sort}: expected relevance, date (newest first) or oldest")
    fy = year_option(year)
    try:
        start = parse_date(date_from).isoformat() if date_from else None
        end = parse_date(date_to).isoformat() if date_to else None
    except ArchiveError as exc:
        raise fail(str(exc)) from None
    return types, fy, start, end


def _json_row(
    fact: Fact,
    score: float | None,
    paths: dict[str, str],
    urls: dict[str, str],
    corrected: str | None,
) -> dict[str, Any]:
    record = fact.record
    row = record.to_dict()
    row["score"] = None if score is None else round(score, 4)
    row["path"] = paths.get(record.sha256)
    row["url"] = urls.get(record.sha256)
    row["sources"] = [
        {
            "document": r.document,
            "page": r.page,
            "date": r.date,
            **({"printed_page": r.printed_page} if r.printed_page else {}),
            "path": paths.get(r.sha256),
            **({"url": urls[r.sha256]} if r.sha256 in urls else {}),
        }
        for r in _one_per_page(fact)
    ]
    if corrected:
        row["corrected_query"] = corrected
    return row


def _one_per_page(fact: Fact) -> list[Record]:
    """The fact's copies, one per (document, page), as ``Fact.sources`` lists them."""
    return list({(r.document, r.page): r for r in reversed(fact.copies)}.values())[::-1]


def _listing(
    facts: list[Fact],
    result: SearchResult,
    marked: dict[str, str],
    paths: dict[str, str],
    urls: dict[str, str],
    title: str,
) -> Listing:
    listing = Listing(
        [
            Column("#", fit=KEEP, justify="right"),
            Column("text", main=True),
            Column("source", fold=1, label=False),
        ],
        title=Text(title),
        lines=True,
    )
    for n, fact in enumerate(facts, start=1):
        record = fact.record
        text = marked.get(record.id) or result.snippet(record.text)
        listing.add_row(str(n), snippet(text), _sources(fact, paths, urls))
    return listing


def _sources(fact: Fact, paths: dict[str, str], urls: dict[str, str]) -> Text:
    """Each copy's document and page (a terminal hyperlink to the file at that page), then
    the date and type."""
    text = Text()
    for record in _one_per_page(fact):
        where = Text(source_label(record.document, record.page, record.printed_page), style="bold")
        path = paths.get(record.sha256)
        if path:
            uri = Path(path).resolve().as_uri() + (f"#page={record.page}" if record.page else "")
            where.stylize(f"link {uri}")
        if text:
            text.append("\n")
        text.append_text(where)
        if record.sha256 in urls:
            text.append("\n" + urls[record.sha256], style="dim")
    record = fact.record
    details = " · ".join(x for x in (record.date, record.type.replace("_", " ")) if x)
    return text + Text("\n" + details, style="dim")


def snippet(marked: str) -> Text:
    """Whoosh's \\x01match\\x02 markers as bold yellow, the rest plain (no markup parsing)."""
    text = Text()
    for i, part in enumerate(marked.replace("\x02", "\x01").split("\x01")):
        text.append(re.sub(r"\s+", " ", part), style="bold yellow" if i % 2 else "")
    return text


def register(app: typer.Typer) -> None:
    app.command()(search)
