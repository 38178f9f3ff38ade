"""What every command shares: the archive home, consoles, and opening the store and index."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.store import Store
from cdrp_archive.archive.values import FinancialYear

out = Console(soft_wrap=False, highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class AppState:
    home: Path


def state(ctx: typer.Context) -> AppState:
    obj = ctx.find_root().obj
    assert isinstance(obj, AppState)
    return obj


def fail(message: str) -> typer.Exit:
    """One red line on stderr; the caller raises the returned Exit(1)."""
    warn(message)
    return typer.Exit(1)


def note(message: str) -> None:
    """One plain line on stderr (never read as Rich markup)."""
    err.print(escape(message))


def warn(message: str) -> None:
    """One red line on stderr; the message is never read as Rich markup."""
    err.print(f"[red]error:[/red] {escape(message)}")


@contextmanager
def open_store(ctx: typer.Context, must_exist: bool = True) -> Iterator[Store]:
    home = state(ctx).home
    if must_exist and not (home / "archive.sqlite3").exists():
        raise fail(
            f"no archive at {home}: run `cdrp-archive ingest PATH` first "
            "(or pass --home / set CDRP_ARCHIVE_HOME)"
        )
    try:
        store = Store(home)
    except ArchiveError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def year_option(year: str | None, option: str = "--year") -> str | None:
    """A financial-year option as ``2009-10`` (None when not given), or one red line."""
    if not year:
        return None
    try:
        return str(FinancialYear.parse(year))
    except ArchiveError as exc:
        raise fail(f"{option}: {exc}") from None


def print_json_lines(rows: Iterator[dict[str, Any]] | list[dict[str, Any]]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
