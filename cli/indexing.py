"""Keeping the search index in step with the archive, with a progress bar when it is slow."""

from __future__ import annotations

from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from cdrp_archive.archive.lock import holder, try_writer_lock, writer_lock
from cdrp_archive.archive.store import Store
from cdrp_archive.cli.context import err, note
from cdrp_archive.index import SearchIndex

WAITING = "an ingest is running; waiting for it to finish the search index…"


def refresh_index(store: Store, home: Path) -> str:
    """Before a search, without ever waiting for a writer: ``index`` to search the index
    (current, brought up to date here when no one else writes, or read as it is while behind)
    or ``archive`` to answer from the archive itself (the index cannot be read now, and an
    ingest is writing it or was stopped before it could). Says on stderr which, and why."""
    index = SearchIndex(home)
    status = index.status(store)
    if status == "current":
        return "index"
    stopped = store.interrupted_writer()
    if stopped is None:
        with try_writer_lock(home, on_note=note) as free:
            if free:
                sync_index(store, home)
                return "index"
        writer = holder(home)
        why = "an ingest is running" + (f" (pid {writer.pid})" if writer else "")
        until = "until it finishes"
    else:
        why = f"the last ingest (pid {stopped.pid}) was stopped before it finished"
        until = "until an ingest or `cdrp-archive reindex` completes"
    if status == "behind":
        err.print(f"{why}: results may miss the papers it was adding")
        return "index"
    what = _UNREADABLE.get(status, status)
    err.print(f"{why}, and the search index is {what}: plain text matches from the archive {until}")
    return "archive"


_UNREADABLE = {
    "missing": "missing",
    "broken": "damaged (a writer was stopped while writing it)",
    "old-schema": "of an older version",
}


def rebuild_index(store: Store, home: Path) -> str:
    with writer_lock(home, on_wait=lambda: err.print(WAITING), on_note=note):
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
