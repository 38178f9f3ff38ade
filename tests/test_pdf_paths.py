"""The hybrid PDF reader (pdfium for unruled pages, pdfplumber for ruled ones) and the fast one
(pdfplumber's TableFinder on a pdfium view of ruled pages too) give exactly the records
pdfplumber gives, and fail on bad files with the same one reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.archive.models import Record
from cdrp_archive.extract import pipeline
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.passages import passages
from cdrp_archive.extract.readers import pdf, pdf_fast
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.readers.pdf import read_pdf
from cdrp_archive.extract.readers.pdf_fast import PageView, Unsupported, page_view
from cdrp_archive.extract.readers.pdf_text import Char, assemble, may_hold_table

from conftest import CORPUS, FIXTURES

PDFS = sorted(CORPUS.glob("*.pdf")) + sorted((FIXTURES / "layouts").glob("*.pdf"))
BAD = sorted((FIXTURES / "bad").glob("*.pdf"))
ENGINES = ("hybrid", "fast")


def page_records(paper: Paper) -> dict[int, list[Record]]:
    ctx = DocContext("0" * 64, paper.name, "paper", None, None, None)
    by_page: dict[int, list[Record]] = {p.number: [] for p in paper.pages}
    for record in passages(paper, ctx):
        by_page[record.page or 0].append(record)
    return by_page


def all_records(path: Path, engine: str, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every record ``extract`` makes of the file, read with ``engine``."""
    monkeypatch.setattr(pdf, "DEFAULT_ENGINE", engine)
    document, records = pipeline.extract(path, path.read_bytes())
    return [{"document": document.title, **r.to_dict()} for r in records]


