"""Action logs and trackers: action_update records, one action followed through time.

Fixtures (tests/fixtures/logs, CONSTRUCTED, see its README) prove every form without the
real papers; the real papers (../shared/real-papers) are checked against their hand-read
goldens (tests/golden/real-papers) and skipped, saying why, where absent.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from shared import shared_dir

from cdrp_archive.archive.analysis.actions import THRESHOLD, histories, open_actions
from cdrp_archive.archive.analysis.similarity import Similarity
from cdrp_archive.extract.action_fields import (
    doer_of,
    initials_of,
    lead_of,
    resolve_owner,
    state_of,
)
from cdrp_archive.extract.conventions import default_profile
from cdrp_archive.extract.pipeline import extract

from conftest import FIXTURES, GOLDEN, run_cli

LOGS = FIXTURES / "logs"
PROFILE = default_profile()


def updates(path: Path) -> list[dict]:
    _doc, records = extract(path, path.read_bytes())
    return [{"page": r.page, **r.fields.as_dict()} for r in records if r.type == "action_update"]


def records_of(*names: str) -> list:
    out = []
    for name in names:
        path = LOGS / name
        out.extend(extract(path, path.read_bytes())[1])
    return out


# --- fields ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "state"),
    [
        ("Carried\nforward", "open"),
        ("Completed", "done"),
        ("Complete", "done"),
        ("On track", "on track"),
        ("Not started", "open"),
        ("Cancelled", "dropped"),
        ("Delayed - awaiting reply", "overdue"),
        ("Compelte", "unknown"),  # a typo is kept as printed and not guessed at
        (None, "unknown"),
    ],
)
def test_printed_status_gives_its_state(status, state):
    assert state_of(status, PROFILE) == state


def test_an_open_action_past_its_due_date_is_overdue():
    assert state_of("Ongoing", PROFILE, due="2023-12-31", as_of="2024-01-15") == "overdue"
    assert state_of("Ongoing", PROFILE, due="2024-02-01", as_of="2024-01-15") == "open"
    assert state_of("Complete", PROFILE, due="2023-12-31", as_of="2024-01-15") == "done"


def test_prose_updates_say_their_state():
    still = "The Clerk reported she was still awaiting the letter from NCC"
    assert state_of(still, PROFILE, prose=True) == "open"
    assert state_of("The wall was then repaired the following day.", PROFILE, prose=True) == "done"


def test_doer_lead_and_owner():
    assert doer_of("GS and JT to meet Transparency Team to identify data") == "GS and JT"
    assert doer_of("Minister to write to Charity Commission") == "Minister"
    assert doer_of("JG will communicate Link's most recent slides") == "JG"
    assert doer_of("Send letter to OS articulating ODUG asks") is None
    assert doer_of("Advise ODUG members when they need to log into the space") is None
    assert lead_of("National Address Dataset – Lead HS/BB", PROFILE) == "HS/BB"
    assert lead_of("Charity Commission Register-Lead AM", PROFILE) == "AM"
    assert lead_of("Open Data Licensing – GS/JTe", PROFILE) is None
    assert initials_of("Jeni Tennison") == {"JT", "JTe"}
    names = ["Jeni Tennison", "Jacqui Taylor", "James Graham"]
    assert resolve_owner("JTe", names, PROFILE) == "Jeni Tennison"
    assert resolve_owner("JT", names, PROFILE) is None  # two people fit: not guessed
    assert resolve_owner("JG", names, PROFILE) == "James Graham"
    assert resolve_owner("HS/BB", names, PROFILE) is None  # several owners
    assert resolve_owner("the Clerk", names, PROFILE) == "The Clerk"
    assert resolve_owner("ODUG", names, PROFILE) == "ODUG"  # a body, not initials


# --- the forms, on the fixtures ----------------------------------------------------------


def test_headed_log_with_open_and_completed_sections():
    found = updates(LOGS / "northdale-action-log-2024-01-15.pdf")
    got = [
        (u["ref"], u["owner_raw"], u["owner"], u["due"], u["status"], u["state"], u["section"])
        for u in found
    ]
    assert got == [
        ("1", "TA", "Tom Ashby", "2024-01-15", "On track", "on track", "Open actions"),
        ("2", "PS", "Priya Shah", "2023-12-31", "Not started", "overdue", "Open actions"),
        ("3", "GL", "Gareth Lyle", "2024-01-15", "Compelte", "unknown", "Open actions"),
        ("4", "WM/TA", None, None, "Ongoing", "open", "Open actions"),
        ("5", "Clerk", "Clerk", None, "Complete", "done", "Completed actions"),
    ]
    assert {(u["as_of"], u["as_of_source"], u["page"]) for u in found} == {
        ("2024-01-15", "paper", 1)
    }
    assert found[0]["action"] == (
        "Report hotspot patrol results around the bus station to the next meeting"
    )


def test_headings_and_bare_tables_log_in_html():
    found = updates(LOGS / "westmoor-action-log-2023-06-12.html")
    got = [(u["section"], u["action"], u["owner_raw"], u["status"], u["state"]) for u in found]
    assert got == [
        ("Secretariat", "Circulate the notes of the May meeting", "Secretariat", "Completed",
         "done"),
        ("Secretariat", "Book the venue for the autumn conference", "Secretariat",
         "Carried forward", "open"),
        ("Street Lighting – Lead RB", "Survey the lighting in Mill Lane underpass", "RB", "New",
         "open"),
        ("Street Lighting – Lead RB", "Highways Team to replace the broken lamp on Church Walk",
         "Highways Team", "Ongoing", "open"),
        ("Night-time Economy", "Draft the late-night levy briefing", None, "Withdrawn",
         "dropped"),
    ]  # fmt: skip
    assert all(u["as_of"] == "2023-06-12" for u in found)


def test_minutes_are_not_read_as_a_log():
    assert updates(LOGS / "northdale-minutes-2023-11-20.txt") == []


# --- one action through time -------------------------------------------------------------


NORTHDALE = (
    "northdale-minutes-2023-11-20.txt",
    "northdale-action-log-2024-01-15.pdf",
    "northdale-action-log-2024-03-18.pdf",
)


def test_an_action_is_followed_from_the_minutes_through_two_logs():
    found = {h.key: h for h in histories(records_of(*NORTHDALE))}
    chains = {
        key: [(o.type, o.fields.get("status"), o.fields.get("as_of")) for o in h.observations]
        for key, h in found.items()
    }
    assert chains == {
        "2023-11-20:report-hotspot-patrol-results-around-the": [
            ("action", None, None),
            ("action_update", "On track", "2024-01-15"),
            ("action_update", "Completed", "2024-03-18"),
        ],
        "2023-11-20:write-to-the-county-council-about": [
            ("action", None, None),
            ("action_update", "Not started", "2024-01-15"),
            ("action_update", "Delayed - awaiting reply", "2024-03-18"),
        ],
        "2023-11-20:circulate-the-youth-diversion-evaluation-to": [
            ("action", None, None),
            ("action_update", "Compelte", "2024-01-15"),
            ("action_update", "Done", "2024-03-18"),
        ],
        "2024-01-15:agree-the-partnership-s-data-sharing": [
            ("action_update", "Ongoing", "2024-01-15"),
            ("action_update", "Cancelled", "2024-03-18"),
        ],
        "2024-01-15:publish-the-partnership-plan-on-the": [
            ("action_update", "Complete", "2024-01-15"),
        ],
        "2024-03-18:arrange-a-joint-walkabout-of-the": [("action_update", "New", "2024-03-18")],
    }
    still = [(h.key, h.state, h.as_of) for h in open_actions(found.values())]
    assert still == [
        ("2023-11-20:write-to-the-county-council-about", "overdue", "2024-03-18"),
        ("2024-03-18:arrange-a-joint-walkabout-of-the", "open", "2024-03-18"),
    ]


def test_threshold_separates_true_successors_from_wrong_candidates():
    """The measurement behind THRESHOLD: every true successor scores above it, every wrong
    pairing of the same papers below it."""
    found = histories(records_of(*NORTHDALE))
    texts = [o.fields.get("action") for h in found for o in h.observations]
    sim = Similarity(texts)
    true, wrong = [], []
    for h in found:
        for a, b in zip(h.observations, h.observations[1:], strict=False):
            true.append(sim.score(a.fields["action"], b.fields["action"]))
        for other in found:
            if other is not h:
                wrong.append(sim.score(h.text, other.text))
    assert min(true) >= THRESHOLD > max(wrong)


def test_actions_open_and_trace_through_the_installed_command(tmp_path):
    assert run_cli(tmp_path, "ingest", str(LOGS)).code == 0
    result = run_cli(tmp_path, "actions", "--open", "--json")
    assert result.code == 0, result.stderr
    rows = {r["action_key"]: r for r in result.json_lines()}
    refuge = rows["2023-11-20:write-to-the-county-council-about"]
    assert (refuge["owner"], refuge["state"], refuge["as_of"]) == (
        "Priya Shah",
        "overdue",
        "2024-03-18",
    )
    assert [h["document"] for h in refuge["history"]] == list(NORTHDALE)
    assert "2023-11-20:report-hotspot-patrol-results-around-the" not in rows  # done
    assert len(rows) == 8  # two of Northdale's, three of Westmoor's log, three of Hollowby's
    table = run_cli(tmp_path, "actions", "--open", env={"COLUMNS": "80"})
    assert "overdue" in table.stdout and "Priya" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    trace = run_cli(tmp_path, "trace", "hotspot patrol", "--json")
    assert trace.code == 0, trace.stderr
    history = next(r for r in trace.json_lines() if "action_key" in r)
    assert [h["state"] for h in history["history"]] == ["open", "on track", "done"]
    text = run_cli(tmp_path, "trace", "hotspot patrol")
    assert "set at the meeting" in text.stdout and "Completed" in text.stdout


# --- real papers against their hand-read goldens ------------------------------------------


def golden(folder: str, name: str) -> dict:
    return json.loads((GOLDEN / "real-papers" / folder / f"{name}.json").read_text("utf-8"))


def test_odug_action_log_against_its_golden():
    paper = shared_dir("real-papers") / "datagovuk-panels" / "ODUG Action Log 14 May 2013.pdf"
    want = golden("datagovuk-panels", paper.name)["action_updates"]
    got = updates(paper)
    assert len(got) == len(want) == 39
    for g, w in zip(got, want, strict=True):
        assert w["action_contains"] in g["action"]
        assert (g["page"], g["status"], g["state"], g["as_of"]) == (
            w["page"],
            w["status"],
            w["state"],
            w["as_of"],
        )
    assert Counter(g["status"] for g in got) == Counter(
        {"Carried forward": 19, "New": 11, "Completed": 7, "Ongoing": 2}
    )
    raw = sum(g["owner_raw"] == w["owner_raw"] for g, w in zip(got, want, strict=True))
    assert raw == sum(1 for w in want if w["owner_raw"]) + sum(
        1 for w in want if not w["owner_raw"]
    )  # every owner as printed, and every row with none, as read by hand
    # Owners the log alone can name (roles, bodies): the golden's; initials need the minutes.
    alone = [w for w in want if w["owner"] and w["owner"] == w["owner_raw"]]
    assert all(g["owner"] == w["owner"] for g, w in zip(got, want, strict=True) if w in alone)


def test_tmg_meeting_note_action_table_against_its_golden():
    folder = shared_dir("real-papers") / "kent-county-council"
    paper = folder / "Appendix 3 - TMG meeting note 14 November 2024.pdf"
    (want,) = golden("kent-county-council", paper.name)["action_updates"]
    (got,) = updates(paper)
    assert want["action_contains"] in got["action"]
    assert (got["ref"], got["owner_raw"], got["owner"], got["status"], got["state"]) == (
        want["ref"],
        want["owner_raw"],
        want["owner"],
        want["status"],
        want["state"],
    )
    assert got["page"] == want["page"]
    # The golden leaves as_of null; the note is dated by its meeting, said so.
    assert (got["as_of"], got["as_of_source"]) == ("2024-11-14", "meeting")


# --- matters arising and numbered action lists in minutes --------------------------------


def test_matters_arising_and_an_action_list_in_minutes():
    found = updates(LOGS / "hollowby-minutes-2024-02-14.txt")
    got = [(u["ref"], u["action"][:24], u["owner_raw"], u["owner"], u["state"]) for u in found]
    assert got == [
        ("5b (10 January)", "The Clerk reported she w", "The Clerk", "Clerk", "open"),
        ("7 (10 January)", "Bus Shelter Glass", None, None, "done"),
        (None, "Cllr Owen Tate has writt", "Cllr Owen Tate", "Owen Tate", "open"),
        ("1", "Clerk to order two speed", "Clerk", "Clerk", "done"),
        ("2", "Cllr Maya Frost to recru", "Cllr Maya Frost", "Maya Frost", "open"),
    ]
    assert found[1]["status"] == "the broken pane has been replaced by the contractor."
    assert [u["section"] for u in found] == ["Matters Arising"] * 3 + ["3. Speedwatch Update"] * 2
    assert {(u["as_of"], u["as_of_source"]) for u in found} == {("2024-02-14", "meeting")}


@pytest.mark.parametrize(
    ("name", "states_agree", "owners_agree"),
    [
        # measured against the hand-read goldens: every row found, every ref; the state
        # of 3) in 2018 is read "unknown" by hand (a response, closure not said), open here;
        # owners: the golden names joint doers ("he and Cllr Hand") the paper gives in prose.
        ("2013-08_stoke-ferry-parish-council-minutes-july-2013.md", 10, 7),
        ("2018-01_stoke-ferry-parish-council-meeting-december.md", 7, 8),
    ],
)
def test_stoke_ferry_matters_arising_against_the_goldens(name, states_agree, owners_agree):
    paper = shared_dir("real-papers") / "norfolk-parish-councils" / name
    want = golden("norfolk-parish-councils", name)["action_updates"]
    got = updates(paper)
    assert len(got) == len(want)
    pairs = list(zip(got, want, strict=True))
    assert [g["ref"] for g in got] == [w["ref"] for w in want]
    assert all(w["action_contains"] in g["action"] for g, w in pairs)
    assert all((g["section"], g["as_of"]) == (w["section"], w["as_of"]) for g, w in pairs)
    assert sum(g["state"] == w["state"] for g, w in pairs) == states_agree
    assert sum(g["owner_raw"] == w["owner_raw"] for g, w in pairs) == owners_agree
