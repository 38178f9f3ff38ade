"""`cdrp-archive decisions`: what meetings decided, by minute, with outcome and source."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from cdrp_archive.archive.analysis.facts import distinct, sources_text
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import Decision
from cdrp_archive.cli.context import fail, open_store, out, print_json_lines


def decisions(
    ctx: typer.Context,
    meeting: Annotated[
        str | None, typer.Option("--meeting", "-m", help="Meeting date, YYYY-MM-DD.")
    ] = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", help="approved, noted, endorsed, agreed ...")
    ] = None,
    recommendations: Annotated[
        bool, typer.Option("--recommendations", help="Show report recommendations instead.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List decisions (minute, outcome, what was decided) or report recommendations.

    Example: cdrp-archive decisions --meeting 2011-04-26 --outcome approved
    """
    kind = "recommendation" if recommendations else "decision"
    with open_store(ctx) as store:
        records = store.records(
            type=kind, meeting_date=meeting, status=outcome.lower() if outcome else None
        )
        urls = store.source_urls()  # papers imported from a council's site
    if not records:
        raise fail(f"no {kind}s match")
    records.sort(key=lambda r: (r.meeting_date or "", _minute(r), r.page or 0))
    facts = distinct(records)
    if as_json:
        print_json_lines({**fact.to_dict(), "url": urls.get(fact.record.sha256)} for fact in facts)
        return
    table = Table(title=f"{len(facts)} {kind}s", show_lines=True, expand=True)
    for name in ("meeting", "minute" if kind == "decision" else "report", "outcome"):
        table.add_column(name, no_wrap=name != "report", ratio=1 if name == "report" else None)
    table.add_column("text", ratio=3)
    table.add_column("sources", overflow="fold", ratio=1, min_width=20)
    for fact in facts:
        r, f = fact.record, fact.record.fields
        where = f.minute_ref if isinstance(f, Decision) else f.get("item")  # a report's title
        table.add_row(
            r.meeting_date or "",
            str(where or ""),
            r.status or "",
            r.text,
            sources_text(fact) + (f"\n{urls[r.sha256]}" if r.sha256 in urls else ""),
        )
    out.print(table)


def _minute(record: Record) -> int:
    ref = record.fields.minute_ref if isinstance(record.fields, Decision) else None
    return int(ref) if ref and ref.isdigit() else 0


def register(app: typer.Typer) -> None:
    app.command()(decisions)
