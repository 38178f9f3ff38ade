"""`cdrp-archive funding`: sums allocated, awarded, requested; totals per year and fund."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from cdrp_archive.archive.analysis.facts import Fact, distinct, sources_text
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import Funding
from cdrp_archive.archive.values import money
from cdrp_archive.cli.context import fail, open_store, out, print_json_lines, year_option


def funding(
    ctx: typer.Context,
    year: Annotated[str | None, typer.Option("--year", "-y", help="Financial year.")] = None,
    fund: Annotated[
        str | None, typer.Option("--fund", "-f", help="Fund, e.g. 'pooled' or 'SSCF revenue'.")
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="allocated, approved, awarded, requested ...")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List funding records with their source, then totals per financial year and fund and
    each funding table's check of its totals row.

    Example: cdrp-archive funding --year 2010-11 --fund "pooled fund"
    """
    fy = year_option(year)
    with open_store(ctx) as store:
        records = store.records(
            type="funding", year=fy, fund=fund, status=status.lower() if status else None
        )
    if not records:
        raise fail("no funding records match")
    facts = distinct(records)
    if as_json:
        print_json_lines(fact.to_dict() for fact in facts)
        return
    out.print(_rows(facts))
    out.print(_totals(facts))
    checks = {(f.table_title or "", f.table_check) for f in _funding(records) if f.table_check}
    for title, check in sorted(checks):
        out.print(Text(f"table {title!r}: totals check {check}"))


def _funding(records: list[Record]) -> list[Funding]:
    return [r.typed(Funding) for r in records]


def _rows(facts: list[Fact]) -> Table:
    table = Table(title=f"{len(facts)} funding records", show_lines=False, expand=True)
    for name in ("year", "amount", "fund", "status"):
        table.add_column(name, no_wrap=True, justify="right" if name == "amount" else "left")
    table.add_column("project", ratio=2)
    table.add_column("from", no_wrap=True)
    table.add_column("sources", overflow="fold", ratio=1, min_width=20)
    for fact in facts:
        r, f = fact.record, fact.record.typed(Funding)
        table.add_row(
            r.financial_year or "",
            money(f.amount),
            f.fund or "",
            f.status or "",
            f.project or r.text[:80],
            f.source or "",
            sources_text(fact),
        )
    return table


def _totals(facts: list[Fact]) -> Table:
    """Each fact counted once, however many papers print it."""
    sums: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for r in (fact.record for fact in facts):
        f = r.typed(Funding)
        sums[(r.financial_year or "", f.fund or "(not stated)", f.status or "")] += (
            f.amount or Decimal(0)
        )
    table = Table(title="Totals per financial year, fund and status")
    for name in ("year", "fund", "status", "total"):
        table.add_column(name, justify="right" if name == "total" else "left")
    for (fy, fund, status), total in sorted(sums.items()):
        table.add_row(fy, fund, status, money(total))
    return table


def register(app: typer.Typer) -> None:
    app.command()(funding)
