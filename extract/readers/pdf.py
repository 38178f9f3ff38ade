"""PDF reader: pages of paragraphs and ruled tables with their cell fills.

Pages without ruling (no drawn lines, rectangles or fills) cannot hold a ruled table: their
text is read with pdfium and laid out by pdfplumber's rules (``pdf_text``), about a hundred
times faster than pdfminer. On pages with ruling each table cell keeps its text and the colour
of the filled rectangle under it, which is how many papers give a RAG status. The default
engine, ``fast``, reads those without pdfminer too: pdfplumber's TableFinder runs on a view of
the page built from pdfium's objects (``pdf_fast``), and only pages that view cannot vouch for
go through pdfplumber. ``hybrid`` reads every ruled page through pdfplumber;
``engine="pdfplumber"`` every page (the reference the other engines are tested against).

pdfplumber (pdfminer) still opens every file and decodes every page's content streams, so a
bad file fails as it always has, with one reason: encrypted, damaged or truncated, or a page
that cannot be read.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import list_value, stream_value
from pdfminer.psparser import PSException
from pdfplumber.table import TableFinder
from pdfplumber.utils import chars_to_textmap, crop_to_bbox, get_bbox_overlap, obj_to_bbox
from pdfplumber.utils.exceptions import PdfminerException

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.extract.readers.marks import cell_marks, small_curves, symbol_chars
from cdrp_archive.extract.readers.model import RGB, Block, Cell, Page, Paper, Table
from cdrp_archive.extract.readers.pdf_fast import PageView, cell_texts, page_view
from cdrp_archive.extract.readers.pdf_text import (
    Line,
    assemble,
    may_hold_table,
    page_lines,
    paragraphs,
)

log = logging.getLogger(__name__)

CellTexts = Callable[[Any], list[list[str | None]]]  # a found table's cell texts, by row

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

Engine = Literal["fast", "hybrid", "pdfplumber"]
DEFAULT_ENGINE: Engine = "fast"


def read_pdf(
    path: Path,
    data: bytes,
    on_page: Callable[[int], None] | None = None,
    engine: Engine | None = None,
) -> Paper:
    """Read every page; a page that fails raises DocumentError naming the page."""
    engine = engine or DEFAULT_ENGINE
    if not data:
        raise DocumentError(str(path), "empty file (0 bytes)")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError(str(path), "not a PDF (no %PDF header)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise DocumentError(str(path), _reason(exc)) from None
    except (PSException, PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(str(path), f"damaged PDF ({type(exc).__name__})") from None
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as exc:  # pdfminer raises many types on a broken page tree
            raise DocumentError(str(path), _reason(exc)) from None
        fast = _open_pdfium(path, data, count) if engine != "pdfplumber" else None
        pages: list[Page] = []
        try:
            for number in range(1, count + 1):
                blocks = _read_page(path, pdf, fast, number, engine)
                pages.append(Page(number=number, blocks=blocks))
                if on_page:
                    on_page(number)
        finally:
            if fast is not None:
                fast.close()
        title = (pdf.metadata or {}).get("Title")
    has_text = any(p.blocks for p in pages)
    return Paper(
        name=path.name,
        pages=pages,
        title=title if isinstance(title, str) and title.strip() else None,
        has_text=has_text,
        note=None if has_text else "no text layer — OCR it first",
    )


def _open_pdfium(path: Path, data: bytes, count: int) -> pdfium.PdfDocument | None:
    """pdfium's view of a file pdfminer opened; ``None`` (all pages via pdfplumber) if pdfium
    reads it differently."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        log.info("%s: pdfium cannot open it (%s); reading with pdfplumber only", path, exc)
        return None
    if len(doc) != count:
        log.info("%s: pdfium sees %d pages, pdfminer %d; pdfplumber only", path, len(doc), count)
        doc.close()
        return None
    return doc


def _read_page(
    path: Path, pdf: Any, fast: pdfium.PdfDocument | None, number: int, engine: Engine
) -> list[Block]:
    try:
        page = pdf.pages[number - 1]
        blocks = _fast_page(page, fast[number - 1], number, engine) if fast is not None else None
        if blocks is None:
            blocks = read_page(page, number)
        page.close()
        return blocks
    except DocumentError:
        raise
    except Exception as exc:  # a page's content stream can fail lazily
        raise DocumentError(str(path), f"page {number}: {_reason(exc)}") from None


def _fast_page(page: Any, fast: pdfium.PdfPage, number: int, engine: Engine) -> list[Block] | None:
    """The page's blocks from pdfium (an unruled page; with ``fast``, a ruled one too), or
    ``None`` when pdfplumber must read it."""
    try:
        ruled = may_hold_table(fast)
        if ruled and engine != "fast":
            return None
        contents = _decode_contents(page)
        if ruled:
            view = page_view(fast, tuple(page.bbox), contents)
            return None if view is None else view_blocks(view, number)
        lines = page_lines(fast)
    finally:
        fast.close()
    return None if lines is None else list(paragraphs(lines, number))


def _decode_contents(page: Any) -> bytes:
    """Decode the page's content streams as pdfminer would, so a page pdfminer cannot read
    fails here too (pdfium would silently skip it)."""
    return b"\n".join(stream_value(s).get_data() for s in list_value(page.page_obj.contents))


def _reason(exc: BaseException) -> str:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return "encrypted PDF (password protected)"
    if isinstance(inner, BaseException):
        detail = str(inner).strip()
        kind = type(inner).__name__
        if isinstance(inner, PSException | PDFSyntaxError):
            return f"damaged or truncated PDF ({kind}{': ' + detail if detail else ''})"
        return f"unreadable PDF ({kind}{': ' + detail[:80] if detail else ''})"
    return f"unreadable PDF ({inner})"


