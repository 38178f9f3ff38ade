"""Rebuild the South Cambridgeshire CDRP board papers as council-style PDFs (and one web page).

Run from the repository root (or anywhere):

    python corpus/generate.py

Inputs are the text originals in ``corpus/originals/`` (the text of the papers as published by
South Cambridgeshire District Council). Outputs are written next to this script. Every PDF is
built with ``invariant=1`` so re-running gives byte-identical files.

One function per paper (``build_*``); shared helpers for styles, inline markup, ruled tables and
page furniture come first. The cell *text* of the originals is kept exactly, flaws included
(broken words, lost cells, stray status characters); only the layout is added.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent
ORIGINALS = HERE / "originals"
AUTHOR = "South Cambridgeshire District Council"
CREATOR = "cdrp-archive corpus/generate.py (reportlab)"
PAGE_W, PAGE_H = A4
MARGIN = 2 * cm
FRAME_W = PAGE_W - 2 * MARGIN

# Word's standard colours, as councils use them for RAG shading in action plans.
RAG_FILLS = {
    "Green": colors.HexColor("#00B050"),
    "Amber": colors.HexColor("#FFC000"),
    "Red": colors.HexColor("#FF0000"),
}
HEADER_FILL = colors.HexColor("#D9D9D9")

# Document titles (PDF metadata; the prints of corpus/prints/ use them as running headers).
Q2_TITLE = "South Cambridgeshire CDRP Quarter 2 Performance Monitoring Report 2009-10"
PACK_TITLE = "South Cambridgeshire CDRP Board, 26 July 2011: Agenda pack"
Q3_TITLE = "South Cambridgeshire CDRP Performance Report Q3 2010-11"

# Superscript characters in the text originals are footnote markers; Word sets them as raised
# ordinary digits, so they are drawn with <super> (a PDF reader sees plain, smaller digits).
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPER_RE = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")

# --------------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------------


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": "Helvetica",
        "fontSize": 10,
        "leading": 12.5,
        "spaceAfter": 6,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body"),
    "title": _style("title", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=8),
    "subtitle": _style("subtitle", fontName="Helvetica-Bold", fontSize=12, leading=15),
    "h1": _style("h1", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=6),
    "h2": _style("h2", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=4),
    "bold": _style("bold", fontName="Helvetica-Bold"),
    "centre_bold": _style("centre_bold", fontName="Helvetica-Bold", alignment=TA_CENTER),
    "centre": _style("centre", alignment=TA_CENTER),
    "right": _style("right", alignment=TA_RIGHT),
    "bullet": _style(
        "bullet", leftIndent=18, bulletIndent=6, spaceAfter=3, bulletFontName="Symbol"
    ),
    "bullet2_dot": _style(
        "bullet2_dot", leftIndent=36, bulletIndent=24, spaceAfter=3, bulletFontName="Symbol"
    ),
    "bullet_o": _style(
        "bullet_o", leftIndent=18, bulletIndent=6, spaceAfter=3, bulletFontName="Courier"
    ),
    "bullet2": _style("bullet2", leftIndent=36, bulletIndent=24, spaceAfter=3),
    "numbered": _style("numbered", leftIndent=30, bulletIndent=0),
    "numbered_sub": _style("numbered_sub", leftIndent=60, bulletIndent=30),
    "footnote": _style("footnote", fontSize=8, leading=9.5, spaceAfter=3),
    "path": _style("path", fontSize=6.5, leading=8, textColor=colors.HexColor("#555555")),
    "cell": _style("cell", fontSize=8, leading=9.6, spaceAfter=0),
    "cell_bold": _style(
        "cell_bold", fontName="Helvetica-Bold", fontSize=8, leading=9.6, spaceAfter=0
    ),
    "cell9": _style("cell9", fontSize=9, leading=11, spaceAfter=0),
    "cell9_bold": _style(
        "cell9_bold", fontName="Helvetica-Bold", fontSize=9, leading=11, spaceAfter=0
    ),
    "slide_title": _style(
        "slide_title",
        fontName="Helvetica-Bold",
        fontSize=22,
        leading=27,
        spaceAfter=18,
        textColor=colors.HexColor("#1F3864"),
    ),
    "slide": _style(
        "slide", fontSize=15, leading=20, leftIndent=24, bulletIndent=6, bulletFontName="Symbol"
    ),
    "slide2": _style("slide2", fontSize=13, leading=17, leftIndent=54, bulletIndent=36),
    "slide_plain": _style("slide_plain", fontSize=15, leading=20),
    "slide_branding": _style(
        "slide_branding",
        fontName="Helvetica-Bold",
        fontSize=18,
        leading=24,
        alignment=TA_CENTER,
        textColor=colors.HexColor("#1F3864"),
    ),
    "blank_page": _style("blank_page", alignment=TA_CENTER, spaceBefore=300),
}

# --------------------------------------------------------------------------------------------
# Inline markup
# --------------------------------------------------------------------------------------------


def esc(text: str) -> str:
    """Escape text for a reportlab Paragraph."""
    out = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Word sets bullets in the Symbol font (and reportlab's Helvetica would encode U+2022 as
    # code 127, which PDF readers cannot map back to a character).
    return out.replace("•", '<font name="Symbol">•</font>')


def supers(markup: str) -> str:
    """Turn superscript characters into raised digits."""
    return SUPER_RE.sub(lambda m: f"<super>{m.group(0).translate(SUPERSCRIPTS)}</super>", markup)


def inline(text: str) -> str:
    """Plain text with markdown-ish emphasis (**bold**, *italic*, <sup>) -> Paragraph markup."""
    text = re.sub(r"<sup>(.*?)</sup>", "\x01\\1\x02", text)
    out = supers(esc(text))
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<i>\1</i>", out)
    return out.replace("\x01", "<super>").replace("\x02", "</super>")


def para(text: str, style: str = "body", markup: bool = False, **kw: object) -> Paragraph:
    source = text if markup else inline(text)
    out = Paragraph(source, STYLES[style], **kw)  # type: ignore[arg-type]
    # The markup as given: reportlab folds a LINE SEPARATOR into a space in ``.text``.
    out.cdrp_markup = source  # type: ignore[attr-defined]
    return out


_HTML_TOKENS = [
    (re.compile(r'<p style="[^"]*color:\s*([a-z]+|#[0-9A-Fa-f]{6})[^"]*">'), "\x01font=\\1\x02"),
    (re.compile(r"<p[^>]*>"), ""),
    (re.compile(r"</p>"), "\x01/font\x02\x01br\x02"),
    (re.compile(r"<ul[^>]*>"), "\x01ul\x02"),
    (re.compile(r"</ul>|<ul$"), ""),
    (re.compile(r"<u>"), "\x01u\x02"),
    (re.compile(r"</u>"), "\x01/u\x02"),
    (re.compile(r"<i>"), "\x01i\x02"),
    (re.compile(r"</i>"), "\x01/i\x02"),
]
DIV_FILL_RE = re.compile(r'<div style="background-color:\s*(#[0-9A-Fa-f]{6})[^"]*">\s*</div>')


def cell_markup(text: str) -> tuple[str, colors.Color | None]:
    """A table cell's text, possibly holding HTML fragments, -> (Paragraph markup, fill)."""
    fill = None
    if text.startswith("- "):  # a bulleted list typed into the cell
        text = "<ul>" + text
    m = DIV_FILL_RE.search(text)
    if m:
        fill = colors.HexColor(m.group(1))
        text = DIV_FILL_RE.sub("", text)
    for pattern, token in _HTML_TOKENS:
        text = pattern.sub(token, text)
    out = supers(esc(text.strip()))
    # List items inside a <ul> fragment are "- item - item": one per line.
    if "\x01ul\x02" in out:
        head, _, tail = out.partition("\x01ul\x02")
        tail = re.sub(r"(?:^|\s)- ", "\x01br\x02- ", tail.strip())
        out = head + tail
    out = out.replace("\x01ul\x02", "")
    open_fonts = 0
    pieces = []
    for piece in re.split(r"\x01(.*?)\x02", out):
        pieces.append(piece)
    result = []
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            result.append(piece)
        elif piece.startswith("font="):
            result.append(f'<font color="{piece[5:]}">')
            open_fonts += 1
        elif piece == "/font":
            if open_fonts:
                result.append("</font>")
                open_fonts -= 1
        elif piece == "br":
            result.append("<br/>")
        else:
            result.append(f"<{piece}>")
    out = "".join(result).strip()
    out = re.sub(r"^(<br/>\s*)+|(\s*<br/>)+$", "", out)
    return out, fill


