"""Plain data a reader produces: pages holding paragraphs and tables, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class Mark:
    """Something drawn in a cell that the text layer does not carry: a small shape (an arrow,
    a triangle, a tick, a circle: ``kind="shape"``, with its points) or a symbol-font glyph
    (``kind="glyph"``, with its character and font). Direction-of-travel arrows and RAG dots
    of scorecards are marks. Coordinates as in ``objects``: points, top-left origin."""

    kind: str  # "shape" | "glyph"
    x0: float
    top: float
    x1: float
    bottom: float
    fill: RGB | None = None
    stroke: RGB | None = None
    points: tuple[tuple[float, float], ...] = ()
    text: str = ""
    font: str = ""


@dataclass(frozen=True)
class Cell:
    """A table cell: its text (lines joined by newlines), its fill colour, if shaded, and the
    marks drawn in it (readers that see none leave it empty)."""

    text: str
    fill: RGB | None = None
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table as drawn on one page. ``rows`` may hold ``None`` for merged/absent cells."""

    page: int
    index: int  # the table's number on its page, from 0
    top: float
    bottom: float
    rows: list[list[Cell | None]]
    page_height: float = 0.0

    def cell(self, row: int, col: int) -> Cell | None:
        """The cell at (row, col), or None for a merged or missing one."""
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[col] if col < len(cells) else None

    @property
    def laid_out(self) -> bool:
        """Printed on a page with a geometry (a PDF), not a chunk of a text file."""
        return self.page_height > 0

    @property
    def near_page_top(self) -> bool:
        return self.page_height > 0 and self.top < self.page_height * 0.2

    @property
    def near_page_bottom(self) -> bool:
        return self.page_height > 0 and self.bottom > self.page_height * 0.8


@dataclass(frozen=True)
class Paragraph:
    """A run of lines with no wider gap between them; lines joined by newlines."""

    page: int
    top: float
    text: str


Block = Paragraph | Table


@dataclass
class Page:
    """A page: ``number`` is its place in the file (from 1); ``label`` the page number the
    paper prints on it, where a reader can tell (None: not known)."""

    number: int
    blocks: list[Block] = field(default_factory=list)
    label: str | None = None

    @property
    def text(self) -> str:
        parts = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend("\t".join(c.text if c else "" for c in row) for row in block.rows)
        return "\n\n".join(parts)


@dataclass
class Paper:
    """What a reader makes of one file."""

    name: str
    pages: list[Page]
    title: str | None = None
    has_text: bool = True
    note: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    def tables(self) -> list[Table]:
        return [b for p in self.pages for b in p.blocks if isinstance(b, Table)]

    def paragraphs(self) -> list[Paragraph]:
        return [b for p in self.pages for b in p.blocks if isinstance(b, Paragraph)]
