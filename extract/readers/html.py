"""HTML pages (ModernGov and the like): text and tables only; scripts, styles and frames are
dropped, nothing is fetched or run."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from cdrp_archive.extract.readers.model import Block, Cell, Page, Paper, Paragraph, Table
from cdrp_archive.extract.readers.text import decode

_SKIP = {
    "script",
    "style",
    "iframe",
    "noscript",
    "template",
    "object",
    "embed",
    "svg",
    "head",
    "nav",
    "header",
    "footer",
    "form",
    "button",
    "select",
}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "section",
    "article",
    "main",
    "table",
    "tr",
    "blockquote",
    "dt",
    "dd",
    "hr",
    "pre",
}
_HEX = re.compile(r"background(?:-color)?\s*:\s*#([0-9a-f]{6}|[0-9a-f]{3})\b", re.IGNORECASE)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.table_rows: list[list[Cell | None]] | None = None
        self.row: list[Cell | None] | None = None
        self.cell: list[str] | None = None
        self.cell_fill: tuple[float, float, float] | None = None
        self.tables = 0
        self.nested = 0  # depth of tables inside the current cell, read as the cell's text

    # paragraphs ------------------------------------------------------------------------
    def _break(self) -> None:
        if self.cell is not None:
            self.cell.append("\n")
            return
        text = "".join(self.text)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            self.blocks.append(Paragraph(page=1, top=float(len(self.blocks)), text=joined))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if self.cell is not None and (tag == "table" or self.nested):
            self._nested_start(tag)
        elif tag == "table":
            self._break()
            self.table_rows = []
        elif tag == "tr" and self.table_rows is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            style = dict(attrs).get("style") or ""
            match = _HEX.search(style) or _HEX.search(dict(attrs).get("bgcolor") or "")
            self.cell_fill = _hex_rgb(match.group(1)) if match else None
        elif tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.skip_depth:
            self._break() if self.cell is None else self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if self.nested:
            self._nested_end(tag)
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            text = "\n".join(" ".join(s.split()) for s in "".join(self.cell).split("\n"))
            self.row.append(Cell(text.strip(), self.cell_fill))
            self.cell = None
        elif tag == "tr" and self.table_rows is not None and self.row is not None:
            if self.row:
                self.table_rows.append(self.row)
            self.row = None
        elif tag == "table" and self.table_rows is not None:
            if self.table_rows:
                self.blocks.append(
                    Table(
                        page=1,
                        index=self.tables,
                        top=float(len(self.blocks)),
                        bottom=float(len(self.blocks)),
                        rows=self.table_rows,
                    )
                )
                self.tables += 1
            self.table_rows = None
        elif tag in _BLOCK:
            self._break()

    def _nested_start(self, tag: str) -> None:
        """A table inside a cell: its rows become lines of the cell, its cells words."""
        assert self.cell is not None
        if tag == "table":
            self.nested += 1
            self.cell.append("\n")
        elif tag in ("td", "th"):
            self.cell.append(" ")
        elif tag in _BLOCK:
            self.cell.append("\n")

    def _nested_end(self, tag: str) -> None:
        assert self.cell is not None
        if tag == "table":
            self.nested -= 1
            self.cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skip_depth:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.table_rows is None:
            self.text.append(data.replace("\n", " "))


def _hex_rgb(value: str) -> tuple[float, float, float]:
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def read_html(path: Path, data: bytes) -> Paper:
    collector = _Collector()
    collector.feed(decode(data))
    collector.close()
    collector._break()
    title = " ".join("".join(collector.title).split()) or None
    page = Page(number=1, blocks=collector.blocks)
    return Paper(name=path.name, pages=[page], title=title, has_text=bool(collector.blocks))
