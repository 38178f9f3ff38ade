"""What a ModernGov site says, read into plain values: committees, meetings, a meeting's items,
minutes and papers. Both ways in — the XML web service (``mgWebService.asmx``) and the HTML
pages (``ieListMeetings``, ``ieListDocuments``) — give the same values. Pure: text in, values
out; fetching lives in ``sources.http`` and ``sources.importer``.

What real sites do (see the project README, "Importing"): dates are dd/mm/yyyy; counts carry
leading spaces; SOAP answers are namespaced; a bot check answers 200 with a small HTML page
where XML was asked for; linked documents' URLs are often absolute and sometimes http:// on an
https site, so they are rebuilt from their attachment id on the base the user gave.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qs, quote, urljoin, urlsplit

from cdrp_archive.extract.sources import markup


class NotWhatWasAsked(ValueError):
    """A body that is not what was requested: a challenge page, an error page, broken XML."""


@dataclass(frozen=True)
class Committee:
    id: str
    title: str
    expired: bool = False
    deleted: bool = False
    category: str | None = None


@dataclass(frozen=True)
class Meeting:
    id: str
    committee_id: str
    date: date
    time: str | None = None
    status: str = "confirmed"  # confirmed | cancelled | withdrawn | postponed | …

    @property
    def cancelled(self) -> bool:
        return self.status in ("cancelled", "withdrawn", "postponed")


@dataclass(frozen=True)
class Paper:
    """One published document of a meeting."""

    url: str
    title: str
    kind: str  # agenda | minutes | decisions | supplement | pack | item | external
    item: str | None = None  # the agenda item it was attached to ("7. Budget")
    published: str | None = None  # the site's publication date (dd/mm/yyyy) where it gives one
    restricted: bool = False
    name: str | None = None  # the published file name, where the URL carries one


@dataclass(frozen=True)
class Item:
    number: str
    title: str
    minutes_html: str = ""


@dataclass
class MeetingPapers:
    meeting: Meeting
    committee: str = ""
    location: str | None = None
    items: list[Item] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    minutes_published: bool = False
    attendees: list[tuple[str, str, str]] = field(default_factory=list)  # name, role, attendance


# --- URLs --------------------------------------------------------------------------------


def normalise_base(url: str) -> str:
    """The site's base with one trailing slash and no page name: pages are joined to it."""
    url = url.strip()
    if not re.match(r"^https?://", url, re.I):
        url = "https://" + url
    parts = urlsplit(url)
    path = parts.path
    if re.search(r"/[^/]+\.(aspx|asmx)$", path, re.I):
        path = path.rsplit("/", 1)[0]
    path = path.rstrip("/") + "/"
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def page_url(base: str, relative: str) -> str:
    """A page or document under the base; raw spaces in hrefs are percent-encoded."""
    return quote(urljoin(base, relative.strip()), safe=":/?&=%#+,;@~!$'()*")


def service_url(base: str, operation: str, **params: str) -> str:
    query = "&".join(f"{k}={quote(str(v), safe='/')}" for k, v in params.items())
    return f"{base}mgWebService.asmx/{operation}" + (f"?{query}" if query else "")


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- the XML web service ---------------------------------------------------------------


def _xml(body: bytes | str, expected: str, what: str) -> ET.Element:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    head = text.lstrip()[:300].lower()
    if head.startswith("<!doctype html") or head.startswith("<html"):
        raise NotWhatWasAsked(f"an HTML page where {what} XML was expected (a bot check?)")
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise NotWhatWasAsked(f"malformed XML in {what} ({exc})") from None
    for node in root.iter():  # SOAP answers are namespaced; GET answers are not
        if isinstance(node.tag, str) and "}" in node.tag:
            node.tag = node.tag.split("}", 1)[1]
    found = root if root.tag.lower() == expected else root.find(f".//{expected}")
    if found is None:
        raise NotWhatWasAsked(f"{what}: no <{expected}> in the answer")
    return found


def _t(node: ET.Element | None, name: str) -> str:
    if node is None:
        return ""
    child = node.find(name)
    return (child.text or "").strip() if child is not None else ""


def _true(value: str) -> bool:
    return value.strip().lower() == "true"


def _date(value: str) -> date | None:
    value = value.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def committees_from_xml(body: bytes | str) -> list[Committee]:
    root = _xml(body, "committees", "GetCommittees")
    return [
        Committee(
            id=_t(c, "committeeid"),
            title=_t(c, "committeetitle"),
            expired=_true(_t(c, "committeeexpired")),
            deleted=_true(_t(c, "committeedeleted")),
            category=_t(c, "committeecategory") or None,
        )
        for c in root.findall("committee")
        if _t(c, "committeeid")
    ]


