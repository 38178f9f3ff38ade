"""`cdrp-archive assess YEAR`: how far the year's plan was implemented, what the board did,
and the partnership's own words, every figure with its document and page."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.values import FinancialYear
from cdrp_archive.cli.context import err, fail, open_store, out
from cdrp_archive.cli.report import BY_NAME, RENDERERS, Renderer

if TYPE_CHECKING:
    from cdrp_archive.archive.analysis.assessment import Assessment


# The formats the renderers declare (cli.report.RENDERERS).
Format = StrEnum("Format", [(r.name, r.name) for r in RENDERERS])  # type: ignore[misc]


def assess(
    ctx: typer.Context,
    year: Annotated[str, typer.Argument(help="Financial year, e.g. 2009-10.")],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help=", ".join(BY_NAME) + ".")
    ] = Format.terminal,  # type: ignore[attr-defined]
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (required for docx)."),
    ] = None,
) -> None:
    """Assess the implementation of a year's plan: milestone statuses per quarter and
    priority (green/amber/red/no status, trend, achieved share, persistently red, data
    missing, carried/dropped), the board's decisions, actions and funding, and the key
    achievements and concerns, each with its document and page. A year with only some
    quarters reported says so and reports on the quarters it has.

    Example: cdrp-archive assess 2009-10 --format html -o assessment-2009-10.html
    """
    try:
        fy = str(FinancialYear.parse(year))
    except ArchiveError as exc:
        raise fail(str(exc)) from None
    renderer = BY_NAME[fmt.value]
    if renderer.writes_file and output is None:
        example = f"FILE{renderer.extensions[0]}"
        raise fail(f"--format {renderer.name} writes a Word file: give one with -o {example}")
    from cdrp_archive.archive.analysis.assessment import build_assessment

    with open_store(ctx) as store:
        assessment = build_assessment(store, fy)
    if not assessment.milestones and not assessment.board.funding:
        raise fail(f"nothing for {fy} in the archive: no milestone statuses or funding")
    try:
        _write(assessment, renderer, output)
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    if output is not None:
        err.print(Text(f"wrote {output}"))


def _write(assessment: Assessment, renderer: Renderer, output: Path | None) -> None:
    module = renderer.load()
    if renderer.writes_file:
        module.write(assessment, output)
    elif renderer.shows and output is None:
        module.show(assessment, out)
    elif output is None:
        sys.stdout.write(module.render(assessment))
    else:
        output.write_text(module.render(assessment), encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command()(assess)
