"""Two ingests of the same papers into one archive at once: the second waits for the first,
both succeed, and the archive holds what one ingest gives."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from archive_checks import integrity, record_ids, records_per_document
from conftest import CORPUS, cli_env, command

WAITING = "another ingest is running; waiting for it…"


def start_ingest(home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*command(), "--home", str(home), "ingest", str(CORPUS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )


def wait_for(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


@pytest.mark.slow
def test_second_ingest_waits_and_both_succeed(tmp_path: Path, corpus_home: Path) -> None:
    home = tmp_path / "home"
    first = start_ingest(home)
    wait_for(home / "archive.sqlite3")  # opened only once the writer lock is held
    second = start_ingest(home)
    _, err1 = first.communicate(timeout=600)
    _, err2 = second.communicate(timeout=600)

    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert WAITING not in err1
    assert WAITING in err2
    assert "Traceback" not in err1 + err2
    assert " 0 new" in err2  # the second found everything already done

    assert integrity(home) == "ok"
    assert records_per_document(home) == records_per_document(corpus_home)
    assert record_ids(home) == record_ids(corpus_home)
