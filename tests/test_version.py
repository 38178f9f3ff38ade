"""`cdrp-archive --version` prints the installed version and exits 0, without an archive."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from conftest import run_cli


def test_version(tmp_path: Path) -> None:
    result = run_cli(tmp_path / "none", "--version")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith(f"cdrp-archive {version('cdrp-archive')} (extractor ")
    assert not (tmp_path / "none").exists()
