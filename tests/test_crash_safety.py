"""Never lose, never lie: an ingest killed with SIGKILL at random moments leaves an archive that
is whole (every document with all its records), a search that repairs its own index, and a
next ingest that finishes with the same records as a clean one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from archive_checks import integrity, record_ids, records_per_document
from conftest import CORPUS, cli_env, command, run_cli

ITERATIONS = 6
SEED = 6


def start_ingest(home: Path) -> subprocess.Popen[bytes]:
    """The installed command in its own process group, so its workers die with it."""
    return subprocess.Popen(
        [*command(), "--home", str(home), "ingest", str(CORPUS)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(),
        start_new_session=True,
    )


def kill_after(proc: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL the ingest and its workers after ``delay`` s; False if it finished first."""
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def assert_whole(home: Path, reference: dict[str, int]) -> None:
    assert integrity(home) == "ok"
    for sha, count in records_per_document(home).items():
        assert sha in reference, f"a document the clean ingest does not have: {sha}"
        assert count == reference[sha], f"half a document: {sha} has {count} of {reference[sha]}"


@pytest.mark.slow
def test_kill_9_loop_loses_nothing_and_lies_about_nothing(
    tmp_path: Path, corpus_home: Path
) -> None:
    reference = records_per_document(corpus_home)
    home = tmp_path / "home"
    rng = random.Random(SEED)
    killed = 0
    for _ in range(ITERATIONS):
        proc = start_ingest(home)
        killed += kill_after(proc, rng.uniform(0.2, 4.0))
        time.sleep(0.1)  # let the kernel reap the workers
        if (home / "archive.sqlite3").exists():
            assert_whole(home, reference)
    assert killed, "no ingest was interrupted: the test proved nothing"

    search = run_cli(home, "search", "Homeshield", "--json")
    assert search.code == 0 or "no results" in search.stderr, search.stderr  # 1: none yet
    assert "Traceback" not in search.stderr

    final = run_cli(home, "ingest", str(CORPUS))
    assert final.code == 0, final.stderr
    assert_whole(home, reference)
    assert records_per_document(home) == reference
    assert record_ids(home) == record_ids(corpus_home)

    hits = run_cli(home, "search", "Homeshield", "--json")
    assert hits.code == 0, hits.stderr
    assert hits.json_lines()
    ids = {hit["id"] for hit in hits.json_lines()}
    assert ids == {
        hit["id"] for hit in run_cli(corpus_home, "search", "Homeshield", "--json").json_lines()
    }


@pytest.mark.slow
def test_index_killed_mid_write_is_rebuilt_by_search(tmp_path: Path, corpus_home: Path) -> None:
    """A Whoosh writer killed mid-commit (its lock file left behind, segments half written)
    and a state file claiming to be current: search notices and rebuilds."""
    home = tmp_path / "home"
    assert run_cli(home, "ingest", str(CORPUS)).code == 0
    index = home / "index"
    (index / "WRITELOCK").write_text("")
    for toc in index.glob("_MAIN_*.toc"):
        toc.write_bytes(toc.read_bytes()[:20])  # a torn table of contents
    result = run_cli(home, "search", "Homeshield", "--json")
    assert result.code == 0, result.stderr
    assert result.json_lines()
    assert "rebuilding" in result.stderr
