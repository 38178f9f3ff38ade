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
from conftest import CORPUS, Run, cli_env, command, run_cli

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


def processes_naming(home: Path) -> list[int]:
    """Every live process whose command line names the archive folder (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(home) in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def timed_search(home: Path, *args: str) -> tuple[float, Run]:
    start = time.monotonic()
    result = run_cli(home, "search", "Homeshield", *args)
    return time.monotonic() - start, result


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to list processes")
def test_kill_9_of_the_ingest_alone_leaves_no_process_and_search_answers_at_once(
    tmp_path: Path, corpus_home: Path
) -> None:
    """SIGKILL to the ingest process only (as the OOM killer sends it), never to its workers:
    they must die with it, leave the lock free, and a search must not wait."""
    baseline, healthy = timed_search(corpus_home, "--json")
    assert healthy.code == 0 and healthy.json_lines()
    rng = random.Random(10)
    killed = 0
    for moment in range(3):  # a fresh archive each time, so there is always work to interrupt
        home = tmp_path / f"home-{moment}"
        proc = subprocess.Popen(
            [*command(), "--home", str(home), "ingest", "--jobs", "2", str(CORPUS)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=cli_env(),
        )
        while proc.poll() is None and len(processes_naming(home)) < 3:  # wait for 2 workers
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 2.5))  # then a random moment of their work
        if proc.poll() is not None:
            continue
        proc.kill()  # SIGKILL to the parent alone
        proc.wait()
        killed += 1
        interrupted = home
        give_up = time.monotonic() + 5
        while processes_naming(home) and time.monotonic() < give_up:
            time.sleep(0.05)
        assert processes_naming(home) == [], "workers outlived the ingest"

        elapsed, result = timed_search(home, "--json")
        # an archive killed before its first paper was stored has nothing to find (exit 1)
        assert result.code == 0 or "no results" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert elapsed < baseline + 1.0, f"search took {elapsed:.2f}s ({baseline:.2f}s healthy)"
        if (home / "archive.sqlite3").exists():
            assert_whole(home, records_per_document(corpus_home))
    assert killed, "no ingest was interrupted: the test proved nothing"

    home = interrupted
    final = run_cli(home, "ingest", "--jobs", "2", str(CORPUS))
    assert final.code == 0, final.stderr
    assert "was stopped before it finished" in final.stderr
    assert records_per_document(home) == records_per_document(corpus_home)
    after = run_cli(home, "search", "Homeshield", "--json")
    assert after.code == 0 and after.stderr == ""  # index current again: nothing to say
    assert {h["id"] for h in after.json_lines()} == {h["id"] for h in healthy.json_lines()}
