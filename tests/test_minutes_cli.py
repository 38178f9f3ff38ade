"""decisions, actions, meetings, people and trace through the installed command."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CORPUS, run_cli


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("minutes-archive")
    papers = [
        CORPUS / "2011-07-26-board-agenda-pack.pdf",
        CORPUS / "2012-13-tasking-and-coordination-update.html",
        CORPUS / "originals" / "2009-10-q2-performance-report.txt",
    ]
    result = run_cli(home, "ingest", *map(str, papers))
    assert result.code == 0, result.stderr
    return home


def test_actions_for_helen_turner(home: Path) -> None:
    result = run_cli(home, "actions", "--owner", "Helen Turner", "--json")
    assert result.code == 0, result.stderr
    rows = result.json_lines()
    assert len(rows) == 3
    assert {(r["meeting_date"], r["minute_ref"], r["owner"]) for r in rows} == {
        ("2011-04-26", "89", "Helen Turner")
    }
    table = run_cli(home, "actions", "--owner", "Helen Turner")
    assert table.code == 0 and "obtain and circulate the Quarterly report" in table.stdout
    assert "2011-04-26" in table.stdout


@pytest.mark.parametrize("spelling", ["Chris Savage", "Insp Chris Savage", "Inspector Savage"])
def test_owner_spellings_are_one_person(home: Path, spelling: str) -> None:
    rows = run_cli(home, "actions", "--owner", spelling, "--json").json_lines()
    assert [r["owner_raw"] for r in rows] == ["Inspector Savage"]


def test_unknown_owner_is_one_red_line(home: Path) -> None:
    result = run_cli(home, "actions", "--owner", "Nobody Here")
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no actions match" in result.stderr


def test_decisions_by_outcome(home: Path) -> None:
    rows = run_cli(home, "decisions", "--meeting", "2011-04-26", "--json").json_lines()
    outcomes = {(r["minute_ref"], r["outcome"]) for r in rows}
    assert {("89", "noted"), ("91", "endorsed"), ("92", "approved"), ("95", "approved")} <= outcomes


def test_meeting_shows_items_decisions_actions(home: Path) -> None:
    result = run_cli(home, "meetings", "2011-04-26")
    assert result.code == 0, result.stderr
    assert "APPROVED: The Group APPROVED the four-part funding plan" in result.stdout
    assert "ACTION (Helen Turner)" in result.stdout


def test_people_roles_over_time(home: Path) -> None:
    rows = run_cli(home, "people", "Chris Savage", "--json").json_lines()
    appearances = {(r["appearance"], r["when"]) for r in rows}
    assert ("present", "2011-04-26") in appearances
    assert ("action owner", "2011-04-26") in appearances
    assert ("lead officer", "2009-09-30") in appearances or any(
        r["appearance"] == "lead officer" for r in rows
    )


def test_trace_follows_the_review(home: Path) -> None:
    result = run_cli(home, "trace", "Tasking and Co-ordination", "--json")
    assert result.code == 0, result.stderr
    rows = [r for r in result.json_lines() if "when" in r]
    kinds = [(r["type"], r["when"][:7]) for r in rows]
    assert ("decision", "2011-04") in kinds
    assert ("recommendation", "2011-07") in kinds
    assert any(r["financial_year"] == "2012-13" for r in rows)
    first_decision = next(r for r in rows if r["type"] == "decision")
    assert first_decision["minute_ref"] == "95" and first_decision["page"] == 10
    assert [r["when"] for r in rows] == sorted(r["when"] for r in rows)
    table = run_cli(home, "trace", "Tasking and Co-ordination")
    assert table.code == 0 and "minute 95" in table.stdout
