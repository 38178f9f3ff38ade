"""`cdrp-archive serve` over plain HTTP: every route, the JSON API, downloads, and the safety
rules (escaping, CSP, only the archive's documents, read-only, a token beyond loopback)."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_server import serving, web_home

from conftest import run_cli

ROUTES = [
    "/", "/search?q=Homeshield", "/trace?q=Homeshield", "/meetings", "/meetings/2011-04-26",
    "/decisions", "/actions", "/funding", "/people", "/assess/2009-10",
    "/assess/2009-10/report", "/milestones/2009-10:4.3d",
]


@pytest.fixture(scope="module")
def base(corpus_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = web_home(corpus_home, tmp_path_factory.mktemp("web"))
    with serving(home) as url:
        yield url


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers), exc.read()


@pytest.mark.parametrize("route", ROUTES)
def test_every_page_answers_with_its_safety_headers(base: str, route: str) -> None:
    status, headers, body = get(base + route)
    assert status == 200, body[:500]
    assert "script-src 'self'" in headers["content-security-policy"] or (
        route.endswith("/report") and "default-src 'none'" in headers["content-security-policy"]
    )
    assert headers["x-content-type-options"] == "nosniff"
    assert b"<html" in body.lower()


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.endswith("/report")])
def test_every_page_has_its_json(base: str, route: str) -> None:
    status, headers, body = get(base + "/api" + route)
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    assert json.loads(body)


def test_api_search_gives_hits_with_sources(base: str) -> None:
    _, _, body = get(base + "/api/search?q=Homeshield")
    found = json.loads(body)
    assert found["total"] >= 2
    refs = {(h["financial_year"], h.get("milestone_ref")) for h in found["hits"]}
    assert ("2009-10", "4.3d") in refs and ("2010-11", "1.4b") in refs
    for hit in found["hits"]:
        assert hit["sources"] and all(s["document"] and s["label"] for s in hit["sources"])
    assert found["facets"]["type"]


def test_a_hit_opens_its_pdf_at_its_page(base: str) -> None:
    _, _, body = get(base + "/api/search?q=Homeshield")
    source = next(s for h in json.loads(body)["hits"] for s in h["sources"]
                  if s["document"] == "2009-10-q2-performance-report.pdf")
    assert source["page"] == 14
    page = get(base + "/search?q=Homeshield")[2].decode()
    assert f'href="/documents/{source["sha256"]}/file#page=14"' in page
    status, headers, pdf = get(base + f"/documents/{source['sha256']}/file")
    assert status == 200 and headers["content-type"] == "application/pdf"
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    "route",
    ["/documents/0000/file", "/documents/..%2F..%2F..%2Fetc%2Fpasswd/file",
     "/static/../../archive/store.py", "/meetings/not-a-date", "/assess/nonsense"],
)
def test_only_the_archives_documents_are_served(base: str, route: str) -> None:
    status, _, body = get(base + route)
    assert status == 404, body[:300]
    assert b"root:" not in body and b"class Store" not in body


def test_a_hostile_papers_words_are_shown_not_run(base: str) -> None:
    page = get(base + "/search?q=bogus+callers")[2].decode()
    assert "&lt;script&gt;alert(&#34;hostile paper&#34;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    other = get(base + "/search?q=Homeshield+scheme+visited")[2].decode()
    assert "&lt;img src=x onerror=alert(&#39;onerror&#39;)&gt;" in other
    assert "<img src=x" not in other and "<b onmouseover" not in other


def test_read_only(base: str) -> None:
    request = urllib.request.Request(base + "/search?q=x", data=b"q=1", method="POST")
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(request, timeout=10)
    assert exc.value.code == 405


def test_listings_download_as_csv_and_json(base: str) -> None:
    status, headers, body = get(base + "/decisions?format=csv")
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["meeting_date", "minute_ref", "status", "text", "sources"]
    assert len(rows) > 10 and all(r[-1] for r in rows[1:])
    found = json.loads(get(base + "/decisions?format=json&meeting=2011-04-26")[2])
    assert found["total"] == len(found["rows"]) and found["total"] > 0
    assert {r["meeting_date"] for r in found["rows"]} == {"2011-04-26"}


def test_the_assessment_downloads_as_word(base: str) -> None:
    status, headers, body = get(base + "/assess/2009-10?format=docx")
    assert status == 200 and body[:2] == b"PK"
    assert "wordprocessingml" in headers["content-type"]


def test_beyond_loopback_needs_a_token(tmp_path: Path, corpus_home: Path) -> None:
    refused = run_cli(corpus_home, "serve", "--host", "0.0.0.0", "--port", "1")
    assert refused.code == 1 and "--token" in refused.stderr
    with serving(corpus_home, "--host", "127.0.0.2", "--token", "s3cret", host="127.0.0.2") as url:
        assert get(url + "/")[0] == 401
        assert get(url + "/?token=s3cret")[0] == 200
        assert get(url + "/api/meetings", Authorization="Bearer s3cret")[0] == 200
