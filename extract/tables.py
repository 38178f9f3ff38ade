"""Tables as papers really print them: one logical table from its printed parts.

A long table is printed in parts: over several pages (a PDF repeats the header row at the top
of each page, and may split a row over the page break), or, in text copies, as chunks
separated by blank lines, each with its own header copy, some of which lost labels. This
module joins the parts, drops the repeated headers, names columns by their header text (never
by position) and carries merged cells down. It knows nothing of milestones or money: callers
pass their header rules (``TableRules``: which rows are headers, how many rows of preamble — a
title, budget figures — may stand above the header) and their test for a row that continues
the row above. Every interpreter reads tables through it (``PaperView.tables(rules)``), and
reads a cell's text with ``cell_text``.

A part continues the table open before it when it is adjacent: in a text copy, the next chunk
with nothing between them; in a PDF, a part opening the next page right after a part that
ends the page before, with only that page's footer between.

Typical use::

    for table in view.tables(RULES):
        columns = map_columns(table.header, RULES)
        rows = merge_continuations(table.rows, continues_row)
        rows = carry_down(rows, [[priority_col], [number_col, action_col]])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from cdrp_archive.extract.flow import Item, Unit, items
from cdrp_archive.extract.readers.model import Cell, Paper, Table
from cdrp_archive.extract.textfix import clean_line, mend_words

# A header rule: a regex over the normalised header text, and the role it gives the column.
# A named group ``q`` in the regex (a quarter digit) gives the column its quarter.
HeaderRule = tuple[re.Pattern[str], str]
HeaderTest = Callable[[Sequence[Cell | None]], bool]


@dataclass(frozen=True)
class TableRules:
    """How to find a kind of table: its header rules; a header is a row where ``min_roles``
    cells name a role, or, with ``header_test``, a row that test accepts. ``preamble``: how
    many rows may stand above the header in a part (a title row, a row of budgets).
    ``wider_parts``: a part without a header may continue the table though it has more cells
    (a text copy that keeps its notes in a far column)."""

    rules: tuple[HeaderRule, ...]
    min_roles: int = 2
    preamble: int = 0
    header_test: HeaderTest | None = None
    wider_parts: bool = False

    def is_header(self, row: Sequence[Cell | None]) -> bool:
        if self.header_test is not None:
            return self.header_test(row)
        return is_header(row, self.rules, self.min_roles)

    def header_at(self, rows: Sequence[Sequence[Cell | None]]) -> int | None:
        """The header's row in a printed part, or None."""
        return next(
            (h for h in range(min(self.preamble + 1, len(rows))) if self.is_header(rows[h])), None
        )


@dataclass(frozen=True)
class Column:
    """A column's role (``milestone``, ``status`` ...), its quarter if it has one, its header."""

    index: int
    role: str
    quarter: str | None = None
    header: str = ""


@dataclass(frozen=True)
class Row:
    """One body row of a logical table, with where it was printed.

    ``first_in_part``: the row opens a printed part (a page's piece, a text chunk);
    ``continues``: that part continues an earlier part; ``laid_out``: the part comes from a
    page layout (PDF), where only the first row of a continued part can be a split row;
    ``table`` and ``number``: the printed part's table number on its page and the row's
    number in that part.
    """

    cells: list[Cell | None]
    page: int
    first_in_part: bool = False
    continues: bool = False
    laid_out: bool = False
    table: int = 0
    number: int = 0

    def text(self, index: int | None) -> str:
        """The cell's text as one mended line ('' for no column, a merged or empty cell)."""
        if index is None or index >= len(self.cells):
            return ""
        cell = self.cells[index]
        return cell_text(cell)

    def cell(self, index: int | None) -> Cell | None:
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]


@dataclass
class LogicalTable:
    """A table joined from its printed parts: one header, the body rows in order; the rows
    printed above the header in its first part (``preamble``), and that part's place in the
    paper's stream of units and tables (``position``)."""

    index: int
    header: list[str]
    rows: list[Row] = field(default_factory=list)
    preamble: list[list[Cell | None]] = field(default_factory=list)
    position: int = 0

    @property
    def page(self) -> int:
        return self.rows[0].page if self.rows else 0


_CID = re.compile(r"\(cid:\d+\)")


