"""`cdrp-archive import`: a committee's papers from a ModernGov site, through the installed
command, against a real HTTP server on 127.0.0.1 (tests/moderngov_site.py) — both ways in,
incremental runs, and each fault with its one line and exit code. No test reaches the network."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from moderngov_site import ModernGovSite
from shared import shared_dir

from cdrp_archive.extract.sources import importer
from cdrp_archive.extract.sources import moderngov as mg

from conftest import cli_env, command, run_cli

COMMITTEE = "Community Safety Partnership Board"
RANGE = ("--from", "2025-01-01", "--to", "2025-12-31", "--delay", "0")


def _import(home: Path, base: str, *more: str):
    return run_cli(home, "import", base, "--committee", "community safety", *RANGE, *more)


def _meeting_folder(home: Path, site: ModernGovSite, day: str) -> Path:
    return home / "papers" / importer.site_key(site.base) / COMMITTEE / day


def _downloads(site: ModernGovSite) -> list[str]:
    return [p for p, _ in site.log if "/documents/" in p or "mgConvert2PDF" in p]


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr


def test_without_committee_lists_the_sites_committees(tmp_path: Path) -> None:
    with ModernGovSite() as site:
        shown = run_cli(tmp_path, "import", site.base)
        as_json = run_cli(tmp_path, "import", site.base, "--json")
    assert shown.code == 0, shown.stderr
    assert COMMITTEE in shown.stdout and "Audit Committee" in shown.stdout
    rows = {r["id"]: r for r in as_json.json_lines()}
    assert sorted(rows) == ["144", "42", "7"]
    assert rows["7"]["expired"] is True and rows["42"]["expired"] is False


def test_import_then_nothing_new_then_the_late_minutes(tmp_path: Path) -> None:
    with ModernGovSite() as site:
        site.faults.add("late_minutes")
        first = _import(tmp_path, site.base)
        assert first.code == 0, first.stderr
        assert "3 meetings (1 cancelled)" in first.stderr
        assert "restricted (not fetched) 1" in first.stderr
        june = _meeting_folder(tmp_path, site, "2025-06-12")
        names = sorted(p.name for p in june.iterdir())
        assert names == [
            "Agenda frontsheet 12th-Jun-2025 14.00 Community Safety Partnership Board.pdf",
            "Bike Marking report (5001).pdf",
            f"Item minutes 2025-06-12 {COMMITTEE}.html",
            "Printed minutes 12th-Jun-2025 14.00 Community Safety Partnership Board.pdf",
        ]
        december = _meeting_folder(tmp_path, site, "2025-12-04")
        assert not december.exists()  # nothing published for it yet
        assert not site.requests_for("ID=5002"), "an exempt paper was fetched"
        assert not site.requests_for("lMeetingId=99"), "a meeting outside the range was read"
        assert not site.requests_for("lMeetingId=102"), "a cancelled meeting was read"
        assert all(ua.startswith("cdrp-archive/") for _, ua in site.log)

        # what was read cites the council's page
        decisions = run_cli(tmp_path, "decisions", "--json").json_lines()
        bike = [d for d in decisions if "Bike Marking scheme" in d["text"]]
        assert len(bike) == 1 and bike[0]["meeting_date"] == "2025-06-12"
        # printed in the minutes PDF and in the site's item minutes: both the council's pages
        assert bike[0]["url"] in (
            site.base + "documents/g101m/Printed%20minutes%2012th-Jun-2025%2014.00%20"
            "Community%20Safety%20Partnership%20Board.pdf?T=1",
            site.base + "ieListDocuments.aspx?CId=42&MId=101&Ver=4",
        )
        assert len(bike[0]["sources"]) == 2
        hits = run_cli(tmp_path, "search", "Bike Marking", "--json").json_lines()
        assert hits and all(h["url"] and h["url"].startswith(site.base) for h in hits)
        docs = run_cli(tmp_path, "docs", "--json").json_lines()
        assert len(docs) == 4 and all(d["url"].startswith(site.base) for d in docs)

        # a second run fetches nothing
        before = len(_downloads(site))
        second = _import(tmp_path, site.base)
        assert second.code == 0, second.stderr
        assert "fetched 0" in second.stderr
        assert len(_downloads(site)) == before
        assert "1 already complete" in second.stderr  # June: held, minutes out

        # the December minutes appear a month later: only they are fetched
        site.faults.clear()
        third = _import(tmp_path, site.base)
        assert third.code == 0, third.stderr
        new = _downloads(site)[before:]
        assert new == [
            "/democracy/documents/g103m/Printed%20minutes%2004th-Dec-2025%2014.00%20"
            "Community%20Safety%20Partnership%20Board.pdf?T=1"
        ]
        texts = [d["text"] for d in run_cli(tmp_path, "decisions", "--json").json_lines()]
        assert "The Board NOTED the annual strategic assessment." in texts

        # now every meeting is complete: not even the meeting is asked for again
        asked = len(site.requests_for("GetMeeting?"))
        fourth = _import(tmp_path, site.base)
        assert fourth.code == 0 and "fetched 0" in fourth.stderr
        assert len(site.requests_for("GetMeeting?")) == asked


@pytest.mark.parametrize("fault", ["ws_disabled", "ws_challenge"])
def test_without_the_web_service_the_html_pages_serve(tmp_path: Path, fault: str) -> None:
    with ModernGovSite() as site:
        site.faults.add(fault)
        run = _import(tmp_path, site.base)
    assert run.code == 0, run.stderr
    assert "reading the HTML pages" in run.stderr and "(HTML pages)" in run.stderr
    if fault == "ws_challenge":
        assert "bot check" in run.stderr
    june = sorted(p.name for p in _meeting_folder(tmp_path, site, "2025-06-12").iterdir())
    assert "Bike Marking report.pdf" in june
    assert any(n.startswith("Printed minutes 12th-Jun-2025") for n in june)
    decisions = run_cli(tmp_path, "decisions", "--json").json_lines()
    assert any("Bike Marking scheme" in d["text"] and d["url"] for d in decisions)


def test_a_polite_client_gets_through_a_moved_slow_busy_picky_site(tmp_path: Path) -> None:
    with ModernGovSite() as site:
        site.faults |= {"block_library_agents", "slow_service", "busy_meetings", "ignore_dates"}
        moved = site.base.replace("/democracy/", "/old/")  # answers 307 to the new home
        run = _import(tmp_path, moved, "--timeout", "1")
    assert run.code == 0, run.stderr
    assert "3 meetings (1 cancelled)" in run.stderr  # the March 2024 meeting filtered out
    assert not site.requests_for("lMeetingId=99")
    paths = [p for p, _ in site.log if not p.startswith("/old/")]
    repeated = {p for p in paths if paths.count(p) > 1}
    # only the slow answer and the 503 were asked for again
    assert repeated == {
        "/democracy/mgWebService.asmx/GetCommittees",
        "/democracy/mgWebService.asmx/GetMeetings?lCommitteeId=42&sFromDate=01/01/2025"
        "&sToDate=31/12/2025",
    }


def test_a_challenge_instead_of_papers_is_one_line_each(tmp_path: Path) -> None:
    with ModernGovSite() as site:
        site.faults.add("doc_challenge")
        run = _import(tmp_path, site.base)
    assert run.code == 1
    _no_traceback(run.stderr)
    lines = [ln for ln in run.stderr.splitlines() if "a PDF was expected" in ln]
    assert len(lines) == 4  # the June agenda, minutes and report, the December minutes
    assert all(ln.startswith("error: http://127.0.0.1:") for ln in lines)
    papers = tmp_path / "papers"
    assert not [p for p in papers.rglob("*.pdf")], "a challenge page was kept as a paper"
    assert not [p for p in papers.rglob(".*part")]


def test_a_download_that_stops_half_way_leaves_nothing_and_is_fetched_next_time(
    tmp_path: Path,
) -> None:
    with ModernGovSite() as site:
        site.faults.add("half_document")
        run = _import(tmp_path, site.base)
        assert run.code == 1
        _no_traceback(run.stderr)
        bad = [ln for ln in run.stderr.splitlines() if "truncated download" in ln]
        assert len(bad) == 1 and "mgConvert2PDF.aspx?ID=5001" in bad[0]
        june = _meeting_folder(tmp_path, site, "2025-06-12")
        assert not (june / "Bike Marking report (5001).pdf").exists()
        assert not list(june.glob(".*"))
        assert (june / "Printed minutes 12th-Jun-2025 14.00 Community Safety Partnership "
                "Board.pdf").exists()
        site.faults.clear()
        again = _import(tmp_path, site.base)
    assert again.code == 0, again.stderr
    assert (june / "Bike Marking report (5001).pdf").exists()
    assert len(site.requests_for("mgConvert2PDF.aspx?ID=5001")) == 2


def test_kill_9_during_a_download_leaves_no_half_file(tmp_path: Path) -> None:
    with ModernGovSite() as site:
        site.slow_document = "5001"
        proc = subprocess.Popen(
            [*command(), "--home", str(tmp_path), "import", site.base, "--committee", "42",
             *RANGE],
            env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while not site.requests_for("ID=5001") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # part of the body is on its way
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        site.slow_document = None
        visible = [p.name for p in (tmp_path / "papers").rglob("*") if p.is_file()
                   and not p.name.startswith(".")]
        assert "Bike Marking report (5001).pdf" not in visible
        again = _import(tmp_path, site.base)
    assert again.code == 0, again.stderr
    june = _meeting_folder(tmp_path, site, "2025-06-12")
    assert (june / "Bike Marking report (5001).pdf").read_bytes().startswith(b"%PDF")


def test_a_dead_host_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = run_cli(tmp_path, "import", f"http://127.0.0.1:{port}/x/", "--committee", "1",
                  "--delay", "0", "--timeout", "2")
    assert run.code == 1
    _no_traceback(run.stderr)
    assert "connection refused" in run.stderr
    assert len([ln for ln in run.stderr.splitlines() if ln.startswith("error:")]) == 1


def test_dry_run_lists_and_fetches_nothing(tmp_path: Path) -> None:
    with ModernGovSite() as site:
        run = _import(tmp_path, site.base, "--dry-run", "--json")
        assert run.code == 0, run.stderr
        planned = run.json_lines()
        assert not _downloads(site)
    assert len(planned) == 4  # June: report, agenda, printed minutes; December: printed minutes
    assert {p["kind"] for p in planned} == {"item", "agenda", "minutes"}
    assert not (tmp_path / "papers").exists() or not list((tmp_path / "papers").rglob("*.pdf"))


def test_an_unknown_committee_says_how_to_choose(tmp_path: Path) -> None:
    with ModernGovSite() as site:
        run = run_cli(tmp_path, "import", site.base, "--committee", "planning")
    assert run.code == 1
    _no_traceback(run.stderr)
    assert "no committee matches 'planning'" in run.stderr


# --- the pure parts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "base"),
    [
        ("https://democracy.example.gov.uk", "https://democracy.example.gov.uk/"),
        ("https://democracy.example.gov.uk/", "https://democracy.example.gov.uk/"),
        ("example.moderngov.co.uk", "https://example.moderngov.co.uk/"),
        ("https://www.example.gov.uk/moderngov", "https://www.example.gov.uk/moderngov/"),
        ("https://www.example.gov.uk/moderngov/ieListMeetings.aspx?CId=1",
         "https://www.example.gov.uk/moderngov/"),
    ],
)
def test_base_urls(given: str, base: str) -> None:
    assert mg.normalise_base(given) == base
    assert "//mgWebService" not in mg.service_url(mg.normalise_base(given), "GetCommittees")


def test_committees_are_matched_forgivingly() -> None:
    committees = [
        mg.Committee("1", "Community Safety Partnership Board"),
        mg.Committee("2", "Community Safety Partnership Board (old)", expired=True),
        mg.Committee("3", "Safer Communities Scrutiny Panel"),
    ]
    assert importer.match_committee(committees, "community safety").id == "1"
    assert importer.match_committee(committees, "3").id == "3"
    with pytest.raises(importer.ImportProblem, match="matches 2 committees"):
        importer.match_committee(committees, "safe")


@pytest.mark.parametrize(
    ("text", "day", "time"),
    [
        ("12 Feb 2026\xa06:30 pm", date(2026, 2, 12), "6:30 pm"),
        ("Friday, 27th March, 2026 1.00 pm", date(2026, 3, 27), "1.00 pm"),
        ("16 Mar 2026 6.30 pm", date(2026, 3, 16), "6.30 pm"),
    ],
)
def test_meeting_times_as_sites_print_them(text: str, day: date, time: str) -> None:
    assert mg._when(text) == (day, time)


def test_real_web_service_answers() -> None:
    """The captured answers of a real site (../shared/moderngov/lgsf, read by hand)."""
    folder = shared_dir("moderngov") / "lgsf"
    committees = mg.committees_from_xml((folder / "committees.xml").read_bytes())
    assert [c.id for c in committees] == ["312", "163", "144"]
    assert [c.expired for c in committees] == [True, False, False]
    meetings = mg.meetings_from_xml((folder / "meetings.xml").read_bytes(), "144")
    assert [(m.id, m.date, m.cancelled) for m in meetings] == [
        ("4966", date(2026, 1, 13), True),
        ("4967", date(2026, 2, 10), False),
    ]
    base = "https://democracy.example.gov.uk/"
    papers = mg.meeting_from_xml(
        (folder / "meeting_with_minutes.xml").read_bytes(), base, meetings[1], "Audit Committee"
    )
    assert [i.title for i in papers.items] == ["Minutes", "Work Programme"]
    assert [p.url for p in papers.papers] == [
        base + "mgConvert2PDF.aspx?ID=60860",
        base + "mgConvert2PDF.aspx?ID=60909",
    ]
    assert [p.published for p in papers.papers] == ["02/02/2026", "02/02/2026"]
    assert papers.minutes_published
    assert papers.attendees[0][0] == "Councillor Basil Curley"
    empty = mg.meeting_from_xml(
        (folder / "meeting_no_minutes.xml").read_bytes(), base, meetings[0], "Audit Committee"
    )
    assert not empty.items and not empty.papers


def test_real_meeting_pages() -> None:
    """Two real ieListDocuments pages (../shared/real-papers/bristol-weca); the counts were
    taken from the page source with grep, not from this code."""
    folder = shared_dir("real-papers") / "bristol-weca"
    base = "https://democracy.westofengland-ca.gov.uk/"
    expected = {  # item documents, T=0, T=1, T=2, T=9, packs, items with minutes
        "src-weca-0018_joint-mca-joint-committee-2026-03-27-meeting-page.html":
            (16, 1, 1, 1, 4, 2, 15),
        "src-weca-0019_joint-mca-joint-committee-2026-06-05-meeting-page.html":
            (29, 1, 0, 1, 5, 1, 0),
    }
    for name, counts in expected.items():
        text = (folder / name).read_text(encoding="utf-8", errors="replace")
        papers = mg.meeting_from_html(text, base, mg.Meeting("1", "192", date(2026, 1, 1)))
        kinds = [p.kind for p in papers.papers]
        got = (kinds.count("item"), kinds.count("agenda"), kinds.count("minutes"),
               kinds.count("decisions"), kinds.count("supplement"), kinds.count("pack"),
               len(papers.items))
        assert got == counts, name
        assert papers.committee.startswith("Joint meeting - West of England")
        assert all(" " not in p.url for p in papers.papers)
