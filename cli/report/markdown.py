"""The assessment as Markdown (GitHub tables), for pasting into papers and wikis."""

from __future__ import annotations

from cdrp_archive.archive.analysis.assessment import Assessment
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
from cdrp_archive.cli.report.common import LABELS


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(table: Table) -> list[str]:
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    lines = ["| " + " | ".join(table.headers) + " |", "| " + " | ".join(align) + " |"]
    for row in table.rows:
        cells = [LABELS.get(v, v) if i in table.status_columns else v for i, v in enumerate(row)]
        lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    return lines


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + block.text]
    if isinstance(block, Para):
        if block.style == "lead":
            return [f"> **{block.text}**"]
        return [f"*{block.text}*" if block.style == "note" else block.text]
    if isinstance(block, Bullets):
        return [f"- {item}" for item in block.items]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Quote):
        return [f"> “{block.text}”  \n> — {block.cite}"]
    if isinstance(block, Charts):
        return ["*(Charts: see the HTML or Word version; the figures are in the tables.)*"]
    raise TypeError(block)


def render(assessment: Assessment) -> str:
    return "\n\n".join("\n".join(_block(b)) for b in layout(assessment)) + "\n"
