"""A ModernGov site for the tests: a real HTTP server on 127.0.0.1 (a random port, under a path
prefix) answering in ModernGov's shapes — the web service's XML (lower-case names, counts with
a leading space, escaped Word HTML, dd/mm/yyyy dates) and the HTML pages with their ``mg*``
markup and documents with spaces in their names — made in the image of the real captures in
../shared/moderngov (see tests/fixtures/moderngov/README.md), with switchable faults.

The papers it serves are small PDFs made by tests/fixtures/moderngov/make_papers.py, so what
the import reads is known."""

from __future__ import annotations

import html
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent

# faults a test can switch on
FAULTS = {
    "ws_disabled",  # the web service answers 404 (HTML only)
    "ws_challenge",  # the web service answers 200 with a bot-check page
    "doc_challenge",  # documents answer 200 with a bot-check page
    "block_library_agents",  # 403 to python-urllib / python-requests / curl agents
    "slow_service",  # the first answer of each web-service URL takes 3 s
    "busy_meetings",  # GetMeetings answers 503 with Retry-After: 1, once
    "ignore_dates",  # GetMeetings ignores its date range (as with ISO dates)
    "late_minutes",  # the December meeting's minutes are not published yet
    "half_document",  # one document stops half way
}


@dataclass
class Doc:
    id: str
    title: str
    file: Path  # the corpus paper it serves
    item: int | None = None  # the agenda item it is attached to; None: a meeting document
    kind: str = "item"  # item | agenda | minutes
    restricted: bool = False
    published: str = "01/06/2025"


@dataclass
class Meet:
    id: str
    committee: str
    day: date
    status: str = "Confirmed"
    items: list[tuple[str, str]] = field(default_factory=list)  # (title, minutes html)
    docs: list[Doc] = field(default_factory=list)
    late: bool = False  # minutes withheld while the late_minutes fault is on


PAPERS = ROOT / "tests" / "fixtures" / "moderngov"
MINUTES_1 = PAPERS / "printed-minutes-2025-06-12.pdf"
MINUTES_2 = PAPERS / "printed-minutes-2025-12-04.pdf"
AGENDA = PAPERS / "agenda-2025-06-12.pdf"
REPORT = PAPERS / "bike-marking-report.pdf"
OLD = PAPERS / "old-plan-2024.pdf"

COMMITTEES = [
    ("42", "Community Safety Partnership Board", False),
    ("144", "Audit Committee", False),
    ("7", "Crime and Disorder Reduction Partnership (old)", True),
]

MINUTES_JUNE = (
    '<div class="WordSection1"><p class="MsoNormal"><span style="">The Board AGREED to fund '
    "the Bike Marking scheme for a further year.</span></p>"
    '<p class="MsoNormal"><span style="">Action: Jo Bloggs to report on progress at the '
    "next meeting.</span></p></div>"
)
MINUTES_DEC = (
    '<div class="WordSection1"><p class="MsoNormal"><span style="">The Board NOTED the '
    "annual strategic assessment.</span></p></div>"
)


def meetings() -> list[Meet]:
    return [
        Meet("99", "42", date(2024, 3, 1), items=[("Old business", MINUTES_DEC)],
             docs=[Doc("4001", "Old plan", OLD, item=1)]),
        Meet(
            "101", "42", date(2025, 6, 12),
            items=[("Apologies for absence", '<p class="MsoNormal">None.</p>'),
                   ("Community safety plan", MINUTES_JUNE), ("Exempt item", "")],
            docs=[
                Doc("5001", "Bike Marking report", REPORT, item=2),
                Doc("5002", "Exempt report", OLD, item=3, restricted=True),
                Doc("101a", "Agenda frontsheet 12th-Jun-2025 14.00 Community Safety Partnership "
                    "Board", AGENDA, kind="agenda"),
                Doc("101m", "Printed minutes 12th-Jun-2025 14.00 Community Safety Partnership "
                    "Board", MINUTES_1, kind="minutes"),
            ],
        ),
        Meet("102", "42", date(2025, 9, 11), status="Cancelled"),
        Meet("103", "42", date(2025, 12, 4), items=[("Strategic assessment", MINUTES_DEC)],
             docs=[Doc("103m", "Printed minutes 04th-Dec-2025 14.00 Community Safety "
                       "Partnership Board", MINUTES_2, kind="minutes")], late=True),
    ]


CHALLENGE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
    b"<body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>"
)


