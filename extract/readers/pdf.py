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
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import list_value, stream_value
from pdfminer.psparser import PSException
from pdfplumber.table import TableFinder
from pdfplumber.utils import chars_to_textmap
from pdfplumber.utils.exceptions import PdfminerException

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.extract.readers.cells import centre_in, fill_of, is_symbol, marks_in
from cdrp_archive.extract.readers.furniture import strip_furniture
from cdrp_archive.extract.readers.grid import Box, Grid, blank_columns, logical_grids
from cdrp_archive.extract.readers.model import RGB, Block, Cell, Page, Paper, Table
from cdrp_archive.extract.readers.objects import Glyph, Shape
from cdrp_archive.extract.readers.pdf_fast import PageView, cell_text, page_view
from cdrp_archive.extract.readers.pdf_text import (
    Line,
    assemble,
    may_hold_table,
    page_lines,
    paragraphs,
)

log = logging.getLogger(__name__)

TextOf = Callable[[Any, Box], str]  # a cell's text from its characters and box

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
    pages = strip_furniture(pages)  # running headers and footers; printed page numbers
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
    drawn = plumber_shapes(page) if found else []
    symbols = [plumber_glyph(c) for c in page.chars if is_symbol(c["text"])] if found else []
    return _blocks(page, found, lines, page.chars, _plumber_text, drawn, symbols, number)


def view_blocks(view: PageView, number: int) -> list[Block]:
    """A page's paragraphs and tables from its pdfium view: ``read_page``'s steps."""
    found = TableFinder(view, TABLE_SETTINGS).tables if view.lines or view.rects else []
    boxes = [t.bbox for t in found]
    prose = [c for c in view.chars if not _in_boxes(c.x0, c.x1, c.top, c.bottom, boxes)]
    drawn = [s for r in view.rects if (s := plumber_shape(r)) is not None] if found else []
    symbols = [
        Glyph(c.text, c.x0, c.x1, c.top, c.bottom, c.bottom - c.top)
        for c in view.chars
        if is_symbol(c.text)
    ]
    return _blocks(view, found, assemble(prose), view.chars, cell_text, drawn, symbols, number)


def _in_boxes(x0: float, x1: float, top: float, bottom: float, boxes: list[Any]) -> bool:
    x, y = (x0 + x1) / 2, (top + bottom) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


def _blocks(
    page: Any,
    found: list[Any],
    lines: list[Line],
    chars: Sequence[Any],
    text_of: TextOf,
    drawn: list[Shape],
    symbols: list[Glyph],
    number: int,
) -> list[Block]:
    """The page's paragraphs and, for each grid the table finder found, the tables it holds
    (``grid.logical_grids``), each cell's text from the characters whose centre is in it."""
    height = float(page.height)
    fills = [s for s in drawn if s.fill is not None]
    placed = [(_box_of(c), c) for c in chars]
    tables: list[Table] = []
    for found_table in found:
        x0, top, x1, bottom = found_table.bbox
        points = [
            ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)
            for b, _ in placed
            if b[2] >= x0 and b[0] <= x1 and b[3] >= top and b[1] <= bottom
        ]
        for grid in logical_grids([tuple(c) for c in found_table.cells], points):
            table = _table(grid, placed, text_of, fills, drawn, symbols, number, len(tables))
            tables.append(replace(table, page_height=height))
    kept = [t for t in tables if any(c is not None for row in t.rows for c in row)]
    blocks: list[Block] = [*paragraphs(lines, number), *kept]
    blocks.sort(key=lambda b: b.top)
    return blocks


def _box_of(char: Any) -> Box:
    if isinstance(char, dict):
        return (char["x0"], char["top"], char["x1"], char["bottom"])
    return (char.x0, char.top, char.x1, char.bottom)


def _table(
    grid: Grid,
    placed: list[tuple[Box, Any]],
    text_of: TextOf,
    fills: list[Shape],
    drawn: list[Shape],
    symbols: list[Glyph],
    number: int,
    index: int,
) -> Table:
    x0, top, x1, bottom = grid.bbox
    near = [(b, c) for b, c in placed if centre_in(*b, (x0, top, x1, bottom))]
    rows: list[list[Cell | None]] = []
    for row in grid.rows:
        cells: list[Cell | None] = []
        for box in row:
            if box is None:
                cells.append(None)
                continue
            inside = [c for b, c in near if centre_in(*b, box)]
            text = text_of(inside, box).strip()
            cells.append(Cell(text, fill_of(box, fills), marks_in(box, drawn, symbols)))
        rows.append(cells)
    texts = [[c.text if c else None for c in row] for row in rows]
    blank = blank_columns(grid, texts)
    if blank:
        rows = [[c for i, c in enumerate(row) if i not in blank] for row in rows]
    return Table(page=number, index=index, top=float(top), bottom=float(bottom), rows=rows)


def _plumber_text(chars: list[dict[str, Any]], bbox: Box) -> str:
    """pdfplumber's layout of a cell's characters (``extract_text`` of the cell)."""
    return chars_to_textmap(chars, layout_bbox=bbox).as_string or "" if chars else ""


def plumber_shape(obj: dict[str, Any]) -> Shape | None:
    """A pdfplumber rect, line or curve as a ``Shape`` (``None``: painted with a colour that
    is not gray, RGB or CMYK, or not painted)."""
    fill = to_rgb(obj.get("non_stroking_color")) if obj.get("fill") else None
    stroke = to_rgb(obj.get("stroking_color")) if obj.get("stroke") else None
    if fill is None and stroke is None:
        return None
    kind = obj.get("object_type", "rect")
    points = tuple((float(x), float(y)) for x, y in obj.get("pts") or ()) if kind == "curve" else ()
    return Shape(
        kind if kind in ("line", "rect", "curve") else "curve",  # type: ignore[arg-type]
        float(obj["x0"]),
        float(obj["top"]),
        float(obj["x1"]),
        float(obj["bottom"]),
        stroke=stroke,
        fill=fill,
        line_width=float(obj.get("linewidth") or 0.0),
        points=points,
    )


def plumber_shapes(page: Any) -> list[Shape]:
    objs = [*page.rects, *page.curves]
    return [s for o in objs if (s := plumber_shape(o)) is not None]


def plumber_glyph(char: dict[str, Any]) -> Glyph:
    font = str(char.get("fontname", ""))
    return Glyph(
        char["text"],
        float(char["x0"]),
        float(char["x1"]),
        float(char["top"]),
        float(char["bottom"]),
        float(char.get("size", 0.0)),
        font=font.split("+", 1)[-1],
        upright=bool(char.get("upright", True)),
        colour=to_rgb(char.get("non_stroking_color")),
    )


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
