"""Import a committee's papers from its council's ModernGov site into the archive.

The walk: committees → the chosen committee's meetings in the date range → each meeting's
papers (the web service's items and linked documents, and the meeting page's printed minutes,
decisions and agenda) → downloads into ``<home>/papers/<site>/<committee>/<meeting date>/``
under their published names → ingest, as any paper → where each came from, recorded.

A second run fetches only what is new: meetings already complete (held, minutes out) are not
asked for again, and a paper already held (same URL, same publication date, the file still
there) is not downloaded again; a paper with a validator is asked for conditionally. Faults are
one line each; the rest goes on; nothing held is touched by a fault.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.store import Store
from cdrp_archive.extract.sources import moderngov as mg
from cdrp_archive.extract.sources.http import Client, FetchError

Note = Callable[[str], None]


@dataclass
class Planned:
    paper: mg.Paper
    meeting: mg.Meeting
    committee: str
    dest: Path


@dataclass
class ImportSummary:
    committee: str = ""
    way: str = "web service"  # or "HTML pages"
    meetings: int = 0
    cancelled: int = 0
    complete_before: int = 0  # meetings not asked for again
    fetched: list[str] = field(default_factory=list)
    unchanged: int = 0
    restricted: int = 0
    packs_skipped: int = 0
    planned: list[Planned] = field(default_factory=list)  # --dry-run
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    records: int = 0
    ingest_failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.ingest_failed


class ImportProblem(ArchiveError):
    """The import cannot start: no committee list, no such committee."""


def site_key(base: str) -> str:
    parts = urlsplit(base)
    slug = f"{parts.netloc}{parts.path}".strip("/")
    return re.sub(r"[^A-Za-z0-9.\-]+", "_", slug)


def slug(text: str, limit: int = 80) -> str:
    cleaned = re.sub(r"[^\w\s\-.,()&']+", "", text).strip()
    return re.sub(r"\s+", " ", cleaned)[:limit].strip() or "untitled"


def match_committee(committees: list[mg.Committee], wanted: str) -> mg.Committee:
    """By id, by exact title, or forgivingly: every word given appears in the title."""
    wanted_norm = " ".join(wanted.lower().split())
    for c in committees:
        if c.id == wanted.strip() or c.title.lower() == wanted_norm:
            return c
    words = re.findall(r"\w+", wanted_norm)
    found = [c for c in committees if all(w in c.title.lower() for w in words)]
    live = [c for c in found if not c.expired and not c.deleted] or found
    if len(live) == 1:
        return live[0]
    if not live:
        raise ImportProblem(
            f"no committee matches {wanted!r}; run without --committee to list them"
        )
    names = "; ".join(f"{c.id} {c.title}" for c in live[:6])
    raise ImportProblem(f"{wanted!r} matches {len(live)} committees ({names}): give its id")


class Site:
    """One ModernGov site, through its web service where it answers, else its HTML pages."""

    def __init__(self, base: str, client: Client, note: Note) -> None:
        self.base = mg.normalise_base(base)
        self.client = client
        self.note = note
        self.service = True

    def read(self, url: str, parse: Callable[[str], Any]) -> Any:
        """Fetch a page once and parse it; a body that is not what was asked for is a fault
        of that URL."""
        body = self.client.get(url).body.decode("utf-8", "replace")
        try:
            return parse(body)
        except mg.NotWhatWasAsked as exc:
            raise FetchError(url, str(exc)) from None

    def committees(self) -> list[mg.Committee]:
        try:
            return self.read(mg.service_url(self.base, "GetCommittees"), mg.committees_from_xml)
        except FetchError as exc:
            self.note(
                f"{exc.url}: the web service did not answer ({exc.reason}); reading the HTML pages"
            )
            self.service = False
        reasons: list[str] = []
        for page in ("mgListCommittees.aspx", "mgCommitteeStructure.aspx"):
            try:
                found = self.read(mg.page_url(self.base, page), mg.committees_from_html)
            except FetchError as exc:
                reasons.append(str(exc))
                continue
            if found:
                return found
        raise ImportProblem(f"{self.base}: no committee list ({'; '.join(reasons)})")

    def meetings(self, committee: mg.Committee, start: date, end: date) -> list[mg.Meeting]:
        if self.service:
            url = mg.service_url(
                self.base,
                "GetMeetings",
                lCommitteeId=committee.id,
                sFromDate=mg.dmy(start),
                sToDate=mg.dmy(end),
            )
            found = self.read(url, lambda body: mg.meetings_from_xml(body, committee.id))
        else:
            url = mg.page_url(self.base, f"ieListMeetings.aspx?CommitteeId={committee.id}&Year=0")
            listed = self.read(url, lambda body: mg.meetings_from_html(body, committee.id))
            found = [m for m, _href in listed]
        # the service ignores a range it cannot read: filter here too
        unique = {m.id: m for m in found if start <= m.date <= end}
        return sorted(unique.values(), key=lambda m: (m.date, m.id))

    def papers(self, meeting: mg.Meeting, committee: str) -> mg.MeetingPapers:
        page = mg.page_url(
            self.base, f"ieListDocuments.aspx?CId={meeting.committee_id}&MId={meeting.id}&Ver=4"
        )

        def from_page(body: str) -> mg.MeetingPapers:
            return mg.meeting_from_html(body, self.base, meeting)

        if not self.service:
            return self.read(page, from_page)
        url = mg.service_url(self.base, "GetMeeting", lMeetingId=meeting.id)
        found = self.read(
            url, lambda body: mg.meeting_from_xml(body, self.base, meeting, committee)
        )
        if found.meeting.cancelled:
            return found
        # meeting-level papers (printed minutes, decisions, agenda) are on the page alone
        listed = self.read(page, from_page)
        found.papers.extend(p for p in listed.papers if p.kind != "item")
        found.minutes_published = found.minutes_published or listed.minutes_published
        return found


def run(
    store: Store,
    home: Path,
    base: str,
    committee: str | None,
    start: date,
    end: date,
    client: Client,
    ingest: Callable[[list[Path]], tuple[int, list[tuple[str, str]]]],
    dry_run: bool = False,
    note: Note = lambda _line: None,
    on_meetings: Callable[[int], None] = lambda _n: None,
    on_meeting: Callable[[str], None] = lambda _name: None,
    today: date | None = None,
) -> ImportSummary:
    """Import one committee's meetings from ``start`` to ``end``; ``ingest`` reads the files
    fetched (returning records written and failures)."""
    summary = ImportSummary()
    site = Site(base, client, note)
    key = site_key(site.base)
    chosen = match_committee(site.committees(), committee or "")
    summary.committee = chosen.title
    summary.way = "web service" if site.service else "HTML pages"
    try:
        meetings = site.meetings(chosen, start, end)
    except FetchError as exc:
        summary.failed.append(_fault(exc))
        return summary
    summary.meetings = len(meetings)
    on_meetings(len(meetings))
    folder = home / "papers" / key / slug(chosen.title)
    sources: list[dict[str, Any]] = []
    seen_meetings: list[dict[str, Any]] = []
    fetched_files: list[Path] = []
    today = today or date.today()
    for meeting in meetings:
        on_meeting(meeting.date.isoformat())
        record = {
            "site": key,
            "meeting_id": meeting.id,
            "committee": chosen.title,
            "meeting_date": meeting.date.isoformat(),
            "status": meeting.status,
        }
        held = store.imported_meeting(key, meeting.id)
        if held and held["complete"]:
            if held["status"] in ("cancelled", "withdrawn", "postponed"):
                summary.cancelled += 1
            else:
                summary.complete_before += 1
            continue
        if meeting.cancelled:
            summary.cancelled += 1
            seen_meetings.append({**record, "complete": 1})
            continue
        try:
            papers = site.papers(meeting, chosen.title)
        except FetchError as exc:
            summary.failed.append(_fault(exc))
            continue
        if papers.meeting.cancelled:
            summary.cancelled += 1
            seen_meetings.append({**record, "status": papers.meeting.status, "complete": 1})
            continue
        day = folder / meeting.date.isoformat()
        ok = True
        for paper in _choose(papers.papers, summary):
            dest = day / _file_name(paper)
            known = store.source(paper.url)
            if (
                known
                and Path(known["path"]).exists()
                and (
                    known["published"] == paper.published
                    and not (known["etag"] or known["last_modified"])
                )
            ):
                summary.unchanged += 1
                continue
            if dry_run:
                summary.planned.append(Planned(paper, meeting, chosen.title, dest))
                continue
            try:
                got = client.download(
                    paper.url,
                    dest,
                    etag=known["etag"] if known else None,
                    last_modified=known["last_modified"] if known else None,
                )
                if got.not_modified:
                    summary.unchanged += 1
                    continue
                _check_kind(paper.url, dest)
            except FetchError as exc:
                summary.failed.append(_fault(exc))
                ok = False
                continue
            summary.fetched.append(paper.url)
            fetched_files.append(dest)
            sources.append(
                {
                    "url": paper.url,
                    "site": key,
                    "committee": chosen.title,
                    "meeting_id": meeting.id,
                    "meeting_date": meeting.date.isoformat(),
                    "item": paper.item,
                    "title": paper.title,
                    "kind": paper.kind,
                    "published": paper.published,
                    "etag": got.etag,
                    "last_modified": got.last_modified,
                    "path": str(dest),
                    "sha256": _sha256(dest),
                }
            )
        minutes = mg.minutes_paper(papers)
        if minutes is not None:
            written = _write_minutes(
                day, minutes, f"Item minutes {meeting.date} {chosen.title}", dry_run
            )
            if written is not None:
                page = mg.page_url(
                    site.base,
                    f"ieListDocuments.aspx?CId={meeting.committee_id}&MId={meeting.id}&Ver=4",
                )
                fetched_files.append(written)
                summary.fetched.append(page)
                sources.append(
                    {
                        "url": page,
                        "site": key,
                        "committee": chosen.title,
                        "meeting_id": meeting.id,
                        "meeting_date": meeting.date.isoformat(),
                        "item": None,
                        "title": "Minutes of the items (from the site)",
                        "kind": "item-minutes",
                        "published": None,
                        "etag": None,
                        "last_modified": None,
                        "path": str(written),
                        "sha256": _sha256(written),
                    }
                )
        complete = ok and meeting.date < today and papers.minutes_published
        seen_meetings.append({**record, "complete": int(complete)})
    if dry_run:
        return summary
    if fetched_files:
        summary.records, summary.ingest_failed = ingest(fetched_files)
    store.save_sources(sources, seen_meetings)
    return summary


def _choose(papers: list[mg.Paper], summary: ImportSummary) -> list[mg.Paper]:
    """What to fetch: not exempt papers, not external links, not a pack whose papers are
    fetched one by one; each URL once."""
    has_items = any(p.kind == "item" for p in papers)
    chosen: dict[str, mg.Paper] = {}
    for paper in papers:
        if paper.restricted:
            summary.restricted += 1
        elif paper.kind == "external":
            continue
        elif paper.kind == "pack" and has_items:
            summary.packs_skipped += 1
        else:
            chosen.setdefault(paper.url, paper)
    return list(chosen.values())


def _file_name(paper: mg.Paper) -> str:
    if paper.name:
        from urllib.parse import unquote

        return unquote(paper.name)
    ident = re.search(r"ID=(\d+)", paper.url)
    stem = slug(paper.title)
    return f"{stem} ({ident.group(1)}).pdf" if ident else f"{stem}.pdf"


def _check_kind(url: str, path: Path) -> None:
    """A file named .pdf must be a PDF: a bot check answers 200 with an HTML page."""
    if path.suffix.lower() != ".pdf":
        return
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF" in head:
        return
    path.unlink(missing_ok=True)
    if head.lstrip()[:1] == b"<":
        raise FetchError(url, "an HTML page where a PDF was expected (a bot check?)")
    raise FetchError(url, "not a PDF")


def _write_minutes(folder: Path, text: str, name: str, dry_run: bool) -> Path | None:
    """The item minutes as a paper; None when unchanged (or a dry run)."""
    dest = folder / f"{slug(name, 100)}.html"
    data = text.encode("utf-8")
    if dry_run or (dest.exists() and dest.read_bytes() == data):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / f".{dest.name}.part"
    part.write_bytes(data)
    part.replace(dest)
    return dest


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fault(exc: FetchError) -> tuple[str, str]:
    return exc.url, exc.reason