# --------------------------------------------------------------------------------------------
# Page furniture: "Page N of M" footers, per-page markers
# --------------------------------------------------------------------------------------------


class Mark(Flowable):
    """Zero-size flowable that sets attributes on the canvas for the page it lands on.

    ``number_from_here=True`` starts the page numbering; ``blank=True`` suppresses the footer on
    this page; ``footer_lines=[...]`` draws extra footer text on this page only.
    """

    def __init__(self, **attrs: object) -> None:
        super().__init__()
        self.attrs = attrs
        self.width = self.height = 0

    def wrap(self, *_: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        for key, value in self.attrs.items():
            if key == "number_from_here":
                self.canv.cdrp_first_numbered = self.canv.getPageNumber()  # type: ignore[attr-defined]
            else:
                setattr(self.canv, "cdrp_" + key, value)


FooterFn = Callable[[rl_canvas.Canvas, int], None]


def numbered_canvas(footer: FooterFn) -> type[rl_canvas.Canvas]:
    """A canvas class that defers footers until the page count is known."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: object, **kw: object) -> None:
            super().__init__(*args, **kw)  # type: ignore[arg-type]
            self._saved: list[dict] = []
            self.cdrp_first_numbered = 1
            self._reset_page_marks()

        def _reset_page_marks(self) -> None:
            self.cdrp_blank = False
            self.cdrp_footer_lines: list[str] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._reset_page_marks()
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                footer(self, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def footer_page_n_of_m(canv: rl_canvas.Canvas, total: int) -> None:
    canv.saveState()
    canv.setFont("Helvetica", 8)
    canv.drawCentredString(PAGE_W / 2, 1.2 * cm, f"Page {canv.getPageNumber()} of {total}")
    canv.restoreState()


def footer_page_n(canv: rl_canvas.Canvas, total: int) -> None:
    canv.saveState()
    canv.setFont("Helvetica", 8)
    canv.drawCentredString(PAGE_W / 2, 1.2 * cm, f"Page {canv.getPageNumber()}")
    canv.restoreState()


def footer_agenda_pack(canv: rl_canvas.Canvas, total: int) -> None:
    """ModernGov-style pack: unnumbered front matter, then "Page N" from the minutes on."""
    canv.saveState()
    lines = getattr(canv, "cdrp_footer_lines", [])
    canv.setFont("Helvetica", 8)
    for i, line in enumerate(lines):
        canv.drawCentredString(PAGE_W / 2, 2.2 * cm - i * 10, line)
    first = getattr(canv, "cdrp_first_numbered", None)
    page = canv.getPageNumber()
    if not getattr(canv, "cdrp_blank", False) and first is not None and page >= first > 1:
        canv.setFont("Helvetica-Bold", 9)
        canv.drawCentredString(PAGE_W / 2, 1.0 * cm, f"Page {page - first + 1}")
    canv.restoreState()


def build_pdf(
    path: Path, story: list[Flowable], title: str, footer: FooterFn, subject: str = ""
) -> None:
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=AUTHOR,
        subject=subject,
        creator=CREATOR,
        invariant=1,
    )
    doc.build(story, canvasmaker=numbered_canvas(footer))


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


def ruled_style(header_rows: int = 1, font_size: float = 8) -> list[tuple]:
    cmds: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    return cmds


def plain_style() -> list[tuple]:
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]


def cells(row: list[str], style: str = "cell") -> list[Paragraph]:
    return [Paragraph(cell_markup(c)[0], STYLES[style]) for c in row]


def ruled_table(
    rows: list[list[str]],
    widths: list[float],
    header_rows: int = 1,
    extra: list[tuple] | None = None,
    body_style: str = "cell",
    header_style: str = "cell_bold",
) -> Table:
    """A ruled (grid) table of Paragraph cells, header repeated on every page."""
    data: list[list[object]] = []
    cmds = ruled_style(header_rows)
    for r, row in enumerate(rows):
        row = (row + [""] * len(widths))[: len(widths)]
        out_row: list[object] = []
        for c, text in enumerate(row):
            markup, fill = cell_markup(text)
            out_row.append(
                Paragraph(markup, STYLES[header_style if r < header_rows else body_style])
            )
            if fill is not None:
                cmds.append(("BACKGROUND", (c, r), (c, r), fill))
        data.append(out_row)
    cmds.extend(extra or [])
    return SplitTable(
        data, colWidths=widths, repeatRows=header_rows, style=TableStyle(cmds), hAlign="LEFT"
    )


def plain_table(
    rows: list[list[str]], widths: list[float], style: str = "body", bold_first_col: bool = False
) -> Table:
    """A borderless layout table (heading blocks, attendance lists)."""
    data = []
    for row in rows:
        data.append(
            [
                Paragraph(inline(t), STYLES["bold" if (bold_first_col and c == 0) else style])
                for c, t in enumerate(row)
            ]
        )
    return Table(data, colWidths=widths, style=TableStyle(plain_style()), hAlign="LEFT")


def _cell_is_empty(value: object) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, (list, tuple)):
        return all(_cell_is_empty(v) for v in value)
    return isinstance(value, Paragraph) and not value.getPlainText().strip()


class SplitTable(Table):
    """A Table whose rows break across pages the way Word's "allow row to break" does.

    ``splitByRow=0, splitInRow=1`` makes reportlab split inside the row that meets the page
    foot (rather than pushing the row over and splitting a later part again mid-page). Cells
    are held as one-item lists so reportlab measures them when it splits a row; a split that
    would leave an empty half-row (the page foot fell in the cell padding) is redone between
    rows. Split parts keep the table's alignment and get a closing rule at the page foot.
    """

    def __init__(self, data: list[list[object]], *args: object, **kw: object) -> None:
        kw.setdefault("splitByRow", 0)
        kw.setdefault("splitInRow", 1)
        data = [
            [c if isinstance(c, (list, tuple)) or c is None else [c] for c in row] for row in data
        ]
        super().__init__(data, *args, **kw)  # type: ignore[arg-type]

    _defer_split = False

    def _degenerate(self, parts: list[Flowable]) -> bool:
        """A row split that leaves one half of the row empty."""
        return len(parts) == 2 and (
            all(_cell_is_empty(c) for c in parts[0]._cellvalues[-1])
            or all(_cell_is_empty(c) for c in parts[1]._cellvalues[self.repeatRows])
        )

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self._defer_split:
            # The rest of a table split between rows: start it on the next page, instead of
            # splitting it again below the first part (which would repeat the header mid-page).
            self._defer_split = False
            return []
        parts = super().split(availWidth, availHeight)
        if self._degenerate(parts):
            # Move the split up a line, so the row really continues on the next page ...
            parts = super().split(availWidth, availHeight - 14)
            if self._degenerate(parts):
                # ... or else split between rows and start the rest on the next page.
                parts = self._splitRows(availHeight, doInRowSplit=False)
                if len(parts) == 2:
                    parts[1]._defer_split = True
        for part in parts:
            part.hAlign = self.hAlign
        if len(parts) == 2:
            parts[0].setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), 0.75, colors.black)]))
        return parts


class CarryTable(SplitTable):
    """Table whose first column is a vertically merged cell (the action plan's Priority).

    The text sits in the first body row only; when the table splits across pages the text is
    repeated in the first body row of each continuation, the way Word repeats a merged cell.
    """

    carry_text = ""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            part.carry_text = self.carry_text  # type: ignore[attr-defined]
            if i == 0 or len(part._cellvalues) <= self.repeatRows:
                continue
            r = self.repeatRows
            row = list(part._cellvalues[r])
            row[0] = [Paragraph(inline(self.carry_text), STYLES["cell"])]
            part._cellvalues[r] = row
        return parts


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


# --------------------------------------------------------------------------------------------
# Paper 1: 2009-10 Q2 performance monitoring report (action plan with RAG status cells)
# --------------------------------------------------------------------------------------------

ACTION_COLS = 8
ACTION_WIDTHS = [50, 28, 54, 72, 36, 86, 36, 119]  # = 481pt, the A4 frame width
STATUS_COLS = (4, 6)
HEADING_PREFIXES = (
    "Key Achievements",
    "Areas of Concern",
    "Recommendations to Partnership",
    "Any Items for Publicity",
)
FOOTNOTE_RE = re.compile(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,2}) Please ensure")


def _fields(line: str, n: int = ACTION_COLS) -> list[str]:
    parts = line.split("\t")
    while len(parts) > n and parts[-1] == "":
        parts.pop()
    return (parts + [""] * n)[:n]


def _is_action_header(line: str) -> bool:
    return line.startswith("Priority") and "\t" in line and "Status" in line


def parse_action_tables(lines: list[str], start: int) -> tuple[dict, int]:
    """Read one priority's action-plan chunks starting at ``start``.

    Returns ({"header": [...], "rows": [[...]]}, index after the table). Chunks (one per page of
    the original, each restarting with a header row) are joined; a row whose text wrapped onto
    a second line is re-joined; the trailing wrapped-line fragment (1.11b) becomes a row.
    """
    headers: list[list[str]] = []
    rows: list[list[str]] = []
    i = start
    prev_blank = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            prev_blank = True
            i += 1
            continue
        if "\t" not in line:
            break
        if _is_action_header(line):
            headers.append(_fields(line))
        elif prev_blank and not line.startswith("Reducing"):
            # A wrapped-line fragment: each line holds one visual line of each column.
            frag = [line.split("\t")]
            while i + 1 < len(lines) and "\t" in lines[i + 1]:
                i += 1
                frag.append(lines[i].split("\t"))
            ncols = max(len(f) for f in frag)
            joined = [" ".join(f[c] for f in frag if c < len(f) and f[c]) for c in range(ncols)]
            rows.append(["", "", "", *joined][:ACTION_COLS])
        elif not line.startswith("Reducing") and rows:
            # Continuation of the previous row (its cells wrapped onto a new text line).
            cont = _fields(line)
            rows[-1] = [
                (a + " " + b).strip() if b else a for a, b in zip(rows[-1], cont, strict=True)
            ]
        else:
            rows.append(_fields(line))
        prev_blank = False
        i += 1
    best = max(headers, key=lambda h: sum(1 for c in h if c))
    return {"header": best, "rows": rows}, i


def action_table(table: dict, worded: bool) -> Table:
    priority = next((r[0] for r in table["rows"] if r[0]), "")
    data: list[list[object]] = [cells(table["header"], "cell_bold")]
    cmds: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
        ("INNERGRID", (1, 0), (-1, -1), 0.5, colors.black),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black),
        ("LINEBELOW", (0, 0), (0, 0), 0.5, colors.black),
    ]
    for r, row in enumerate(table["rows"], start=1):
        out: list[object] = []
        for c, text in enumerate(row):
            if c == 0:
                text = priority if r == 1 else ""
            if c in STATUS_COLS and text in RAG_FILLS:
                cmds.append(("BACKGROUND", (c, r), (c, r), RAG_FILLS[text]))
                text = text if worded else ""
            out.append(Paragraph(inline(text), STYLES["cell"]))
        data.append(out)
    t = CarryTable(
        data, colWidths=ACTION_WIDTHS, repeatRows=1, style=TableStyle(cmds), hAlign="LEFT"
    )
    t.carry_text = priority
    n = len(table["rows"])
    starts = [r for r, row in enumerate(table["rows"], start=1) if r == 1 or row[1] or row[2]]
    ends = [*starts[1:], n + 1]
    plan_attrs(t, merged=[(0, 1, n)], actions=list(zip(starts, ends, strict=True)))
    return t


def plan_attrs(
    table: Table, merged: list[tuple[int, int, int]], actions: list[tuple[int, int]]
) -> None:
    """Mark an action-plan table for the other producers (corpus/prints/): ``merged`` cells
    (column, first row, last row) that this PDF draws as one cell without rules, and the rows
    of each action as [first, end) ranges."""
    table.cdrp_plan = True  # type: ignore[attr-defined]
    table.cdrp_merged = merged  # type: ignore[attr-defined]
    table.cdrp_actions = actions  # type: ignore[attr-defined]


def _narrative(line: str, story: list[Flowable], state: dict) -> None:
    """One narrative (non-table) line of the performance report."""
    stripped = line.strip()
    if state["n"] == 0:
        story.append(para(stripped, "title"))
    elif re.match(r"^(July|April|October|January) to ", stripped):
        story.append(para(stripped, "subtitle"))
    elif re.match(r"^Priority \d+:", stripped):
        if state["seen_priority"]:
            story.append(PageBreak())
        state["seen_priority"] = True
        story.append(para(stripped, "h1"))
    elif re.match(r"^\d\.\d [A-Z]", stripped):
        story.append(para(stripped, "h2"))
    elif stripped.startswith(("Priority Area:", "Lead Officer:")):
        markup = re.sub(r"(Priority Area:|Lead Officer:)", r"<b>\1</b>", inline(stripped))
        story.append(para(markup, markup=True))
    elif stripped.startswith(HEADING_PREFIXES):
        story.append(
            para(re.sub(r" ?(\d+)$", r"<super>\1</super>", inline(stripped)), "bold", markup=True)
        )
    elif FOOTNOTE_RE.match(stripped):
        mark, _, rest = stripped.partition(" ")
        story.append(
            para(
                f"<super>{mark.translate(SUPERSCRIPTS)}</super> {inline(rest)}",
                "footnote",
                markup=True,
            )
        )
        state["last"] = "footnote"
        state["n"] += 1
        return
    elif state["last"] == "footnote" and len(stripped) < 40:
        # The tail of a footnote that the original broke over two lines.
        story.append(para(stripped, "footnote"))
    elif stripped.startswith("D:\\"):
        story.append(para(stripped, "path"))
    elif line.startswith(" - "):
        story.append(para(stripped[2:], "bullet2", bulletText="–"))
    elif line.startswith("- "):
        story.append(para(stripped[2:], "bullet", bulletText="•"))
    elif line.startswith(" ") and state["last"] == "bullet_open" and stripped[:1].islower():
        prev = story.pop()
        story.append(para(prev.cdrp_text + " " + stripped, "bullet", bulletText="•"))
        story[-1].cdrp_text = prev.cdrp_text + " " + stripped  # type: ignore[attr-defined]
        state["n"] += 1
        return
    else:
        story.append(para(stripped))
    state["last"] = "bullet_open" if line.startswith("- ") else "text"
    if line.startswith("- "):
        story[-1].cdrp_text = stripped[2:]  # type: ignore[attr-defined]
    state["n"] += 1


def performance_report_story(worded: bool) -> list[Flowable]:
    lines = lines_of(ORIGINALS / "2009-10-q2-performance-report.txt")
    story: list[Flowable] = []
    state = {"n": 0, "seen_priority": False, "last": ""}
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            if state["last"] == "bullet_open":
                state["last"] = "text"
            i += 1
            continue
        if _is_action_header(line):
            table, i = parse_action_tables(lines, i)
            story.append(Spacer(1, 4))
            story.append(action_table(table, worded))
            story.append(Spacer(1, 10))
            state["last"] = "table"
            continue
        if "\t" in line:  # a small stats table (e.g. ASB Task Group stats)
            block = []
            while i < len(lines) and "\t" in lines[i]:
                block.append(lines[i].split("\t"))
                i += 1
            story.append(
                ruled_table(block, [FRAME_W / 2] * 2, body_style="cell9", header_style="cell9_bold")
            )
            story.append(Spacer(1, 8))
            continue
        if (
            line.strip()
            and state["last"] == "footnote"
            and not FOOTNOTE_RE.match(line.strip())
            and len(line.strip()) < 40
        ):
            # e.g. "Group's Action Plan." - rejoin with the footnote the original broke.
            prev = story.pop()
            text = prev.text + " " + esc(line.strip())
            story.append(Paragraph(text, STYLES["footnote"]))
            state["last"] = "text"
            i += 1
            continue
        _narrative(line, story, state)
        i += 1
    return story


def build_performance_report(out_dir: Path) -> list[Path]:
    outputs = []
    for worded, name in (
        (True, "2009-10-q2-performance-report.pdf"),
        (False, "2009-10-q2-performance-report-shading-only.pdf"),
    ):
        path = out_dir / name
        kind = "statuses as word and shading" if worded else "statuses as shading only"
        build_pdf(
            path,
            performance_report_story(worded),
            Q2_TITLE,
            footer_page_n_of_m,
            subject=f"CDRP board paper ({kind})",
        )
        outputs.append(path)
    return outputs


# --------------------------------------------------------------------------------------------
# Paper 2: 1 February 2010 rolling plan refresh (markdown original)
# --------------------------------------------------------------------------------------------


def _md_blocks(text: str) -> list[str]:
    """Join markdown hard-breaks ("  " line ends) into one line with <br/>."""
    out: list[str] = []
    carry = ""
    for raw in text.split("\n"):
        if raw.endswith("  "):
            carry += raw.rstrip() + "\x03"
            continue
        out.append(carry + raw)
        carry = ""
    if carry:
        out.append(carry)
    return out


def heading_block(lines: list[str]) -> list[Flowable]:
    """The council report heading block: partnership name in a bordered box."""
    markup = "<br/>".join(inline(x) for x in lines)
    box = Table(
        [[Paragraph(markup, STYLES["centre_bold"])]],
        colWidths=[FRAME_W],
        style=TableStyle(
            [("BOX", (0, 0), (-1, -1), 1, colors.black), ("TOPPADDING", (0, 0), (-1, -1), 6)]
        ),
    )
    return [box, Spacer(1, 10)]


def build_rolling_plan(out_dir: Path) -> Path:
    text = (ORIGINALS / "2010-02-01-rolling-plan-refresh.md").read_text(encoding="utf-8")
    story: list[Flowable] = []
    for line in _md_blocks(text):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("**SOUTH CAMBRIDGESHIRE DISTRICT"):
            story.extend(heading_block([x.strip("*") for x in stripped.split("\x03")]))
            continue
        stripped = stripped.replace("\x03", "\n")
        if stripped == "---":
            story.append(
                HRFlowable(
                    width="100%", thickness=0.75, color=colors.black, spaceBefore=2, spaceAfter=8
                )
            )
        elif stripped.startswith("**REPORT TO:**"):
            rows = [
                [inline(part.split("**")[1]), part.split("**")[2].strip()]
                for part in stripped.split("\n")
            ]
            story.append(
                plain_table(
                    [[re.sub("<[^>]+>", "", r[0]), r[1]] for r in rows],
                    [90, FRAME_W - 90],
                    bold_first_col=True,
                )
            )
        elif re.fullmatch(r"\d{1,2} \w+ \d{4}", stripped):
            story.append(para(stripped, "right"))
        elif stripped.startswith("#"):
            level = len(stripped) - len(stripped.lstrip("#"))
            content = stripped.lstrip("#").strip()
            if "APPENDIX" in content:
                story.append(PageBreak())
            style = {2: "h2", 3: "bold", 4: "h2", 5: "bold"}.get(level, "bold")
            story.append(para(content, style))
        elif re.fullmatch(r"\*\*[^*]+\*\*", stripped):
            story.append(para(stripped, "h2" if stripped.isupper() else "bold"))
        elif line.startswith("  - "):
            story.append(para(stripped[2:], "bullet2_dot", bulletText="•"))
        else:
            m = re.match(r"^(?:- )?(\d+(?:\.\d+)?\.?)\s+(.*)$", stripped)
            if m:
                story.append(para(m.group(2), "numbered", bulletText=m.group(1)))
            elif stripped.startswith("- "):
                story.append(para(stripped[2:], "bullet", bulletText="•"))
            else:
                story.append(para(stripped))
    path = out_dir / "2010-02-01-rolling-plan-refresh.pdf"
    build_pdf(
        path,
        story,
        "2010-2011 CDRP Rolling Plan Refresh",
        footer_page_n,
        subject="CDRP board report, 1 February 2010",
    )
    return path


# --------------------------------------------------------------------------------------------
# Paper 3: 26 July 2011 agenda pack
# --------------------------------------------------------------------------------------------

BLANK_LINE = "This page is left blank intentionally."
PACK_NEW_PAGE = (
    "OUR VISION",
    "GUIDANCE NOTES FOR VISITORS",
    "**SOUTH CAMBRIDGESHIRE DISTRICT",
    "South Cambridgeshire Crime and Disorder Reduction Partnership",
    "South Cambs Crime and Disorder Reduction Partnership",
    "Priority Area: Reducing Re-offending",
    "Drug and Alcohol Action Team Update",
    "To: South Cambridgeshire Crime",
    "To: All Cambridgeshire Community Safety Partnerships",
    "FRAMEWORK OF ASB PROJECTS",
    "Suggested content for a partnership strategic assessment",
    "DATA SOURCES – STRATEGIC ASSESSMENTS 2011",
)
MINUTE_HEADING_RE = re.compile(r"^\d{2}\. [A-Z0-9 ()/'&,.\-]+$")
MINUTES_SUBHEADINGS = (
    "Priority 1-",
    "Priority 2-",
    "Priority 3-",
    "Priority 4-",
    "Update-",
    "State of the Partnership",
    "Matters Arising:",
    "APOLOGIES:",
    "Present:",
)
PACK_HEADINGS = {
    "Purpose",
    "Background",
    "Proposal",
    "Recommendations",
    "Recommendation",
    "Summary",
    "Summary of changes",
    "Monthly District Tasking and Co-ordination Group",
    "Annual CDRP Board meeting",
    "Security",
    "Emergency and Evacuation",
    "First Aid",
    "Access for People with Disabilities",
    "Toilets",
    "Recording of Business and Use of Mobile Phones",
    "Banners, Placards and similar items",
    "Disturbance by Public",
    "Smoking",
    "Food and Drink",
    "OUR VISION",
    "OUR VALUES",
    "Ongoing Monitoring",
    "Crime Performance",
    "Other Issues",
    "IOM Updates",
    "Performance for year to date",
    "Safer & Stronger Communities Fund (SSCF)",
    "CDRP Pooled Fund",
    "Introduction",
    "Process",
    "Scan",
    "Analyse",
    "Respond",
    "Assess",
    "Format",
    "Data Sources",
    "Community Consultation",
    "Suggested Timescale",
    "Contents",
    "Young people drug and alcohol treatment services:",
    "Service delivery:",
    "Performance:",
    "Adult drug and alcohol services:",
    "Drug intervention Programme (DIP)",
    "Area of concerns:",
    "Key Achievements during this quarter",
    "1. Purpose",
    "2. Background",
    "3. IDVA Performance Q1 2011/12",
    "4. Emerging Issues",
    "5. Risks",
    "6. Recommendations",
    "Domestic Abuse Performance Update",
    "Drug and Alcohol Action Team Update",
    "1. DWELLING BURGLARY",
    "2. FARM CRIME",
    "3. EMERGING ISSUES",
    "APPENDIX 1 - CADET Highlights",
    "Section 1: Introduction",
    "Section 2: The Analysis",
    "Section 3: Priorities",
    "Section 4: Gaps in Current Activity, Provision and Intelligence",
    "Section 5: Conclusion",
}
REPORT_TITLES = {
    "CDRP REVIEW GROUP PROPOSALS",
    "CHANGES TO LEGISLATION",
    "PERFORMANCE REPORTING OF CDRP PRIORITIES",
    "2010-11 CDRP FUNDING",
    "CDRP FUNDING 2011-12",
    "GUIDANCE NOTES FOR VISITORS TO SOUTH CAMBRIDGESHIRE HALL",
    "FRAMEWORK OF ASB PROJECTS AND WORK TO BE DELIVERED BY SCDC AFFORDABLE HOUSING",
    "DATA SOURCES – STRATEGIC ASSESSMENTS 2011",
}


def _pack_text() -> str:
    text = (ORIGINALS / "2011-07-26-board-agenda-pack.txt").read_text(encoding="utf-8")
    # A line the original broke inside its two-line title: one paragraph, the break kept as a
    # LINE SEPARATOR, which reportlab sets as a space (this PDF prints one line) and the prints
    # of corpus/prints/ set as a line break, as the original did. And TeX the text carried.
    text = text.replace("Tuesday, 26\nApril 2011", "Tuesday, 26\u2028April 2011")
    text = re.sub(r"\$\\pm ([\d.]+)\\%\$", r"±\1%", text)
    # Bold that runs over two lines: close and reopen it on each line.
    text = re.sub(r"^\*\*([^*\n]+)\n([^*\n]+)\*\*$", r"**\1**\n**\2**", text, flags=re.M)
    return text


def agenda_letter(lines: list[str]) -> tuple[list[Flowable], int]:
    """Covering letter and agenda (first two pages of the pack)."""
    story: list[Flowable] = []
    footer_lines: list[str] = []
    agenda_rows: list[list[str]] = []
    i = 0
    while i < len(lines) and not lines[i].startswith("OUR VISION"):
        raw = lines[i]
        s = raw.strip()
        i += 1
        if not s:
            continue
        if raw.startswith("AGENDA\t"):
            agenda_rows = [["", "AGENDA", "PAGES"]]
            continue
        if agenda_rows and "\t" in raw:
            f = raw.split("\t")
            m = re.match(r"^(\d+)\.\s*(.*)$", f[0])
            if m and m.group(2):
                agenda_rows.append([m.group(1) + ".", m.group(2), f[-1]])
            else:
                agenda_rows.append([f[0], f[1], f[2] if len(f) > 2 else ""])
            continue
        if agenda_rows and s.startswith(
            (
                "South Cambridgeshire District Council,",
                "Tel:",
                "Democratic Services Contact Officer",
            )
        ):
            footer_lines.append(s)
            if s.startswith("Democratic"):
                # end of page 1: the agenda table breaks here and resumes on page 2
                story.append(_agenda_table(agenda_rows))
                story.append(Mark(footer_lines=footer_lines))
                story.append(PageBreak())
                agenda_rows = [["", "AGENDA", "PAGES"]]
            continue
        if agenda_rows and len(agenda_rows) > 1:
            story.append(_agenda_table(agenda_rows))
            agenda_rows = []
        if s == "18 July 2011":
            story.append(para(s, "right"))
        elif s.startswith("To:"):
            story.append(para("<b>To:</b>" + inline(s[3:]), markup=True))
        elif s == "CLAIRE DILLON":
            story.append(para(s, "bold"))
        else:
            story.append(para(s))
    return story, i


def _agenda_table(rows: list[list[str]]) -> Table:
    data = []
    for r, (num, item, pages) in enumerate(rows):
        st = "cell9_bold" if r == 0 else "cell9"
        data.append(
            [
                Paragraph(inline(num), STYLES[st]),
                Paragraph(inline(item), STYLES[st]),
                Paragraph(inline(pages), STYLES[st]),
            ]
        )
    style = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    return Table(data, colWidths=[30, FRAME_W - 90, 60], style=style, repeatRows=1, hAlign="LEFT")


# ---- the pack's tables: one builder per table, chosen by the block's first line ------------


def t_present(block: list[list[str]]) -> Flowable:
    return plain_table([[r[0], r[1] if len(r) > 1 else ""] for r in block], [170, FRAME_W - 170])


def t_heading_fields(block: list[list[str]]) -> Flowable:
    rows = [[r[0], r[1] if len(r) > 1 else "", r[2] if len(r) > 2 else ""] for r in block]
    return plain_table(rows, [90, 280, FRAME_W - 370], bold_first_col=True)


def t_legislation(block: list[list[str]]) -> Flowable:
    return ruled_table(block, [45, 218, 218], body_style="cell9", header_style="cell9_bold")


def t_priorities_html(block: list[list[str]]) -> Flowable:
    """The Q1 2011-12 summary: progress cells are coloured squares with no text."""
    rows = [[r[0], r[1] if len(r) > 1 else ""] for r in block]
    return ruled_table(
        rows,
        [330, 110],
        header_rows=1,
        body_style="cell9",
        header_style="cell9_bold",
        extra=[("BACKGROUND", (0, 0), (-1, 0), colors.white)],
    )


def t_farm_crime(block: list[list[str]]) -> Flowable:
    return ruled_table(
        [([*r, "", "", ""])[:3] for r in block],
        [240, 100, 100],
        header_rows=2,
        body_style="cell9",
        header_style="cell9_bold",
        extra=[("SPAN", (1, 0), (2, 0)), ("SPAN", (0, 0), (0, 1))],
    )


def t_cadet(block: list[list[str]]) -> Flowable:
    rows = [(r + [""] * 7)[:7] for r in block]
    extra = [
        ("SPAN", (1, 0), (2, 0)),
        ("SPAN", (3, 0), (4, 0)),
        ("SPAN", (0, 0), (0, 2)),
        ("SPAN", (5, 0), (5, 2)),
        ("SPAN", (6, 0), (6, 2)),
    ]
    for r in range(3, len(rows)):  # a period total sits across its From/To columns
        extra += [("SPAN", (1, r), (2, r)), ("SPAN", (3, r), (4, r))]
    return ruled_table(rows, [165, 50, 50, 50, 50, 56, 60], header_rows=3, extra=extra)


def t_ppo(block: list[list[str]]) -> Flowable:
    return ruled_table(
        [([*r, "", ""])[:3] for r in block],
        [130, 175, 175],
        body_style="cell9",
        header_style="cell9_bold",
    )


def t_funding_2010(block: list[list[str]]) -> Flowable:
    """2010-11 funding table: lose the trailing tabs, keep each amount in its fund column."""
    rows: list[list[str]] = []
    for r in block:
        f = [c for c in r]
        if len(f) > 5:  # a run of empty cells between the amounts and the progress update
            first = f[:4]
            rest = [c for c in f[4:] if c]
            f = [*first, " ".join(rest)]
        rows.append((f + [""] * 5)[:5])
    # The text original lost the totals labels' alignment: "Totals" on a line of its own,
    # "Funds remaining" beside the totals, and the remaining funds on an unlabelled line.
    # The amounts add up to Totals 60,279.00 / 0.00 / 419.00 and Funds remaining
    # 0.00 / 0.00 / 32,087.40 (= 32,506.40 - 419.00), which is how they are laid out here.
    for k, row in enumerate(rows):
        if (
            row[0] == "Totals"
            and k + 2 < len(rows)
            and rows[k + 1][0] == "Funds remaining"
            and rows[k + 2][0] == ""
        ):
            rows[k] = ["Totals", *rows[k + 1][1:4], ""]
            rows[k + 1] = ["Funds remaining", *rows[k + 2][1:4], ""]
            del rows[k + 2]
            break
    sections = {
        "ASB Initiatives",
        "Serious Acquisitive Crime",
        "Reducing Reoffending",
        "Road Safety",
        "Totals",
        "Funds remaining",
        "SSCF GRANT APPLICATIONS",
        "2010-11 CDRP Funding Plan",
        "Project",
    }
    extra: list[tuple] = [("SPAN", (4, 0), (4, 1)), ("ALIGN", (1, 0), (3, -1), "RIGHT")]
    for k, row in enumerate(rows):
        if row[0] in sections:
            extra.append(("FONTNAME", (0, k), (-1, k), "Helvetica-Bold"))
    table = ruled_table(rows, [118, 50, 45, 48, 220], header_rows=2, extra=extra)
    for k, row in enumerate(rows):  # bold section rows (Paragraphs ignore FONTNAME)
        if row[0] in sections and k >= 2:
            table._cellvalues[k][0] = Paragraph(inline(row[0]), STYLES["cell_bold"])
    return table


def _join_continuations(
    block: list[list[str]], ncols: int, is_new_row: Callable[[list[str]], bool]
) -> list[list[str]]:
    """Join chunks that restart with the header row; re-join rows the page break split."""
    header = (block[0] + [""] * ncols)[:ncols]
    rows = [header]
    after_header = False
    for r in block[1:]:
        r = (r + [""] * ncols)[:ncols]
        if r == header:
            after_header = True
            continue
        if after_header and not is_new_row(r) and len(rows) > 1:
            rows[-1] = [
                (a + " " + b).strip() if b.strip() else a for a, b in zip(rows[-1], r, strict=True)
            ]
        else:
            rows.append(r)
        after_header = False
    return rows


def t_asb_framework(block: list[list[str]]) -> Flowable:
    rows = _join_continuations(block, 5, lambda r: bool(re.match(r"^\d+\. ", r[0])))
    return ruled_table(rows, [85, 85, 110, 85, 116])


def t_funding_2011(block: list[list[str]]) -> Flowable:
    rows = [(r + [""] * 4)[:4] for r in block]
    extra = [("ALIGN", (2, 1), (2, -1), "RIGHT")]
    return ruled_table(
        rows, [35, 150, 60, 236], body_style="cell9", header_style="cell9_bold", extra=extra
    )


def t_two_col_ruled(block: list[list[str]]) -> Flowable:
    return ruled_table(
        [([*r, "", ""])[:2] for r in block],
        [220, 261],
        body_style="cell9",
        header_style="cell9_bold",
    )


def t_timescale(block: list[list[str]]) -> Flowable:
    return plain_table([([*r, "", ""])[:2] for r in block], [150, FRAME_W - 150])


AGENCIES = (
    "CAMBRIDGESHIRE",
    "CAMBRIDGE CITY",
    "PROBATION",
    "HEALTH",
    "FIRE",
    "EAST",
    "FENLA",
    "HUNTINGDON",
    "SOUTH CAMBRIDGESHIRE",
)


def t_data_sources(block: list[list[str]]) -> Flowable:
    rows = []
    for r in block:
        r = list(r)
        while len(r) > 6 and r[0] == "" and r[1].startswith(AGENCIES):
            r = r[1:]  # an agency name shifted one cell right
        if (
            r[0]
            and not r[0].startswith(AGENCIES)
            and r[0] != "Agency"
            and len(r) > 1
            and r[1] == ""
        ):
            r = ["", r[0], *r[2:]]  # a data source that lost its empty agency cell
        if (
            len(r) == 6
            and r[0].startswith(AGENCIES)
            and not r[3]
            and not r[4]
            and r[5]
            and not r[2].replace('<ul style="list-style-type: none">', "").strip()
        ):
            r = [*r[:4], r[5], ""]  # a contact name that slid into the Actions column
        rows.append((r + [""] * 6)[:6])
    rows = [rows[0]] + [r for r in rows[1:] if r != rows[0]]
    return ruled_table(rows, [68, 68, 100, 95, 80, 70], extra=[("FONTSIZE", (0, 0), (-1, -1), 7)])


def t_generic(block: list[list[str]]) -> Flowable:
    n = max(len(r) for r in block)
    return ruled_table([(r + [""] * n)[:n] for r in block], [FRAME_W / n] * n)


PACK_TABLES: list[tuple[str, Callable[[list[list[str]]], Flowable]]] = [
    ("Rick Hylton\t", t_present),
    ("REPORT TO:\t", t_heading_fields),
    ("AUTHOR:\t", t_heading_fields),
    ("Number\tNew legislation", t_legislation),
    ("<u>CDRP Priorities", t_priorities_html),
    ("CRIME TYPE\t", t_farm_crime),
    ("\tEarlier Period", t_cadet),
    ("\tPPO\tDIP", t_ppo),
    ("2010-11 CDRP Funding Plan\t", t_funding_2010),
    ("Project/Theme\t", t_asb_framework),
    ("LINE\tINCOME/EXPENDITURE", t_funding_2011),
    ("Comment\tChange", t_two_col_ruled),
    ("July 14 th", t_timescale),
    ("Agency\tData Source", t_data_sources),
]


def _strip_trailing(fields: list[str]) -> list[str]:
    while fields and fields[-1] == "":
        fields = fields[:-1]
    return fields


def pack_table(block_lines: list[str]) -> Flowable:
    first = block_lines[0]
    block = [_strip_trailing(x.split("\t")) or [""] for x in block_lines]
    for prefix, builder in PACK_TABLES:
        if first.startswith(prefix):
            return builder(block)
    return t_generic(block)


def _pack_line(raw: str, story: list[Flowable], section: str) -> None:
    s = raw.strip()
    if s.startswith(("REPORT TO:", "AUTHOR/S:", "Date:", "To:", "From:", "Purpose:", "Action:")):
        label, _, rest = s.partition(":")
        story.append(para(f"<b>{esc(label)}:</b>{inline(rest)}", markup=True))
    elif s.startswith("**From:"):
        story.append(para(s, "bold"))
    elif s.startswith("Action**") and s.endswith("**"):
        story.append(para("Action", "right"))
        story.append(para(s[6:], "bold"))
    elif "**" in s and not re.fullmatch(r"\*\*.*\*\*", s) and s.count("**") >= 4:
        # Several bold headings run together on one line in the text original.
        for k, piece in enumerate(s.split("**")):
            if piece.strip():
                story.append(para(piece.strip(), "bold" if k % 2 else "body"))
    elif section == "minutes" and (MINUTE_HEADING_RE.match(s) or s.startswith(MINUTES_SUBHEADINGS)):
        story.append(para(s, "bold"))
    elif s in REPORT_TITLES:
        story.append(para(s, "h2"))
    elif s in PACK_HEADINGS or re.fullmatch(r"Figure \d\.\d: .*|Table \d\.\d .*", s):
        story.append(para(s, "bold"))
    elif re.match(r"^[¹²³⁴⁵⁶⁷⁸⁹]+ ", s):
        story.append(para(s, "footnote"))
    elif raw.startswith(" - ") or raw.startswith("  - "):
        story.append(para(s[2:], "bullet2", bulletText="–"))
    elif raw.startswith("- o "):
        story.append(para(s[4:], "bullet_o", bulletText="o"))
    elif raw.startswith("- "):
        m = re.match(r"^- (\d+(?:\.\d+)+\.?)\s+(.*)$", s)
        if m:
            story.append(para(m.group(2), "numbered", bulletText=m.group(1)))
        else:
            story.append(para(s[2:], "bullet", bulletText="•"))
    elif re.match(r"^[ivx]+\) ", s):
        num, _, rest = s.partition(" ")
        story.append(para(rest, "numbered_sub", bulletText=num))
    else:
        m = re.match(r"^(\d+(?:\.\d+)*\.)\s+(.*)$", s)
        if m and section != "minutes" and not MINUTE_HEADING_RE.match(s):
            story.append(para(m.group(2), "numbered", bulletText=m.group(1)))
        else:
            story.append(para(s))


BRANDING = ("0345 456 456 4", "www.cambs.police.uk", "Creating a safer", "Cambridgeshire")


def presentation(text: str) -> list[Flowable]:
    """The police presentation: one slide per page (branding panels are slides of their own)."""
    slides: list[list[str]] = []
    for chunk in re.split(r"\n\s*\n\s*\n\s*\n", text.strip()):
        chunk_lines = [x for x in chunk.split("\n") if x.strip()]
        if chunk_lines[: len(BRANDING)] == list(BRANDING):
            slides.append(chunk_lines[: len(BRANDING)])
            chunk_lines = chunk_lines[len(BRANDING) :]
        if chunk_lines:
            slides.append(chunk_lines)
    story: list[Flowable] = []
    for slide_lines in slides:
        story.append(PageBreak())
        if slide_lines == list(BRANDING):
            story.append(Spacer(1, 200))
            story += [Paragraph(inline(x), STYLES["slide_branding"]) for x in slide_lines]
            continue
        story.append(para(slide_lines[0], "slide_title"))
        for raw in slide_lines[1:]:
            s = raw.strip()
            if raw.startswith(" - "):
                story.append(para(s[2:], "slide2", bulletText="–"))
            elif raw.startswith("- "):
                story.append(para(s[2:], "slide", bulletText="•"))
            else:
                story.append(para(s, "slide_plain"))
    return story


def _pack_blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Split lines into ("text", [line]) and ("table", [lines]) blocks.

    A table block is a run of tab-separated lines; runs separated only by blank lines are one
    table (the original's page breaks, each chunk restarting with its header row).
    """
    blocks: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            block = []
            while i < len(lines):
                if "\t" in lines[i]:
                    block.append(lines[i])
                    i += 1
                    continue
                j = i
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if j < len(lines) and "\t" in lines[j] and j > i:
                    i = j
                    continue
                break
            blocks.append(("table", block))
        else:
            blocks.append(("text", [lines[i]]))
            i += 1
    return blocks


def agenda_pack_story() -> list[Flowable]:
    text = _pack_text()
    main, _, slides = text.partition("Local Policing Plan 2011-2014")
    slides, blank_at_end = slides.rstrip(), slides.rstrip().endswith(BLANK_LINE)
    if blank_at_end:
        slides = slides[: -len(BLANK_LINE)]
    lines = main.split("\n")
    story, i = agenda_letter(lines)
    section = "front"
    started = False
    for kind, block in _pack_blocks(lines[i:]):
        if kind == "table":
            story.append(pack_table(block))
            story.append(Spacer(1, 8))
            continue
        raw = block[0]
        s = raw.strip()
        if not s:
            continue
        if s == BLANK_LINE:
            story += [PageBreak(), Mark(blank=True), para(s, "blank_page"), PageBreak()]
            started = True
            continue
        if s == "SOUTH CAMBRIDGESHIRE CRIME AND DISORDER REDUCTION PARTNERSHIP":
            section = "minutes"
            story += [Mark(number_from_here=True), para(s, "centre_bold")]
            continue
        if s.startswith(PACK_NEW_PAGE):
            section = "report"
            if not started:
                story.append(PageBreak())
            if s.startswith("**SOUTH CAMBRIDGESHIRE DISTRICT"):
                story.extend(
                    heading_block(
                        ["SOUTH CAMBRIDGESHIRE DISTRICT", "CRIME & DISORDER REDUCTION PARTNERSHIP"]
                    )
                )
                started = False
                continue
        started = False
        if s == "**CRIME & DISORDER REDUCTION PARTNERSHIP**":
            continue
        if s.startswith(("South Cambs Crime and Disorder", "2011/12 Quarterly Progress")):
            story.append(para(s, "right"))  # running header of the police/county report
            continue
        if s in ("Performance Report", "Q1 – 2011-12"):
            story.append(para(s, "title"))
            continue
        _pack_line(raw, story, section)
    story.append(PageBreak())
    story.extend(presentation("Local Policing Plan 2011-2014" + slides)[1:])  # drop 1st break
    if blank_at_end:
        story += [PageBreak(), Mark(blank=True), para(BLANK_LINE, "blank_page")]
    return story


def build_agenda_pack(out_dir: Path) -> Path:
    path = out_dir / "2011-07-26-board-agenda-pack.pdf"
    build_pdf(
        path,
        agenda_pack_story(),
        PACK_TITLE,
        footer_agenda_pack,
        subject="Agenda, minutes and reports",
    )
    return path


# --------------------------------------------------------------------------------------------
# Paper 5: 2010-11 Q3 performance report (update-only plans, several milestones in one cell)
# --------------------------------------------------------------------------------------------

Q3_ORIGINAL = "2010-11-q3-performance-report.txt"
PLAN_WIDTHS = [92, 150, 70, 66, 103]  # Action | Milestones | Lead | Other partners | Update
DV_WIDTHS = {4: [56, 50, 170, 205], 5: [52, 44, 130, 130, 125]}
DV_TITLE_ROWS = 4
DASH_RULE_RE = re.compile(r"^-{2,}(?:\t-{2,})*\t*$")
MILESTONE_START_RE = re.compile(r"\s+(?=\d{1,2}\.\d{1,2}[a-z] )")
Q3_BOLD = {
    "Scheme Updates – PPO (all 3 strands)",
    "IOM Updates",
    "Young people service",
    "Adult drug and alcohol treatment service",
    "Drug Intervention Programme (DIP)",
}


def _q3_text() -> str:
    text = (ORIGINALS / Q3_ORIGINAL).read_text(encoding="utf-8")
    # The partnership's name is a bold title over two lines: one paragraph, the break kept as a
    # LINE SEPARATOR (see _pack_text).
    text = re.sub(r"^\*\*([^*\n]+)\n([^*\n]+)\*\*$", "**\\1\u2028\\2**", text, flags=re.M)
    # A bullet the original broke over a page, with that page's footnote between its halves:
    # the bullet is joined and the footnote follows it.
    return re.sub(
        r"(opportunity for association with)\n\n(⁵ [^\n]*)\n\n(non-offending peers[^\n]*)",
        r"\1 \3\n\n\2",
        text,
    )


def parse_update_plan(block: list[str]) -> dict:
    """An update-only plan: its header (repeated after each page break of the original, and
    dropped there) and rows of five cells. The rules of dashes the text carried are no rows."""
    header: list[str] | None = None
    rows: list[list[str]] = []
    for line in block:
        if not line.strip() or DASH_RULE_RE.match(line):
            continue
        fields = _fields(line, 5)
        if header is None:
            header = fields
        elif fields != header:
            rows.append(fields)
    assert header is not None
    return {"header": header, "rows": rows}


def update_plan_table(table: dict) -> Table:
    """Action | Milestones | Lead | Other partners | Update, no status column. An action's cell
    is merged down its milestone rows (drawn without rules); several milestones in one cell
    each start a line; the update cell is as the text gives it (paragraphs as paragraphs)."""
    rows = table["rows"]
    data: list[list[object]] = [cells(table["header"], "cell_bold")]
    cmds: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
        ("INNERGRID", (1, 0), (-1, -1), 0.5, colors.black),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, colors.black),
        ("LINEBELOW", (0, 0), (0, 0), 0.5, colors.black),
    ]
    starts = [r for r, row in enumerate(rows, start=1) if r == 1 or row[0]]
    ends = [*starts[1:], len(rows) + 1]
    for start in starts[1:]:
        cmds.append(("LINEABOVE", (0, start), (0, start), 0.5, colors.black))
    for row in rows:
        out: list[object] = []
        for c, text in enumerate(row):
            markup = cell_markup(text)[0]
            if c == 1:
                markup = MILESTONE_START_RE.sub("<br/>", markup)
            out.append(Paragraph(markup, STYLES["cell"]))
        data.append(out)
    t = SplitTable(data, colWidths=PLAN_WIDTHS, repeatRows=1, style=TableStyle(cmds), hAlign="LEFT")
    merged = [(0, s, e - 1) for s, e in zip(starts, ends, strict=True) if e - 1 > s]
    plan_attrs(t, merged=merged, actions=list(zip(starts, ends, strict=True)))
    return t


