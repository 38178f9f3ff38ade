"""A table's logical grid from where its cells are drawn, whichever program drew them.

A table finder (pdfplumber's, or one over PDFium's objects) gives the cells of a ruled area:
boxes bounded by rules. What it joins into one grid is not always one table. Word processors
draw tables one under another, each with its own column widths, and the finder joins touching
tables into one grid with the union of their column rules: rows of one table cut into
sub-columns by the rules of the other. This module rebuilds each table from the boxes alone:

- ``split_stacked``: a grid is cut where the set of column rules changes — where the rows
  below use a column boundary the rows above never use and the other way round — unless a
  cell spans the cut;
- ``grid_of``: each part's own columns (the boundaries its cells use) and rows (their tops),
  with every cell placed at the column and row it starts in (``None`` where a spanning cell
  covers, or no cell starts);
- ``drop_blank_columns``: a narrow column that holds no text in any row (a sliver between two
  nearly equal rules, a fill's inset edge) is no column.

Everything here is pure geometry on boxes (points, top-left origin, as ``objects``), so any
source of objects feeds the same code; ``cells.py`` reads the text, fill and marks of a cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, top, x1, bottom

TOLERANCE = 1.5  # points: two rules closer than this are one rule
BLANK_COLUMN = 8.0  # points: an empty column narrower than this is a sliver, not a column
BLANK_ROW = 7.0  # points: an empty cell shorter than this is a sliver (under a line of text)
INSET = 6.0  # points: boundaries this close in one table are one column edge (a fill inset
# from its rules by a cell margin, 5.4 pt in Word, leaves a textless sliver beside it)
FULL_WIDTH = 0.8  # a row of a table of its own spans at least this share of the grid


@dataclass(frozen=True)
class Grid:
    """One table's cells: ``xs`` its column boundaries, ``ys`` its row tops and bottom, ``rows``
    each row's cells by column (a box where a cell starts, ``None`` elsewhere)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    rows: tuple[tuple[Box | None, ...], ...]

    @property
    def bbox(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def _cluster(values: Sequence[float], tol: float = TOLERANCE) -> list[float]:
    """Sorted representatives of values closer than ``tol`` to their neighbour (the first)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(reps: Sequence[float], value: float) -> int:
    return min(range(len(reps)), key=lambda i: abs(reps[i] - value))


def _bands(boxes: Sequence[Box]) -> list[tuple[float, float]]:
    """Row bands: from each distinct cell top to the next (the last to the lowest bottom)."""
    tops = _cluster([b[1] for b in boxes])
    bottom = max(b[3] for b in boxes)
    return list(zip(tops, [*tops[1:], bottom], strict=True))


def _boundaries(boxes: Sequence[Box], band: tuple[float, float]) -> list[float]:
    """The column boundaries drawn across a row band: sides of the cells that cover it."""
    top, bottom = band
    xs = [
        x
        for b in boxes
        if b[1] <= top + TOLERANCE and b[3] >= bottom - TOLERANCE
        for x in (b[0], b[2])
    ]
    return _cluster(xs)


def _extent(boxes: Sequence[Box], band: tuple[float, float]) -> float:
    top, bottom = band
    covering = [b for b in boxes if b[1] <= top + TOLERANCE and b[3] >= bottom - TOLERANCE]
    return max(b[2] for b in covering) - min(b[0] for b in covering) if covering else 0.0


def drop_slivers(boxes: Sequence[Box], points: Sequence[tuple[float, float]]) -> list[Box]:
    """The boxes without slivers: cells narrower than ``BLANK_COLUMN`` or shorter than
    ``BLANK_ROW`` with no text (``points``: the centres of the glyphs) — the gap between a
    rule and a fill inset from it, or between two nearly equal rules."""

    def sliver(b: Box) -> bool:
        if b[2] - b[0] >= BLANK_COLUMN and b[3] - b[1] >= BLANK_ROW:
            return False
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for x, y in points)

    return [b for b in boxes if not sliver(b)]


def _subset(a: Sequence[float], b: Sequence[float], tol: float = TOLERANCE) -> bool:
    return all(any(abs(x - y) <= tol for y in b) for x in a)


def split_stacked(boxes: Sequence[Box]) -> list[list[Box]]:
    """The cells of a found grid, in parts that are tables of their own (top to bottom).

    Rows stay together while each row's column boundaries are a subset of those seen so far
    in the part (each within ``BLANK_COLUMN`` of one: fills inset from rules, drawn with
    gaps, shift a boundary by a few points), or a superset (a title or header row spanning
    columns, above or below the
    body); a row that adds a boundary the part lacks while lacking one the part has opens a
    new part, unless a cell of the part reaches below the cut, or either row covers only
    part of the grid's width (a box drawn over one column is no table of its own).
    """
    if not boxes:
        return []
    bands = _bands(boxes)
    width = max(b[2] for b in boxes) - min(b[0] for b in boxes)
    cuts: list[float] = []
    seen: list[float] = []
    pending: float | None = None  # top of the partial rows since the last full row
    for band in bands:
        if _extent(boxes, band) < FULL_WIDTH * width:
            pending = band[0] if pending is None else pending
            continue  # a box over some columns (a header over one column): no table edge
        here = _boundaries(boxes, band)
        cut = pending if pending is not None else band[0]
        if seen and not (_subset(here, seen, BLANK_COLUMN) or _subset(seen, here, BLANK_COLUMN)):
            spanning = any(b[1] < cut - TOLERANCE and b[3] > cut + TOLERANCE for b in boxes)
            if not spanning:
                cuts.append(cut)
                seen = []
        seen = _cluster([*seen, *here])
        pending = None
    parts: list[list[Box]] = [[] for _ in range(len(cuts) + 1)]
    for b in boxes:
        parts[sum(1 for c in cuts if b[1] >= c - TOLERANCE)].append(b)
    return [p for p in parts if p]


def grid_of(boxes: Sequence[Box]) -> Grid:
    """The grid of one table's cells: its own columns and rows, each cell where it starts."""
    xs = _cluster([x for b in boxes for x in (b[0], b[2])], INSET)
    tops = _cluster([b[1] for b in boxes])
    ys = (*tops, max(b[3] for b in boxes))
    rows: list[list[Box | None]] = [[None] * (len(xs) - 1) for _ in tops]
    for b in sorted(boxes, key=lambda b: (b[1], b[0])):
        r, c = _index(tops, b[1]), min(_index(xs, b[0]), len(xs) - 2)
        if rows[r][c] is None:
            rows[r][c] = b
    return Grid(tuple(xs), ys, tuple(tuple(r) for r in rows))


def logical_grids(boxes: Sequence[Box], points: Sequence[tuple[float, float]] = ()) -> list[Grid]:
    """Each table a found grid holds, with its own columns; ``points`` are the centres of the
    glyphs on the page (slivers without text are no cells)."""
    kept = drop_slivers(boxes, points)
    return [grid_of(part) for part in split_stacked(kept)]


def blank_columns(grid: Grid, texts: Sequence[Sequence[str | None]]) -> list[int]:
    """Columns narrower than ``BLANK_COLUMN`` with no text in any row (``texts`` by row and
    column as the grid's cells)."""
    blank = []
    for c in range(len(grid.xs) - 1):
        if grid.xs[c + 1] - grid.xs[c] >= BLANK_COLUMN:
            continue
        if all(not (row[c] or "").strip() for row in texts):
            blank.append(c)
    return blank


def drop_columns(rows: Sequence[Sequence[object]], columns: Sequence[int]) -> list[list[object]]:
    """Rows without the given columns."""
    gone = set(columns)
    return [[cell for c, cell in enumerate(row) if c not in gone] for row in rows]
