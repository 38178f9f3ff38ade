"""The `cdrp-archive` command: global options, the commands, and errors turned into exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.home import ENV_VAR, resolve_home
from cdrp_archive.cli.commands import (
    actions,
    assess,
    decisions,
    docs,
    export,
    funding,
    import_,
    ingest,
    link,
    meetings,
    people,
    reindex,
    search,
    serve,
    trace,
)
from cdrp_archive.cli.context import AppState, err

app = typer.Typer(
    name="cdrp-archive",
    help="Search and trace a Community Safety Partnership's board papers: milestones, "
    "decisions, actions and funding through time.\n\n"
    "Example: cdrp-archive ingest corpus && cdrp-archive search Homeshield",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        from cdrp_archive.extract import EXTRACTOR_VERSION

        typer.echo(f"cdrp-archive {version('cdrp-archive')} (extractor {EXTRACTOR_VERSION})")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            help=f"Archive folder (SQLite + search index). Default: ${ENV_VAR}, "
            "else ~/.local/share/cdrp-archive.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    ctx.obj = AppState(home=resolve_home(home))


for module in (
    ingest,
    import_,
    search,
    export,
    docs,
    reindex,
    trace,
    link,
    decisions,
    actions,
    funding,
    meetings,
    people,
    assess,
    serve,
):
    module.register(app)


def main() -> None:
    """Console-script entry point: project errors become one red line and exit code 1."""
    try:
        app()
    except ArchiveError as exc:
        from rich.markup import escape

        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        err.print("interrupted")
        raise SystemExit(130) from None
