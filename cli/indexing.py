"""Keeping the search index in step with the archive, with a progress bar when it is slow."""

from __future__ import annotations

from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from cdrp_archive.archive.store import Store
from cdrp_archive.cli.context import err
from cdrp_archive.index import SearchIndex


def sync_index(store: Store, home: Path, force: bool = False) -> str:
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
        return index.sync(store, on_progress)