def parse_dv_plan(block: list[str]) -> list[dict]:
    """The domestic abuse task group's plan: chunks (one per page of the original), each
    restarting with four title rows. Chunks of one width are one table: the first chunk has
    four columns (no Quarterly Progress), the others five."""
    chunks: list[dict] = []
    for line in block:
        if not line.strip():
            continue
        if line.startswith("Southern Domestic Abuse Task Group"):
            chunks.append({"ncols": len(line.split("\t")), "title": [], "rows": []})
        chunk = chunks[-1]
        fields = _fields(line, chunk["ncols"])
        (chunk["title"] if len(chunk["title"]) < DV_TITLE_ROWS else chunk["rows"]).append(fields)
    tables: list[dict] = []
    for chunk in chunks:
        if tables and tables[-1]["title"] == chunk["title"]:
            tables[-1]["rows"] += chunk["rows"]
        else:
            tables.append(chunk)
    return tables


def dv_plan_table(table: dict) -> Table:
    """Title rows merged across (repeated on every page), a grey column header, section rows
    ("PRIORITY 1. ...", "Priority 2: ...") merged across, one row per numbered item."""
    n = table["ncols"]
    rows = table["title"] + table["rows"]
    extra: list[tuple] = [
        ("SPAN", (0, 0), (-1, 0)),
        ("SPAN", (0, 1), (-1, 1)),
        ("SPAN", (0, 2), (1, 2)),
        ("SPAN", (2, 2), (-1, 2)),
        ("BACKGROUND", (0, 0), (-1, DV_TITLE_ROWS - 2), colors.white),
        ("BACKGROUND", (0, DV_TITLE_ROWS - 1), (-1, DV_TITLE_ROWS - 1), HEADER_FILL),
    ]
    sections = []
    for r, row in enumerate(rows[DV_TITLE_ROWS:], start=DV_TITLE_ROWS):
        if row[0] and not any(row[1:]):
            extra.append(("SPAN", (0, r), (-1, r)))
            sections.append(r)
    t = ruled_table(rows, DV_WIDTHS[n], header_rows=DV_TITLE_ROWS, extra=extra)
    for r in sections:
        t._cellvalues[r][0] = [Paragraph(cell_markup(rows[r][0])[0], STYLES["cell_bold"])]
    return t


