"""The assessment in the terminal (Rich): the same blocks, charts drawn as coloured bars."""

from __future__ import annotations

import io

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable
from rich.text import Text

from cdrp_archive.archive.analysis.assessment import STATUSES, Assessment
from cdrp_archive.cli.report.blocks import (
    Block,
    Bullets,
    Charts,
    Heading,
    Para,
    Quote,
    Table,
    layout,
)
from cdrp_archive.cli.report.charts import COLOURS, INK, NAMES, Chart, Rect
from cdrp_archive.cli.report.common import LABELS

_STYLE = {status: f"bold {INK[status]} on {colour}" for status, colour in COLOURS.items()}


def _table(table: Table) -> RichTable:
    grid = RichTable(show_lines=False, expand=True, header_style="bold")
    for i, header in enumerate(table.headers):
        grid.add_column(
            header,
            justify="right" if i in table.numeric else "left",
            ratio=3 if i in table.wide else None,
            no_wrap=i in table.status_columns,
            overflow="fold",
        )
    for row in table.rows:
        cells: list[Text | str] = [
            Text(LABELS.get(v, v), style=_STYLE.get(v, ""))
            if i in table.status_columns
            else escape(v)
            for i, v in enumerate(row)
        ]
        grid.add_row(*cells)
    return grid


def _chart(chart: Chart, width: int = 50) -> Text:
    text = Text(chart.title + "\n", style="bold")
    bars = [r for r in chart.rects if r.status]
    rows: dict[float, list[Rect]] = {}
    for rect in bars:
        rows.setdefault(rect.y, []).append(rect)
    labels = {round(t.y - 18): t.text for t in chart.labels if t.x == 0 and t.bold and t.y > 40}
    total_w = max((sum(r.w for r in rs) for rs in rows.values()), default=1) or 1
    scale = width / total_w
    for y, rects in sorted(rows.items()):
        text.append(f"{labels.get(round(y), ''):<4}")
        for rect in rects:
            cells = max(1, round(rect.w * scale))
            text.append(str(rect.count).center(cells)[:cells], style=_STYLE[rect.status])
        text.append(f" {sum(r.count for r in rects)}\n")
    return text


def _block(console: Console, block: Block) -> None:
    if isinstance(block, Heading):
        if block.level <= 2:
            console.rule(f"[bold]{escape(block.text)}[/bold]", align="left")
        else:
            console.print(f"\n[bold]{escape(block.text)}[/bold]")
    elif isinstance(block, Para):
        style = {"lead": "bold yellow", "note": "dim"}.get(block.style, "")
        console.print(Text(block.text, style=style))
    elif isinstance(block, Bullets):
        for item in block.items:
            console.print(Text("• " + item))
    elif isinstance(block, Table):
        console.print(_table(block))
    elif isinstance(block, Quote):
        console.print(Text(f"  “{block.text}”", style="italic"))
        console.print(Text(f"    — {block.cite}", style="dim"))
    elif isinstance(block, Charts):
        legend = Text()
        for status in STATUSES:
            legend.append(f" {NAMES.get(status, status)} ", style=_STYLE[status])
            legend.append(" ")
        console.print(legend)
        for chart in block.charts:
            console.print(_chart(chart))


def show(assessment: Assessment, console: Console) -> None:
    for block in layout(assessment):
        _block(console, block)


def render(assessment: Assessment) -> str:
    """The terminal report as plain text, 120 columns wide (for ``-o report.txt``)."""
    console = Console(record=True, width=120, file=io.StringIO(), color_system=None)
    show(assessment, console)
    return console.export_text()