class ModernGovSite:
    """``with ModernGovSite() as site:`` serves at ``site.base``; ``site.faults`` switches
    faults on and off while it runs; ``site.log`` holds (path, user agent) of each request."""

    def __init__(self, prefix: str = "/democracy/") -> None:
        self.prefix = prefix
        self.faults: set[str] = set()
        self.log: list[tuple[str, str]] = []
        self.meetings = meetings()
        self._slowed: set[str] = set()
        self.slow_document: str | None = None  # a document sent a few bytes a second
        self._busy_done = False
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._handle(self)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}{prefix}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ModernGovSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests_for(self, fragment: str) -> list[str]:
        return [p for p, _ in self.log if fragment in p]

    # --- answering ----------------------------------------------------------------------

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        agent = req.headers.get("User-Agent", "")
        self.log.append((req.path, agent))
        parts = urlsplit(req.path)
        path, query = unquote(parts.path), {k: v[0] for k, v in parse_qs(parts.query).items()}
        if path.startswith("/old/"):  # the site moved: a 307 to its new home
            req.send_response(307)
            req.send_header("Location", self.prefix + req.path[len("/old/"):])
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        if "block_library_agents" in self.faults and re.search(
            r"python-urllib|python-requests|curl", agent, re.I
        ):
            return self._send(req, 403, b"<html><body>Forbidden</body></html>", "text/html")
        if not path.startswith(self.prefix):
            return self._send(req, 404, b"not found", "text/plain")
        page = path[len(self.prefix):]
        if page.startswith("mgWebService.asmx/"):
            return self._service(req, page.split("/", 1)[1], query)
        if page == "mgListCommittees.aspx":
            return self._send(req, 200, self._committees_page(), "text/html")
        if page == "ieListMeetings.aspx":
            return self._send(req, 200, self._meetings_page(query.get("CommitteeId", "")),
                              "text/html")
        if page == "ieListDocuments.aspx":
            meeting = self._meeting(query.get("MId", ""))
            if meeting is None:
                return self._send(req, 404, b"no such meeting", "text/plain")
            return self._send(req, 200, self._meeting_page(meeting), "text/html")
        if page == "mgConvert2PDF.aspx":
            return self._document(req, query.get("ID", ""))
        match = re.match(r"documents/[gs](\w+)/", page)
        if match:
            return self._document(req, match.group(1))
        return self._send(req, 404, b"<html><body>Page not found</body></html>", "text/html")

    def _send(self, req: BaseHTTPRequestHandler, status: int, body: bytes, kind: str,
              headers: dict[str, str] | None = None) -> None:
        req.send_response(status)
        req.send_header("Content-Type", kind)
        req.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.end_headers()
        req.wfile.write(body)

    def _service(self, req: BaseHTTPRequestHandler, op: str, query: dict[str, str]) -> None:
        if "ws_disabled" in self.faults:
            return self._send(req, 404, b"<html><body>Web service disabled</body></html>",
                              "text/html")
        if "ws_challenge" in self.faults:
            return self._send(req, 200, CHALLENGE, "text/html")
        if "slow_service" in self.faults and op == "GetCommittees" and req.path not in self._slowed:
            self._slowed.add(req.path)
            time.sleep(3)
        if op == "GetCommittees":
            body = self._committees_xml()
        elif op == "GetMeetings":
            if "busy_meetings" in self.faults and not self._busy_done:
                self._busy_done = True
                return self._send(req, 503, b"busy", "text/plain", {"Retry-After": "1"})
            if "lCommitteeId" not in query:
                return self._send(req, 500, b"Missing parameter: lCommitteeId.", "text/plain")
            body = self._meetings_xml(query)
        elif op == "GetMeeting":
            meeting = self._meeting(query.get("lMeetingId", ""))
            if meeting is None:
                return self._send(req, 500, b"no such meeting", "text/plain")
            body = self._meeting_xml(meeting)
        else:
            return self._send(req, 500, b"unknown operation", "text/plain")
        return self._send(req, 200, body.encode("utf-8"), "text/xml; charset=utf-8")

    def _meeting(self, mid: str) -> Meet | None:
        return next((m for m in self.meetings if m.id == mid), None)

    def _withheld(self, meeting: Meet) -> bool:
        return meeting.late and "late_minutes" in self.faults

    def _docs(self, meeting: Meet) -> list[Doc]:
        if self._withheld(meeting):
            return [d for d in meeting.docs if d.kind != "minutes"]
        return meeting.docs

    def _document(self, req: BaseHTTPRequestHandler, ident: str) -> None:
        doc = next((d for m in self.meetings for d in m.docs if d.id == ident), None)
        if doc is None or doc.restricted:
            return self._send(req, 404, b"<html><body>Not found</body></html>", "text/html")
        if "doc_challenge" in self.faults:
            return self._send(req, 200, CHALLENGE, "text/html")
        data = doc.file.read_bytes()
        if self.slow_document == ident:
            req.send_response(200)
            req.send_header("Content-Type", "application/pdf")
            req.send_header("Content-Length", str(len(data)))
            req.end_headers()
            for i in range(0, len(data), 64):
                if self.slow_document != ident:
                    break
                req.wfile.write(data[i : i + 64])
                req.wfile.flush()
                time.sleep(0.2)
            req.close_connection = True
            return
        if "half_document" in self.faults and ident == "5001":
            req.send_response(200)
            req.send_header("Content-Type", "application/pdf")
            req.send_header("Content-Length", str(len(data)))
            req.end_headers()
            req.wfile.write(data[: len(data) // 2])
            req.wfile.flush()
            req.close_connection = True
            return
        self._send(req, 200, data, "application/pdf")

    # --- the web service's XML ---------------------------------------------------------

    def _committees_xml(self) -> str:
        rows = "".join(
            f"  <committee>\n    <committeeid>{cid}</committeeid>\n"
            f"    <committeetitle>{html.escape(title)}</committeetitle>\n"
            f"    <committeedeleted>False</committeedeleted>\n"
            f"    <committeeexpired>{expired}</committeeexpired>\n"
            f"    <committeecategory>Partnerships</committeecategory>\n  </committee>\n"
            for cid, title, expired in COMMITTEES
        )
        return (f'<?xml version="1.0" encoding="utf-8"?>\n<committees>\n'
                f"  <committeescount> {len(COMMITTEES)}</committeescount>\n{rows}</committees>")

    def _meetings_xml(self, query: dict[str, str]) -> str:
        cid = query["lCommitteeId"]
        found = [m for m in self.meetings if m.committee == cid]
        start, end = _dmy(query.get("sFromDate", "")), _dmy(query.get("sToDate", ""))
        if start and end and "ignore_dates" not in self.faults:
            found = [m for m in found if start <= m.day <= end]
        rows = "".join(
            f"      <meeting>\n        <meetingid>{m.id}</meetingid>\n"
            f"        <meetingdate>{m.day:%d/%m/%Y}</meetingdate>\n"
            f"        <meetingstatus>{m.status}</meetingstatus>\n"
            f"        <meetingtime>2.00 pm</meetingtime>\n        <iswebcast>False</iswebcast>\n"
            f"      </meeting>\n"
            for m in found
        )
        title = next(t for c, t, _ in COMMITTEES if c == cid)
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n<getmeetings>\n'
            f"  <meetingscount> {len(found)}</meetingscount>\n"
            f"  <committeescount> 1</committeescount>\n  <committee>\n"
            f"    <committeeid>{cid}</committeeid>\n"
            f"    <committeetitle>{html.escape(title)}</committeetitle>\n"
            f"    <committeemeetingcount> {len(found)}</committeemeetingcount>\n"
            f"    <committeemeetings>\n{rows}    </committeemeetings>\n  </committee>\n"
            f"</getmeetings>"
        )

    def _meeting_xml(self, m: Meet) -> str:
        withheld = self._withheld(m)
        items = []
        if m.status != "Cancelled":
            for n, (title, minutes) in enumerate(m.items, start=1):
                docs = "".join(
                    f"        <linkeddoc>\n          <attachmentid>{d.id}</attachmentid>\n"
                    f"          <title>{html.escape(d.title)}</title>\n"
                    f"          <isurl>False</isurl>\n"
                    # as on real sites: absolute, and http:// on any host
                    f"          <url>http://democracy.example.gov.uk/mgConvert2PDF.aspx?ID={d.id}"
                    f"</url>\n          <isrestricted>{d.restricted}</isrestricted>\n"
                    f"          <publicationdate>{d.published}</publicationdate>\n"
                    f"        </linkeddoc>\n"
                    for d in m.docs
                    if d.item == n
                )
                body = "" if withheld or not minutes else html.escape(minutes)
                items.append(
                    f"    <agendaitem>\n      <agendaitemid>{m.id}{n:02d}</agendaitemid>\n"
                    f"      <agendaitemtitle>{html.escape(title)}</agendaitemtitle>\n"
                    f"      <fulldisplaynumberformat>{n}.</fulldisplaynumberformat>\n"
                    f"      <agendaitemnumber>{n}</agendaitemnumber>\n"
                    f"      <minutesnonemptyhtmlbody>{body or chr(10)}</minutesnonemptyhtmlbody>\n"
                    f"      <isrestricted>{'True' if not minutes else 'False'}</isrestricted>\n"
                    f"      <linkeddocuments>\n{docs}      </linkeddocuments>\n    </agendaitem>\n"
                )
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n<meeting>\n'
            f"  <meetingid>{m.id}</meetingid>\n  <meetingdate>{m.day:%d/%m/%Y}</meetingdate>\n"
            f"  <meetingstatus>{m.status}</meetingstatus>\n  <meetingtime>2.00 pm</meetingtime>\n"
            f"  <meetinglocation>Council Chamber</meetinglocation>\n"
            f"  <minutepublished>{not withheld and m.status != 'Cancelled'}</minutepublished>\n"
            f"  <agendaitems>\n{''.join(items)}  </agendaitems>\n"
            "  <attendees>\n"
            '    <attendee membertype="U" memberid="1" name="Councillor Jo Bloggs" '
            'roledescription="Chair" attendance="Present" politicalparty="IND" ward="North">\n'
            "      <url>mgUserInfo.aspx?UID=1</url>\n    </attendee>\n"
            '    <attendee membertype="U" memberid="2" name="Lee Chan" '
            'roledescription="Member" attendance="Apologies" politicalparty="" ward="">\n'
            "    </attendee>\n  </attendees>\n</meeting>"
        )

    # --- the HTML pages ----------------------------------------------------------------

    def _frame(self, content: str) -> bytes:
        return (
            '<!DOCTYPE html><html><head><title>Council</title></head><body>'
            '<div id="council-header"><a href="/">Council home</a></div>'
            f'<div id="modgov">{content}</div></body></html>'
        ).encode()

    def _committees_page(self) -> bytes:
        links = "".join(
            f'<li><a href="mgCommitteeDetails.aspx?ID={cid}">{html.escape(t)}</a></li>'
            for cid, t, _ in COMMITTEES
        )
        return self._frame(
            '<h1 class="mgMainTitleTxt">Committee structure</h1>'
            f'<h2 class="mgSectionTitle">Partnerships</h2><ul class="mgBulletList">{links}</ul>'
        )

    def _meetings_page(self, cid: str) -> bytes:
        rows = []
        for i, m in enumerate(m for m in self.meetings if m.committee == cid):
            status = " - CANCELLED" if m.status == "Cancelled" else " - Agenda, Minutes"
            rows.append(
                f'<li class="{"mgTableEvenRow" if i % 2 else "mgTableOddRow"}">'
                f'<a class="mgMeetingTableLnk" href="ieListDocuments.aspx?CId={cid}&amp;'
                f'MId={m.id}&amp;Ver=4">{m.day.day} {m.day:%b %Y}&nbsp;2&#58;00 pm</a>'
                f"{status}</li>"
            )
        title = next((t for c, t, _ in COMMITTEES if c == cid), "")
        return self._frame(
            '<h1 class="mgMainTitleTxt">Browse meetings</h1>'
            f'<h2 class="mgSubTitleTxt">{html.escape(title)}</h2>'
            f'<ul class="mgNonBulletTableList">{"".join(rows)}</ul>'
        )

    def _meeting_page(self, m: Meet) -> bytes:
        title = next(t for c, t, _ in COMMITTEES if c == m.committee)
        when = f"{m.day:%A}, {m.day.day} {m.day:%B}, {m.day.year} 2.00 pm"
        cancelled = ", CANCELLED" if m.status == "Cancelled" else ""
        codes = {"agenda": "0", "minutes": "1"}
        links = "".join(
            f'<li><a href="documents/g{d.id}/{d.title}.pdf?T={codes[d.kind]}">'
            f"{'Printed minutes' if d.kind == 'minutes' else 'Agenda frontsheet'} "
            f'<span class="mgFileSize">PDF 100 KB</span></a></li>'
            for d in self._docs(m)
            if d.kind != "item"
        )
        rows = []
        if m.status != "Cancelled":
            for n, (item, minutes) in enumerate(m.items, start=1):
                docs = [d for d in m.docs if d.item == n and not d.restricted]
                head = (
                    f'<a class="mgAiTitleLnk" href="documents/s{docs[0].id}/{docs[0].title}.pdf">'
                    f'{html.escape(item)} <span class="mgFileSize">PDF 90 KB</span></a>'
                    if docs else html.escape(item)
                )
                block = (
                    '<p class="mgSubItemTitleTxt">Minutes:</p>'
                    f'<div class="mgWordPara">{minutes}</div>'
                    if minutes and not self._withheld(m) else ""
                )
                rows.append(
                    f'<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">'
                    f'<a name="AI{m.id}{n:02d}"></a>{n}.</p></td>'
                    f'<td><p class="mgAiTitleTxt">{head}</p>{block}</td></tr>'
                )
        return self._frame(
            '<div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda and minutes</h1></div>'
            f'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{html.escape(title)} - '
            f"{when}{cancelled}</h2></div>"
            f'<div class="mgLinks"><ul class="mgActionList">{links}</ul></div>'
            '<div class="mgContent"><p><span class="mgLabel">Venue: </span>Council Chamber</p>'
            f'<table class="mgItemTable" id="mgItemTable">{"".join(rows)}</table></div>'
        )


def _dmy(value: str) -> date | None:
    match = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", value)
    return date(int(match[3]), int(match[2]), int(match[1])) if match else None
