"""The hybrid PDF reader (pdfium for unruled pages, pdfplumber for ruled ones) gives exactly the
records pdfplumber gives on every page, and fails on bad files with the same one reason."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.archive.models import Record
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.passages import passages
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.readers.pdf import read_pdf
from cdrp_archive.extract.readers.pdf_text import Char, assemble, may_hold_table

from conftest import CORPUS, FIXTURES

PDFS = sorted(CORPUS.glob("*.pdf")) + sorted((FIXTURES / "layouts").glob("*.pdf"))
BAD = sorted((FIXTURES / "bad").glob("*.pdf"))


def page_records(paper: Paper) -> dict[int, list[Record]]:
    ctx = DocContext("0" * 64, paper.name, "paper", None, None, None)
    by_page: dict[int, list[Record]] = {p.number: [] for p in paper.pages}
    for record in passages(paper, ctx):
        by_page[record.page or 0].append(record)
    return by_page


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_hybrid_gives_pdfplumbers_passages_page_by_page(path: Path) -> None:
    data = path.read_bytes()
    reference = page_records(read_pdf(path, data, engine="pdfplumber"))
    hybrid = page_records(read_pdf(path, data, engine="hybrid"))
    assert hybrid.keys() == reference.keys()
    for number, records in reference.items():
        assert [r.text for r in hybrid[number]] == [r.text for r in records], f"page {number}"
        assert hybrid[number] == records, f"page {number}"


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_hybrid_keeps_paragraph_order_and_position(path: Path) -> None:
    data = path.read_bytes()
    reference = read_pdf(path, data, engine="pdfplumber")
    hybrid = read_pdf(path, data, engine="hybrid")
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


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_files_fail_with_the_same_reason_either_way(path: Path) -> None:
    outcomes = []
    for engine in ("pdfplumber", "hybrid"):
        try:
            paper = read_pdf(path, path.read_bytes(), engine=engine)  # type: ignore[arg-type]
            outcomes.append(("ok", paper.note))
        except DocumentError as exc:
            outcomes.append(("error", exc.reason))
    assert outcomes[0] == outcomes[1]
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