def t_q3_stats(block: list[list[str]]) -> Flowable:
    """The ASB task group's figures: each bullet of a cell's list on a line of its own."""
    table = t_two_col_ruled(block)
    for row in table._cellvalues:
        for k, value in enumerate(row):
            para_ = value[0]
            markup = para_.text.replace(
                '<font name="Symbol">•</font>', '<br/><font name="Symbol">•</font> '
            )
            row[k] = [Paragraph(markup, para_.style)]
    return table


def _q3_table(block_lines: list[str]) -> list[Flowable]:
    first = block_lines[0]
    if first.startswith("Action\tMilestones"):
        return [update_plan_table(parse_update_plan(block_lines))]
    if first.startswith("Southern Domestic Abuse Task Group"):
        out: list[Flowable] = []
        for table in parse_dv_plan(block_lines):
            out += [dv_plan_table(table), Spacer(1, 10)]
        return out[:-1]
    block = [_strip_trailing(x.split("\t")) or [""] for x in block_lines if x.strip()]
    if first.startswith("\tPPO\tDIP"):
        return [t_ppo(block)]
    if first.startswith("ASB Task Group Stats"):
        return [t_q3_stats(block)]
    return [t_generic(block)]


def _q3_line(raw: str, story: list[Flowable], state: dict) -> None:
    s = raw.strip()
    if s.startswith("**") and s.endswith("**"):
        story.append(para(s, "subtitle"))
    elif s in ("Performance Report", "Q3 – 2010-11"):
        story.append(para(s, "title"))
    elif (re.match(r"^Priority \d+: ", s) and "ction plan" not in s) or re.match(
        r"^\d\. Update from ", s
    ):
        if state["seen_priority"]:
            story.append(PageBreak())
        state["seen_priority"] = True
        story.append(para(s, "h1"))
    elif re.match(r"^\d\.\d [A-Z]", s):
        story.append(para(s, "h2"))
    elif "ction plan for" in s or s in Q3_BOLD:
        story.append(para(s, "bold"))
    elif s.startswith(("Priority Area:", "Lead Officer:")):
        markup = re.sub(r"(Priority Area:|Lead Officer:)", r"<b>\1</b>", inline(s))
        story.append(para(markup, markup=True))
    elif s.startswith(HEADING_PREFIXES):
        story.append(para(s, "bold"))
    elif FOOTNOTE_RE.match(s):
        story.append(para(s, "footnote"))
    elif raw.startswith(" - o "):
        story.append(para(s[4:], "bullet_o", bulletText="o"))
    elif raw.startswith("- "):
        story.append(para(s[2:], "bullet", bulletText="•"))
    else:
        story.append(para(s))


