"""Issue 5, the yearly plan-implementation assessment, through the installed command on the
real corpus. The expected counts are literals copied from the hand count in
tests/golden/README.md (Q2 2009-10 report, all 84 milestone rows), not computed from the
golden JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, run_cli

pytestmark = pytest.mark.slow

# tests/golden/README.md, "Status counts (hand-counted from the paper, all 84 rows)".
WHOLE_PLAN = {
    "Q1": {"green": 40, "amber": 12, "red": 18, "none": 14, "conflict": 0},
    "Q2": {"green": 42, "amber": 12, "red": 16, "none": 14, "conflict": 0},
}
BY_PRIORITY = {  # priority number: (Q1 green, amber, red, none), (Q2 ...)
    1: ((22, 0, 16, 7), (26, 1, 12, 6)),
    2: ((7, 3, 1, 1), (6, 2, 1, 3)),
    3: ((4, 8, 1, 2), (4, 8, 2, 1)),
    4: ((6, 0, 0, 0), (5, 0, 1, 0)),
    5: ((1, 1, 0, 4), (1, 1, 0, 4)),
}
PERSISTENTLY_RED = [
    "1.1d", "1.4a", "1.4b", "1.4d", "1.4e", "1.7c", "1.7e", "1.7f", "1.9b", "1.10a", "2.1e", "3.4b",
]  # fmt: skip
Q2_PAPERS = [
    CORPUS / "2009-10-q2-performance-report.pdf",
    CORPUS / "2009-10-q2-performance-report-shading-only.pdf",
    CORPUS / "originals" / "2009-10-q2-performance-report.txt",
]


@pytest.fixture(scope="module")
def data(corpus_home: Path) -> dict:
    result = run_cli(corpus_home, "assess", "2009-10", "--format", "json")
    assert result.code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_whole_plan_counts_equal_the_hand_count(data: dict) -> None:
    assert data["quarters_reported"] == ["Q1", "Q2"]
    assert data["quarters_missing"] == ["Q3", "Q4"]
    assert data["quarters"] == WHOLE_PLAN
    assert data["milestone_count"] == 84
    assert data["achieved"] == 42 and data["achieved_share"] == 0.5


def test_per_priority_counts_equal_the_hand_count(data: dict) -> None:
    got = {
        p["number"]: tuple(
            tuple(p["quarters"][q][s] for s in ("green", "amber", "red", "none"))
            for q in ("Q1", "Q2")
        )
        for p in data["by_priority"].values()
    }
    assert got == BY_PRIORITY


def test_persistently_red_by_ref_with_sources(data: dict) -> None:
    assert [m["ref"] for m in data["persistently_red"]] == PERSISTENTLY_RED
    first = data["persistently_red"][0]
    assert {(s["document"], s["page"]) for s in first["sources"]} == {
        ("2009-10-q2-performance-report.pdf", 2),
        ("2009-10-q2-performance-report-shading-only.pdf", 2),
        ("2009-10-q2-performance-report.txt", 1),
    }


def test_data_missing_is_counted_apart(data: dict) -> None:
    refs = {m["ref"] for m in data["data_missing"]}
    assert {"1.4a", "1.9a", "3.4b", "4.3b"} <= refs
    assert "2.2a" not in refs  # "Response Awaited" is an answer outstanding, not missing data
    assert all(m["note"] for m in data["data_missing"])


def test_funding_of_the_year_counted_once(data: dict) -> None:
    items = data["funding"]["items"]
    assert [(i["amount"], i["status"]) for i in items] == [("1500", "awarded")]
    assert "DV Awareness Day" in items[0]["text"]
    assert items[0]["priority"] == "Reducing Domestic Violence"
    assert len(items[0]["sources"]) == 3  # the worded PDF, the shading-only PDF, the .txt
    assert data["funding"]["totals"] == [
        {
            "fund": "(fund not stated)",
            "status": "awarded",
            "total": "1500",
            "items": 1,
            "sources": items[0]["sources"],
        }
    ]


def test_no_next_plan_is_said_plainly(tmp_path: Path) -> None:
    # The corpus now holds the 2010-11 Q3 report, a next plan: this archive holds only the
    # Q2 2009-10 report's three copies.
    papers = tmp_path / "papers"
    papers.mkdir()
    for path in Q2_PAPERS:
        shutil.copy(path, papers / path.name)
    home = tmp_path / "home"
    assert run_cli(home, "ingest", str(papers)).code == 0
    result = run_cli(home, "assess", "2009-10", "--format", "json")
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["carried_assessed"] is False
    assert data["carried"] == data["dropped"] == []
    assert "No plan for 2010-11 in the archive" in data["carried_statement"]


def test_words_are_quoted_with_their_source(data: dict) -> None:
    words = data["words"]
    assert {w["section"] for w in words} == {"key achievements", "areas of concern"}
    assert not any(w["text"].startswith("Page ") for w in words)
    concern = next(w for w in words if "SDAO team" in w["text"])
    assert concern["priority"] == "Reducing Domestic Violence" and concern["quarter"] == "Q2"
    assert {s["page"] for s in concern["sources"]} == {10, 1}


def test_terminal_report(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "assess", "2009-10")
    assert result.code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "Q3 and Q4 are not reported in the archive" in text
    assert "Achieved (final status green at Q2): 42 of 84 (50.0%)" in text
    assert "1.1d, 1.4a, 1.4b, 1.4d, 1.4e, 1.7c, 1.7e, 1.7f, 1.9b, 1.10a, 2.1e, 3.4b" in text
    assert "£1,500.00" in text


def test_markdown(corpus_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.md"
    result = run_cli(corpus_home, "assess", "2009-10", "--format", "md", "-o", str(out))
    assert result.code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Assessment of the implementation of the 2009-10 plan")
    assert "| Q1 | 40 | 12 | 18 | 14 | 0 | 84 |" in text
    assert "| Q2 | 42 | 12 | 16 | 14 | 0 | 84 |" in text
    assert "Q3 and Q4 are not reported" in text


def test_docx_needs_a_file(corpus_home: Path) -> None:
    result = run_cli(corpus_home, "assess", "2009-10", "--format", "docx")
    assert result.code == 1 and result.stdout == ""
    assert "-o FILE.docx" in result.stderr


def test_docx_reads_back(corpus_home: Path, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "a.docx"
    result = run_cli(corpus_home, "assess", "2009-10", "--format", "docx", "-o", str(out))
    assert result.code == 0, result.stderr
    doc = docx.Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Assessment of the implementation of the 2009-10 plan"
    assert {"1. Implementation of the plan", "2. What the board did"} <= set(headings)
    assert len(doc.inline_shapes) == 6  # whole plan + five priorities
    counts = doc.tables[0]
    assert [c.text for c in counts.rows[1].cells] == ["Q1", "40", "12", "18", "14", "0", "84"]
    assert [c.text for c in counts.rows[2].cells] == ["Q2", "42", "12", "16", "14", "0", "84"]
    assert any("Q3 and Q4 are not reported" in p.text for p in doc.paragraphs)


class _Svg(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.svgs = 0
        self.bars: list[tuple[str, int]] = []
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.svgs += tag == "svg"
        self.scripts += tag == "script"
        if tag == "rect" and found.get("data-status"):
            self.bars.append((found["data-status"] or "", int(found["data-count"] or 0)))
        for name in ("src", "href"):
            if (found.get(name) or "").startswith(("http:", "https:", "//")):
                self.external.append(found[name] or "")


@pytest.fixture(scope="module")
def html_file(corpus_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "assessment.html"
    result = run_cli(corpus_home, "assess", "2009-10", "--format", "html", "-o", str(out))
    assert result.code == 0, result.stderr
    return out


def test_html_is_self_contained_with_svg_charts(html_file: Path) -> None:
    text = html_file.read_text(encoding="utf-8")
    parser = _Svg()
    parser.feed(text)
    assert parser.svgs == 6 and parser.scripts == 0 and parser.external == []
    whole_plan = parser.bars[:8]  # Q1 then Q2, green/amber/red/none
    assert whole_plan == [
        ("green", 40), ("amber", 12), ("red", 18), ("none", 14),
        ("green", 42), ("amber", 12), ("red", 16), ("none", 14),
    ]  # fmt: skip
    assert "@media print" in text and "Q3 and Q4 are not reported" in text


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("chromium")
    if exe is None:
        pytest.skip("chromium is not installed: the HTML is not rendered in a browser here")
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    return subprocess.run(
        [exe, *flags, *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_html_renders_in_headless_chromium(html_file: Path, tmp_path: Path) -> None:
    from PIL import Image

    dom = _chromium(tmp_path, "--dump-dom", html_file.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert dom.stdout.count("<svg") == 6 and 'data-status="red"' in dom.stdout
    shot = tmp_path / "shot.png"
    result = _chromium(
        tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", html_file.as_uri()
    )
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # not a blank page
    present = {rgb for _, rgb in colours}
    assert {(0x2E, 0x7D, 0x32), (0xC6, 0x28, 0x28), (0xF2, 0xA9, 0x00)} <= present  # the bars


def test_carried_into_a_renumbered_next_plan(tmp_path: Path) -> None:
    papers = tmp_path / "papers"
    papers.mkdir()
    for path in [*Q2_PAPERS, FIXTURES / "layouts" / "2010-11-q1-renumbered-plan.pdf"]:
        shutil.copy(path, papers / path.name)
    home = tmp_path / "home"
    assert run_cli(home, "ingest", str(papers)).code == 0
    result = run_cli(home, "assess", "2009-10", "--format", "json")
    assert result.code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["carried_assessed"] is True
    homeshield = next(m for m in found["carried"] if m["ref"] == "4.3d")
    assert homeshield["carried_to"] == ["2010-11:1.4b"]
    assert len(found["carried"]) + len(found["dropped"]) == 84
    assert found["quarters"] == WHOLE_PLAN  # the next year's plan changes no count


def test_partial_year_from_the_next_plan(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert (
        run_cli(home, "ingest", str(FIXTURES / "layouts" / "2010-11-q1-renumbered-plan.pdf")).code
        == 0
    )
    result = run_cli(home, "assess", "2010-11")
    assert result.code == 0, result.stderr
    assert "Q2, Q3 and Q4 are not reported in the archive" in " ".join(result.stdout.split())
