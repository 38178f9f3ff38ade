"""Milestones in other bodies' forms: refs 1.1, 1.2.3, A1, SAC-01; statuses beyond RAG,
mapped by the paper's own key where it prints one, the printed word kept. Fixtures are
CONSTRUCTED (tests/fixtures/logs/README.md says who read what)."""

from __future__ import annotations

from cdrp_archive.extract.conventions import default_profile
from cdrp_archive.extract.milestone_forms import paper_key, ref_at_start, status_word
from cdrp_archive.extract.pipeline import extract

from conftest import FIXTURES

LOGS = FIXTURES / "logs"
PROFILE = default_profile()


def statuses(name: str) -> list[tuple]:
    path = LOGS / name
    _doc, records = extract(path, path.read_bytes())
    return [
        (r.quarter, f.milestone_ref, f.action_ref, f.status, f.status_word, f.status_source)
        for r in records
        if r.type == "milestone_status"
        for f in [r.fields]
    ]


def test_refs_in_their_own_column_and_brag_words_with_the_papers_key():
    assert statuses("westmoor-plan-2023-24-q2.pdf") == [
        (None, "1.1", None, "green", "Complete", "word"),
        (None, "1.2.3", None, "green", "On track", "key"),
        (None, "A1", None, "amber", "At risk", "key"),
        (None, "SAC-01", None, None, "Not started", None),
        (None, "SAC-02", None, "green", "Blue", "key"),  # BRAG: "Blue – complete"
        (None, "B2", None, "red", None, "word"),
    ]


def test_refs_in_the_text_and_a_key_that_differs_from_the_default():
    # This paper's key makes "on track" amber and "at risk" red: the key wins over the profile.
    assert statuses("eastwick-plan-2024-25-q1.pdf") == [
        ("Q1", "1.1", None, "green", "Complete", "key"),
        ("Q1", "1.2.3", None, "amber", "On track", "key"),
        ("Q1", "A1", None, "red", "At risk", "key"),
        ("Q1", "SAC-01", None, None, "Not started", None),
        ("Q1", None, None, "amber", None, "word"),  # "A14 road works": no ref
    ]


def test_ref_forms_and_word_mapping():
    assert ref_at_start("1.2.3 Recruit mentors", PROFILE) == ("1.2.3", "Recruit mentors")
    assert ref_at_start("SAC-01 – Publish the survey", PROFILE) == ("SAC-01", "Publish the survey")
    assert ref_at_start("A1: Install CCTV", PROFILE) == ("A1", "Install CCTV")
    assert ref_at_start("A14 road works", PROFILE) is None
    assert ref_at_start("4.3d Set up Homeshield scheme", PROFILE) == (
        "4.3d",
        "Set up Homeshield scheme",
    )
    key = paper_key(["Key: Blue – complete; Green – on track; Red – off track"], PROFILE)
    assert key == {"blue": "green", "on track": "green", "green": "green", "off track": "red",
                   "red": "red"}  # fmt: skip
    assert status_word("Blue", key, PROFILE) == ("green", "key", "Blue")
    assert status_word("Completed", {}, PROFILE) == ("green", "word", "Completed")
    assert status_word("Not started", {}, PROFILE) == (None, None, "Not started")
    assert status_word("Sometime", {}, PROFILE) == (None, None, "Sometime")
    assert status_word("Green", {}, PROFILE) == (None, None, None)  # a RAG word: rag.py's
