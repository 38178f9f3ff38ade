"""Minutes of 26 April 2011 (inside the July 2011 agenda pack) against the hand-read golden
file, from the text original and from the PDF."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.pipeline import extract_file

from conftest import CORPUS, GOLDEN

PACKS = [
    CORPUS / "originals" / "2011-07-26-board-agenda-pack.txt",
    CORPUS / "2011-07-26-board-agenda-pack.pdf",
]
GOLD = json.loads((GOLDEN / "2011-04-26-minutes.json").read_text(encoding="utf-8"))


@cache
def records(path: Path) -> tuple[Record, ...]:
    return tuple(extract_file(path)[1])


def of(path: Path, kind: str) -> list[Record]:
    return [
        r
        for r in records(path)
        if r.type == kind and r.fields.get("meeting_date") == GOLD["meeting_date"]
    ]


@pytest.fixture(params=PACKS, ids=lambda p: p.suffix[1:])
def pack(request: pytest.FixtureRequest) -> Path:
    return request.param


def test_meeting_items_and_attendance(pack: Path) -> None:
    (meeting,) = [m for m in of(pack, "meeting") if m.fields["source"] == "minutes"]
    assert [i["minute_ref"] for i in meeting.fields["items"]] == GOLD["minute_refs"]
    items = {i["minute_ref"]: i for i in meeting.fields["items"]}
    assert items["95"]["presenter"] == "Phil Aldis"
    assert items["92"]["presenter"] == "Inspector Chris Savage"
    attendance = of(pack, "attendance")
    present = [a.fields["name"] for a in attendance if a.fields["status"] == "present"]
    apologies = [a.fields["name"] for a in attendance if a.fields["status"] == "apologies"]
    assert present == GOLD["present"]
    assert apologies == GOLD["apologies"]
    sargent = next(a for a in attendance if a.fields["name"] == "Dave Sargent")
    assert (sargent.fields["role"], sargent.fields["organisation"]) == (
        "Chief Inspector",
        "Cambridgeshire Police",
    )


def test_every_decision_with_minute_and_outcome(pack: Path) -> None:
    found = of(pack, "decision")
    assert [(d.fields["minute_ref"], d.fields["outcome"]) for d in found] == [
        (g["minute_ref"], g["outcome"]) for g in GOLD["decisions"]
    ]
    for decision, gold in zip(found, GOLD["decisions"], strict=True):
        assert decision.text.startswith(gold["starts"])
        for part in gold.get("contains", []):
            assert part in decision.text
        assert decision.page is not None


def test_every_action_with_its_owner(pack: Path) -> None:
    found = of(pack, "action")
    got = [{k: a.fields[k] for k in ("minute_ref", "owner", "owner_raw", "action")} for a in found]
    assert got == GOLD["actions"]


def test_minute_95_funding_is_approved(pack: Path) -> None:
    found = [f for f in of(pack, "funding") if f.fields.get("source") == "minutes"]
    assert len(found) == len(GOLD["funding"])
    for record, gold in zip(found, GOLD["funding"], strict=True):
        assert str(record.fields["amount"]) == gold["amount"]
        assert record.fields["status"] == gold["status"]
        assert record.fields["fund"] == gold["fund"]
        assert record.financial_year == gold["financial_year"]
        assert gold["project_contains"] in record.fields["project"]


def test_agenda_of_the_coming_meeting(pack: Path) -> None:
    (agenda,) = [r for r in records(pack) if r.type == "meeting" and r.fields["source"] == "agenda"]
    assert agenda.fields["meeting_date"] == "2011-07-26"
    items = agenda.fields["items"]
    assert [i["number"] for i in items] == [str(n) for n in range(1, 15)]
    assert items[4]["title"] == "Agree Recommendations from CDRP Review Group"
    assert items[4]["presenter"] == "PA"


def test_recommendations_go_to_the_july_meeting(pack: Path) -> None:
    recs = [r for r in records(pack) if r.type == "recommendation"]
    review = next(r for r in recs if "District Tasking and Co-Ordination group" in r.text)
    assert review.fields["meeting_date"] == "2011-07-26"
    assert review.fields["outcome"] == "approved"
    assert review.fields["author"] == "Philip Aldis"
    assert "disband the Executive Group" in review.text
    assert "annual meeting" in review.text
    assert {"minute_ref": "95", "meeting_date": "2011-04-26"} in review.fields["refers_to"]
    legislation = next(r for r in recs if "note the changes to legislation" in r.text)
    assert legislation.fields["outcome"] == "noted"


def test_moderngov_minute_page_is_one_item() -> None:
    path = CORPUS / "originals" / "2012-13-tasking-and-coordination-update.txt"
    (meeting,) = [r for r in records(path) if r.type == "meeting"]
    (item,) = meeting.fields["items"]
    assert item["title"].startswith("Update from CDRP Tasking & Co-ordination Group")
    assert item["presenter"] == "Jean Hunter"
