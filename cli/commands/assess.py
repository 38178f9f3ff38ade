"""`cdrp-archive assess YEAR`: how far the year's plan was implemented, what the board did,
and the partnership's own words, every figure with its document and page."""

from __future__ import annotations

import io
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.values import FinancialYear
from cdrp_archive.cli.context import err, fail, open_store, out

if TYPE_CHECKING:
    from cdrp_archive.archive.analysis.assessment import Assessment


class Format(StrEnum):
    terminal = "terminal"
    md = "md"
    html = "html"
    docx = "docx"
    json = "json"


def assess(
    ctx: typer.Context,
    year: Annotated[str, typer.Argument(help="Financial year, e.g. 2009-10.")],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="terminal, md, html, docx or json.")
    ] = Format.terminal,
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
    if fmt is Format.docx and output is None:
        raise fail("--format docx writes a Word file: give one with -o FILE.docx")
    from cdrp_archive.archive.analysis.assessment import build_assessment

    with open_store(ctx) as store:
        assessment = build_assessment(store, fy)
    if not assessment.milestones and not assessment.board.funding:
        raise fail(f"nothing for {fy} in the archive: no milestone statuses or funding")
    try:
        _write(assessment, fmt, output)
    except OSError as exc:
        raise fail(f"{output}: cannot write ({exc.strerror or exc})") from None
    if output is not None:
        err.print(Text(f"wrote {output}"))


def _write(assessment: Assessment, fmt: Format, output: Path | None) -> None:
    if fmt is Format.docx:
        from cdrp_archive.cli.report import docx

        assert output is not None
        docx.write(assessment, output)
        return
    if fmt is Format.terminal and output is None:
        from cdrp_archive.cli.report import terminal

        terminal.render(assessment, out)
        return
    text = _text(assessment, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _text(assessment: Assessment, fmt: Format) -> str:
    if fmt is Format.html:
        from cdrp_archive.cli.report import html

        return html.render(assessment)
    if fmt is Format.json:
        from cdrp_archive.cli.report import json

        return json.render(assessment)
    if fmt is Format.md:
        from cdrp_archive.cli.report import markdown

        return markdown.render(assessment)
    from rich.console import Console

    from cdrp_archive.cli.report import terminal

    console = Console(record=True, width=120, file=io.StringIO(), color_system=None)
    terminal.render(assessment, console)
    return console.export_text()


def register(app: typer.Typer) -> None:
    app.command()(assess)
