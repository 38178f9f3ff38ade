"""Print the seed papers the way the world does: through LibreOffice and through Chromium.

Run by hand from the repository root (CI needs neither tool; the PDFs are committed):

    python corpus/print_seeds.py            # every print
    python corpus/print_seeds.py --only libreoffice

The papers are the ones ``corpus/generate.py`` lays out with reportlab from the text originals
in ``corpus/originals/``. This script takes generate.py's story (its paragraphs with their
styles, its tables with their fills, spans and merged cells) and writes the same paper twice
more, in each producer's own terms:

- **libreoffice**: a Word document made with python-docx, using Word's own table features —
  vertically merged cells (an action's Number and Action cells merged down its milestone rows,
  the Priority cell down the whole plan), header rows marked to repeat on every page
  (``w:tblHeader``), cell shading (``w:shd``) — and a running header (the paper's title) and a
  "Page N of M" footer made of fields; printed by ``soffice --headless --convert-to pdf``.
- **chromium**: an HTML page with CSS borders and background colours (``thead`` repeated on every
  page, ``rowspan`` for merged cells), the title and page numbers in ``@page`` margin boxes;
  printed by ``chromium --headless --print-to-pdf``.

Cell *text* is generate.py's, flaws included; only the producer changes. The Q2 2009-10 report
is printed twice by each producer, statuses as words and shading and as shading only, as the
reportlab corpus does. Outputs go to ``corpus/prints/<producer>/``.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate as g  # noqa: E402  (corpus/generate.py, beside this script)
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table  # noqa: E402

OUT = HERE / "prints"
FONT = "Arial"  # LibreOffice and Chromium both set it as Liberation Sans on Debian


# --------------------------------------------------------------------------------------------
# The paper, producer-neutral: paragraphs of runs, tables of cells, page breaks
# --------------------------------------------------------------------------------------------


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    sup: bool = False
    color: str | None = None  # "RRGGBB"
    br: bool = False  # a line break, not text


@dataclass
class Para:
    runs: list[Run]
    size: float = 10
    bold: bool = False
    align: str = "left"  # left, center, right, justify
    indent: float = 0  # points
    space_before: float = 0
    space_after: float = 6
    color: str | None = None
    bullet: str | None = None

    @property
    def text(self) -> str:
        return "".join("\n" if r.br else r.text for r in self.runs)


@dataclass
class Grid:
    rows: list[list[list[Para]]]
    widths: list[float]
    header_rows: int = 0
    ruled: bool = True
    fills: dict[tuple[int, int], str] = field(default_factory=dict)
    # (first column, first row, last column, last row) of each merged area
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class Break:
    numbered_from_here: bool = False  # the agenda pack's page numbers start after it


Block = Para | Grid | Break

ALIGN = {0: "left", 1: "center", 2: "right", 4: "justify"}


class _RunParser(HTMLParser):
    """reportlab Paragraph markup -> runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.stack: list[tuple[str, dict[str, str | None]]] = []

    def _state(self) -> Run:
        run = Run("")
        for tag, attrs in self.stack:
            if tag == "b":
                run.bold = True
            elif tag == "i":
                run.italic = True
            elif tag == "u":
                run.underline = True
            elif tag in ("super", "sup"):
                run.sup = True
            elif tag == "font" and attrs.get("color"):
                run.color = _hex(attrs["color"] or "")
        return run

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.runs.append(Run("", br=True))
        else:
            self.stack.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.runs.append(Run("", br=True))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i]
                break

    def handle_data(self, data: str) -> None:
        for k, piece in enumerate(data.split("\u2028")):
            if k:
                self.runs.append(Run("", br=True))
            if piece:
                run = self._state()
                run.text = piece
                self.runs.append(run)


NAMED = {"red": "FF0000", "green": "00B050", "blue": "0000FF", "black": "000000"}


