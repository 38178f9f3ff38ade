"""Task-group update sections per priority, without the form's guidance or footnotes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.pipeline import extract_file

from conftest import CORPUS

REPORTS = [
    CORPUS / "originals" / "2009-10-q2-performance-report.txt",
    CORPUS / "2009-10-q2-performance-report.pdf",
]


@cache
def updates(path: Path) -> tuple[Record, ...]:
    return tuple(r for r in extract_file(path)[1] if r.type == "update")


@pytest.fixture(params=REPORTS, ids=lambda p: p.suffix[1:])
def report(request: pytest.FixtureRequest) -> Path:
    return request.param


def test_sections_per_priority_and_lead_officer(report: Path) -> None:
    found = updates(report)
    asb = [u for u in found if u.fields["priority_area"] == "ASB"]
    assert {u.fields["lead_officer"] for u in asb} == {"Chris Savage"}
    sections = {u.fields["section"] for u in asb}
    assert {
        "key achievements",
        "areas of concern",
        "recommendations",
        "case statistics",
    } <= sections
    concern = [u.text for u in asb if u.fields["section"] == "areas of concern"]
    assert concern == [
        "Absence of the CDRP ASB caseworker due to sickness continues to impact on "
        "performance and coordination."
    ]
    assert all(u.financial_year == "2009-10" and u.quarter == "Q2" for u in found)
    burglary = [u for u in found if u.fields["lead_officer"] == "John Reynolds"]
    assert [u.fields["section"] for u in burglary].count("publicity") == 3


def test_guidance_and_footnotes_are_not_content(report: Path) -> None:
    for update in updates(report):
        assert "Please ensure" not in update.text
        assert update.text.split("Group's ")[-1] != "Action Plan."


def test_2011_quarter_from_the_form_heading() -> None:
    path = CORPUS / "originals" / "2011-07-26-board-agenda-pack.txt"
    found = [u for u in updates(path) if u.fields["lead_officer"] == "Jenny Jolley"]
    assert found and {(u.financial_year, u.quarter) for u in found} == {("2011-12", "Q1")}
    assert found[0].fields["priority_area"] == "Reducing Re-offending"
