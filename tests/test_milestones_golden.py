"""Every milestone and quarter status of the Q2 2009-10 report against the hand-read golden
file (tests/golden/README.md), for the worded PDF, the shading-only PDF and the text original;
and the constructed layouts of tests/fixtures/layouts."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.milestones import split_milestones
from cdrp_archive.extract.pipeline import extract_file
from cdrp_archive.extract.rag import status_of
from cdrp_archive.extract.readers.model import Cell
from cdrp_archive.extract.textfix import clean

from conftest import CORPUS, FIXTURES, GOLDEN

SOURCES = [
    CORPUS / "2009-10-q2-performance-report.pdf",
    CORPUS / "2009-10-q2-performance-report-shading-only.pdf",
    CORPUS / "originals" / "2009-10-q2-performance-report.txt",
]
LAYOUTS = FIXTURES / "layouts"
GOLD = json.loads((GOLDEN / "2009-10-q2-milestones.json").read_text())["milestones"]


@cache
def milestone_records(path: Path) -> list[Record]:
    _document, records = extract_file(path)
    return [r for r in records if r.type == "milestone_status"]


def rows_of(records: list[Record]) -> list[dict[str, Record]]:
    """The records grouped by table row, in paper order: one {quarter: record} per row."""
    rows: dict[tuple[int | None, int | None], dict[str, Record]] = {}
    for record in records:
        rows.setdefault((record.table, record.row), {})[record.quarter or ""] = record
    return list(rows.values())


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_statuses_match_the_golden_file(path: Path) -> None:
    rows = rows_of(milestone_records(path))
    assert len(rows) == len(GOLD) == 84
    assert sum(1 for r in rows if r["Q1"].fields["milestone_ref"]) == 79
    right = invented = 0
    for gold, row in zip(GOLD, rows, strict=True):
        assert row["Q1"].fields["milestone_ref"] == gold["milestone_ref"]
        for quarter in ("Q1", "Q2"):
            got, want = row[quarter].fields["status"], gold[f"{quarter.lower()}_status"]
            right += got == want
            invented += want is None and got is not None
    assert invented == 0
    assert right / (2 * len(GOLD)) >= 0.98


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_text_priority_and_action_match_the_golden_file(path: Path) -> None:
    for gold, row in zip(GOLD, rows_of(milestone_records(path)), strict=True):
        fields = row["Q2"].fields
        assert fields["priority"] == gold["priority"]
        assert fields["action_ref"] == gold["action_ref"]
        assert fields["milestone"] == (clean(gold["milestone"]) if gold["milestone"] else None)
        for quarter in ("q1", "q2"):
            want = gold[f"{quarter}_progress"]
            got = row[quarter.upper()].fields["progress"]
            assert got == (clean(want) if want else None), gold["milestone_ref"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_homeshield_4_3d_exactly(path: Path) -> None:
    found = {r.quarter: r for r in milestone_records(path) if r.fields["milestone_ref"] == "4.3d"}
    assert set(found) == {"Q1", "Q2"}
    q1, q2 = found["Q1"], found["Q2"]
    assert (q1.fields["status"], q1.fields["progress"]) == (
        "green",
        "Scheme in place 13 referrals in SCDC in Q1",
    )
    assert (q2.fields["status"], q2.fields["progress"]) == (
        "red",
        "25 Referrals in South Cambs in Q2",
    )
    assert q2.text == (
        "4.3d Set up Cambridgeshire Homeshield scheme — Q2 red: 25 Referrals in South Cambs in Q2"
    )
    assert (q2.financial_year, q2.fields["priority"], q2.fields["action_ref"]) == (
        "2009-10",
        "Reducing Burglary",
        "4.3",
    )
    assert q2.page == q1.page
    assert q2.page == (1 if path.suffix == ".txt" else 14)


def test_status_sources_say_word_or_shading() -> None:
    worded, shaded = (milestone_records(p) for p in SOURCES[:2])
    assert {r.fields["status_source"] for r in worded if r.fields["status"]} == {"word"}
    assert {r.fields["status_source"] for r in shaded if r.fields["status"]} == {"shading"}
    # Every word in the worded PDF agrees with its cell's shading.
    assert all(r.fields["fill_status"] == r.fields["status"] for r in worded if r.fields["status"])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_a_stray_character_is_no_status(path: Path) -> None:
    found = {
        (r.fields["milestone_ref"], r.quarter): r.fields["status"] for r in milestone_records(path)
    }
    assert found[("1.7g", "Q2")] is None  # the cell holds a stray "8"
    assert found[("2.1e", "Q1")] == "red"  # its progress cell holds a lone bullet


def test_status_rule() -> None:
    green, red = (0.0, 0.69, 0.31), (1.0, 0.0, 0.0)
    assert status_of(Cell("Amber", green), None, has_column=True) == ("amber", "word", "green")
    assert status_of(Cell("", red), None, has_column=True) == ("red", "shading", "red")
    assert status_of(Cell("8"), None, has_column=True) == (None, None, None)
    assert status_of(Cell("•", (0.85, 0.85, 0.85)), None, has_column=True) == (None, None, None)
    assert status_of(None, Cell("Done", green), has_column=False) == ("green", "shading", "green")
    assert status_of(None, Cell("R"), has_column=False) == ("red", "word", None)
    assert status_of(None, Cell("Referrals up"), has_column=False) == (None, None, None)


def test_several_milestones_in_one_cell_are_split() -> None:
    assert split_milestones("3.1a Assess data 3.1b Ensure representation") == [
        ("3.1a", "Assess data"),
        ("3.1b", "Ensure representation"),
    ]
    assert split_milestones("Kits will be distributed as part of action 1.4a") == [
        (None, "Kits will be distributed as part of action 1.4a")
    ]


def test_update_only_layout_gives_null_statuses_and_splits_cells() -> None:
    records = milestone_records(LAYOUTS / "update-only-q3.pdf")
    by_ref = {r.fields["milestone_ref"]: r for r in records}
    assert list(by_ref) == ["3.1a", "3.1b", "3.2a", "3.3a", "3.4b"]
    assert all(r.fields["status"] is None and r.quarter == "Q3" for r in records)
    assert by_ref["3.1a"].fields["progress"] == "The group met in October and reviewed Q2 data."
    assert by_ref["3.1b"].fields["progress"] == (
        "A CDRP officer now attends the Southern Division MARAC."
    )
    assert by_ref["3.1b"].fields["milestone"] == "Ensure representation on Southern Division MARAC"
    assert by_ref["3.4b"].fields["lead"] == "Probation"
    assert by_ref["3.4b"].fields["partners"] == "Police"


def test_key_support_indicator_status_is_the_progress_cell_fill() -> None:
    records = milestone_records(LAYOUTS / "key-support-indicator.pdf")
    got = [(r.fields["milestone"], r.fields["status"], r.fields["progress"]) for r in records]
    assert got == [
        ("Targeted patrols in hotspot villages", "green", None),
        ("Crime prevention advice to repeat victims", "amber", "Advice packs issued to 40 victims"),
        ("IDVA engagement with referred victims", "red", None),
        ("Monthly ASB Task Group case review", "amber", None),
        ("Dispersal order review", "green", "Review completed in Q2"),
    ]
    assert records[0].fields["priority"] == "KSI 1: Reduce dwelling burglary"
    assert records[0].fields["action"] == "SAC 1.1"
    assert records[1].fields["status_source"] == "shading"


def test_renumbered_plan_is_read_for_its_own_year() -> None:
    records = milestone_records(LAYOUTS / "2010-11-q1-renumbered-plan.pdf")
    by_ref = {r.fields["milestone_ref"]: r for r in records}
    homeshield = by_ref["1.4b"]
    assert (homeshield.financial_year, homeshield.quarter, homeshield.fields["status"]) == (
        "2010-11",
        "Q1",
        "amber",
    )
    assert by_ref["1.4c"].fields["status"] is None
