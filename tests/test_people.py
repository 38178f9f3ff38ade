"""One person behind many spellings."""

from __future__ import annotations

import pytest

from cdrp_archive.archive.people import canonical, name_key, resolve, same_person

KNOWN = ["Chris Savage", "Dave Sargent", "Helen Turner", "Philip Aldis", "Ray Manning"]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Inspector Savage", "Chris Savage"),
        ("Insp Chris Savage", "Chris Savage"),
        ("Inspector Chris Savage", "Chris Savage"),
        ("Chief Inspector Dave Sargent", "Dave Sargent"),
        ("David Sargent", "Dave Sargent"),
        ("Phil Aldis", "Philip Aldis"),
        ("Councillor Manning", "Ray Manning"),
        ("Cllr Ray Manning", "Ray Manning"),
    ],
)
def test_spellings_resolve_to_one_person(name: str, person: str) -> None:
    assert resolve(name, KNOWN) == person
    assert same_person(name, person, KNOWN)


def test_ambiguous_surname_is_not_guessed() -> None:
    assert resolve("Inspector Savage", ["Chris Savage", "Anne Savage"]) is None
    assert canonical("Inspector Savage", ["Chris Savage", "Anne Savage"]) == "Savage"


def test_different_first_names_are_different_people() -> None:
    assert not same_person("Chris Savage", "Anne Savage")
    assert name_key("the Executive Group") is None
