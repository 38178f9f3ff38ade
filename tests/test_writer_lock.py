"""The archive's writer lock: held only by the process that took it, taken over from a dead
holder, and never waited for by a command that only reads."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from cdrp_archive.archive.lock import writer_lock

from conftest import CORPUS, FIXTURES, run_cli

PAPER = CORPUS / "originals" / "2012-13-tasking-and-coordination-update.txt"

# A process that holds the lock as a worker orphaned by a killed ingest would (an inherited
# descriptor), in a lock file naming the dead ingest.
HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, (sys.argv[2] + " -\\n").encode())
print("held", flush=True)
time.sleep(120)
"""


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def hold_lock(home: Path, pid: int) -> subprocess.Popen[str]:
    home.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(home / "write.lock"), str(pid)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout
    assert holder.stdout.readline().strip() == "held"
    holder.stdout.close()
    return holder


def test_a_lock_kept_for_a_dead_ingest_is_taken_over_and_said_so(tmp_path: Path) -> None:
    home = tmp_path / "home"
    gone = dead_pid()
    orphan = hold_lock(home, gone)
    try:
        start = time.monotonic()
        result = run_cli(home, "ingest", str(PAPER))
        assert result.code == 0, result.stderr
        assert time.monotonic() - start < 60
        assert f"held for pid {gone}, which is no longer running; taking it over" in result.stderr
        assert "Traceback" not in result.stderr
        assert run_cli(home, "search", "diesel", "--json").json_lines()
    finally:
        orphan.kill()
        orphan.wait()


def test_a_lock_held_by_a_live_writer_is_not_taken_over(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run_cli(home, "ingest", str(PAPER)).code == 0
    with writer_lock(home):  # this test process is the live writer
        proc = subprocess.Popen(
            _ingest(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(3)
        assert proc.poll() is None, "the second writer did not wait for the live one"
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert "another ingest is running; waiting for it…" in stderr
    assert "taking it over" not in stderr


def _ingest(home: Path) -> list[str]:
    from conftest import command

    return [*command(), "--home", str(home), "ingest", str(PAPER)]


def test_search_with_a_writer_running_and_no_index_answers_from_the_archive(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    assert run_cli(home, "ingest", str(PAPER)).code == 0
    shutil.rmtree(home / "index")
    with writer_lock(home):
        start = time.monotonic()
        result = run_cli(home, "search", "diesel", "--json")
        elapsed = time.monotonic() - start
    assert result.code == 0, result.stderr
    assert elapsed < 10
    hits = result.json_lines()
    assert hits and all("diesel" in h["text"].lower() for h in hits)
    assert "an ingest is running" in result.stderr
    assert "plain text matches from the archive" in result.stderr
    ranked = run_cli(home, "search", "diesel", "--json")  # lock free: index rebuilt, ranked
    assert ranked.code == 0, ranked.stderr
    assert {h["id"] for h in ranked.json_lines()} == {h["id"] for h in hits}
    assert all(h["score"] is not None for h in ranked.json_lines())


def test_a_reader_does_not_upgrade_an_archive_another_process_writes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(FIXTURES / "archives" / "schema-v1" / "archive.sqlite3", home)
    with writer_lock(home):
        start = time.monotonic()
        busy = run_cli(home, "actions", "--json")
        assert time.monotonic() - start < 10
    assert busy.code == 1
    assert "the archive is being upgraded (schema 1 to" in busy.stderr
    assert "Traceback" not in busy.stderr
    assert busy.stdout == ""
    free = run_cli(home, "actions", "--json")  # no writer: it upgrades and answers
    assert free.code == 0, free.stderr
    assert free.json_lines()
