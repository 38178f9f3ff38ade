"""Issue 2 as a user meets it: ingest the corpus, search it, export it, through the installed
command. Page numbers here were read off the rendered PDFs by eye."""

from __future__ import annotations

import csv
import io
import itertools
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, Run, run_cli

Q2_PDF = "2009-10-q2-performance-report.pdf"


def no_traceback(result: Run) -> None:
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout


@pytest.mark.slow
def test_corpus_ingests_every_paper(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "docs", "--json")
    assert result.code == 0, result.stderr
    docs = {d["name"]: d for d in result.json_lines()}
    q2 = docs[Q2_PDF]
    assert (q2["kind"], q2["financial_year"], q2["quarter"]) == (
        "performance_report",
        "2009-10",
        "Q2",
    )
    assert q2["pages"] == 15
    assert len(q2["sha256"]) == 64
    pack = docs["2011-07-26-board-agenda-pack.pdf"]
    assert (pack["kind"], pack["date"], pack["financial_year"]) == (
        "agenda",
        "2011-07-26",
        "2011-12",
    )
    plan = docs["2010-02-01-rolling-plan-refresh.pdf"]
    assert (plan["kind"], plan["date"], plan["financial_year"]) == (
        "plan_report",
        "2010-02-01",
        "2010-11",
    )
    html = docs["2012-13-tasking-and-coordination-update.html"]
    assert html["financial_year"] == "2012-13"
    assert all(d["records"] > 0 for d in docs.values())


@pytest.mark.slow
def test_search_homeshield_gives_milestone_4_3d_with_its_page(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "search", "Homeshield", "--json")
    assert result.code == 0, result.stderr
    hits = result.json_lines()
    from_q2 = [
        (h, s)
        for h in hits
        for s in h["sources"]
        if s["document"] == Q2_PDF and "4.3d" in h["text"]
    ]
    assert from_q2, hits
    for hit, source in from_q2:
        assert source["page"] == 14  # "Page 14 of 15" of the worded PDF
        assert hit["financial_year"] == "2009-10"
        assert hit["score"] > 0
        assert source["path"].endswith(Q2_PDF)
    assert "25 Referrals in South Cambs" in " ".join(h["text"] for h, _ in from_q2)


@pytest.mark.slow
@pytest.mark.parametrize("typed", ["Homeshiled", "Home shield", "homeshield"])
def test_misspelt_or_split_words_still_find_homeshield(corpus_home: Path, typed: str) -> None:
    result = run_cli(corpus_home, "search", typed, "--json")
    assert result.code == 0, result.stderr
    assert any("Homeshield" in h["text"] for h in result.json_lines())
    if typed != "homeshield":
        assert "showing results for" in result.stderr


@pytest.mark.slow
def test_search_table_shows_document_date_page_and_highlight(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "search", "Homeshield", "--year", "2009-10")
    assert result.code == 0, result.stderr
    assert "Homeshield" in result.stdout
    assert "2009-09-30" in result.stdout
    assert "2009-10-q2" in result.stdout
    assert result.stderr == ""


@pytest.mark.slow
def test_query_syntax_and_filters(corpus_home: Path) -> None:
    def ids(*args: str) -> set[str]:
        result = run_cli(corpus_home, "search", *args, "--all-copies", "--json", "--limit", "500")
        assert result.code == 0 or "no results" in result.stderr, result.stderr
        no_traceback(result)
        return {h["id"] for h in result.json_lines()}

    graffiti = ids("graffiti")
    removal = ids("graffiti AND removal")
    assert removal and removal <= graffiti
    assert ids("graffiti NOT removal") == graffiti - removal
    assert ids("graffiti OR Homeshield") >= graffiti | ids("Homeshield")
    phrase = ids('"Pub 4 Kids"')
    assert phrase and phrase <= ids("Pub Kids")
    assert ids("Homeshield", "--year", "2011-12") == set()
    september_2009 = ids("Homeshield", "--from", "2009-09-01", "--to", "2009-09-30")
    later = ids("Homeshield", "--year", "2010-11")  # the 2010-11 Q3 report's 1.4b
    assert september_2009 and later and september_2009 == ids("Homeshield") - later
    assert ids("Homeshield", "--from", "2010-01-01") == set()
    assert ids("Homeshield", "--type", "decision") == set()
    assert ids("document:2009-10-q2-performance-report.pdf", "--limit", "500")


