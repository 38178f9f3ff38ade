"""What a table cell holds, from what is drawn on the page: its glyphs, fill and marks.

Pure geometry over ``objects`` (Glyph, Shape), so every source of page objects reads cells
the same way:

- a glyph belongs to the cell its centre lies in (producers that set a line's box from the
  font's full ascent and descent draw glyph boxes that touch the rules above and below; a
  glyph is never in two cells);
- a cell's fill is the colour of the filled areas that together cover most of it: one
  rectangle, a path, a background drawn in pieces, an area inset from the rules — the colour
  covering the largest share wins when it covers at least ``COVERS`` of the cell; areas far
  larger than the cell (a page background, a banner) are not the cell's;
- its marks are the small shapes inside it (an arrow, a dot, a tick) and the glyphs of
  pictographic characters (arrows, geometric shapes, dingbats, private-use symbol-font
  glyphs), for scorecard readers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from cdrp_archive.extract.readers.grid import Box
from cdrp_archive.extract.readers.model import RGB, Mark
from cdrp_archive.extract.readers.objects import Glyph, Shape

COVERS = 0.5  # share of a cell a fill must cover to be the cell's shading
LARGER = 4.0  # a filled area more than this many times the cell's area is not its shading
RULE = 1.5  # points: a shape thinner than this is a rule, not a mark

_SYMBOL_BLOCKS = (
    (0x2190, 0x21FF),  # arrows
    (0x2300, 0x23FF),  # technical (some arrows)
    (0x25A0, 0x25FF),  # geometric shapes: ● ▲ ▼ ■
    (0x2600, 0x27BF),  # symbols and dingbats: ✓ ✔ ✗
    (0x2B00, 0x2BFF),  # more arrows
    (0x1F300, 0x1FAFF),  # pictographs
)


def centre_in(x0: float, top: float, x1: float, bottom: float, box: Box) -> bool:
    x, y = (x0 + x1) / 2, (top + bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def glyphs_in(glyphs: Iterable[Glyph], box: Box) -> list[Glyph]:
    """The glyphs whose centre lies in the box."""
    return [g for g in glyphs if centre_in(g.x0, g.top, g.x1, g.bottom, box)]


def _overlap(shape: Shape, box: Box) -> float:
    w = min(shape.x1, box[2]) - max(shape.x0, box[0])
    h = min(shape.bottom, box[3]) - max(shape.top, box[1])
    return w * h if w > 0 and h > 0 else 0.0


def _key(rgb: RGB) -> tuple[int, int, int]:
    return (round(rgb[0] * 255), round(rgb[1] * 255), round(rgb[2] * 255))


def fill_of(box: Box, fills: Sequence[Shape]) -> RGB | None:
    """The colour covering most of the box, if it covers at least ``COVERS`` of it."""
    area = (box[2] - box[0]) * (box[3] - box[1])
    if area <= 0:
        return None
    covered: dict[tuple[int, int, int], float] = {}
    colour: dict[tuple[int, int, int], RGB] = {}
    for shape in fills:
        if shape.fill is None or shape.width * shape.height > area * LARGER:
            continue
        share = _overlap(shape, box)
        if share > 0:
            key = _key(shape.fill)
            covered[key] = covered.get(key, 0.0) + share
            colour.setdefault(key, shape.fill)
    if not covered:
        return None
    best = max(covered, key=lambda k: covered[k])
    return colour[best] if covered[best] >= area * COVERS else None


def is_symbol(text: str) -> bool:
    """A pictographic character: an arrow, a geometric shape, a dingbat, a private-use glyph
    (symbol fonts such as Wingdings map their pictures there)."""
    if len(text) != 1:
        return False
    code = ord(text)
    if unicodedata.category(text) in {"So", "Co"}:
        return True
    return any(lo <= code <= hi for lo, hi in _SYMBOL_BLOCKS)


def marks_in(box: Box, shapes: Sequence[Shape], glyphs: Sequence[Glyph]) -> tuple[Mark, ...]:
    """The small shapes drawn wholly inside the box (not rules, not its shading) and its
    pictographic glyphs, in reading order."""
    area = (box[2] - box[0]) * (box[3] - box[1])
    marks: list[Mark] = []
    for s in shapes:
        inside = s.x0 >= box[0] - 0.5 and s.x1 <= box[2] + 0.5
        inside = inside and s.top >= box[1] - 0.5 and s.bottom <= box[3] + 0.5
        if not inside or s.width < RULE or s.height < RULE:
            continue
        if s.width * s.height >= area * COVERS:
            continue  # the cell's shading
        marks.append(Mark("shape", s.x0, s.top, s.x1, s.bottom, s.fill, s.stroke, s.points))
    for g in glyphs:
        if is_symbol(g.text) and centre_in(g.x0, g.top, g.x1, g.bottom, box):
            marks.append(
                Mark("glyph", g.x0, g.top, g.x1, g.bottom, fill=g.colour, text=g.text, font=g.font)
            )
    marks.sort(key=lambda m: (round(m.top), m.x0))
    return tuple(marks)
