"""Docs test: every command is in the README and has help text with an example."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cdrp_archive.cli.app import app

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_there_are_commands() -> None:
    assert {"ingest", "search", "export", "docs", "reindex"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"`cdrp-archive {name}\b", README), f"README lacks `cdrp-archive {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"cdrp-archive {name}" in result.output


def test_readme_first_screen_has_exactly_two_commands() -> None:
    first_screen = README.split("---", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", first_screen, re.S)
    assert len(blocks) == 2
    assert "cdrp-archive ingest corpus" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


def test_readme_record_table_is_the_declared_record_types() -> None:
    """The README's record table is the one `archive.records` makes from its declarations;
    regenerate it with: python -c "from cdrp_archive.archive.records import records_table;
    print(records_table())"."""
    from cdrp_archive.archive.records import records_table

    assert records_table() in README
