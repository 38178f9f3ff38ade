"""`cdrp-archive export`: every record with all its fields, as JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.text import Text

from cdrp_archive.archive.models import RECORD_TYPES
from cdrp_archive.cli.context import err, fail, open_store


def export(
    ctx: typer.Context,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    type: Annotated[str | None, typer.Option("--type", "-t", help="Only this record type.")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
) -> None:
    """Export records for scripts and spreadsheets.

    Example: cdrp-archive export --format csv --type milestone_status -o milestones.csv
    """
    if format not in ("jsonl", "csv"):
        raise fail(f"--format {format}: expected jsonl or csv")
    if type and type not in RECORD_TYPES:
        raise fail(f"--type {type}: not a record type ({', '.join(RECORD_TYPES)})")
    with open_store(ctx) as store:
        rows = [r.to_dict() for r in store.records(type=type)]
    try:
        stream: IO[str] = output.open("w", newline="", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror})") from None
    try:
        if format == "jsonl":
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            columns = list(dict.fromkeys(k for row in rows for k in row))
            writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    finally:
        if output:
            stream.close()
    if output:
        err.print(Text(f"wrote {len(rows)} records to {output}"))


def register(app: typer.Typer) -> None:
    app.command()(export)
