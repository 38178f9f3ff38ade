"""Tables from geometry (extract/readers/grid.py, cells.py) on hand-built boxes and shapes,
and the LibreOffice fixture (tests/fixtures/lo-tables, read by hand: see its README)."""

from __future__ import annotations

import itertools
from pathlib import Path

from cdrp_archive.extract.readers.cells import fill_of, marks_in
from cdrp_archive.extract.readers.grid import drop_slivers, logical_grids, split_stacked
from cdrp_archive.extract.readers.objects import Glyph, Shape
from cdrp_archive.extract.readers.pdf import read_pdf

LO = Path(__file__).parent / "fixtures" / "lo-tables" / "lo-tables.pdf"


def _row(xs: list[float], top: float, bottom: float) -> list[tuple[float, float, float, float]]:
    return [(a, top, b, bottom) for a, b in itertools.pairwise(xs)]


def test_touching_tables_with_their_own_columns_are_split() -> None:
    a = [0, 50, 100, 200, 300]
    b = [0, 70, 140, 230, 300]
    boxes = _row(a, 0, 10) + _row(a, 10, 20) + _row(b, 20, 30) + _row(b, 30, 40)
    grids = logical_grids(boxes)
    assert [len(g.xs) - 1 for g in grids] == [4, 4]
    assert [g.bbox for g in grids] == [(0, 0, 300, 20), (0, 20, 300, 40)]


def test_a_spanning_title_row_and_a_box_over_one_column_stay_with_their_table() -> None:
    a = [0, 50, 100, 200, 300]
    boxes = [(0, 0, 300, 10), *_row(a, 10, 20), (210, 20, 290, 30), *_row(a, 30, 40)]
    assert len(split_stacked(boxes)) == 1


def test_a_cell_spanning_the_change_keeps_one_table() -> None:
    boxes = [(0, 0, 50, 40), *_row([50, 100, 300], 0, 20), *_row([50, 200, 300], 20, 40)]
    assert len(split_stacked(boxes)) == 1


def test_textless_slivers_beside_inset_fills_are_no_columns() -> None:
    boxes = [(0, 0, 5, 20), (5, 0, 100, 20), (100, 0, 105, 20), (105, 0, 200, 20)]
    kept = drop_slivers(boxes, [(50, 10), (150, 10)])
    assert kept == [(5, 0, 100, 20), (105, 0, 200, 20)]
    (grid,) = logical_grids(boxes, [(50, 10), (150, 10)])
    assert len(grid.xs) - 1 == 2


def test_shading_is_the_colour_covering_most_of_the_cell() -> None:
    green, white = (0.0, 0.69, 0.31), (1.0, 1.0, 1.0)
    inset = [Shape("rect", 2, 2, 38, 18, fill=green)]
    pieces = [Shape("rect", 0, y, 40, y + 5, fill=green) for y in (0, 5, 10)]
    dot = [Shape("curve", 15, 5, 25, 15, fill=green)]
    assert fill_of((0, 0, 40, 20), inset) == green
    assert fill_of((0, 0, 40, 20), pieces) == green  # 75 % in three strips
    assert fill_of((0, 0, 40, 20), dot) is None  # a dot is a mark, not shading
    page = [Shape("rect", 0, 0, 600, 800, fill=white)]
    assert fill_of((0, 0, 40, 20), page) is None


def test_marks_are_small_shapes_and_symbol_glyphs_in_the_cell() -> None:
    arrow = Shape("curve", 15, 5, 25, 15, fill=(1, 0, 0), points=((15, 15), (20, 5), (25, 15)))
    rule = Shape("line", 0, 10, 40, 10.5)
    glyphs = [Glyph("▲", 30, 36, 4, 12, 8), Glyph("A", 2, 8, 4, 12, 8)]
    marks = marks_in((0, 0, 40, 20), [arrow, rule], glyphs)
    assert [(m.kind, m.text) for m in marks] == [("glyph", "▲"), ("shape", "")]
    assert marks[1].points == arrow.points


def test_libreoffice_stacked_tables_are_read_with_their_own_columns() -> None:
    paper = read_pdf(LO, LO.read_bytes(), engine="pdfplumber")
    first_page = [t for t in paper.tables() if t.page == 1]
    assert [(len(t.rows), max(len(r) for r in t.rows)) for t in first_page] == [
        (3, 8),
        (4, 8),
        (3, 8),
        (6, 8),
    ]
    table_2 = first_page[1]
    assert [c.text if c else None for c in table_2.rows[2]][3:7] == [
        "1.2b Tell\nresidents",
        "Red",
        "Leaflets late",
        "Amber",
    ]
    shading_only = first_page[2]
    fills = [
        tuple(tuple(round(v * 255) for v in c.fill) for c in (r[4], r[6]) if c and c.fill)
        for r in shading_only.rows[1:]
    ]
    assert fills == [((0, 176, 80), (255, 0, 0)), ((255, 192, 0), (0, 176, 80))]
