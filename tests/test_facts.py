"""One fact, several sources: the agenda pack is in the corpus as a PDF and as its text
original, and each funding row, decision and action must count once, citing both."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cdrp_archive.archive.analysis.facts import distinct, source_label, source_rows
from cdrp_archive.archive.models import Record

from conftest import run_cli


def funding(doc: str, page: int, amount: str, project: str = "Tesco TV") -> Record:
    return Record(
        type="funding",
        document=doc,
        sha256=doc * 4,
        page=page,
        text=project,
        financial_year="2010-11",
        fields={
            "amount": Decimal(amount),
            "fund": "SSCF revenue",
            "project": project,
            "status": "allocated",
        },
    )


def test_same_grant_in_two_papers_is_one_fact() -> None:
    facts = distinct(
        [
            funding("a.pdf", 31, "1560.00"),
            funding("a.txt", 1, "1560"),
            funding("a.pdf", 31, "1560.00", "Debt Advice"),
        ]
    )
    assert len(facts) == 2
    assert facts[0].sources == (("a.pdf", 31), ("a.txt", 1))


def test_different_amounts_are_different_facts() -> None:
    assert len(distinct([funding("a.pdf", 31, "1560"), funding("b.pdf", 2, "1650")])) == 2


def test_passages_merge_only_as_copies_of_one_paper() -> None:
    def passage(doc: str, date: str, text: str = "Stats Awaited") -> Record:
        return Record(
            type="passage", document=doc, sha256=f"{doc:0>64}", page=1, date=date, text=text
        )

    # the same paragraph in the PDF and the text original of one report: one fact, two sources
    (fact,) = distinct([passage("a.pdf", "2009-09-30"), passage("a.txt", "2009-09-30")])
    assert fact.sources == (("a.pdf", 1), ("a.txt", 1))
    # the same words in reports of other dates, or other words: separate facts
    assert len(distinct([passage("a.pdf", "2009-09-30"), passage("b.pdf", "2009-12-31")])) == 2
    assert len(distinct([passage("a.pdf", "2009-09-30"), passage("a.txt", "2009-09-30", "x")])) == 2
    # twice in one paper, once in its copy: the first of each pairs with the copy's
    twice = [passage("a.pdf", "2009-09-30")] * 2 + [passage("a.txt", "2009-09-30")]
    assert [len(f.sources) for f in distinct(twice)] == [2, 1]


@pytest.mark.slow
def test_funding_rows_of_the_2010_11_table_count_once(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "funding", "--year", "2010-11", "--json")
    assert result.code == 0, result.stderr
    rows = [r for r in result.json_lines() if r.get("project") == "Tesco TV"]
    assert len(rows) == 1
    documents = {s["document"] for s in rows[0]["sources"]}
    assert documents == {"2011-07-26-board-agenda-pack.pdf", "2011-07-26-board-agenda-pack.txt"}
    assert Decimal(rows[0]["amount"]) == Decimal("1560")


@pytest.mark.slow
def test_helen_turners_actions_listed_once_each(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "actions", "--owner", "Helen Turner", "--json")
    assert result.code == 0, result.stderr
    rows = result.json_lines()
    assert len(rows) == 3
    assert all(r["minute_ref"] == "89" and r["meeting_date"] == "2011-04-26" for r in rows)
    assert all(len(r["sources"]) == 2 for r in rows)


def test_equal_decisions_in_one_paper_stay_two() -> None:
    def noted(doc: str) -> Record:
        return Record(
            type="decision",
            document=doc,
            sha256=doc * 8,
            page=1,
            text="The Group NOTED the recommendations.",
            fields={"meeting_date": "2011-04-26", "minute_ref": "89", "outcome": "noted"},
        )

    facts = distinct([noted("a.pdf"), noted("a.pdf"), noted("a.txt"), noted("a.txt")])
    assert len(facts) == 2
    assert all(f.sources == (("a.pdf", 1), ("a.txt", 1)) for f in facts)


@pytest.mark.slow
def test_sscf_income_of_2011_12_counts_once(corpus_home: Path) -> None:
    """The pack says "£41,915 in SSCF funding was received" and repeats it in its funding
    summary table (p.36 of the PDF): one sum of money, received by the partnership."""
    result = run_cli(corpus_home, "funding", "--year", "2011-12", "--fund", "SSCF", "--json")
    assert result.code == 0, result.stderr
    rows = result.json_lines()
    assert [(Decimal(r["amount"]), r["status"]) for r in rows] == [(Decimal("41915"), "received")]
    assert len(rows[0]["sources"]) >= 3  # sentence and table, in the PDF and the text original


def test_a_source_without_a_page_is_named_without_one() -> None:
    assert source_label("minutes.pdf", 3) == "minutes.pdf p.3"
    assert source_label("minutes.txt", None) == "minutes.txt"
    assert source_rows([("minutes.txt", None)]) == [{"document": "minutes.txt", "page": None}]


@pytest.mark.parametrize("command", ["funding", "search", "trace"])
def test_a_bad_year_is_one_line_naming_the_option(corpus_home: Path, command: str) -> None:
    args = [] if command == "funding" else ["Homeshield"]
    result = run_cli(corpus_home, command, *args, "--year", "2009-2099")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: --year: not a financial year")


def test_a_printed_page_number_is_cited_beside_the_page() -> None:
    from cdrp_archive.extract.context import DocContext

    ctx = DocContext("a" * 64, "report.pdf", "paper", None, None, None, labels={14: "12", 3: "3"})
    moved, same = ctx.record("passage", 14, "Stats Awaited"), ctx.record("passage", 3, "x")
    assert (moved.printed_page, same.printed_page) == ("12", None)
    assert source_label("report.pdf", 14, moved.printed_page) == "report.pdf p.14 (printed 12)"
    (fact,) = distinct([moved])
    assert fact.to_dict()["sources"] == [
        {"document": "report.pdf", "page": 14, "printed_page": "12"}
    ]
