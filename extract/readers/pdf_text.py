"""Fast text of unruled PDF pages with pdfium, laid out exactly as pdfplumber lays it out.

A page with no path objects (no drawn lines, rectangles or fills) cannot hold a ruled table
or a shaded status cell, so all it has is text. pdfium gives each character and its box about
a hundred times faster than pdfminer; the boxes are turned into pdfminer's (the font's
descent as pdfminer reads it, the font size as the box height) and grouped into words and
lines with pdfplumber's own rules (3 pt tolerances), so the words, lines and paragraphs are
the ones the pdfplumber path gives. Pages this module cannot vouch for (rotated, offset media
box, text that is not upright) return ``None`` and go through pdfplumber.
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from cdrp_archive.extract.readers.model import Paragraph

X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0

# pdfminer reads these standard fonts' metrics from its built-in AFM tables (Descender), not
# from the file; a font missing here has its descent from its FontDescriptor, as in pdfium.
STANDARD_DESCENT = {
    "Courier": -194.0,
    "Courier-Bold": -194.0,
    "Courier-BoldOblique": -194.0,
    "Courier-Oblique": -194.0,
    "Helvetica": -207.0,
    "Helvetica-Bold": -207.0,
    "Helvetica-BoldOblique": -207.0,
    "Helvetica-Oblique": -207.0,
    "Symbol": 0.0,
    "Times-Bold": -217.0,
    "Times-BoldItalic": -217.0,
    "Times-Italic": -217.0,
    "Times-Roman": -217.0,
    "ZapfDingbats": 0.0,
    "Arial": -207.0,
    "Arial,Italic": -207.0,
    "Arial,Bold": -207.0,
    "Arial,BoldItalic": -207.0,
    "CourierNew": -194.0,
    "CourierNew,Italic": -194.0,
    "CourierNew,Bold": -194.0,
    "CourierNew,BoldItalic": -194.0,
    "TimesNewRoman": -217.0,
    "TimesNewRoman,Italic": -217.0,
    "TimesNewRoman,Bold": -217.0,
    "TimesNewRoman,BoldItalic": -217.0,
}

# pdfplumber spells out ligatures when it lays out text.
LIGATURES = {
    "ﬀ": "ff",
    "ﬃ": "ffi",
    "ﬄ": "ffl",
    "ﬁ": "fi",
    "ﬂ": "fl",
    "ﬆ": "st",
    "ﬅ": "st",
}


class Char(NamedTuple):
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class Line(NamedTuple):
    text: str
    top: float
    bottom: float


class _Font(NamedTuple):
    """How to turn pdfium's loose box into pdfminer's: pdfium's ascent and descent (per
    1000 em) and the descent pdfminer uses."""

    ascent: float
    descent: float
    miner_descent: float


# --- deciding which pages need pdfplumber ---------------------------------------------------


def may_hold_table(page: Any) -> bool:
    """Whether pdfplumber could find a ruled table (or a shaded cell) on the page.

    A table needs rules both ways: a page whose only drawings are straight horizontal rules
    (a header underline), or only vertical ones, cannot hold one, and pdfplumber would give
    its text exactly as an undrawn page's. Anything else drawn (a rectangle, a fill, a curve,
    a form XObject with drawings, rules both ways) may.
    """
    horizontal = vertical = False
    for i in range(raw.FPDFPage_CountObjects(page)):
        obj = raw.FPDFPage_GetObject(page, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and _form_draws(obj):
            return True
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        direction = _rule_direction(obj)
        if direction is None:
            return True
        horizontal = horizontal or direction == "h"
        vertical = vertical or direction == "v"
        if horizontal and vertical:
            return True
    return False


def _form_draws(form: Any, depth: int = 0) -> bool:
    for i in range(raw.FPDFFormObj_CountObjects(form)):
        obj = raw.FPDFFormObj_GetObject(form, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            return True
        if kind == raw.FPDF_PAGEOBJ_FORM and (depth >= 15 or _form_draws(obj, depth + 1)):
            return True
    return False


def _rule_direction(path: Any) -> str | None:
    """``h`` or ``v`` for a path that is one straight axis-aligned segment (``m x y l x y``),
    else ``None``."""
    if raw.FPDFPath_CountSegments(path) != 2:
        return None
    first, second = raw.FPDFPath_GetPathSegment(path, 0), raw.FPDFPath_GetPathSegment(path, 1)
    if (
        raw.FPDFPathSegment_GetType(first) != raw.FPDF_SEGMENT_MOVETO
        or raw.FPDFPathSegment_GetType(second) != raw.FPDF_SEGMENT_LINETO
        or raw.FPDFPathSegment_GetClose(second)
    ):
        return None
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(path, matrix) or matrix.b != 0 or matrix.c != 0:
        return None
    (x0, y0), (x1, y1) = _point(first), _point(second)
    if y0 == y1 and x0 != x1:
        return "h"
    if x0 == x1 and y0 != y1:
        return "v"
    return None


def _point(segment: Any) -> tuple[float, float]:
    x, y = ctypes.c_float(), ctypes.c_float()
    raw.FPDFPathSegment_GetPoint(segment, x, y)
    return x.value, y.value


def plain_page(page: pdfium.PdfPage) -> bool:
    """A page whose coordinates pdfminer and pdfium share: no rotation, media box at 0,0."""
    left, bottom, _right, _top = page.get_mediabox()
    return page.get_rotation() == 0 and left == 0 and bottom == 0


# --- reading characters ---------------------------------------------------------------------


def page_lines(page: pdfium.PdfPage) -> list[Line] | None:
    """The page's text lines as pdfplumber's ``extract_text_lines`` gives them, or ``None``
    when the page has text this reader cannot place exactly (go through pdfplumber)."""
    chars = page_chars(page)
    return None if chars is None else assemble(chars)


def page_chars(page: pdfium.PdfPage) -> list[Char] | None:
    """The page's characters with pdfminer's boxes (top-left origin), in content order, or
    ``None`` when the page has text this reader cannot place exactly."""
    if not plain_page(page):
        return None
    height = page.get_mediabox()[3]
    textpage = page.get_textpage()
    try:
        return _chars(textpage.raw, height)
    finally:
        textpage.close()


def _chars(textpage: Any, height: float) -> list[Char] | None:
    count = raw.FPDFText_CountChars(textpage)
    box = raw.FS_RECTF()
    fonts: dict[int | None, _Font | None] = {}
    sizes: dict[int | None, float] = {}
    pending = False  # pdfium made up a space since the last character
    chars: list[Char] = []
    get_unicode, get_box = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox
    get_object, is_generated = raw.FPDFText_GetTextObject, raw.FPDFText_IsGenerated
    for i in range(count):
        text = chr(get_unicode(textpage, i))
        if text in " \r\n\x02" and is_generated(textpage, i):
            pending = pending or text == " "
            continue  # pdfium's own spaces and line ends: pdfplumber decides those itself
        if text == "\x02":
            text = "-"  # pdfium marks a hyphen that ends a line; the page drew a "-"
        obj = ctypes.cast(get_object(textpage, i), ctypes.c_void_p).value
        if obj not in fonts:
            fonts[obj] = _font_of(textpage, i)
        font = fonts[obj]
        if font is None:
            return None
        get_box(textpage, i, box)
        size = (box.top - box.bottom) * 1000.0 / (font.ascent - font.descent)
        if abs(sizes.setdefault(obj, size) - size) > 0.01 * size:
            return None  # boxes fitted to each glyph (some embedded fonts): not pdfminer's
        y0 = box.bottom + (font.miner_descent - font.descent) * size / 1000.0
        char = Char(text, box.left, box.right, height - (y0 + size), height - y0)
        if pending and chars and _close(chars[-1], char):
            # pdfium made up a space where pdfplumber's rules see no gap: it dropped a space
            # the page drew (Skia draws them so), which pdfminer keeps. Not ours to place.
            return None
        pending = False
        chars.append(char)
    return chars


def _close(prev: Char, char: Char) -> bool:
    """The next character on the same line, nearer than pdfplumber's word gap."""
    return abs(char.top - prev.top) <= Y_TOLERANCE and -1 <= char.x0 - prev.x1 <= X_TOLERANCE


def _font_of(textpage: Any, index: int) -> _Font | None:
    """The metrics of the character's font, or ``None`` if its text is not upright."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFText_GetMatrix(textpage, index, matrix):
        return None
    if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
        return None
    obj = raw.FPDFText_GetTextObject(textpage, index)
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    if not font:
        return None
    ascent, descent = ctypes.c_float(), ctypes.c_float()
    em = ctypes.c_float(1000.0)
    if not raw.FPDFFont_GetAscent(font, em, ascent):
        return None
    if not raw.FPDFFont_GetDescent(font, em, descent):
        return None
    if ascent.value == descent.value:
        return None
    name = _base_name(font)
    miner = STANDARD_DESCENT.get(name, -abs(descent.value))
    return _Font(ascent.value, descent.value, miner)


def _base_name(font: Any) -> str:
    size = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(max(size, 1))
    raw.FPDFFont_GetBaseFontName(font, buffer, size)
    return buffer.value.decode("latin-1")


# --- pdfplumber's layout rules, on plain tuples ---------------------------------------------


def assemble(chars: Sequence[Char]) -> list[Line]:
    """Words and lines as pdfplumber makes them (``extract_text_lines``, default settings)."""
    words: list[list[Char]] = []
    for line in _clusters(list(chars)):
        line.sort(key=lambda c: c.x0)
        words.extend(_words(line))
    ids = _cluster_ids([w[0].top if len(w) == 1 else min(c.top for c in w) for w in words])
    lines: list[Line] = []
    for _, group in itertools.groupby(zip(ids, words, strict=True), key=lambda p: p[0]):
        members = [w for _, w in group]
        text = " ".join("".join(LIGATURES.get(c.text, c.text) for c in w) for w in members)
        if text.strip():
            flat = [c for w in members for c in w]
            top = min(c.top for c in flat)
            bottom = max(c.bottom for c in flat)
            lines.append(Line(text.strip(" "), top, bottom))
    return lines


def _cluster_ids(values: Iterable[float]) -> list[int]:
    """pdfplumber's ``make_cluster_dict``: sorted values, a new cluster after a gap > 3."""
    values = list(values)
    ids: dict[float, int] = {}
    last: float | None = None
    cluster = -1
    for value in sorted(set(values)):
        if last is None or value > last + Y_TOLERANCE:
            cluster += 1
        ids[value] = cluster
        last = value
    return [ids[v] for v in values]


def _clusters(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines by their top, in top order (stable within a line)."""
    ids = _cluster_ids(c.top for c in chars)
    pairs = sorted(zip(ids, range(len(chars)), strict=True))
    return [[chars[i] for _, i in group] for _, group in itertools.groupby(pairs, lambda p: p[0])]


def _words(line: list[Char]) -> list[list[Char]]:
    words: list[list[Char]] = []
    current: list[Char] = []
    for char in line:
        if char.text.isspace():
            if current:
                words.append(current)
            current = []
        elif current and _new_word(current[-1], char):
            words.append(current)
            current = [char]
        else:
            current.append(char)
    if current:
        words.append(current)
    return words


def _new_word(prev: Char, char: Char) -> bool:
    return (
        char.x0 < prev.x0
        or char.x0 > prev.x1 + X_TOLERANCE
        or abs(char.top - prev.top) > Y_TOLERANCE
    )


# --- paragraphs: one rule for both paths ----------------------------------------------------


def paragraphs(lines: Sequence[Line], number: int) -> list[Paragraph]:
    """Group lines into paragraphs where the gap between them is wider than a line."""
    out: list[Paragraph] = []
    current: list[Line] = []
    for line in lines:
        if current:
            prev = current[-1]
            height = max(prev.bottom - prev.top, 1.0)
            if line.top - prev.bottom > 0.6 * height:
                out.append(_paragraph(current, number))
                current = []
        current.append(line)
    if current:
        out.append(_paragraph(current, number))
    return [p for p in out if p.text.strip()]


def _paragraph(lines: list[Line], number: int) -> Paragraph:
    text = "\n".join(line.text.strip() for line in lines)
    return Paragraph(page=number, top=float(lines[0].top), text=text)
