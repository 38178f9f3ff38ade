"""Passages: every paragraph and table row of a paper, with its page, for search."""

from __future__ import annotations

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.readers.model import Paper, Paragraph, Table
from cdrp_archive.extract.textfix import clean
from cdrp_archive.extract.view import PaperView, view_of

MIN_CHARS = 3


def passages(
    source: Paper | PaperView, ctx: DocContext, earlier: Earlier | None = None
) -> list[Record]:
    """Every paragraph and table row as printed (the reader's blocks, not the units)."""
    records: list[Record] = []
    for page in view_of(source).paper.pages:
        for block in page.blocks:
            if isinstance(block, Paragraph):
                text = clean(block.text)
                if len(text) >= MIN_CHARS:
                    records.append(ctx.record("passage", page.number, text, kind="paragraph"))
            elif isinstance(block, Table):
                records.extend(_rows(block, ctx))
    return records


def _rows(table: Table, ctx: DocContext) -> list[Record]:
    out = []
    for number, row in enumerate(table.rows):
        cells = [clean(c.text) for c in row if c is not None and c.text.strip()]
        text = " | ".join(cells)
        if len(text) >= MIN_CHARS:
            out.append(
                ctx.record(
                    "passage", table.page, text, table=table.index, row=number, kind="table_row"
                )
            )
    return out


INTERPRETER = Interpreter("passages", emits=("passage",), run=passages)
