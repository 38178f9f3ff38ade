"""`cdrp-archive docs`: the documents in the archive, or with --failed the files that failed."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from cdrp_archive.cli.context import open_store, out, print_json_lines


def docs(
    ctx: typer.Context,
    failed: Annotated[
        bool, typer.Option("--failed", help="List files that failed, with reasons.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the archive's documents (kind, date, year, quarter, pages, records).

    Example: cdrp-archive docs --failed
    """
    with open_store(ctx) as store:
        if failed:
            rows = store.failures()
            columns = ["path", "reason", "at"]
        else:
            counts = store.counts_by_document()
            urls = store.source_urls()
            rows = []
            for d in store.documents():
                row = d.to_dict()
                row["records"] = counts.get(d.sha256, 0)
                row["url"] = urls.get(d.sha256)
                rows.append(row)
            columns = [
                "name",
                "kind",
                "date",
                "financial_year",
                "quarter",
                "pages",
                "records",
                "status",
            ]
    if as_json:
        print_json_lines(rows)
        return
    table = Table(title="failed files" if failed else "documents")
    for column in columns:
        table.add_column(
            _HEADERS.get(column, column),
            overflow="fold",
            no_wrap=column not in ("name", "path", "reason"),
        )
    for row in rows:
        table.add_row(*[str(row.get(c) if row.get(c) is not None else "") for c in columns])
    out.print(table)


_HEADERS = {"financial_year": "year", "quarter": "qtr", "records": "records"}


def register(app: typer.Typer) -> None:
    app.command()(docs)
