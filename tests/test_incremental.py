"""Incremental ingest: after an extractor upgrade only documents read by an older version are
read again, and what the user made by hand (milestone links) survives."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from cdrp_archive.extract import EXTRACTOR_VERSION

from conftest import CORPUS, FIXTURES, run_cli


def test_only_documents_of_an_older_extractor_are_read_again(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(CORPUS / "2009-10-q2-performance-report.pdf", papers)
    shutil.copy(FIXTURES / "layouts" / "2010-11-q1-renumbered-plan.pdf", papers)
    shutil.copy(CORPUS / "originals" / "2012-13-tasking-and-coordination-update.txt", papers)
    home = tmp_path / "home"
    assert run_cli(home, "ingest", str(papers)).code == 0
    linked = run_cli(home, "unlink", "2009-10:4.3d", "2010-11:1.4b")
    assert linked.code == 0, linked.stderr

    with sqlite3.connect(home / "archive.sqlite3") as db:  # as if read by an older release
        db.execute("UPDATE documents SET extractor_version = '0' WHERE name LIKE '2009-10%'")
        ids_before = {r[0] for r in db.execute("SELECT id FROM records")}
    again = run_cli(home, "ingest", str(papers))
    assert again.code == 0, again.stderr
    assert "0 new, 0 changed, 1 re-read by a newer extractor, 2 unchanged" in again.stderr
    with sqlite3.connect(home / "archive.sqlite3") as db:
        versions = {r[0] for r in db.execute("SELECT extractor_version FROM documents")}
        ids_after = {r[0] for r in db.execute("SELECT id FROM records")}
    assert versions == {EXTRACTOR_VERSION}
    assert ids_after == ids_before  # same bytes, same extractor: the same records

    trace = run_cli(home, "trace", "Homeshield", "--json")
    assert trace.code == 0, trace.stderr
    threads = {
        (r["milestone_key"], r["thread"]) for r in trace.json_lines() if "milestone_key" in r
    }
    keys = {key for key, _ in threads}
    assert {"2009-10:4.3d", "2010-11:1.4b"} <= keys
    by_key = dict(threads)
    assert by_key["2009-10:4.3d"] != by_key["2010-11:1.4b"]  # the user's unlink held
