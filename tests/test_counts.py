"""Issue 10, parts 2 and 3: the number a command announces is the number it lists under the
same filters, and a fact printed in several papers is one hit citing every copy. The corpus
holds the Q2 2009-10 report three times (worded PDF, shading-only PDF, text original)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli

pytestmark = pytest.mark.slow

Q2 = {
    "2009-10-q2-performance-report.pdf",
    "2009-10-q2-performance-report-shading-only.pdf",
    "2009-10-q2-performance-report.txt",
}


def announced(stdout: str) -> tuple[int, int]:
    """(shown, total) from the table title: "12 results" or "showing 5 of 12 results"."""
    match = re.search(r"showing (\d+) of (\d+) results?", stdout)
    if match:
        return int(match[1]), int(match[2])
    match = re.search(r"(\d+) results? for", stdout)
    assert match, stdout
    return int(match[1]), int(match[1])


@pytest.mark.parametrize(
    "args",
    [
        ["burglary", "--year", "2010-11"],
        ["burglary", "--type", "funding"],
        ["burglary"],
        ["Homeshield"],
    ],
)
def test_announced_count_is_what_is_listed(corpus_home: Path, args: list[str]) -> None:
    every = run_cli(corpus_home, "search", *args, "--json", "--limit", "10000")
    table = run_cli(corpus_home, "search", *args, "--limit", "10000")
    if every.code == 1:  # nothing under these filters: said so, nothing listed
        assert "no results" in every.stderr and every.stdout == ""
        return
    shown, total = announced(table.stdout)
    assert shown == total == len(every.json_lines())


def test_limit_says_showing_n_of_m(corpus_home: Path) -> None:
    total = len(
        run_cli(corpus_home, "search", "burglary", "--json", "--limit", "10000").json_lines()
    )
    assert total > 3
    table = run_cli(corpus_home, "search", "burglary", "--limit", "3")
    assert announced(table.stdout) == (3, total)
    json3 = run_cli(corpus_home, "search", "burglary", "--limit", "3", "--json")
    assert len(json3.json_lines()) == 3
    assert f"showing 3 of {total} results" in json3.stderr


def test_one_hit_per_fact_citing_every_copy(corpus_home: Path) -> None:
    hits = run_cli(corpus_home, "search", "Homeshield", "--year", "2009-10", "--json")
    assert hits.code == 0, hits.stderr
    rows = hits.json_lines()
    # read off the paper: milestone 4.3d, its Q1 and its Q2 status, one fact each
    assert sorted(r["quarter"] for r in rows) == ["Q1", "Q2"]
    for row in rows:
        assert {s["document"] for s in row["sources"]} == Q2
        assert all(s["date"] == "2009-09-30" and s["page"] for s in row["sources"])
    copies = run_cli(
        corpus_home, "search", "Homeshield", "--year", "2009-10", "--all-copies", "--json"
    ).json_lines()
    statuses = [r for r in copies if r["type"] == "milestone_status"]
    assert len(statuses) == 6  # two quarters in three copies
    assert {r["document"] for r in statuses} == Q2


def test_people_one_appearance_per_fact(corpus_home: Path) -> None:
    facts = run_cli(corpus_home, "people", "Simon Kerss", "--json").json_lines()
    copies = run_cli(corpus_home, "people", "Simon Kerss", "--all-copies", "--json").json_lines()
    assert len(copies) > len(facts)
    keys = [(r["appearance"], r["when"], r["what"]) for r in facts]
    assert len(keys) == len(set(keys)), "an appearance listed twice"
    lead = [r for r in facts if r["appearance"] == "lead officer" and r["when"] == "2009-09-30"]
    assert len(lead) == 1  # the Q2 report names him once, in three copies
    assert {s["document"] for s in lead[0]["sources"]} == Q2
    summary = run_cli(corpus_home, "people", "--json").json_lines()
    assert sum(1 for r in summary if r["person"] == "Simon Kerss") == len(facts)


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    from cdrp_archive.cli.tables import shorten

    assert shorten("The Group NOTED the content of the report", 20) == "The Group NOTED the…"
    assert shorten("short", 20) == "short"
    assert len(shorten("word " * 100, 400)) <= 400
