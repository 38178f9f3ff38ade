"""Records are dated by what they speak of: the minutes of 26 April 2011, printed inside the
July 2011 agenda pack, are of 2011-12 Q1 (April), not of the pack's Q2; a funding table of
2010-11 in that pack is of 2010-11 with no quarter (the pack's Q2 is a quarter of 2011-12);
the pack itself keeps its own date and period.

Read by hand (crash helper, from corpus/originals/2011-07-26-board-agenda-pack.txt): item 4
prints the "Minutes of the meeting held on Tuesday, 26 April 2011"; the report "to update the
CDRP Board on progress with 2010-11 funding" gives 2010-11's sums in its text and the
"2010-11 CDRP Funding Plan" table (16 funding records of 2010-11 in all)."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

PACK = "2011-07-26-board-agenda-pack.pdf"


def records(home: Path, kind: str) -> list[dict]:
    result = run_cli(home, "export", "--type", kind)
    assert result.code == 0, result.stderr
    return [r for r in result.json_lines() if r["document"] == PACK]


def test_minutes_inside_a_pack_take_their_meetings_date_year_and_quarter(
    corpus_home: Path,
) -> None:
    for kind in ("decision", "action", "attendance"):
        found = records(corpus_home, kind)
        assert found, kind
        april = [r for r in found if r["meeting_date"] == "2011-04-26"]
        assert len(april) == len(found), kind  # the pack prints one set of minutes
        for r in april:
            assert (r["date"], r["financial_year"], r["quarter"]) == ("2011-04-26", "2011-12", "Q1")
    meetings = {r["meeting_date"]: r for r in records(corpus_home, "meeting")}
    assert meetings["2011-04-26"]["quarter"] == "Q1"
    assert meetings["2011-07-26"]["quarter"] == "Q2"  # the pack's own meeting: July


def test_a_funding_table_takes_its_tables_year_and_no_quarter_of_another(
    corpus_home: Path,
) -> None:
    found = records(corpus_home, "funding")
    last_year = [r for r in found if r["financial_year"] == "2010-11"]
    assert len(last_year) == 16
    assert all(r["quarter"] is None for r in last_year)
    assert all(r["date"] == "2011-07-26" for r in last_year)  # reported in July 2011
    in_minutes = [r for r in found if r["meeting_date"] == "2011-04-26"]
    assert in_minutes
    assert all((r["financial_year"], r["quarter"]) == ("2011-12", "Q1") for r in in_minutes)


def test_the_paper_keeps_its_own_date_and_period(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "docs", "--json")
    assert result.code == 0, result.stderr
    pack = next(d for d in result.json_lines() if d["name"] == PACK)
    assert (pack["date"], pack["financial_year"], pack["quarter"]) == (
        "2011-07-26",
        "2011-12",
        "Q2",
    )


def test_a_q1_filter_finds_the_april_decisions(corpus_home: Path) -> None:
    result = run_cli(
        corpus_home,
        "search",
        "minutes",
        "--type",
        "decision",
        "--year",
        "2011-12",
        "--json",
        "--limit",
        "100",
    )
    assert result.code == 0, result.stderr
    hits = [h for h in result.json_lines() if h["document"] == PACK]
    assert hits and all(h["quarter"] == "Q1" for h in hits)