@pytest.mark.slow
def test_sort_by_date_and_limit(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "search", "CDRP", "--sort", "date", "--limit", "50", "--json")
    dates = [h["date"] or "" for h in result.json_lines()]
    assert len(dates) == 50
    assert dates == sorted(dates, reverse=True)  # newest first
    oldest = run_cli(corpus_home, "search", "CDRP", "--sort", "oldest", "--limit", "50", "--json")
    dates = [h["date"] or "" for h in oldest.json_lines()]
    assert len(dates) == 50
    assert dates == sorted(dates)


@pytest.mark.slow
def test_bad_options_are_one_line_errors(corpus_home: Path) -> None:
    for args, message in [
        (("search", "x", "--year", "2009"), "not a financial year"),
        (("search", "x", "--from", "yesterday"), "not a date"),
        (("search", "x", "--type", "nonsense"), "not a record type"),
        (("search", "x", "--sort", "size"), "expected relevance, date (newest first) or oldest"),
        (("export", "--format", "xml"), "expected jsonl or csv"),
        (("search", "ref:"), "ref: needs a value"),
        (("search", "("), "nothing to search for"),
    ]:
        result = run_cli(corpus_home, *args)
        assert result.code == 1, args
        assert message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        no_traceback(result)


def test_commands_on_a_missing_archive_say_so(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "nothing-here", "search", "Homeshield")
    assert result.code == 1
    assert "no archive at" in result.stderr
    no_traceback(result)


@pytest.mark.slow
def test_export_jsonl_and_csv(corpus_home: Path, tmp_path: Path) -> None:
    jsonl = run_cli(corpus_home, "export", "--format", "jsonl")
    assert jsonl.code == 0
    rows = jsonl.json_lines()
    assert len(rows) > 1000
    assert {"id", "type", "document", "page", "date", "financial_year", "quarter", "text"} <= set(
        rows[0]
    )
    out = tmp_path / "passages.csv"
    result = run_cli(corpus_home, "export", "--format", "csv", "--type", "passage", "-o", str(out))
    assert result.code == 0
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert table and all(r["type"] == "passage" for r in table)
    assert len(table) == sum(1 for r in rows if r["type"] == "passage")


def test_reingest_skips_unchanged_and_replaces_changed(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    paper = papers / "minutes.txt"
    shutil.copy(CORPUS / "originals" / "2012-13-tasking-and-coordination-update.txt", paper)
    home = tmp_path / "home"
    first = run_cli(home, "ingest", str(papers))
    assert first.code == 0, first.stderr
    assert "1 new" in first.stderr
    again = run_cli(home, "ingest", str(papers))
    assert again.code == 0
    assert "0 new, 0 changed, 1 unchanged" in again.stderr
    assert run_cli(home, "search", "diesel", "--json").json_lines()

    paper.write_text(paper.read_text().replace("diesel theft", "heating oil theft"))
    changed = run_cli(home, "ingest", str(papers))
    assert changed.code == 0
    assert "1 changed" in changed.stderr
    assert run_cli(home, "search", "diesel", "--json").json_lines() == []
    assert run_cli(home, "search", '"heating oil"', "--json").json_lines()
    docs = run_cli(home, "docs", "--json").json_lines()
    assert len(docs) == 1


def test_home_from_environment_variable(tmp_path: Path) -> None:
    home = tmp_path / "env-home"
    paper = CORPUS / "originals" / "2012-13-tasking-and-coordination-update.txt"
    result = run_cli(tmp_path / "ignored", "--help")
    assert result.code == 0
    import os
    import subprocess

    from conftest import command

    env = {**os.environ, "CDRP_ARCHIVE_HOME": str(home), "COLUMNS": "120"}
    proc = subprocess.run(
        [*command(), "ingest", str(paper)], env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert (home / "archive.sqlite3").exists()
    assert (home / "index").is_dir()


def test_home_that_is_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("x")
    paper = CORPUS / "originals" / "2012-13-tasking-and-coordination-update.txt"
    result = run_cli(home, "ingest", str(paper))
    assert result.code == 1
    assert "cannot use as the archive folder" in result.stderr
    no_traceback(result)


@pytest.mark.slow
def test_equal_scores_come_in_document_order(corpus_home: Path) -> None:
    hits = run_cli(corpus_home, "search", "Homeshield", "--json").json_lines()
    for first, second in itertools.pairwise(hits):
        assert first["score"] >= second["score"]
        if first["score"] == second["score"]:
            assert (first["document"], first["page"]) <= (second["document"], second["page"])
