"""Keeping the search index in step with the archive, with a progress bar when it is slow."""

from __future__ import annotations

from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from cdrp_archive.archive.lock import try_writer_lock, writer_lock
from cdrp_archive.archive.store import Store
from cdrp_archive.cli.context import err
from cdrp_archive.index import SearchIndex

WAITING = "an ingest is running; waiting for it to finish the search index…"


def refresh_index(store: Store, home: Path) -> str:
    """Before reading: bring the index up to date unless an ingest is writing it right now."""
    if SearchIndex(home).status(store) == "current":
        return "current"
    with try_writer_lock(home) as free:
        if free:
            return sync_index(store, home)
    if SearchIndex(home).status(store) == "behind":
        err.print("an ingest is running: results may miss the papers it is still adding")
        return "behind"
    with writer_lock(home, on_wait=lambda: err.print(WAITING)):
        return sync_index(store, home)


def rebuild_index(store: Store, home: Path) -> str:
    with writer_lock(home, on_wait=lambda: err.print(WAITING)):
        return sync_index(store, home, force=True)


def sync_index(store: Store, home: Path, force: bool = False) -> str:
    """Bring the index up to date; the caller holds the writer lock."""
    index = SearchIndex(home)
    status = "forced" if force else index.status(store)
    if status == "current":
        return status
    if status in ("old-schema", "broken"):
        err.print(f"search index {status}: rebuilding it from the archive")
    with Progress(
        TextColumn("[bold]index"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("", total=store.count())

        def on_progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        if force:
            index.rebuild(store, on_progress)
            return "rebuilt"
        return index.sync(store, on_progress, status)