def q3_report_story() -> list[Flowable]:
    story: list[Flowable] = []
    state = {"seen_priority": False}
    for kind, block in _pack_blocks(_q3_text().split("\n")):
        if kind == "table":
            story += [Spacer(1, 4), *_q3_table(block), Spacer(1, 10)]
        elif block[0].strip():
            _q3_line(block[0], story, state)
    return story


def build_q3_report(out_dir: Path) -> Path:
    path = out_dir / "2010-11-q3-performance-report.pdf"
    build_pdf(
        path,
        q3_report_story(),
        Q3_TITLE,
        footer_page_n_of_m,
        subject="CDRP board paper",
    )
    return path


# --------------------------------------------------------------------------------------------
# Paper 4: 2012/13 Tasking & Co-ordination Group minute (ModernGov web page)
# --------------------------------------------------------------------------------------------

MODERNGOV_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Agenda item - {title} - South Cambridgeshire District Council</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="SiteSpecific/ssMgStyles.css">
<script>
  /* analytics stub, as on the council's pages: no content */
  window.dataLayer = window.dataLayer || [];
  function gtag(){{dataLayer.push(arguments);}}
  gtag('js', new Date());
  gtag('config', 'UA-0000000-0');
</script>
</head>
<body>
<noscript><iframe src="about:blank" height="0" width="0" style="display:none;visibility:hidden"
 title="analytics"></iframe></noscript>
