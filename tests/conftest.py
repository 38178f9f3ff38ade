"""Shared fixtures: the real corpus ingested once per session through the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"


def command() -> list[str]:
    """The installed `cdrp-archive` of the interpreter running the tests."""
    exe = Path(sys.executable).parent / "cdrp-archive"
    return [str(exe)] if exe.exists() else ["cdrp-archive"]


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment the installed command runs in: fixed width, no colour, no home set."""
    environ = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb", **(extra or {})}
    environ.pop("CDRP_ARCHIVE_HOME", None)
    return environ


def run_cli(home: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """Run the installed command as a user would, with a fixed terminal width."""
    environ = cli_env(env)
    proc = subprocess.run(
        [*command(), "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=600,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive holding the whole bundled corpus (ingested once per test session)."""
    home = tmp_path_factory.mktemp("corpus-archive")
    result = run_cli(home, "ingest", str(CORPUS))
    assert result.code == 0, result.stderr
    return home


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli
