"""Ruled pages without pdfminer: a page view built from pdfium's objects for pdfplumber's
TableFinder.

pdfplumber's ``lines`` table strategy needs only the page's edges (the sides of its lines and
rectangles); our cell code needs the characters and the filled rectangles with their colour.
pdfium gives all three far faster than pdfminer interprets a page. Paths are turned into
pdfminer's objects by pdfminer's own rules (``PDFLayoutAnalyzer.paint_path``: one straight
segment is a line, a closed axis-aligned four-sided path a rectangle, anything else a curve),
from the path's points and matrix (not its bounds, which include the stroke), in pdfplumber's
coordinates (top-left origin). A page this view cannot reproduce with confidence returns
``None`` and is read by pdfplumber: rotated or offset pages, skewed or curved paths, clipping,
colour spaces other than gray and RGB, form XObjects, text that is not upright.
"""

from __future__ import annotations

import ctypes
import logging
import re
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.utils import line_to_edge, rect_to_edges

from cdrp_archive.extract.readers.pdf_text import Char, assemble, page_chars, plain_page

log = logging.getLogger(__name__)

Point = tuple[float, float]
Bbox = tuple[float, float, float, float]
Obj = dict[str, Any]

# Operators whose effect pdfium and pdfminer record differently (CMYK and named colour spaces,
# shadings, clipping): a page using any of them goes through pdfplumber. A false alarm (the
# letters inside a string) only costs speed.
UNSUPPORTED_OPERATORS = re.compile(
    rb"(?:^|(?<=[\s\])>]))(?:k|K|cs|CS|sc|SC|scn|SCN|sh|W|W\*)(?=[\s\[(/<%]|$)"
)

SEGMENT_OPS = {raw.FPDF_SEGMENT_MOVETO: "m", raw.FPDF_SEGMENT_LINETO: "l"}


class Unsupported(Exception):
    """Something on the page this view cannot reproduce exactly."""


@dataclass
class PageView:
    """As much of a pdfplumber ``Page`` as TableFinder and our cell code read."""

    bbox: Bbox
    chars: list[Char]
    edges: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    lines: list[Obj] = field(default_factory=list)

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


def page_view(page: pdfium.PdfPage, bbox: Bbox, contents: bytes) -> PageView | None:
    """The page's view for TableFinder, or ``None`` when pdfplumber must read it.

    ``bbox`` is pdfplumber's page box (its height flips y exactly as pdfplumber does);
    ``contents`` the page's decoded content streams.
    """
    if bbox[0] != 0 or bbox[1] != 0 or not plain_page(page):
        return None
    if abs(page.get_mediabox()[3] - bbox[3]) > 0.01:
        return None  # pdfium and pdfminer disagree on the page's height
    if UNSUPPORTED_OPERATORS.search(contents):
        return None
    try:
        shapes = _page_shapes(page, bbox[3])
    except Unsupported as exc:
        log.debug("ruled page read by pdfplumber: %s", exc)
        return None
    chars = page_chars(page)
    if chars is None:
        return None
    view = PageView(bbox=bbox, chars=chars)
    for shape in shapes:
        (view.lines if shape["object_type"] == "line" else view.rects).append(shape)
    view.edges = [line_to_edge(line) for line in view.lines] + [
        edge for rect in view.rects for edge in rect_to_edges(rect)
    ]
    return view


def _page_shapes(page: pdfium.PdfPage, height: float) -> list[Obj]:
    shapes: list[Obj] = []
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            raise Unsupported("form XObject")
        if kind == raw.FPDF_PAGEOBJ_PATH:
            shapes.extend(_path_shapes(obj, height))
    return shapes


# --- paths as pdfminer sees them ------------------------------------------------------------


def _path_shapes(path: Any, height: float) -> list[Obj]:
    """pdfminer's lines and rectangles for one path object, in pdfplumber's coordinates."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(path, matrix) or matrix.b != 0 or matrix.c != 0:
        raise Unsupported("skewed or rotated path")
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(path, fill_mode, stroke):
        raise Unsupported("draw mode")
    fill = fill_mode.value != raw.FPDF_FILLMODE_NONE
    if not fill and not stroke.value:
        raise Unsupported("unpainted path")
    colour = _fill_colour(path) if fill else None
    points = [
        (op, (matrix.a * x + matrix.e, matrix.d * y + matrix.f)) for op, (x, y) in _segments(path)
    ]
    shapes = []
    for subpath in _subpaths(points):
        shape = _shape(subpath)
        shape.update(fill=fill, stroke=bool(stroke.value), non_stroking_color=colour)
        shapes.append(_to_page(shape, height))
    return shapes


def _segments(path: Any) -> list[tuple[str, Point]]:
    """The path as pdfminer's operators (``m``, ``l``, ``h``) with their points."""
    ops: list[tuple[str, Point]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(path)):
        segment = raw.FPDFPath_GetPathSegment(path, i)
        op = SEGMENT_OPS.get(raw.FPDFPathSegment_GetType(segment))
        if op is None or not raw.FPDFPathSegment_GetPoint(segment, x, y):
            raise Unsupported("curve")
        ops.append((op, (x.value, y.value)))
        if raw.FPDFPathSegment_GetClose(segment):
            ops.append(("h", (x.value, y.value)))
    return ops


def _subpaths(ops: list[tuple[str, Point]]) -> list[list[tuple[str, Point]]]:
    subpaths: list[list[tuple[str, Point]]] = []
    for op, point in ops:
        if op == "m" or not subpaths:
            subpaths.append([])
        subpaths[-1].append((op, point))
    return subpaths


def _shape(subpath: list[tuple[str, Point]]) -> Obj:
    """pdfminer's ``paint_path`` for one subpath: a line or a rectangle (else Unsupported)."""
    shape = "".join(op for op, _ in subpath)
    pts = [point if op != "h" else subpath[0][1] for op, point in subpath]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in {"mlh", "ml"}:
        return {"object_type": "line", **_bounds(pts[:2])}
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if pts[0] == pts[4] and square:
            return {"object_type": "rect", **_bounds([pts[0], pts[2]])}
    raise Unsupported(f"curve ({shape})")


def _bounds(pts: list[Point]) -> Obj:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"x0": min(xs), "y0": min(ys), "x1": max(xs), "y1": max(ys)}


def _to_page(shape: Obj, height: float) -> Obj:
    """pdfplumber's attributes: top-left origin, y flipped by the page height."""
    top, bottom = height - shape["y1"], height - shape["y0"]
    return {
        **shape,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": shape["x1"] - shape["x0"],
        "height": bottom - top,
    }


def _fill_colour(path: Any) -> tuple[float, float, float]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFPageObj_GetFillColor(path, r, g, b, a):
        raise Unsupported("fill colour")
    return (r.value / 255, g.value / 255, b.value / 255)


# --- cell text ------------------------------------------------------------------------------


def cell_text(chars: list[Char], bbox: Bbox) -> str:
    """A cell's text from the characters whose centre is in it, laid out by pdfplumber's
    rules (as ``extract_text`` of those characters gives it)."""
    return "\n".join(line.text for line in assemble(chars))