def cell_text(cell: Cell | None) -> str:
    """A cell's text as one clean line, broken words mended, unmapped glyphs dropped ('' for
    no cell): the one way every interpreter reads a cell."""
    if cell is None:
        return ""
    return mend_words(clean_line(_CID.sub(" ", cell.text.replace("\n", " "))))


def normalise_header(text: str) -> str:
    """``Q1\\nStatus:`` -> ``q1 status``; ``Quarter 2 Update`` -> ``q2 update``."""
    text = cell_text(Cell(text)).lower()
    text = re.sub(r"\bquarter\s*([1-4])\b|\bqtr\s*([1-4])\b", r"q\1\2", text)
    text = re.sub(r"\bq\s+([1-4])\b", r"q\1", text)
    text = re.sub(r"[^a-z0-9&/ ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def role_of(header: str, rules: Sequence[HeaderRule]) -> tuple[str, str | None] | None:
    """The (role, quarter) of a header text under the rules, or None."""
    norm = normalise_header(header)
    for pattern, role in rules:
        match = pattern.fullmatch(norm)
        if match:
            quarter = match.groupdict().get("q")
            return role, f"Q{quarter}" if quarter else None
    return None


def map_columns(header: Sequence[str], rules: Sequence[HeaderRule]) -> list[Column]:
    """The columns a header names, by header text; unnamed columns are left out."""
    columns = []
    for index, text in enumerate(header):
        found = role_of(text, rules)
        if found:
            columns.append(Column(index, found[0], found[1], normalise_header(text)))
    return columns


def is_header(row: Sequence[Cell | None], rules: Sequence[HeaderRule], min_roles: int) -> bool:
    """A row is a header when at least ``min_roles`` of its cells name a column role."""
    return sum(1 for c in row if c is not None and role_of(c.text, rules)) >= min_roles


def _header_texts(row: Sequence[Cell | None]) -> list[str]:
    return [cell_text(c) for c in row]


def compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two header copies agree: same width, and each label equal where both kept it."""
    if len(a) != len(b):
        return False
    pairs = [(normalise_header(x), normalise_header(y)) for x, y in zip(a, b, strict=True)]
    return all(x == y or not x or not y for x, y in pairs) and any(x for x, _ in pairs)


def _fill_blanks(a: list[str], b: Sequence[str]) -> list[str]:
    """A header with the labels one copy lost taken from another copy."""
    return [x or y for x, y in zip(a, b, strict=True)]


def _fit(rows: Sequence[Sequence[Cell | None]], width: int) -> list[list[Cell | None]]:
    """A part's rows fitted to the table's width. Rows are first squared on the right to the
    part's own width (text copies drop trailing empty cells); a part narrower than the table
    lost its leading cells, so it is right-aligned."""
    own = max(len(r) for r in rows)
    square = [[*r, *([Cell("")] * (own - len(r)))] for r in rows]
    if own >= width:
        return [r if any(c and c.text.strip() for c in r[width:]) else r[:width] for r in square]
    return [[*([None] * (width - own)), *r] for r in square]


def _adjacent(prev: Table, nxt: Table, between: Sequence[Unit]) -> bool:
    """May ``nxt`` continue ``prev``? Text chunks: on one page, nothing between them. PDF
    pages: ``prev`` ends near the bottom of a page and ``nxt`` opens the next one, with only
    text of ``prev``'s page (its footer) between them."""
    if not prev.laid_out or not nxt.laid_out:
        return nxt.page == prev.page and not between
    if nxt.page != prev.page + 1 or not (prev.near_page_bottom and nxt.near_page_top):
        return False
    return all(unit.page == prev.page for unit in between)


def join_tables(
    source: Paper | Sequence[Item],
    rules: TableRules | Sequence[HeaderRule],
    min_roles: int = 2,
) -> list[LogicalTable]:
    """Every table of a paper (or of its stream of units and tables) that has a header under
    the rules, joined from its parts.

    A part continues the open table when it is adjacent to the part before and either repeats
    a compatible header (dropped; its labels fill the ones other copies lost) or has no header
    and no more columns (a short row lost its leading cells, so it is right-aligned).
    """
    if not isinstance(rules, TableRules):
        rules = TableRules(tuple(rules), min_roles)
    stream = items(source) if isinstance(source, Paper) else source
    joined: list[LogicalTable] = []
    open_table: LogicalTable | None = None
    last: Table | None = None
    between: list[Unit] = []
    for position, block in enumerate(stream):
        if isinstance(block, Unit):
            between.append(block)
            continue
        if not block.rows:
            continue
        h = rules.header_at(block.rows)
        near = last is not None and _adjacent(last, block, between)
        between = []
        if h is not None:
            texts = _header_texts(block.rows[h])
            if open_table is not None and near and compatible(open_table.header, texts):
                open_table.header = _fill_blanks(open_table.header, texts)
                _add_part(open_table, block, h + 1, continues=True)
            else:
                open_table = LogicalTable(
                    index=len(joined),
                    header=texts,
                    preamble=[list(r) for r in block.rows[:h]],
                    position=position,
                )
                joined.append(open_table)
                _add_part(open_table, block, h + 1, continues=False)
        elif (
            open_table is not None
            and near
            and (rules.wider_parts or _width(block) <= len(open_table.header))
        ):
            _add_part(open_table, block, 0, continues=True)
        else:
            open_table = None
        last = block
    return joined


def _width(part: Table) -> int:
    return max(len(r) for r in part.rows)


def _add_part(table: LogicalTable, part: Table, first: int, continues: bool) -> None:
    """The part's body rows (from row ``first``) appended, fitted to the table's width."""
    fitted = _fit([part.rows[0], *part.rows[first:]], len(table.header))[1:]
    for n, cells in enumerate(fitted):
        table.rows.append(
            Row(
                cells=cells,
                page=part.page,
                first_in_part=n == 0,
                continues=continues,
                laid_out=part.laid_out,
                table=part.index,
                number=first + n,
            )
        )


def _merge_cell(a: Cell | None, b: Cell | None) -> Cell | None:
    if b is None or not b.text.strip():
        return a if a is not None or b is None else Cell("", b.fill)
    if a is None or not a.text.strip():
        return Cell(b.text, (a.fill if a else None) or b.fill)
    if cell_text(a) == cell_text(b):  # a merged cell a PDF repeats on the next page
        return a
    return Cell(f"{a.text}\n{b.text}", a.fill or b.fill)


def merge_rows(a: Row, b: Row) -> Row:
    """Row ``b`` appended to row ``a`` cell by cell; the merged row starts where ``a`` did."""
    width = max(len(a.cells), len(b.cells))
    cells_a = a.cells + [None] * (width - len(a.cells))
    cells_b = b.cells + [None] * (width - len(b.cells))
    return replace(a, cells=[_merge_cell(x, y) for x, y in zip(cells_a, cells_b, strict=True)])


def may_continue(row: Row) -> bool:
    """Where a split row can show: the first row of a continued PDF part; in text, any row
    but the first of a part that opens a table (a wrapped line of the row above)."""
    if row.laid_out:
        return row.first_in_part and row.continues
    return not (row.first_in_part and not row.continues)


def merge_continuations(rows: Sequence[Row], continues_row: Callable[[Row], bool]) -> list[Row]:
    """Merge each row that continues the row above (a row split over a page break, a wrapped
    text line) into it. ``continues_row`` says, from the row's content, whether it is one."""
    merged: list[Row] = []
    for row in rows:
        if merged and may_continue(row) and continues_row(row):
            merged[-1] = merge_rows(merged[-1], row)
        else:
            merged.append(row)
    return merged


def carry_down(rows: Sequence[Row], groups: Sequence[Sequence[int]]) -> list[Row]:
    """Fill merged (spanned) cells left blank under their first row.

    Each group of columns is carried together: a row with any cell of the group filled starts
    a new run (its blank cells stay blank), a row with the whole group blank takes the group
    from the row above.
    """
    out: list[Row] = []
    current: dict[int, Cell | None] = {}
    for row in rows:
        cells = list(row.cells)
        for group in groups:
            if any(row.text(i) for i in group):
                for i in group:
                    current[i] = cells[i] if i < len(cells) else None
            else:
                for i in group:
                    if i < len(cells) and i in current:
                        cells[i] = current[i]
        out.append(replace(row, cells=cells))
    return out
