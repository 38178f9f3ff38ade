"""Issue 3 as a user meets it: trace, link and unlink through the installed command, on the
Q2 2009-10 report (worded PDF, shading-only PDF, text original) and the renumbered 2010-11
plan. Pages were read off the rendered PDFs by eye."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cdrp_archive.archive.analysis.milestones import THRESHOLD, build_threads, score_distribution
from cdrp_archive.archive.store import Store

from conftest import CORPUS, FIXTURES, Run, run_cli

PAPERS = [
    CORPUS / "2009-10-q2-performance-report.pdf",
    CORPUS / "2009-10-q2-performance-report-shading-only.pdf",
    CORPUS / "originals" / "2009-10-q2-performance-report.txt",
]
RENUMBERED = FIXTURES / "layouts" / "2010-11-q1-renumbered-plan.pdf"


def ok(result: Run) -> Run:
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture(scope="module")
def plans_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Q2 report in its three copies and the renumbered 2010-11 plan, copied so a test
    can re-ingest them."""
    home = tmp_path_factory.mktemp("plans")
    papers = home / "papers"
    papers.mkdir()
    for path in [*PAPERS, RENUMBERED]:
        shutil.copy(path, papers / path.name)
    ok(run_cli(home, "ingest", str(papers)))
    return home


def test_trace_homeshield_json_merges_the_three_copies(plans_home: Path) -> None:
    rows = ok(run_cli(plans_home, "trace", "Homeshield", "--json", "--year", "2009-10"))
    rows_json = rows.json_lines()
    assert [(r["milestone_ref"], r["quarter"], r["status"]) for r in rows_json] == [
        ("4.3d", "Q1", "green"),
        ("4.3d", "Q2", "red"),
    ]
    q1, q2 = rows_json
    assert q1["progress"] == "Scheme in place 13 referrals in SCDC in Q1"
    assert q2["progress"] == "25 Referrals in South Cambs in Q2"
    assert not q1["conflict"] and not q2["conflict"]
    sources = {(s["document"], s["page"], s["status_source"]) for s in q2["sources"]}
    assert sources == {
        ("2009-10-q2-performance-report.pdf", 14, "word"),
        ("2009-10-q2-performance-report-shading-only.pdf", 14, "shading"),
        ("2009-10-q2-performance-report.txt", 1, "word"),
    }
    assert q1["thread"] == q2["thread"] == "2009-10:4.3d"


def test_renumbered_milestone_joins_the_thread(plans_home: Path) -> None:
    rows = ok(run_cli(plans_home, "trace", "Homeshield", "--json")).json_lines()
    assert [(r["financial_year"], r["quarter"], r["milestone_ref"]) for r in rows] == [
        ("2009-10", "Q1", "4.3d"),
        ("2009-10", "Q2", "4.3d"),
        ("2010-11", "Q1", "1.4b"),
    ]
    assert {r["thread"] for r in rows} == {"2009-10:4.3d"}
    assert rows[-1]["status"] == "amber"
    # The old ref finds the whole thread too.
    by_ref = ok(run_cli(plans_home, "trace", "4.3d", "--json")).json_lines()
    assert [r["milestone_ref"] for r in by_ref] == ["4.3d", "4.3d", "1.4b"]


def test_trace_table_shows_statuses_notes_and_pages(plans_home: Path) -> None:
    result = ok(run_cli(plans_home, "trace", "Homeshield"))
    assert result.stderr == ""
    text = " ".join(result.stdout.split())
    for expected in (
        "thread 2009-10:4.3d",
        "2009-10 Q1",
        "2009-10 Q2",
        "2010-11 Q1",
        "GREEN",
        "RED",
        "AMBER",
        "Scheme",
        "Referrals",
        "p.14",
        "follows",
        "(similarity",
    ):
        assert expected in text, expected


def test_threshold_separates_true_successors(plans_home: Path) -> None:
    with Store(plans_home) as store:
        view = build_threads(store.records(type="milestone_status"))
    link = view.link_between("2009-10:4.3d", "2010-11:1.4b")
    assert link is not None and link.score >= THRESHOLD
    wrong = [lk for lk in view.links if lk.later == "2010-11:1.4b" and lk.earlier != "2009-10:4.3d"]
    assert not wrong
    # Each of the six 2010-11 milestones finds its 2009-10 predecessor, one-to-one.
    assert len({lk.later for lk in view.links}) == len({lk.earlier for lk in view.links}) == 6
    successor = score_distribution(view.milestones)["successor"]
    assert min(lk.score for lk in view.links) > max(s for s in successor if s < THRESHOLD)


def test_unlink_and_link_survive_reingest(plans_home: Path) -> None:
    home = plans_home
    result = ok(run_cli(home, "unlink", "2009-10:4.3d", "2010-11:1.4B"))
    assert "unlinked 2009-10:4.3d and 2010-11:1.4b" in result.stdout
    rows = ok(run_cli(home, "trace", "Homeshield", "--json")).json_lines()
    assert {r["thread"] for r in rows} == {"2009-10:4.3d", "2010-11:1.4b"}
    # Re-ingest a changed copy: new sha256, same milestone keys; the choice holds.
    paper = home / "papers" / RENUMBERED.name
    paper.write_bytes(paper.read_bytes() + b"\n% touched\n")
    ok(run_cli(home, "ingest", str(home / "papers")))
    rows = ok(run_cli(home, "trace", "Homeshield", "--json")).json_lines()
    assert {r["thread"] for r in rows} == {"2009-10:4.3d", "2010-11:1.4b"}
    result = ok(run_cli(home, "link", "2009-10:4.3d", "2010-11:1.4b"))
    assert "linked 2009-10:4.3d and 2010-11:1.4b: thread 2009-10:4.3d" in result.stdout
    rows = ok(run_cli(home, "trace", "Homeshield", "--json")).json_lines()
    assert {r["thread"] for r in rows} == {"2009-10:4.3d"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trace", "no-such-milestone"], "error: no milestone matches 'no-such-milestone'"),
        (["trace", "Homeshield", "--year", "2009"], "error: --year: not a financial year"),
        (["link", "2009-10:4.3d", "2010-11:9.9z"], "error: no milestone 2010-11:9.9z"),
        (["link", "4.3d", "1.4b"], "error: not a milestone key: '4.3d'"),
        (["unlink", "2009-10:4.3d", "2009-10:4.3d"], "cannot be linked to itself"),
    ],
)
def test_user_mistakes_are_one_red_line(plans_home: Path, args: list[str], message: str) -> None:
    result = run_cli(plans_home, *args)
    assert result.code == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_trace_without_an_archive_fails_cleanly(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "none", "trace", "Homeshield")
    assert result.code == 1
    assert "no archive at" in result.stderr


@pytest.mark.slow
def test_trace_on_the_whole_corpus(corpus_home: Path) -> None:
    rows = ok(run_cli(corpus_home, "trace", "Homeshield", "--json")).json_lines()
    q2 = [r for r in rows if r["quarter"] == "Q2" and r["milestone_ref"] == "4.3d"]
    assert len(q2) == 1 and q2[0]["status"] == "red"
    assert len(q2[0]["sources"]) == 3