def meetings_from_xml(body: bytes | str, committee_id: str) -> list[Meeting]:
    root = _xml(body, "getmeetings", "GetMeetings")
    found: list[Meeting] = []
    for node in root.iter("meeting"):
        day = _date(_t(node, "meetingdate"))
        if day is None or not _t(node, "meetingid"):
            continue
        found.append(
            Meeting(
                id=_t(node, "meetingid"),
                committee_id=committee_id,
                date=day,
                time=_t(node, "meetingtime") or None,
                status=(_t(node, "meetingstatus") or "confirmed").lower(),
            )
        )
    return found


def meeting_from_xml(
    body: bytes | str, base: str, meeting: Meeting, committee: str
) -> MeetingPapers:
    root = _xml(body, "meeting", "GetMeeting")
    status = (_t(root, "meetingstatus") or meeting.status).lower()
    day = _date(_t(root, "meetingdate")) or meeting.date
    out = MeetingPapers(
        meeting=Meeting(meeting.id, meeting.committee_id, day, meeting.time, status),
        committee=committee,
        location=_t(root, "meetinglocation") or None,
        minutes_published=_true(_t(root, "minutepublished")),
    )
    for node in root.iter("attendee"):
        name = (node.get("name") or "").strip()
        if name:
            role = (node.get("roledescription") or "").strip()
            out.attendees.append((name, role, (node.get("attendance") or "").strip().lower()))
    for node in root.iter("agendaitem"):
        number = _t(node, "fulldisplaynumberformat") or _t(node, "agendaitemnumber")
        title = _t(node, "agendaitemtitle")
        label = f"{number} {title}".strip()
        minutes = _t(node, "minutesnonemptyhtmlbody")
        if minutes and not _true(_t(node, "isrestricted")):
            out.items.append(Item(number, title, minutes))
        for doc in node.iter("linkeddoc"):
            attachment = _t(doc, "attachmentid")
            external = _true(_t(doc, "isurl"))
            url = _t(doc, "url")
            if not external and attachment:
                url = page_url(base, f"mgConvert2PDF.aspx?ID={attachment}")
            if not url:
                continue
            out.papers.append(
                Paper(
                    url=url,
                    title=_t(doc, "title") or label,
                    kind="external" if external else "item",
                    item=label or None,
                    published=_t(doc, "publicationdate") or None,
                    restricted=_true(_t(doc, "isrestricted")),
                )
            )
    return out


# --- the HTML pages ----------------------------------------------------------------------


def _modgov(text: str, what: str) -> markup.Node:
    tree = markup.parse(text)
    found = tree.find(id="modgov")
    if found is None:
        raise NotWhatWasAsked(f"{what}: not a ModernGov page (no div#modgov; a bot check?)")
    return found


def committees_from_html(text: str) -> list[Committee]:
    root = _modgov(text, "committee list")
    seen: dict[str, Committee] = {}
    for link in root.find_all("a"):
        match = re.search(r"mgCommitteeDetails\.aspx\?ID=(\d+)", link.attrs.get("href", ""), re.I)
        title = link.text()
        if match and title and match.group(1) not in seen:
            seen[match.group(1)] = Committee(match.group(1), title)
    return list(seen.values())


_WHEN = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9}),?\s+(\d{4})(?:\s+(\d{1,2}[.:]\d{2}\s*[ap]m))?",
    re.I,
)
_STATUS_WORDS = ("cancelled", "withdrawn", "postponed", "moved")