<div id="mgHeader">
  <a class="mgSkipLink" href="#mgMainContent">Skip to main content</a>
  <div class="mgLogo">
    <a href="https://www.scambs.gov.uk/">South Cambridgeshire District Council</a>
  </div>
  <ul class="mgNavigation">
    <li><a href="mgListCommittees.aspx">Committees</a></li>
    <li><a href="mgCalendarMonthView.aspx">Calendar</a></li>
    <li><a href="mgMemberIndex.aspx">Councillors</a></li>
    <li><a href="mgListDocuments.aspx">Documents</a></li>
  </ul>
</div>
<div class="mgBreadCrumbs">
  <ul>
    <li><a href="https://www.scambs.gov.uk/">Home</a></li>
    <li><a href="mgListCommittees.aspx">Committees</a></li>
    <li>Agenda item</li>
  </ul>
</div>
<div id="mgMainContent" class="mgContent">
<h1 class="mgMainTitleTxt">Agenda item</h1>
<h2 class="mgSubTitleTxt">{title}</h2>
<div class="mgSectionTitle"><h3>Minutes:</h3></div>
<div class="mgContentDecision">
{paragraphs}
</div>
<div class="mgSectionTitle"><h3>Supporting documents:</h3></div>
<ul class="mgBulletList">
  <li><a href="documents/statement-of-expenditure-2012-13.pdf"
   class="mgPdfLink">Statement of Expenditure 2012/13, item (PDF)</a></li>
