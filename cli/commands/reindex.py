"""`cdrp-archive reindex`: rebuild the search index from the archive."""

from __future__ import annotations

import typer

from cdrp_archive.cli.context import err, open_store, state


def reindex(ctx: typer.Context) -> None:
    """Rebuild the search index from the archive's SQLite store (it is a derived view).

    Example: cdrp-archive reindex
    """
    from cdrp_archive.cli.indexing import rebuild_index

    with open_store(ctx) as store:
        rebuild_index(store, state(ctx).home)
        err.print(f"search index rebuilt: {store.count()} records")


def register(app: typer.Typer) -> None:
    app.command()(reindex)