def _hex(value: object) -> str | None:
    """A reportlab colour or a colour name/#hex -> "RRGGBB" (None for white/none)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip().lower()
        if value.startswith("#"):
            return value[1:].upper()
        return NAMED.get(value)
    out = value.hexval()[2:].upper()  # type: ignore[attr-defined]
    return out


def _runs(markup: str) -> list[Run]:
    parser = _RunParser()
    parser.feed(markup)
    parser.close()
    runs = parser.runs
    # reportlab collapses white space; so do we (a producer would not print a newline)
    for run in runs:
        run.text = re.sub(r"\s+", " ", run.text)
    while runs and runs[0].br:
        runs.pop(0)
    while runs and runs[-1].br:
        runs.pop()
    if runs and not runs[0].br:
        runs[0].text = runs[0].text.lstrip()
    if runs and not runs[-1].br:
        runs[-1].text = runs[-1].text.rstrip()
    return runs


def para_of(p: Paragraph) -> Para:
    style = p.style
    markup = getattr(p, "cdrp_markup", None) or p.text
    color = _hex(style.textColor)
    bullet = getattr(p, "bulletText", None) or None
    return Para(
        _runs(markup),
        size=float(style.fontSize),
        bold="Bold" in style.fontName,
        align=ALIGN.get(style.alignment, "left"),
        indent=float(style.leftIndent),
        space_before=float(style.spaceBefore),
        space_after=float(style.spaceAfter),
        color=None if color in ("000000", "FFFFFF") else color,
        bullet=bullet if isinstance(bullet, str) else None,
    )


def _cell_paras(value: object) -> list[Para]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [Para(_runs(g.esc(value)), size=8, space_after=0)]
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in _cell_paras(v)]
    if isinstance(value, Paragraph):
        return [para_of(value)] if value.getPlainText().strip() else []
    raise TypeError(f"cell holds a {type(value).__name__}")


def _area(cmd: tuple, ncols: int, nrows: int) -> tuple[int, int, int, int]:
    (c0, r0), (c1, r1) = cmd[1], cmd[2]
    return c0 % ncols, r0 % nrows, c1 % ncols, r1 % nrows


def grid_of(t: Table) -> Grid:
    values = t._cellvalues
    nrows, ncols = len(values), len(values[0])
    fills: dict[tuple[int, int], str] = {}
    for cmd in t._bkgrndcmds:
        if cmd[0] != "BACKGROUND":
            continue
        c0, r0, c1, r1 = _area(cmd, ncols, nrows)
        colour = _hex(cmd[3])
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if colour in (None, "FFFFFF"):
                    fills.pop((r, c), None)
                else:
                    fills[(r, c)] = colour
    spans = [_area(cmd, ncols, nrows) for cmd in t._spanCmds]
    spans = [s for s in spans if s[:2] != s[2:]]
    if getattr(t, "cdrp_plan", False):
        # Word's way: the Priority cell merged down the plan, an action's cells down its rows.
        for col, first, last in t.cdrp_merged:
            spans.append((col, first, col, last))
        if ncols == g.ACTION_COLS:
            for first, end in t.cdrp_actions:
                if end - 1 > first:
                    spans += [(1, first, 1, end - 1), (2, first, 2, end - 1)]
    return Grid(
        rows=[[_cell_paras(v) for v in row] for row in values],
        widths=[float(w) for w in t._argW],
        header_rows=t.repeatRows if isinstance(t.repeatRows, int) else 0,
        ruled=bool(t._linecmds),
        fills=fills,
        spans=spans,
    )


def blocks_of(story: list[Flowable]) -> list[Block]:
    out: list[Block] = []
    footer_lines: list[str] = []
    for f in story:
        if isinstance(f, g.Mark):
            if f.attrs.get("number_from_here"):
                if out and isinstance(out[-1], Break):
                    out[-1].numbered_from_here = True
                else:
                    out.append(Break(numbered_from_here=True))
            footer_lines = list(f.attrs.get("footer_lines") or [])
        elif isinstance(f, PageBreak):
            for line in footer_lines:  # the letter's own foot: printed as small lines
                out.append(Para(_runs(g.esc(line)), size=8, align="center", space_after=0))
            footer_lines = []
            if out and not isinstance(out[-1], Break):
                out.append(Break())
        elif isinstance(f, Table):
            out.append(grid_of(f))
        elif isinstance(f, Paragraph):
            out.append(para_of(f))
        elif isinstance(f, Spacer):
            continue
        else:
            raise TypeError(f"story holds a {type(f).__name__}")
    return out


@dataclass
class Paper:
    name: str  # output file stem
    title: str  # running header
    story: Callable[[], list[Flowable]]
    numbering: str = "n of m"  # or "from minutes"


PAPERS = [
    Paper(
        "2009-10-q2-performance-report",
        g.Q2_TITLE,
        lambda: g.performance_report_story(True),
    ),
    Paper(
        "2009-10-q2-performance-report-shading-only",
        g.Q2_TITLE,
        lambda: g.performance_report_story(False),
    ),
    Paper("2010-11-q3-performance-report", g.Q3_TITLE, g.q3_report_story),
    Paper(
        "2011-07-26-board-agenda-pack",
        g.PACK_TITLE,
        g.agenda_pack_story,
        numbering="from minutes",
    ),
]


def covered(grid: Grid) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Every cell inside a merged area -> that area."""
    out = {}
    for span in grid.spans:
        c0, r0, c1, r1 = span
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                out[(r, c)] = span
    return out


# --------------------------------------------------------------------------------------------
# LibreOffice: python-docx, then soffice --convert-to pdf
# --------------------------------------------------------------------------------------------