def read_page(page: Any, number: int) -> list[Block]:
    """A page's paragraphs and tables through pdfplumber."""
    found = page.find_tables(TABLE_SETTINGS) if page.lines or page.rects else []
    boxes = [t.bbox for t in found]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        return not _in_boxes(obj["x0"], obj["x1"], obj["top"], obj["bottom"], boxes)

    prose = page.filter(outside) if boxes else page
    found_lines = prose.extract_text_lines(return_chars=False)
    lines = [Line(line["text"], line["top"], line["bottom"]) for line in found_lines]
    return _blocks(page, found, lines, lambda table: _cell_texts(page.chars, table), number)


def view_blocks(view: PageView, number: int) -> list[Block]:
    """A page's paragraphs and tables from its pdfium view: ``read_page``'s steps."""
    found = TableFinder(view, TABLE_SETTINGS).tables if view.lines or view.rects else []
    boxes = [t.bbox for t in found]
    prose = [c for c in view.chars if not _in_boxes(c.x0, c.x1, c.top, c.bottom, boxes)]
    return _blocks(view, found, assemble(prose), lambda t: cell_texts(view.chars, t), number)


def _in_boxes(x0: float, x1: float, top: float, bottom: float, boxes: list[Any]) -> bool:
    x, y = (x0 + x1) / 2, (top + bottom) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _blocks(
    page: Any, found: list[Any], lines: list[Line], texts: CellTexts, number: int
) -> list[Block]:
    fills = [r for r in page.rects if r.get("fill") and r.get("non_stroking_color") is not None]
    height = float(page.height)
    drawn = _drawn(page) if found else ([], [])
    tables = [_table(t, texts(t), fills, number, i, height, drawn) for i, t in enumerate(found)]
    blocks: list[Block] = [*paragraphs(lines, number), *(t for t in tables if t.rows)]
    blocks.sort(key=lambda b: b.top)
    return blocks


def _table(
    table: Any,
    texts: list[list[str | None]],
    fills: list[dict[str, Any]],
    number: int,
    index: int,
    height: float,
    drawn: tuple[list[Any], list[Any]] = ([], []),
) -> Table:
    curves, symbols = drawn
    rows: list[list[Cell | None]] = [
        [
            None
            if bbox is None or text is None
            else Cell(
                text.strip(),
                _fill_under(bbox, fills),
                cell_marks(bbox, curves, symbols, to_rgb) if curves or symbols else (),
            )
            for bbox, text in zip(row.cells, row_texts, strict=True)
        ]
        for row, row_texts in zip(table.rows, texts, strict=True)
    ]
    _x0, top, _x1, bottom = table.bbox
    return Table(
        page=number,
        index=index,
        top=float(top),
        bottom=float(bottom),
        rows=rows,
        page_height=height,
    )


def _drawn(page: Any) -> tuple[list[Any], list[Any]]:
    """The small drawn shapes and symbol-font characters of a page (for ``Cell.marks``); a
    pdfium view has neither (its pages with curves go through pdfplumber)."""
    curves = getattr(page, "curves", None)
    chars = page.chars if curves is not None else []
    return small_curves(curves or []), symbol_chars(chars)


def _cell_texts(page_chars: list[dict[str, Any]], table: Any) -> list[list[str | None]]:
    """Each cell's ``page.crop(cell).extract_text()``, row by row (``None``: no cell)."""
    chars = _overlapping(page_chars, table.bbox)
    texts: list[list[str | None]] = []
    for row in table.rows:
        row_chars = _overlapping(chars, row.bbox)
        texts.append([None if b is None else _cell_text(row_chars, b) for b in row.cells])
    return texts


def _overlapping(chars: list[dict[str, Any]], bbox: Any) -> list[dict[str, Any]]:
    """The characters ``page.crop(bbox)`` would keep, unclipped (a cheap first cut)."""
    x0, top, x1, bottom = bbox
    near = [c for c in chars if c["x0"] <= x1 and c["x1"] >= x0 and c["top"] <= bottom]
    near = [c for c in near if c["bottom"] >= top]
    return [c for c in near if get_bbox_overlap(obj_to_bbox(c), bbox) is not None]


def _cell_text(chars: list[dict[str, Any]], bbox: Any) -> str:
    """``page.crop(bbox).extract_text()`` without cropping every object on the page."""
    cropped = crop_to_bbox(_overlapping(chars, bbox), bbox)
    return chars_to_textmap(cropped, layout_bbox=bbox).as_string or ""


def _fill_under(bbox: tuple[float, float, float, float], fills: list[dict[str, Any]]) -> RGB | None:
    """The colour of the smallest filled rectangle covering the cell's centre."""
    x, y = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])
    best: tuple[float, RGB] | None = None
    for rect in fills:
        if not (
            rect["x0"] - 1 <= x <= rect["x1"] + 1 and rect["top"] - 1 <= y <= rect["bottom"] + 1
        ):
            continue
        rect_area = (rect["x1"] - rect["x0"]) * (rect["bottom"] - rect["top"])
        if rect_area > area * 4 or rect_area < area * 0.2:
            continue  # a page background, a banner, or a small decoration
        rgb = to_rgb(rect["non_stroking_color"])
        if rgb is not None and (best is None or rect_area < best[0]):
            best = (rect_area, rgb)
    return best[1] if best else None


def to_rgb(colour: Any) -> RGB | None:
    """pdfminer colours come as gray (1), RGB (3) or CMYK (4) component tuples."""
    if isinstance(colour, int | float):
        colour = (colour,)
    if not isinstance(colour, tuple | list):
        return None
    try:
        values = [float(v) for v in colour]
    except (TypeError, ValueError):
        return None  # a pattern colour space
    if len(values) == 1:
        return (values[0], values[0], values[0])
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None
