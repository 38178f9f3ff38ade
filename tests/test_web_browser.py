"""The web view in a real browser: Debian's headless Chromium driven by Playwright against
`cdrp-archive serve` on a free loopback port. Skips, saying why, without Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_server import serving, web_home

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser",
                             shutil.which("chromium") or "") if p and Path(p).exists()), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)"
)
PAGES = ["/", "/search?q=Homeshield", "/trace?q=Homeshield", "/meetings",
         "/meetings/2011-04-26", "/decisions", "/actions", "/funding", "/people",
         "/assess/2009-10", "/milestones/2009-10:4.3d"]
SHOTS = Path(__file__).resolve().parent.parent / ".screenshots"  # git-ignored; for a human look


@pytest.fixture(scope="module")
def site(corpus_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = web_home(corpus_home, tmp_path_factory.mktemp("browser"))
    with serving(home) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chrome = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chrome
        chrome.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.dialogs = []  # type: ignore[attr-defined]
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    yield tab
    context.close()


@pytest.mark.parametrize("route", PAGES)
def test_every_page_renders_without_console_errors(site: str, page: object, route: str) -> None:
    page.goto(site + route)  # type: ignore[attr-defined]
    assert page.locator("main h1").count() >= 1 or route.startswith("/assess")  # type: ignore[attr-defined]
    assert page.errors == []  # type: ignore[attr-defined]
    SHOTS.mkdir(exist_ok=True)
    name = route.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "home"
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_search_homeshield_finds_43d_and_opens_its_page(site: str, page: object) -> None:
    page.goto(site + "/")  # type: ignore[attr-defined]
    page.fill("header input[name=q]", "Homeshield")  # type: ignore[attr-defined]
    page.click("header button")  # type: ignore[attr-defined]
    hits = page.locator("li.hit")  # type: ignore[attr-defined]
    assert hits.count() >= 2
    link = page.locator("li.hit a", has_text="2009-10-q2-performance-report.pdf p.14").first  # type: ignore[attr-defined]
    href = link.get_attribute("href")
    assert href.endswith("/file#page=14")
    answer = page.request.get(site + href.split("#")[0])  # type: ignore[attr-defined]
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"


def test_the_43d_timeline_runs_green_red_into_2010_11(site: str, page: object) -> None:
    page.goto(site + "/trace?q=Homeshield")  # type: ignore[attr-defined]
    heads = page.locator("table.timeline thead th").all_inner_texts()  # type: ignore[attr-defined]
    assert "2009-10 Q1" in heads and "2009-10 Q2" in heads
    assert any(h.startswith("2010-11") for h in heads)
    row = page.locator("table.timeline tbody tr", has_text="2009-10 4.3d")  # type: ignore[attr-defined]
    cells = row.locator("td")
    q1, q2 = heads.index("2009-10 Q1") - 1, heads.index("2009-10 Q2") - 1
    assert "green" in cells.nth(q1).get_attribute("class")
    assert "red" in cells.nth(q2).get_attribute("class")
    later = page.locator("table.timeline tbody tr", has_text="2010-11 1.4b")  # type: ignore[attr-defined]
    assert later.count() == 1 and "follows 2009-10:4.3d" in later.inner_text()


def test_a_hostile_paper_runs_no_script(site: str, page: object) -> None:
    for route in ("/search?q=bogus+callers", "/search?q=Homeshield+scheme+visited"):
        page.goto(site + route)  # type: ignore[attr-defined]
        page.wait_for_timeout(300)  # type: ignore[attr-defined]
        page.hover("li.hit")  # type: ignore[attr-defined]
        assert page.dialogs == []  # type: ignore[attr-defined]
        assert "<script>" in page.locator("li.hit").first.inner_text() or "<img" in (  # type: ignore[attr-defined]
            page.locator("li.hit").first.inner_text()  # type: ignore[attr-defined]
        )
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_april_2011_meeting_and_the_assessment_open(site: str, page: object) -> None:
    page.goto(site + "/meetings")  # type: ignore[attr-defined]
    page.click("text=2011-04-26")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Meeting of 2011-04-26"  # type: ignore[attr-defined]
    assert page.locator("h2", has_text="Decisions").count() == 1  # type: ignore[attr-defined]
    page.goto(site + "/assess/2009-10")  # type: ignore[attr-defined]
    frame = page.frame_locator("iframe.report")  # type: ignore[attr-defined]
    assert "2009-10" in frame.locator("h1").first.inner_text()