def _when(text: str) -> tuple[date | None, str | None]:
    match = _WHEN.search(text.replace("\xa0", " "))
    if not match:
        return None, None
    day, month, year, time = match.groups()
    for fmt in ("%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(f"{day} {month} {year}", fmt).date(), time
        except ValueError:
            continue
    return None, time


def _status(text: str) -> str:
    lowered = text.lower()
    return next((w for w in _STATUS_WORDS if w in lowered), "confirmed")


def meetings_from_html(text: str, committee_id: str) -> list[tuple[Meeting, str]]:
    """Each meeting of a committee's ``ieListMeetings`` page, with its page's href."""
    root = _modgov(text, "meetings list")
    found: list[tuple[Meeting, str]] = []
    for link in root.find_all("a", cls="mgMeetingTableLnk"):
        href = link.attrs.get("href", "")
        query = parse_qs(urlsplit(href).query)
        mid = (query.get("MId") or query.get("MeetingId") or [""])[0]
        day, time = _when(link.text())
        if not mid or day is None:
            continue
        row = link.parent
        found.append(
            (Meeting(mid, committee_id, day, time, _status(row.text() if row else "")), href)
        )
    return found


_KINDS = {"0": "agenda", "1": "minutes", "2": "decisions", "9": "supplement", "10": "pack"}


def _paper_from_link(base: str, link: markup.Node, item: str | None) -> Paper | None:
    href = link.attrs.get("href", "")
    if not href or href.startswith(("#", "mailto:", "javascript:")):
        return None
    size = link.find("span", cls="mgFileSize")
    title = link.text()
    if size is not None:
        title = title.replace(size.text(), "").strip()
    path = urlsplit(href).path
    query = parse_qs(urlsplit(href).query)
    if re.search(r"mgChoose\w*DocPack\.aspx", path, re.I):
        kind = "pack"
    elif re.search(r"(^|/)documents/", path, re.I):
        kind = _KINDS.get((query.get("T") or [""])[0], "item") if item is None else "item"
    else:
        return None
    name = path.rsplit("/", 1)[-1] if path.lower().endswith((".pdf", ".docx", ".doc")) else None
    return Paper(page_url(base, href), title or (name or href), kind, item=item, name=name)


def meeting_from_html(text: str, base: str, meeting: Meeting) -> MeetingPapers:
    """A meeting's ``ieListDocuments`` page: its papers, items and their minutes."""
    root = _modgov(text, "meeting page")
    heading = root.find("h2", cls="mgSubTitleTxt")
    heading_text = heading.text() if heading else ""
    committee = heading_text.rsplit(" - ", 1)[0] if " - " in heading_text else heading_text
    status = _status(heading_text.rsplit(" - ", 1)[-1]) if heading_text else meeting.status
    out = MeetingPapers(
        meeting=Meeting(meeting.id, meeting.committee_id, meeting.date, meeting.time, status),
        committee=committee,
    )
    links = root.find("div", cls="mgLinks")
    if links is not None:
        for link in links.find_all("a"):
            paper = _paper_from_link(base, link, None)
            if paper is not None:
                out.papers.append(paper)
    for label in root.find_all("span", cls="mgLabel"):
        if label.text().lower().startswith(("venue", "proposed venue")) and label.parent:
            out.location = label.parent.text().split(":", 1)[-1].strip() or None
    table = root.find("table", id="mgItemTable")
    for row in table.find_all("tr") if table is not None else []:
        cells = [c for c in row.children if isinstance(c, markup.Node) and c.tag == "td"]
        if len(cells) < 2:
            continue
        number = cells[0].text()
        title_node = cells[1].find("p", cls="mgAiTitleTxt")
        title = title_node.text() if title_node else ""
        size = title_node.find("span", cls="mgFileSize") if title_node else None
        if size is not None:
            title = title.replace(size.text(), "").strip()
        label = f"{number} {title}".strip()
        for link in cells[1].find_all("a"):
            paper = _paper_from_link(base, link, label)
            if paper is not None and paper.kind == "item":
                out.papers.append(paper)
        out.items.extend(_item_minutes(cells[1], number, title))
    out.minutes_published = any(p.kind == "minutes" for p in out.papers) or bool(out.items)
    return out


def _item_minutes(cell: markup.Node, number: str, title: str) -> list[Item]:
    """The "Minutes:" block of an item: the ``div.mgWordPara`` after that sub-title."""
    children = [c for c in cell.children if isinstance(c, markup.Node)]
    for i, child in enumerate(children):
        if "mgSubItemTitleTxt" in child.classes and child.text().lower().startswith("minutes"):
            rest = children[i + 1 :]
            if rest and "mgWordPara" in rest[0].classes:
                return [Item(number, title, rest[0].inner_html())]
    return []


# --- the item minutes as a paper of their own -------------------------------------------


_PRESENT = ("present", "attended", "in attendance", "present as substitute")
_APOLOGIES = ("apologies", "apologies received", "apologies, sent substitute")


def minutes_paper(papers: MeetingPapers) -> str | None:
    """The meeting's item minutes as one HTML paper (None when the site holds none).

    The opening names the body and the meeting's date in the words minutes use, so the
    minutes interpreter dates and segments it as it would the printed minutes."""
    if not papers.items:
        return None
    import html

    day = papers.meeting.date
    when = f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"
    body = html.escape(papers.committee or "Committee")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="en"><head><meta charset="utf-8"><title>{body} – minutes – {when}</title>'
        "</head><body>",
        f"<h1>{body}</h1>",
        f"<p>Minutes of the meeting held on {when}</p>",
    ]
    if papers.location:
        parts.append(f"<p>Venue: {html.escape(papers.location)}</p>")
    # who came, as the site records it ("Expected" is the plan, not the meeting: left out)
    for label, words in (("Present", _PRESENT), ("Apologies", _APOLOGIES)):
        names = [(n, r) for n, r, said in papers.attendees if said in words]
        if names:
            parts.append(f"<p>{label}:</p>")
            parts.extend(
                f"<p>{html.escape(n)}{' – ' + html.escape(r) if r else ''}</p>" for n, r in names
            )
    for item in papers.items:
        parts.append(f"<h2>{html.escape(f'{item.number} {item.title}'.strip())}</h2>")
        parts.append(f"<div>{item.minutes_html}</div>")
    parts.append("</body></html>")
    return "\n".join(parts)
