"""What is drawn on a PDF page, as plain data: glyphs, shapes and images.

The seam between *getting* a page's objects (from PDFium, fast, or from pdfplumber, the
reference) and *reading* them (paragraphs and tables from geometry). Both sides work on these
types only, so a reader of geometry can be tested without a PDF and every source of objects can
be checked against the others.

Coordinates are PDF points with the origin at the top left of the page as displayed (rotation
applied): ``x`` grows to the right, ``top``/``bottom`` grow downwards, as in pdfplumber.
Colours are RGB floats from 0 to 1 (gray and CMYK converted); ``None`` is "not painted".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

RGB = tuple[float, float, float]
Point = tuple[float, float]


@dataclass(frozen=True)
class Glyph:
    """One character as drawn, with its box and font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size in points, as drawn (matrix applied)
    font: str = ""  # base font name without subset prefix ("Arial-BoldMT")
    bold: bool = False
    italic: bool = False
    upright: bool = True  # False for rotated or skewed text
    colour: RGB | None = None  # fill colour of the text


ShapeKind = Literal["line", "rect", "curve"]


@dataclass(frozen=True)
class Shape:
    """A painted path: a straight line, an axis-aligned rectangle, or anything else (``curve``,
    with its points: arrows, triangles, ticks, circles, rounded boxes)."""

    kind: ShapeKind
    x0: float
    top: float
    x1: float
    bottom: float
    stroke: RGB | None = None  # stroking colour if stroked
    fill: RGB | None = None  # filling colour if filled
    line_width: float = 0.0
    points: tuple[Point, ...] = ()  # the path's points (curves: control points included)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Image:
    """A raster image placed on the page (a scan, a logo, a chart)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PageObjects:
    """Everything drawn on one page, in content order."""

    number: int  # 1-based page index in the file
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
