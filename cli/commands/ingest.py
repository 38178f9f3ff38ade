"""`cdrp-archive ingest PATH...`: read papers into the archive and update the search index."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cdrp_archive.archive.lock import writer_lock
from cdrp_archive.cli.context import err, note, open_store, state, warn


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files (.pdf .txt .md .html) and folders.", metavar="PATH..."),
    ],
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes for extraction (default: the number of cores).",
            min=0,
        ),
    ] = 0,
) -> None:
    """Read board papers into the archive.

    Unchanged files are skipped; a changed file replaces its records. A bad file gets one
    line naming it and the reason, the rest go on, and the exit code is 1.

    Example: cdrp-archive ingest corpus/
    """
    from cdrp_archive.cli.indexing import sync_index
    from cdrp_archive.extract.ingest import ingest as run_ingest

    home = state(ctx).home
    workers = jobs or os.cpu_count() or 1
    waiting = "another ingest is running; waiting for it…"
    with (
        writer_lock(home, on_wait=lambda: err.print(waiting), on_note=note),
        open_store(ctx, must_exist=False) as store,
    ):
        store.begin_writing()
        with _progress() as bar:
            task = bar.add_task("", total=None)

            def on_total(total: int) -> None:
                bar.update(task, total=total)

            def on_file(path: str, outcome: str) -> None:
                bar.update(task, advance=1, description=f"{Path(path).name} ({outcome})")

            result = run_ingest(store, paths, progress=on_file, jobs=workers, on_total=on_total)
        sync_index(store, home)
        store.end_writing()
    for path, reason in result.failed:
        warn(f"{path}: {reason}")
    err.print(
        f"ingested {len(result.added)} new, {len(result.replaced)} changed, "
        + (f"{len(result.reread)} re-read by a newer extractor, " if result.reread else "")
        + f"{len(result.unchanged)} unchanged, {len(result.failed)} failed; "
        f"{result.records} records written; archive: {home}"
    )
    if result.failed:
        raise typer.Exit(1)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def register(app: typer.Typer) -> None:
    app.command()(ingest)
