"""PDF reader: pages of paragraphs and ruled tables with their cell fills (pdfplumber).

Pages without ruling (no drawn lines or rectangles) cannot hold a ruled table: their text is
read and laid out from words alone. Table pages keep each cell's text and the colour of the
filled rectangle under it, which is how many papers give a RAG status.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.extract.readers.model import RGB, Block, Cell, Page, Paper, Paragraph, Table
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

log = logging.getLogger(__name__)

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def read_pdf(path: Path, data: bytes, on_page: Callable[[int], None] | None = None) -> Paper:
    """Read every page; a page that fails raises DocumentError naming the page."""
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
        pages: list[Page] = []
        try:
            count = len(pdf.pages)
        except Exception as exc:  # pdfminer raises many types on a broken page tree
            raise DocumentError(str(path), _reason(exc)) from None
        for number in range(1, count + 1):
            try:
                page = pdf.pages[number - 1]
                pages.append(Page(number=number, blocks=read_page(page, number)))
                page.close()
            except DocumentError:
                raise
            except Exception as exc:  # a page's content stream can fail lazily
                raise DocumentError(str(path), f"page {number}: {_reason(exc)}") from None
            if on_page:
                on_page(number)
        title = (pdf.metadata or {}).get("Title")
    has_text = any(p.blocks for p in pages)
    return Paper(
        name=path.name,
        pages=pages,
        title=title if isinstance(title, str) and title.strip() else None,
        has_text=has_text,
        note=None if has_text else "no text layer — OCR it first",
    )


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
    ruled = bool(page.lines or page.rects)
    found = page.find_tables(TABLE_SETTINGS) if ruled else []
    tables = [_table(page, t, number, i) for i, t in enumerate(found)]
    tables = [t for t in tables if len(t.rows) > 0]
    boxes = [t.bbox for t in found]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    prose = page.filter(outside) if boxes else page
    paragraphs = _paragraphs(prose.extract_text_lines(return_chars=False), number)
    blocks: list[Block] = [*paragraphs, *tables]
    blocks.sort(key=lambda b: b.top)
    return blocks


def _paragraphs(lines: list[dict[str, Any]], number: int) -> list[Paragraph]:
    """Group lines into paragraphs where the gap between them is wider than a line."""
    paragraphs: list[Paragraph] = []
    current: list[dict[str, Any]] = []
    for line in lines:
        if current:
            prev = current[-1]
            height = max(prev["bottom"] - prev["top"], 1.0)
            if line["top"] - prev["bottom"] > 0.6 * height:
                paragraphs.append(_paragraph(current, number))
                current = []
        current.append(line)
    if current:
        paragraphs.append(_paragraph(current, number))
    return [p for p in paragraphs if p.text.strip()]


def _paragraph(lines: list[dict[str, Any]], number: int) -> Paragraph:
    text = "\n".join(line["text"].strip() for line in lines)
    return Paragraph(page=number, top=float(lines[0]["top"]), text=text)


def _table(page: Any, table: Any, number: int, index: int) -> Table:
    fills = [r for r in page.rects if r.get("fill") and r.get("non_stroking_color") is not None]
    rows: list[list[Cell | None]] = []
    for row in table.rows:
        cells: list[Cell | None] = []
        for bbox in row.cells:
            if bbox is None:
                cells.append(None)
                continue
            text = page.crop(bbox).extract_text() or ""
            cells.append(Cell(text=text.strip(), fill=_fill_under(bbox, fills)))
        rows.append(cells)
    _x0, top, _x1, bottom = table.bbox
    return Table(
        page=number,
        index=index,
        top=float(top),
        bottom=float(bottom),
        rows=rows,
        page_height=float(page.height),
    )


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
