"""Start-up: the reading commands never import spaCy or pdfplumber (they cost seconds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "pdfplumber", "pdfminer", "pypdfium2")

# Runs one command in-process, as the console script does, then reports what got imported.
PROBE = """
import json, sys
args, heavy = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
import cdrp_archive.cli.app as app
sys.argv = ["cdrp-archive", *args]
code = 0
try:
    app.main()
except SystemExit as exc:
    code = exc.code or 0
found = sorted({m.split(".")[0] for m in sys.modules} & heavy)
print(json.dumps({"code": code, "heavy": found}), file=sys.__stderr__)
"""


def probe(*args: str, heavy: tuple[str, ...] = HEAVY) -> dict[str, object]:
    environ = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", "TERM": "dumb"}
    environ.pop("CDRP_ARCHIVE_HOME", None)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), json.dumps(heavy)],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
    )
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_importing_the_app_imports_nothing_heavy() -> None:
    assert probe("--help") == {"code": 0, "heavy": []}


COMMANDS = [
    ("search", "Homeshield"),
    ("search", "Homesheild"),  # the corrected-query path
    ("trace", "Homeshield"),
    ("docs",),
    ("decisions",),
    ("actions",),
    ("funding",),
    ("meetings",),
    ("people",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_reading_commands_import_neither_spacy_nor_pdfplumber(
    corpus_home: Path, args: tuple[str, ...]
) -> None:
    result = probe("--home", str(corpus_home), *args)
    assert result["heavy"] == [], result
    assert result["code"] == 0, result


@pytest.mark.parametrize("command", [c[0] for c in COMMANDS[2:]] + ["search"])
def test_help_imports_nothing_heavy(command: str) -> None:
    assert probe(command, "--help") == {"code": 0, "heavy": []}


@pytest.mark.parametrize(
    "args", [("--help",), ("docs",), ("trace", "4.3d"), ("funding",)], ids=" ".join
)
def test_commands_that_do_not_search_do_not_load_whoosh(
    corpus_home: Path, args: tuple[str, ...]
) -> None:
    result = probe("--home", str(corpus_home), *args, heavy=("whoosh",))
    assert result == {"code": 0, "heavy": []}
