"""Marks drawn in table cells that the text layer does not carry, from pdfplumber's objects.

Scorecards draw direction-of-travel arrows as small filled shapes (triangles, arrows) and
RAG ratings as coloured dots, or print them in symbol fonts (Wingdings, Symbol) whose
characters mean nothing as text. ``cell_marks`` finds, for one cell box, the small curves
(pdfminer's ``LTCurve``: any path that is not a line or an axis-aligned rectangle) and the
symbol-font characters inside it, as ``Mark``s (``readers.model``). Pure: pdfplumber's
object dicts in, marks out; the reader calls it for the cells of the tables it finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cdrp_archive.extract.readers.model import RGB, Mark

Bbox = tuple[float, float, float, float]
_SYMBOL_FONT = re.compile(r"wingding|webding|symbol|dingbat", re.IGNORECASE)
_MAX_SIZE = 40.0  # points: larger shapes are charts or decoration, not marks


def _inside(obj: Mapping[str, Any], bbox: Bbox) -> bool:
    x = (float(obj["x0"]) + float(obj["x1"])) / 2
    y = (float(obj["top"]) + float(obj["bottom"])) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _base_font(name: str) -> str:
    return name.split("+", 1)[-1]


def symbol_chars(chars: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The characters printed in a symbol font."""
    return [c for c in chars if _SYMBOL_FONT.search(str(c.get("fontname", "")))]


def small_curves(curves: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [
        c
        for c in curves
        if float(c["x1"]) - float(c["x0"]) <= _MAX_SIZE
        and float(c["bottom"]) - float(c["top"]) <= _MAX_SIZE
    ]


def cell_marks(
    bbox: Bbox,
    curves: Sequence[Mapping[str, Any]],
    chars: Sequence[Mapping[str, Any]],
    to_rgb: Any,
) -> tuple[Mark, ...]:
    """The marks inside one cell: small drawn shapes (with their points and colours) and
    symbol-font characters, in drawing order. ``curves`` and ``chars`` should already be cut
    to the small curves and the symbol characters (``small_curves``, ``symbol_chars``)."""
    found: list[Mark] = []
    for curve in curves:
        if not _inside(curve, bbox):
            continue
        fill: RGB | None = to_rgb(curve.get("non_stroking_color")) if curve.get("fill") else None
        stroke: RGB | None = to_rgb(curve.get("stroking_color")) if curve.get("stroke") else None
        points = tuple((float(x), float(y)) for x, y in curve.get("pts", ()))
        found.append(
            Mark("shape", float(curve["x0"]), float(curve["top"]), float(curve["x1"]),
                 float(curve["bottom"]), fill=fill, stroke=stroke, points=points)
        )  # fmt: skip
    for char in chars:
        if _inside(char, bbox):
            colour = to_rgb(char.get("non_stroking_color"))
            found.append(
                Mark("glyph", float(char["x0"]), float(char["top"]), float(char["x1"]),
                     float(char["bottom"]), fill=colour, text=str(char["text"]),
                     font=_base_font(str(char.get("fontname", ""))))
            )  # fmt: skip
    return tuple(found)
