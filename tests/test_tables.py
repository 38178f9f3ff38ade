"""Tables as printed: parts joined, repeated headers dropped, split rows merged, merged cells
carried down, columns named by header text. Built in code, then on the real corpus PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cdrp_archive.extract.readers import read_paper
from cdrp_archive.extract.readers.model import Cell, Page, Paper, Paragraph, Table
from cdrp_archive.extract.tables import (
    Row,
    carry_down,
    join_tables,
    map_columns,
    merge_continuations,
    normalise_header,
)

from conftest import CORPUS

RULES = [
    (re.compile(r"priority"), "priority"),
    (re.compile(r"number"), "action_ref"),
    (re.compile(r"milestones?"), "milestone"),
    (re.compile(r"q(?P<q>[1-4]) status"), "status"),
    (re.compile(r"q(?P<q>[1-4]) progress"), "progress"),
]
HEADER = ["Priority", "Numb\ner", "Milestones", "Q1\nStatus", "Q1 Progress"]


def row(*texts: str | None) -> list[Cell | None]:
    return [None if t is None else Cell(t) for t in texts]


def pdf_part(page: int, rows: list[list[Cell | None]], top: float, bottom: float) -> Table:
    return Table(page=page, index=0, top=top, bottom=bottom, rows=rows, page_height=842)


def test_header_text_is_normalised() -> None:
    assert normalise_header("Q1\nStatus:") == "q1 status"
    assert normalise_header("Quarter 2 Update") == "q2 update"
    assert normalise_header("Numb er") == "number"


def test_columns_are_named_by_header_text_not_position() -> None:
    columns = map_columns(["Q2 Progress", "Milestone", "Q2 Status", "Lead"], RULES)
    assert [(c.index, c.role, c.quarter) for c in columns] == [
        (0, "progress", "Q2"),
        (1, "milestone", None),
        (2, "status", "Q2"),
    ]


def test_pdf_parts_join_and_repeated_header_is_dropped() -> None:
    first = pdf_part(1, [row(*HEADER), row("Theme", "1.1", "1.1a Do X", "Green", "done")], 60, 780)
    second = pdf_part(2, [row(*HEADER), row(None, "", "1.1b Do Y", "Red", "late")], 63, 300)
    footer = Paragraph(page=1, top=802, text="Page 1 of 2")
    paper = Paper("x.pdf", [Page(1, [first, footer]), Page(2, [second])])
    [table] = join_tables(paper, RULES)
    assert [r.text(2) for r in table.rows] == ["1.1a Do X", "1.1b Do Y"]
    assert [r.page for r in table.rows] == [1, 2]
    assert table.header[1] == "Number"  # mended: "Numb er" was broken by a narrow column


def test_a_table_after_prose_on_the_next_page_is_not_a_continuation() -> None:
    first = pdf_part(1, [row(*HEADER), row("A", "1.1", "1.1a X", "", "")], 60, 780)
    heading = Paragraph(page=2, top=60, text="Priority 2")
    second = pdf_part(2, [row(*HEADER), row("B", "2.1", "2.1a Y", "", "")], 100, 300)
    paper = Paper("x.pdf", [Page(1, [first]), Page(2, [heading, second])])
    assert len(join_tables(paper, RULES)) == 2


def test_text_chunks_join_and_lost_header_labels_are_filled() -> None:
    lost = Table(1, 0, 0, 0, [row("Priority", "Number", "", "Q1 Status", ""), row("A", "1", "")])
    full = Table(1, 1, 1, 1, [row(*HEADER), row("A", "", "1.1b Y", "Red", "late")])
    fragment = Table(1, 2, 2, 2, [row("1.1c Z", "Green", "ok"), row("more")])
    paper = Paper("x.txt", [Page(1, [lost, full, fragment])])
    [table] = join_tables(paper, RULES)
    assert [normalise_header(h) for h in table.header][2:] == [
        "milestones",
        "q1 status",
        "q1 progress",
    ]
    # The headerless 3-cell fragment lost its leading cells: it is right-aligned.
    assert table.rows[2].text(2) == "1.1c Z"
    assert table.rows[2].cells[0] is None
    # Text drops trailing empty cells; a short row is squared on the right.
    assert table.rows[0].text(2) == "" and len(table.rows[0].cells) == 5


def test_split_row_is_merged_into_the_row_above() -> None:
    above = Row(row("Theme", "1.1", "1.1a Do", "Green", "half"), page=1)
    split = Row(row("Theme", "", "the thing", "", "of it"), page=2, first_in_part=True,
                continues=True, laid_out=True)  # fmt: skip
    [merged] = merge_continuations([above, split], lambda r: not r.text(2).startswith("1."))
    assert merged.text(2) == "1.1a Do the thing"
    assert merged.text(4) == "half of it"
    assert merged.text(0) == "Theme"  # the PDF's repeated merged cell is not doubled
    assert merged.page == 1


def test_only_the_first_row_of_a_continued_pdf_part_can_be_split() -> None:
    rows = [
        Row(row("1.1a X"), page=1, laid_out=True),
        Row(row("no ref"), page=1, laid_out=True),
    ]
    assert len(merge_continuations(rows, lambda r: True)) == 2


def test_carry_down_fills_merged_cells_by_group() -> None:
    rows = [
        Row(row("Theme", "", "Act A", "1.1a"), page=1),
        Row(row(None, "", "", "1.1b"), page=1),
        Row(row(None, "1.2", "", "1.2a"), page=1),
        Row(row(None, "", "", "1.2b"), page=1),
    ]
    out = carry_down(rows, [[0], [1, 2]])
    assert [r.text(0) for r in out] == ["Theme"] * 4
    assert [(r.text(1), r.text(2)) for r in out] == [
        ("", "Act A"),
        ("", "Act A"),
        ("1.2", ""),  # a new action starts: its blank Action cell stays blank
        ("1.2", ""),
    ]


@pytest.fixture(scope="module")
def q2_paper() -> Paper:
    path = CORPUS / "2009-10-q2-performance-report.pdf"
    return read_paper(Path(path.name), path.read_bytes())


def test_real_pdf_action_plans_join_over_pages(q2_paper: Paper) -> None:
    from cdrp_archive.extract.milestones import RULES as MILESTONE_RULES

    tables = join_tables(q2_paper, MILESTONE_RULES)
    action_plans = [t for t in tables if "Milestones" in t.header]
    # One action plan per priority, though priority 1's runs over pages 2-6.
    assert len(action_plans) == 5
    first = action_plans[0]
    assert sorted({r.page for r in first.rows}) == [2, 3, 4, 5, 6]
    assert not any(r.text(0) == "Priority" for t in action_plans for r in t.rows)


def test_real_pdf_split_rows_joined_and_priority_carried(q2_paper: Paper) -> None:
    from cdrp_archive.extract.milestones import RULES as MILESTONE_RULES
    from cdrp_archive.extract.milestones import _continues, layout_of

    table = join_tables(q2_paper, MILESTONE_RULES)[0]  # priority 1, over five pages
    split = [
        r for r in table.rows if r.continues and r.first_in_part and not r.text(3)[:1].isdigit()
    ]
    assert split, "the corpus PDF splits at least one row over a page break"
    layout = layout_of(table, "Q2")
    assert layout is not None
    rows = merge_continuations(table.rows, lambda r: _continues(r, layout))
    rows = carry_down(rows, [[0], [1, 2]])
    # Priority 1 has 45 milestones, every one with its ref: no half-row is left over.
    assert len(rows) == 45
    assert all(re.match(r"1\.\d+[a-z] ", r.text(3)) for r in rows)
    by_ref = {r.text(3).split(" ")[0]: r for r in rows}
    assert by_ref["1.6b"].text(3) == (
        "1.6b Carry out at least 6 multi-agency inspections to on and off licensed premises"
    )
    assert all(r.text(0) == "Reducing Anti-Social Behaviour" for r in rows)
