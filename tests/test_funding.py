"""Funding records against the hand-read golden file: every project row of the 2010-11
funding table and of the 2011-12 summary, from the text original and from the PDF (where
the table is split over two pages with its header repeated). Invariant: a funding table's
totals row equals the sum of its rows, or the mismatch is reported."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.conventions import builtin_profiles
from cdrp_archive.extract.flow import Unit
from cdrp_archive.extract.funding import fund_of, table_records
from cdrp_archive.extract.pipeline import extract_file
from cdrp_archive.extract.readers.model import Cell, Table

from conftest import CORPUS, GOLDEN

PACKS = [
    CORPUS / "originals" / "2011-07-26-board-agenda-pack.txt",
    CORPUS / "2011-07-26-board-agenda-pack.pdf",
]
GOLD = json.loads((GOLDEN / "funding-2010-11.json").read_text(encoding="utf-8"))
CTX = DocContext("0" * 64, "made-up.txt", "funding_report", "2011-07-26", "2011-12", "Q2")


@cache
def table_funding(path: Path) -> tuple[Record, ...]:
    return tuple(
        r for r in extract_file(path)[1] if r.type == "funding" and r.fields["source"] == "table"
    )


@pytest.fixture(params=PACKS, ids=lambda p: p.suffix[1:])
def pack(request: pytest.FixtureRequest) -> Path:
    return request.param


def test_every_2010_11_project_row(pack: Path) -> None:
    gold = GOLD["funding_2010_11"]
    rows = [
        r for r in table_funding(pack) if r.fields["table_title"] == "2010-11 CDRP Funding Plan"
    ]
    got = [
        {
            "project": r.fields["project"],
            "fund": r.fields["fund"],
            "amount": str(r.fields["amount"]),
            "section": r.fields["section"],
        }
        for r in rows
    ]
    assert got == gold["rows"]
    assert {r.financial_year for r in rows} == {gold["financial_year"]}
    assert all(r.fields["currency"] == "GBP" and r.page and r.row is not None for r in rows)
    assert {r.fields["table_check"] for r in rows} == {"ok"}


def test_2011_12_summary_rows(pack: Path) -> None:
    gold = GOLD["summary_2011_12"]
    rows = [r for r in table_funding(pack) if r.financial_year == "2011-12"]
    got = [
        {
            "project": r.fields["project"],
            "fund": r.fields["fund"],
            "amount": str(r.fields["amount"]),
            "flow": r.fields["flow"],
        }
        for r in rows
    ]
    assert got == [{k: v for k, v in g.items() if k != "line"} for g in gold["rows"]]
    assert {r.fields["table_check"] for r in rows} == {"ok"}


def test_totals_equal_the_sum_of_rows(pack: Path) -> None:
    rows = [
        r for r in table_funding(pack) if r.fields["table_title"] == "2010-11 CDRP Funding Plan"
    ]
    planned = [r for r in rows if r.fields["section"] != "SSCF GRANT APPLICATIONS"]
    totals = GOLD["funding_2010_11"]["totals"]
    for fund, total in totals.items():
        summed = sum((r.fields["amount"] for r in planned if r.fields["fund"] == fund), Decimal(0))
        assert summed == Decimal(total), fund


def _table(rows: list[list[str]]) -> Table:
    return Table(page=3, index=0, top=0, bottom=0, rows=[[Cell(c) for c in r] for r in rows])


def test_a_mismatched_total_is_reported_not_hidden() -> None:
    table = _table(
        [
            ["Project", "SSCF Revenue", "Pooled fund", "Notes"],
            ["Tesco TV", "1,560.00", "", ""],
            ["Debt Advice", "", "200.00", ""],
            ["Totals", "1,600.00", "200.00", ""],
        ]
    )
    records = table_records([table], CTX)
    assert [str(r.fields["amount"]) for r in records] == ["1560.00", "200.00"]
    check = records[0].fields["table_check"]
    assert "rows sum to 1,560.00" in check and "table says 1,600.00" in check


def test_section_and_total_rows_are_not_projects() -> None:
    table = _table(
        [
            ["LINE", "INCOME/EXPENDITURE", "AMOUNT", "NOTES"],
            ["1", "SSCF allocation", "100.00", ""],
            ["2", "TOTAL FUNDING AVAILABLE", "100.00", ""],
            ["3", "PROPOSED PROJECTS", "", ""],
            ["4", "Youth bus", "60.00", ""],
            ["5", "TOTAL COST", "60.00", ""],
            ["6", "BALANCE REMAINING", "40.00", ""],
        ]
    )
    records = table_records([table], CTX)
    assert [r.fields["project"] for r in records] == ["SSCF allocation", "Youth bus"]
    assert [r.fields["flow"] for r in records] == ["income", "expenditure"]
    assert records[1].fields["section"] == "PROPOSED PROJECTS"
    assert records[0].fields["table_check"] == "ok"


def test_narrative_funding_in_a_quarterly_report() -> None:
    path = CORPUS / "originals" / "2009-10-q2-performance-report.txt"
    (found,) = [r for r in extract_file(path)[1] if r.type == "funding"]
    assert found.fields["amount"] == Decimal("1500")
    assert found.fields["status"] == "awarded"
    assert found.fields["project"] == "the development of a DV Awareness Day"
    assert found.financial_year == "2009-10"


def test_a_table_split_over_pages_past_the_footer_is_one_table() -> None:
    """The PDF repeats the header on the next page (here losing its last label) and prints
    the page footer between the pieces; the totals row checks the rows of both pages."""
    header = ["Project", "SSCF Revenue", "Notes"]
    first = _piece(3, 600, [header, ["Youth bus", "60.00", ""]])
    rest = _piece(4, 40, [[*header[:2], ""], ["Debt advice", "40.00", ""], ["Totals", "100.00"]])
    footer = Unit(3, ("South Cambridgeshire Crime and Disorder Reduction Partnership, July 2011",))
    records = table_records([first, footer, rest], CTX)
    assert [r.fields["project"] for r in records] == ["Youth bus", "Debt advice"]
    assert {r.fields["table_check"] for r in records} == {"ok"}


def test_a_long_paragraph_between_tables_keeps_them_apart() -> None:
    header = ["Project", "SSCF Revenue", "Notes"]
    first = _piece(3, 100, [header, ["Youth bus", "60.00", ""], ["Totals", "60.00", ""]])
    later = _piece(3, 500, [header, ["Debt advice", "40.00", ""], ["Totals", "40.00", ""]])
    text = Unit(3, ("The second table lists the projects approved at the July meeting.",))
    records = table_records([first, text, later], CTX)
    assert {r.fields["table_check"] for r in records} == {"ok"}


def _piece(page: int, top: float, rows: list[list[str]]) -> Table:
    cells = [[Cell(c) for c in r] for r in rows]
    return Table(page=page, index=0, top=top, bottom=top + 180, rows=cells, page_height=800)


@pytest.mark.parametrize(
    ("text", "fund"),
    [
        ("SSCF Revenue", "SSCF revenue"),
        ("SSCF\nCapital", "SSCF capital"),
        ("Pooled fund", "pooled fund"),
        ("a CDRP Priority Fund", "priority fund"),
        ("Safer & Stronger Communities Fund (SSCF)", "SSCF"),
        ("Tesco TV", None),
    ],
)
def test_fund_names(text: str, fund: str | None) -> None:
    assert fund_of(text, builtin_profiles()["south-cambridgeshire"]) == fund