def write_docx(paper: Paper, blocks: list[Block], path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt, RGBColor

    aligns = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    doc.core_properties.title = paper.title
    doc.core_properties.author = g.AUTHOR

    def page_setup(section) -> None:  # type: ignore[no-untyped-def]
        section.page_width, section.page_height = Pt(g.PAGE_W), Pt(g.PAGE_H)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Pt(g.MARGIN))
        section.header_distance = section.footer_distance = Pt(28)

    def fld(paragraph, instr: str) -> None:  # type: ignore[no-untyped-def]
        paragraph._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr="{instr}"><w:r><w:t>1</w:t></w:r>'
                "</w:fldSimple>"
            )
        )

    def furniture(section, footer: str | None) -> None:  # type: ignore[no-untyped-def]
        head = section.header.paragraphs[0]
        head.text = ""
        run = head.add_run(paper.title)
        run.font.size = Pt(8)
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if footer is None:
            return
        foot.add_run("Page ").font.size = Pt(8)
        fld(foot, "PAGE")
        if footer == "n of m":
            foot.add_run(" of ").font.size = Pt(8)
            fld(foot, "NUMPAGES")

    def fill_para(p, para: Para) -> None:  # type: ignore[no-untyped-def]
        fmt = p.paragraph_format
        fmt.alignment = aligns[para.align]
        fmt.space_before = Pt(para.space_before)
        fmt.space_after = Pt(para.space_after)
        if para.indent:
            fmt.left_indent = Pt(para.indent)
        if para.bullet:
            fmt.first_line_indent = Pt(-12)
            p.add_run(para.bullet + "\t").font.size = Pt(para.size)
            fmt.tab_stops.add_tab_stop(Pt(para.indent))
        for r in para.runs:
            if r.br:
                p.add_run().add_break()
                continue
            run = p.add_run(r.text)
            run.font.size = Pt(para.size)
            run.bold = para.bold or r.bold
            run.italic = r.italic or None
            run.underline = r.underline or None
            run.font.superscript = r.sup or None
            colour = r.color or para.color
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)

    def add_grid(grid: Grid) -> None:
        nrows, ncols = len(grid.rows), len(grid.widths)
        table = doc.add_table(rows=nrows, cols=ncols)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        if grid.ruled:
            table.style = doc.styles["Table Grid"]
        for c, column in enumerate(table.columns):
            column.width = Pt(grid.widths[c])  # w:gridCol, which LibreOffice lays out by
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                cell.width = Pt(grid.widths[c])
            if r < grid.header_rows:
                row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for c0, r0, c1, r1 in grid.spans:
            table.cell(r0, c0).merge(table.cell(r1, c1))
        areas = covered(grid)
        for r in range(nrows):
            for c in range(ncols):
                span = areas.get((r, c))
                if span and (span[1], span[0]) != (r, c):
                    continue
                cell = table.cell(r, c)
                paras = grid.rows[r][c]
                for k, para in enumerate(paras):
                    p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                    fill_para(p, para)
                colour = grid.fills.get((r, c))
                if colour:
                    cell._tc.get_or_add_tcPr().append(
                        parse_xml(
                            f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
                            f'w:fill="{colour}"/>'
                        )
                    )
        doc.add_paragraph().paragraph_format.space_after = Pt(4)

    first = doc.sections[0]
    page_setup(first)
    furniture(first, None if paper.numbering == "from minutes" else "n of m")
    for block in blocks:
        if isinstance(block, Para):
            fill_para(doc.add_paragraph(), block)
        elif isinstance(block, Grid):
            add_grid(block)
        elif block.numbered_from_here:
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            page_setup(section)
            section.footer.is_linked_to_previous = False
            section.header.is_linked_to_previous = False
            furniture(section, "n")
            section._sectPr.append(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
        else:
            doc.add_page_break()
    doc.save(str(path))


def soffice_pdf(source: Path, out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="print-seeds-lo-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return out_dir / (source.stem + ".pdf")


def print_libreoffice(paper: Paper, blocks: list[Block], out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="print-seeds-") as tmp:
        docx = Path(tmp) / f"{paper.name}.docx"
        write_docx(paper, blocks, docx)
        pdf = soffice_pdf(docx, Path(tmp))
        target = out_dir / pdf.name
        shutil.copyfile(pdf, target)
    return target


# --------------------------------------------------------------------------------------------
# Chromium: HTML with CSS, then chromium --headless --print-to-pdf
# --------------------------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 2cm;
  @top-right { content: "%(title)s"; font: 8pt %(font)s; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt %(font)s; } }
body { font-family: %(font)s; font-size: 10pt; margin: 0;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
p { margin: 0; }
.break { break-after: page; }
table { border-collapse: collapse; margin: 3pt 0 8pt 0; table-layout: fixed; }
table.ruled td, table.ruled th { border: 0.5pt solid #000; }
td, th { vertical-align: top; padding: 2pt 2.5pt 3pt 2.5pt; text-align: left; font-weight: normal; }
thead { display: table-header-group; }
tr { break-inside: auto; }
"""


def html_para(para: Para, tag: str = "p") -> str:
    style = [
        f"font-size:{para.size:g}pt",
        f"margin:{para.space_before:g}pt 0 {para.space_after:g}pt {para.indent:g}pt",
    ]
    if para.bold:
        style.append("font-weight:bold")
    if para.align != "left":
        style.append(f"text-align:{para.align}")
    if para.color:
        style.append(f"color:#{para.color}")
    parts = []
    if para.bullet:
        style.append("text-indent:-12pt")
        parts.append(
            f'<span style="display:inline-block;width:12pt;text-indent:0">'
            f"{html.escape(para.bullet)}</span>"
        )
    for r in para.runs:
        if r.br:
            parts.append("<br>")
            continue
        text = html.escape(r.text)
        for on, open_, close in (
            (r.bold, "<b>", "</b>"),
            (r.italic, "<i>", "</i>"),
            (r.underline, "<u>", "</u>"),
            (r.sup, "<sup>", "</sup>"),
        ):
            if on:
                text = open_ + text + close
        if r.color:
            text = f'<span style="color:#{r.color}">{text}</span>'
        parts.append(text)
    return f'<{tag} style="{";".join(style)}">{"".join(parts)}</{tag}>'


def html_grid(grid: Grid) -> str:
    areas = covered(grid)
    cols = "".join(f'<col style="width:{w:g}pt">' for w in grid.widths)
    out = [
        f'<table class="{"ruled" if grid.ruled else "plain"}" '
        f'style="width:{sum(grid.widths):g}pt"><colgroup>{cols}</colgroup>'
    ]
    for r, row in enumerate(grid.rows):
        if r == 0 and grid.header_rows:
            out.append("<thead>")
        if r == grid.header_rows and grid.header_rows:
            out.append("</thead><tbody>")
        elif r == 0:
            out.append("<tbody>")
        cells = []
        for c, paras in enumerate(row):
            span = areas.get((r, c))
            attrs = ""
            if span:
                if (span[1], span[0]) != (r, c):
                    continue
                c0, r0, c1, r1 = span
                if c1 > c0:
                    attrs += f' colspan="{c1 - c0 + 1}"'
                if r1 > r0:
                    attrs += f' rowspan="{r1 - r0 + 1}"'
            colour = grid.fills.get((r, c))
            if colour:
                attrs += f' style="background-color:#{colour}"'
            body = "".join(html_para(p) for p in paras)
            tag = "th" if r < grid.header_rows else "td"
            cells.append(f"<{tag}{attrs}>{body}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def write_html(paper: Paper, blocks: list[Block]) -> str:
    body = []
    for block in blocks:
        if isinstance(block, Para):
            body.append(html_para(block))
        elif isinstance(block, Grid):
            body.append(html_grid(block))
        else:
            body.append('<div class="break"></div>')
    css = CSS % {"title": paper.title.replace('"', "'"), "font": FONT}
    return (
        f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{html.escape(paper.title)}</title><style>{css}</style></head>\n"
        f"<body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def print_chromium(paper: Paper, blocks: list[Block], out_dir: Path) -> Path:
    target = out_dir / f"{paper.name}.pdf"
    with tempfile.TemporaryDirectory(prefix="print-seeds-cr-") as tmp:
        page = Path(tmp) / f"{paper.name}.html"
        page.write_text(write_html(paper, blocks), encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp}/profile",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return target


PRODUCERS: dict[str, Callable[[Paper, list[Block], Path], Path]] = {
    "libreoffice": print_libreoffice,
    "chromium": print_chromium,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", choices=sorted(PRODUCERS), action="append")
    parser.add_argument("--paper", action="append", help="output stem(s) to print")
    args = parser.parse_args(argv)
    for producer in args.only or list(PRODUCERS):
        out_dir = OUT / producer
        out_dir.mkdir(parents=True, exist_ok=True)
        for paper in PAPERS:
            if args.paper and paper.name not in args.paper:
                continue
            path = PRODUCERS[producer](paper, blocks_of(paper.story()), out_dir)
            print(f"{producer}: {path.relative_to(HERE.parent)}")
    return 0


def _iter_paras(blocks: list[Block]) -> Iterator[Para]:  # for checks by hand
    for block in blocks:
        if isinstance(block, Para):
            yield block
        elif isinstance(block, Grid):
            for row in block.rows:
                for cell in row:
                    yield from cell


if __name__ == "__main__":
    raise SystemExit(main())
