"""A person is found however the user types them: any case, surname alone, with a title, with
an initial, through the people resolver (archive/people.py) and the installed command.

Read by hand from corpus/originals/2011-07-26-board-agenda-pack.txt: the April 2011 minutes
give three actions to Helen Turner and one to "Inspector Savage" (Chris Savage in the
attendance list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cdrp_archive.archive.people import name_key, resolve, surname_of

from conftest import run_cli

KNOWN = ["Chris Savage", "Helen Turner", "Dave Sargent", "Anne Savage-Jones"]


@pytest.mark.parametrize(
    "typed",
    [
        "Helen Turner",
        "helen turner",
        "HELEN TURNER",
        "turner",
        "Ms Turner",
        "H Turner",
        "h. turner",
    ],
)
def test_actions_owner_in_any_spelling(corpus_home: Path, typed: str) -> None:
    result = run_cli(corpus_home, "actions", "--owner", typed, "--json")
    assert result.code == 0, result.stderr
    owners = {r["owner"] for r in result.json_lines()}
    assert owners == {"Helen Turner"}
    assert len(result.json_lines()) == 3


@pytest.mark.parametrize(
    "typed", ["savage", "Savage", "inspector savage", "Insp. Savage", "c savage"]
)
def test_a_surname_or_title_finds_the_one_person(corpus_home: Path, typed: str) -> None:
    actions = run_cli(corpus_home, "actions", "--owner", typed, "--json")
    assert actions.code == 0, actions.stderr
    assert [r["owner"] for r in actions.json_lines()] == ["Chris Savage"]
    people = run_cli(corpus_home, "people", typed, "--json")
    assert people.code == 0, people.stderr
    assert {r["person"] for r in people.json_lines()} == {"Chris Savage"}


def test_a_different_initial_is_someone_else(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "actions", "--owner", "a turner", "--json")
    assert result.code == 1
    assert "no actions match" in result.stderr
    assert result.stdout == ""


def test_loose_keys_are_for_what_users_type_only() -> None:
    assert name_key("helen turner") is None  # in a paper, lower case is not a name
    assert name_key("A Review") is None  # nor is an initial before a word
    key = name_key("h. turner", loose=True)
    assert key is not None and (key.first, key.last) == ("h", "turner")
    assert resolve("H Turner", KNOWN, loose=True) == "Helen Turner"
    assert resolve("savage", KNOWN, loose=True) == "Chris Savage"
    assert surname_of("SARGENT", KNOWN) == "sargent"
    assert resolve("d savage", KNOWN, loose=True) is None