</ul>
</div>
<div id="mgFooter">
  <p><a href="mgGeneric.aspx?bcr=1">Accessibility</a> |
     <a href="mgGeneric.aspx?bcr=2">Privacy</a></p>
  <p>Powered by Modern.Gov</p>
</div>
<script>
  document.addEventListener('DOMContentLoaded', function () {{ /* cookie banner stub */ }});
</script>
</body>
</html>
"""


def build_moderngov_page(out_dir: Path) -> Path:
    lines = lines_of(ORIGINALS / "2012-13-tasking-and-coordination-update.txt")
    body = [x.strip().replace("\xa0", "") for x in lines]
    body = [x for x in body if x]
    assert body[0] == "Agenda item" and body[2] == "Minutes:" and body[-1].startswith("Supp")
    title = body[1]
    paras = []
    for x in body[3:-1]:
        escaped = x.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if x.endswith("):") and "update by" in x:
            paras.append(f"<p><strong>{escaped}</strong></p>")
        else:
            paras.append(f"<p>{escaped}</p>")
        paras.append("<p>&nbsp;</p>")
    page = MODERNGOV_PAGE.format(
        title=title.replace("&", "&amp;"), paragraphs="\n".join(paras[:-1])
    )
    path = out_dir / "2012-13-tasking-and-coordination-update.html"
    path.write_text(page, encoding="utf-8", newline="\n")
    return path


# --------------------------------------------------------------------------------------------


def main() -> None:
    outputs = [
        *build_performance_report(HERE),
        build_rolling_plan(HERE),
        build_agenda_pack(HERE),
        build_q3_report(HERE),
        build_moderngov_page(HERE),
    ]
    for path in outputs:
        print(f"wrote {path.relative_to(HERE.parent)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
