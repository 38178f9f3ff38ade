"""The Starlette application: routes, templates, the JSON API, CSV downloads and the security
headers. Read-only: it opens the store per request and never takes the writer's lock."""

from __future__ import annotations

import csv
import hmac
import io
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.store import Store
from cdrp_archive.cli.web import data

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'"
)
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
STATUS = {"green", "amber", "red"}


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("cdrp_archive.cli.web", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["snippet"] = _snippet
    env.globals["status_class"] = lambda s: s if s in STATUS else "none"
    return env


def _snippet(marked: str) -> Any:
    """Whoosh's \\x01match\\x02 markers as <mark>, every other character escaped."""
    from markupsafe import Markup, escape

    out = []
    for i, part in enumerate(marked.replace("\x02", "\x01").split("\x01")):
        out.append(f"<mark>{escape(part)}</mark>" if i % 2 else str(escape(part)))
    return Markup("".join(out))


class _JSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, default=str, ensure_ascii=False).encode("utf-8")


def create_app(home: Path, token: str | None = None) -> Starlette:
    env = _env()

    def page(
        request: Request, template: str, context: dict[str, Any], status: int = 200
    ) -> Response:
        if request.url.path.startswith("/api/"):
            return _JSON(context, status_code=status)
        fmt = request.query_params.get("format")
        if fmt == "json":
            return _JSON(context, status_code=status)
        if fmt == "csv" and "rows" in context:
            return _csv(context)
        html = env.get_template(template).render(
            request=request, query=request.query_params, **context
        )
        return HTMLResponse(html, status_code=status)

    def store() -> Store:
        return Store(home)

    def not_found(request: Request, what: str) -> Response:
        return page(request, "error.html", {"error": what}, 404)

    def index(request: Request) -> Response:
        with store() as s:
            return page(request, "index.html", data.overview(s))

    def search(request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        if not q:
            return page(
                request,
                "search.html",
                {
                    "q": "",
                    "hits": [],
                    "total": 0,
                    "page": 1,
                    "pages": 1,
                    "facets": {},
                    "corrected": None,
                },
            )
        p = request.query_params
        try:
            number = max(1, int(p.get("page", "1") or 1))
        except ValueError:
            number = 1
        try:
            with store() as s:
                found = data.search(
                    s,
                    home,
                    q,
                    [t for t in p.getlist("type") if t],
                    p.get("year") or None,
                    p.get("from") or None,
                    p.get("to") or None,
                    p.get("sort") or "relevance",
                    number,
                    p.get("all_copies") == "1",
                )
        except ArchiveError as exc:
            return page(
                request,
                "search.html",
                {
                    "q": q,
                    "hits": [],
                    "total": 0,
                    "page": 1,
                    "pages": 1,
                    "facets": {},
                    "corrected": None,
                    "error": str(exc),
                },
                400,
            )
        found["pager"] = {
            n: "/search?"
            + urlencode([*[(k, v) for k, v in p.multi_items() if k != "page"], ("page", str(n))])
            for n in range(1, found["pages"] + 1)
        }
        return page(request, "search.html", found)

    def document(request: Request) -> Response:
        with store() as s:
            found = data.document(s, request.path_params["sha"])
        if found is None:
            return not_found(request, "no such document in the archive")
        return page(request, "document.html", found)

    def document_file(request: Request) -> Response:
        with store() as s:
            doc = s.document(request.path_params["sha"])
        if doc is None or not Path(doc.path).is_file():
            return PlainTextResponse("no such document in the archive", status_code=404)
        media = {
            ".pdf": "application/pdf",
            ".html": "text/plain; charset=utf-8",
            ".htm": "text/plain; charset=utf-8",
        }.get(Path(doc.path).suffix.lower(), "application/octet-stream")
        # an HTML paper is shown as text: it is untrusted and must not run in the viewer
        return FileResponse(
            doc.path,
            media_type=media,
            headers={"Content-Disposition": f'inline; filename="{doc.name}"'}
            if media == "application/pdf"
            else None,
        )

    def milestone(request: Request) -> Response:
        with store() as s:
            found = data.milestone(s, request.path_params["thread"])
        if found is None:
            return not_found(request, "no such milestone")
        return page(request, "milestone.html", {"threads": [found], "events": [], "q": ""})

    def trace(request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        with store() as s:
            found = data.trace(s, q)
        return page(request, "milestone.html", found)

    def meetings(request: Request) -> Response:
        with store() as s:
            return page(request, "meetings.html", data.meetings(s))

    def meeting(request: Request) -> Response:
        with store() as s:
            found = data.meeting(s, request.path_params["day"])
        if found is None:
            return not_found(request, "no meeting on that date")
        return page(request, "meeting.html", found)

    def listing(name: str) -> Callable[[Request], Response]:
        def show(request: Request) -> Response:
            try:
                with store() as s:
                    found = data.listing(s, name, dict(request.query_params))
            except ArchiveError as exc:
                return page(request, "error.html", {"error": str(exc)}, 400)
            return page(request, "listing.html", found)

        return show

    def people(request: Request) -> Response:
        with store() as s:
            return page(request, "people.html", data.people(s, request.query_params.get("q")))

    def assess(request: Request) -> Response:
        from cdrp_archive.archive.analysis.assessment import build_assessment
        from cdrp_archive.cli.report import BY_NAME

        try:
            year = data.check_year(request.path_params["year"])
        except ArchiveError as exc:
            return not_found(request, str(exc))
        with store() as s:
            assessment = build_assessment(s, year)
        fmt = request.query_params.get("format", "html")
        if fmt == "json" or request.url.path.startswith("/api/"):
            return Response(
                BY_NAME["json"].load().render(assessment), media_type="application/json"
            )
        if fmt == "docx":
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / f"assessment-{year}.docx"
                BY_NAME["docx"].load().write(assessment, out)
                body = out.read_bytes()
            return Response(
                body,
                media_type="application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
                headers={"Content-Disposition": f'attachment; filename="assessment-{year}.docx"'},
            )
        if request.path_params.get("part") == "report":
            # the renderer's own page, framed: its styles inline, no script at all
            return HTMLResponse(
                BY_NAME["html"].load().render(assessment),
                headers={"Content-Security-Policy": REPORT_CSP},
            )
        return page(request, "assess.html", {"year": year})

    routes = [
        Route("/", index),
        Route("/search", search),
        Route("/documents/{sha:str}", document),
        Route("/documents/{sha:str}/file", document_file),
        Route("/milestones/{thread:path}", milestone),
        Route("/trace", trace),
        Route("/meetings", meetings),
        Route("/meetings/{day:str}", meeting),
        Route("/actions", listing("actions")),
        Route("/decisions", listing("decisions")),
        Route("/funding", listing("funding")),
        Route("/people", people),
        Route("/assess/{year:str}", assess),
        Route("/assess/{year:str}/{part:str}", assess),
        Mount("/static", StaticFiles(packages=[("cdrp_archive.cli.web", "static")]), name="static"),
    ]
    api = [
        Route("/api" + r.path, r.endpoint)
        for r in routes
        if isinstance(r, Route) and r.path != "/documents/{sha:str}/file"
    ]
    api[0] = Route("/api/", index)
    middleware = [Middleware(_Headers, token=token)]
    return Starlette(routes=[*api, *routes], middleware=middleware)


class _Headers(BaseHTTPMiddleware):
    """Security headers on every answer, and the token where one is required."""

    def __init__(self, app: Any, token: str | None) -> None:
        super().__init__(app)
        self.token = token

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if request.method not in ("GET", "HEAD"):
            return PlainTextResponse("read-only", status_code=405)
        if self.token:
            given = (
                request.query_params.get("token")
                or request.cookies.get("token")
                or request.headers.get("authorization", "").removeprefix("Bearer ")
            )
            if not hmac.compare_digest(given or "", self.token):
                return PlainTextResponse("a token is required (?token=…)", status_code=401)
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if self.token and request.query_params.get("token"):
            response.set_cookie("token", self.token, httponly=True, samesite="strict")
        return response


def _csv(context: dict[str, Any]) -> Response:
    buffer = io.StringIO()
    columns = [*context["columns"], "sources"]
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in context["rows"]:
        writer.writerow(
            [
                "; ".join(s["label"] for s in row["sources"])
                if c == "sources"
                else ("" if row.get(c) is None else row.get(c))
                for c in columns
            ]
        )
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{context["name"]}.csv"'},
    )