@pytest.mark.slow
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_record_is_pdfplumbers(
    path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All record types (passages, statuses with their source, decisions, funding, updates…),
    field for field: no colour or coordinate leaks into a record."""
    reference = all_records(path, "pdfplumber", monkeypatch)
    records = all_records(path, engine, monkeypatch)
    assert [r["id"] for r in records] == [r["id"] for r in reference]
    assert records == reference


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_engine_gives_pdfplumbers_passages_page_by_page(path: Path, engine: str) -> None:
    data = path.read_bytes()
    reference = page_records(read_pdf(path, data, engine="pdfplumber"))
    hybrid = page_records(read_pdf(path, data, engine=engine))  # type: ignore[arg-type]
    assert hybrid.keys() == reference.keys()
    for number, records in reference.items():
        assert [r.text for r in hybrid[number]] == [r.text for r in records], f"page {number}"
        assert hybrid[number] == records, f"page {number}"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_engine_keeps_paragraph_order_and_position(path: Path, engine: str) -> None:
    data = path.read_bytes()
    reference = read_pdf(path, data, engine="pdfplumber")
    hybrid = read_pdf(path, data, engine=engine)  # type: ignore[arg-type]
    assert hybrid.title == reference.title and hybrid.has_text == reference.has_text
    for ref_page, page in zip(reference.pages, hybrid.pages, strict=True):
        assert [type(b) for b in page.blocks] == [type(b) for b in ref_page.blocks]
        for ref_block, block in zip(ref_page.blocks, page.blocks, strict=True):
            assert block.top == pytest.approx(ref_block.top, abs=0.01)


def test_most_agenda_pages_take_the_fast_path() -> None:
    """The comparison above means something only if pdfium really read pages."""
    doc = pdfium.PdfDocument(CORPUS / "2011-07-26-board-agenda-pack.pdf")
    try:
        fast = [n for n in range(len(doc)) if not may_hold_table(doc[n])]
    finally:
        doc.close()
    assert len(fast) >= 30
    assert 0 in fast  # the cover page: a horizontal rule only, no table


def test_table_pages_go_through_pdfplumber() -> None:
    doc = pdfium.PdfDocument(CORPUS / "2009-10-q2-performance-report.pdf")
    try:
        assert may_hold_table(doc[1])
    finally:
        doc.close()


def test_fast_engine_reads_table_pages_from_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast engine's comparisons mean something only if its view really read the tables."""
    views: list[pdf_fast.PageView | None] = []

    def counted(*args: Any) -> pdf_fast.PageView | None:
        views.append(page_view(*args))
        return views[-1]

    monkeypatch.setattr(pdf, "page_view", counted)
    path = CORPUS / "2009-10-q2-performance-report.pdf"
    paper = read_pdf(path, path.read_bytes(), engine="fast")
    assert len(views) >= 12 and all(v is not None for v in views)
    assert len(paper.tables()) >= 12


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_files_fail_with_the_same_reason_either_way(path: Path) -> None:
    outcomes = []
    for engine in ("pdfplumber", *ENGINES):
        try:
            paper = read_pdf(path, path.read_bytes(), engine=engine)  # type: ignore[arg-type]
            outcomes.append(("ok", paper.note))
        except DocumentError as exc:
            outcomes.append(("error", exc.reason))
    assert outcomes[1:] == [outcomes[0]] * len(ENGINES)
    assert outcomes[1][1], "a reason or a note"


def test_image_only_page_says_ocr_it() -> None:
    path = FIXTURES / "bad" / "image-only.pdf"
    paper = read_pdf(path, path.read_bytes())
    assert not paper.has_text
    assert paper.note == "no text layer — OCR it first"


def test_lazy_page_failure_names_the_page() -> None:
    path = FIXTURES / "bad" / "lazy-page-failure.pdf"
    with pytest.raises(DocumentError, match="page 2: "):
        read_pdf(path, path.read_bytes())


def c(text: str, x0: float, top: float, size: float = 10.0, width: float = 5.0) -> Char:
    return Char(text, x0, x0 + width, top, top + size)


def test_assemble_splits_words_on_spaces_and_gaps() -> None:
    chars = [c("a", 0, 0), c("b", 5, 0), c(" ", 10, 0), c("c", 15, 0), c("d", 24, 0)]
    (line,) = assemble(chars)
    assert line.text == "ab c d"
    assert (line.top, line.bottom) == (0, 10)


def test_assemble_joins_lines_within_three_points_and_orders_by_x() -> None:
    chars = [c("y", 20, 2.5), c("x", 0, 0), c("z", 0, 20)]
    lines = assemble(chars)
    assert [line.text for line in lines] == ["x y", "z"]


def test_assemble_spells_out_ligatures() -> None:
    (line,) = assemble([c("o", 0, 0), c("ﬃ", 5, 0), c("ce", 10, 0)])
    assert line.text == "office"


# --- pages the fast view must leave to pdfplumber -------------------------------------------


def ruled_page(c: canvas.Canvas) -> None:
    """A 3 x 3 ruled table with text and a green status cell."""
    c.setFillColorRGB(0, 0.69, 0.31)
    c.rect(200, 640, 100, 40, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    for i in range(4):
        c.line(100, 600 + 40 * i, 400, 600 + 40 * i)
        c.line(100 + 100 * i, 600, 100 + 100 * i, 720)
    for row in range(3):
        for col in range(3):
            c.drawString(105 + 100 * col, 612 + 40 * row, f"Cell {row}.{col}")
    c.drawString(100, 760, "A paragraph above the table.")


def cmyk_fill(c: canvas.Canvas) -> None:
    c.setFillColorCMYK(0, 0.25, 1, 0)
    c.rect(300, 680, 100, 40, stroke=0, fill=1)


def curve(c: canvas.Canvas) -> None:
    c.circle(500, 500, 20)


def clipped(c: canvas.Canvas) -> None:
    path = c.beginPath()
    path.rect(0, 0, 500, 800)
    c.clipPath(path, stroke=0)
    c.rect(100, 100, 50, 50)


def skewed(c: canvas.Canvas) -> None:
    c.rotate(10)
    c.line(100, 100, 300, 100)


def rotated_page(c: canvas.Canvas) -> None:
    c.setPageRotation(90)


@pytest.mark.parametrize(
    "oddity", [cmyk_fill, curve, clipped, skewed, rotated_page], ids=lambda f: f.__name__
)
def test_pages_the_view_cannot_vouch_for_go_through_pdfplumber(
    oddity: Callable[[canvas.Canvas], None], tmp_path: Path
) -> None:
    path, data = one_ruled_page(tmp_path, oddity)
    reference = read_pdf(path, data, engine="pdfplumber")
    fast = read_pdf(path, data, engine="fast")
    assert fast.pages == reference.pages
    assert view_of(data) is None


def test_a_plain_ruled_page_is_read_by_the_view(tmp_path: Path) -> None:
    path, data = one_ruled_page(tmp_path)
    reference = read_pdf(path, data, engine="pdfplumber")
    fast = read_pdf(path, data, engine="fast")
    assert [p.text for p in fast.paragraphs()] == ["A paragraph above the table."]
    assert [p.text for p in fast.paragraphs()] == [p.text for p in reference.paragraphs()]
    (table,), (ref_table,) = fast.tables(), reference.tables()
    assert table.top == pytest.approx(ref_table.top, abs=1e-3)
    for row, ref_row in zip(table.rows, ref_table.rows, strict=True):
        assert [c.text for c in row if c] == [c.text for c in ref_row if c]
        fills = [c.fill for c in row if c]
        ref_fills = [c.fill for c in ref_row if c]
        # pdfium gives 0-255 colour components; pdfminer the PDF's own numbers (0.69)
        assert fills == [pytest.approx(f, abs=1 / 255) if f else None for f in ref_fills]
    assert table.rows[1][1] and table.rows[1][1].fill == (0, 176 / 255, 79 / 255)
    view = view_of(data)
    assert view is not None
    assert len(view.lines) == 8 and len(view.rects) == 1
    assert view.rects[0]["top"] == pytest.approx(A4[1] - 680, abs=1e-3)
    assert view.rects[0]["fill"]


def one_ruled_page(
    tmp_path: Path, oddity: Callable[[canvas.Canvas], None] | None = None
) -> tuple[Path, bytes]:
    """A one-page PDF: ``ruled_page``, then ``oddity`` drawn over it."""
    path = tmp_path / f"{oddity.__name__ if oddity else 'plain'}.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    ruled_page(c)
    if oddity:
        oddity(c)
    c.showPage()
    c.save()
    return path, path.read_bytes()


def view_of(data: bytes) -> PageView | None:
    """The fast engine's view of the file's first page."""
    import io

    import pdfplumber

    doc = pdfium.PdfDocument(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as plumber:
            contents = pdf._decode_contents(plumber.pages[0])
        return page_view(doc[0], (0, 0, *A4), contents)
    finally:
        doc.close()


@pytest.mark.parametrize(
    ("ops", "kind"),
    [
        ("ml", "line"),
        ("mlh", "line"),
        ("mllllh", "rect"),
        ("mlllh", "rect"),
        ("mllll", "rect"),
    ],
)
def test_paths_become_pdfminers_lines_and_rectangles(ops: str, kind: str) -> None:
    square = [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0), (0.0, 0.0)]
    points = square[: len(ops.rstrip("h"))]
    subpath = [(op, points[i] if op != "h" else points[0]) for i, op in enumerate(ops)]
    shape = pdf_fast._shape(subpath)
    assert shape["object_type"] == kind
    assert (shape["x0"], shape["y0"]) == (0.0, 0.0)


def test_a_path_that_is_not_a_line_or_rectangle_is_unsupported() -> None:
    with pytest.raises(Unsupported):
        pdf_fast._shape([("m", (0.0, 0.0)), ("l", (1.0, 1.0)), ("l", (2.0, 0.0))])


def two_tables_one_oversized_fill(c: canvas.Canvas) -> None:
    """Two 2 x 2 tables side by side; the first's status fill overhangs its cell by 2pt."""
    for left, fill, grow, status in ((72, (0, 0.69, 0.31), 2, "Green"), (400, (1, 0, 0), 0, "Red")):
        c.setFillColorRGB(*fill)
        c.rect(left + 120 - grow, 480 - grow, 120 + 2 * grow, 20 + 2 * grow, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        for i in range(3):
            c.line(left, 520 - 20 * i, left + 240, 520 - 20 * i)
            c.line(left + 120 * i, 520, left + 120 * i, 480)
        for col, text in enumerate(("Milestone", "Status")):
            c.drawString(left + 4 + 120 * col, 506, text)
        for col, text in enumerate((f"Plan {left}", status)):
            c.drawString(left + 4 + 120 * col, 486, text)


@pytest.mark.parametrize("engine", ["fast", "pdfplumber"])
def test_two_tables_on_a_page_keep_their_own_fills(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    two_tables_one_oversized_fill(c)
    c.showPage()
    c.save()
    first, second = read_pdf(path, path.read_bytes(), engine=engine).tables()
    assert [[c.text for c in row if c] for row in first.rows] == [
        ["Milestone", "Status"],
        ["Plan 72", "Green"],
    ]
    assert (first.index, second.index) == (0, 1)
    assert first.rows[1][1] and first.rows[1][1].fill == pytest.approx((0, 0.69, 0.31), abs=0.01)
    assert second.rows[1][1] and second.rows[1][1].fill == pytest.approx((1, 0, 0), abs=0.01)
    assert second.rows[1][0] and second.rows[1][0].fill is None
