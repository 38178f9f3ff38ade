"""Indicator scorecards: the constructed fixtures (tests/fixtures/scorecards, README there),
read through the real pipeline, against goldens read by hand from the printed pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdrp_archive.extract.direction import shape_way
from cdrp_archive.extract.pipeline import extract_file

FIXTURES = Path(__file__).parent / "fixtures" / "scorecards"

# Hand-read from the page images (pdftoppm -r 60): ref -> (status, previous, direction).
GOLDEN = {
    "2024-25-q1-scorecard-words-glyphs.pdf": {
        "SC01": ("red", "red", "worsening"), "SC02": ("green", "green", "no change"),
        "SC03": ("red", "amber", "worsening"), "SC04": ("green", "amber", "improving"),
        "SC05": ("amber", "amber", "no change"), "SC06": ("green", "green", "improving"),
        "SC07": ("amber", "red", "improving"), "SC08": (None, "green", None),
    },
    "2024-25-q2-scorecard-shading-svg.pdf": {
        "SC01": ("amber", "red", "improving"), "SC02": ("green", "green", "improving"),
        "SC03": ("red", "red", "worsening"), "SC04": ("amber", "green", "worsening"),
        "SC05": ("red", "amber", "worsening"), "SC06": ("green", "green", "worsening"),
        "SC07": ("green", "amber", "improving"), "SC08": ("green", None, None),
    },
    "2024-25-q3-scorecard-both-drawn.pdf": {
        "SC01": ("green", "amber", "improving"), "SC02": ("amber", "green", "worsening"),
        "SC03": ("red", "red", "improving"), "SC04": ("green", "amber", "improving"),
        "SC05": ("red", "red", "improving"), "SC06": ("green", "green", "improving"),
        "SC07": ("green", "green", "no change"), "SC08": ("red", "green", "worsening"),
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_scorecard_rows(name: str) -> None:
    _doc, records = extract_file(FIXTURES / name)
    rows = {
        r.fields.indicator_ref: (r.fields.status, r.fields.previous_status, r.fields.direction)
        for r in records
        if r.type == "indicator_status"
    }
    assert rows == GOLDEN[name]
    summaries = [r for r in records if r.type == "indicator_summary"]
    assert summaries and all(s.fields.table_check == "ok" for s in summaries)
    assert all(r.financial_year == "2024-25" for r in records if r.type == "indicator_status")


@pytest.mark.xfail(
    strict=True,
    reason="the LibreOffice (docx) scorecard gives no rows yet: its cells take the next row's "
    "first line (glyph boxes cross the rules), so the table is misread; not yet fixed",
)
def test_libreoffice_scorecard() -> None:
    _doc, records = extract_file(FIXTURES / "2024-25-q4-scorecard-words.pdf")
    assert len([r for r in records if r.type == "indicator_status"]) == 8


def test_drawn_arrow_ways() -> None:
    assert shape_way([(5, 0), (0, 8), (10, 8)]) == "up"
    assert shape_way([(0, 0), (10, 0), (5, 8)]) == "down"
    assert shape_way([(0, 0), (0, 10), (8, 5)]) == "same"
    assert shape_way([(0, 0), (10, 0), (10, 10), (0, 10)]) is None
