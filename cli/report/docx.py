"""The assessment as a Word document (python-docx): headings, tables with coloured status
cells, and the charts as PNG images drawn from the same geometry as the HTML's SVG.
python-docx and Pillow are imported here only, when Word output is asked for."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from cdrp_archive.archive.analysis.assessment import Assessment
from cdrp_archive.cli.report.blocks import (
    Block,
    Bullets,
    Charts,
    Heading,
    Para,
    Quote,
    Table,
    layout,
)
from cdrp_archive.cli.report.charts import COLOURS, INK, to_png
from cdrp_archive.cli.report.common import LABELS

ACCENT = "1F4E79"


def _shade(cell: Any, hex_colour: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_colour.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def _cell_text(cell: Any, text: str, size: float, bold: bool = False, colour: str = "") -> None:
    from docx.shared import Pt, RGBColor

    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _table(doc: Any, table: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, header in enumerate(table.headers):
        cell = grid.rows[0].cells[i]
        _shade(cell, ACCENT)
        _cell_text(cell, header, 8.5, bold=True, colour="FFFFFF")
    _repeat_header(grid.rows[0])
    for row in table.rows:
        cells = grid.add_row().cells
        for i, value in enumerate(row):
            if i in table.status_columns:
                _shade(cells[i], COLOURS.get(value, "#FFFFFF"))
                _cell_text(cells[i], LABELS.get(value, value), 8, True, INK.get(value, ""))
            else:
                small = table.headers[i] == "Sources"
                _cell_text(cells[i], value, 7 if small else 8.5, colour="555555" if small else "")
            if i in table.numeric:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _block(doc: Any, block: Block) -> None:
    from docx.shared import Cm, Pt, RGBColor

    if isinstance(block, Heading):
        doc.add_heading(block.text, level=min(block.level - 1, 3) if block.level > 1 else 0)
    elif isinstance(block, Para):
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(block.text)
        run.bold = block.style == "lead"
        if block.style == "note":
            run.italic, run.font.size = True, Pt(9)
            run.font.color.rgb = RGBColor(0x5A, 0x62, 0x70)
    elif isinstance(block, Bullets):
        for item in block.items:
            doc.add_paragraph(item, style="List Bullet")
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Quote):
        paragraph = doc.add_paragraph(style="Quote")
        paragraph.add_run(f"“{block.text}”")
        cite = paragraph.add_run(f"\n— {block.cite}")
        cite.font.size = Pt(8)
    elif isinstance(block, Charts):
        for chart in block.charts:
            width = Cm(17 * chart.width / 700)
            doc.add_picture(BytesIO(to_png(chart)), width=width)
    else:
        raise TypeError(block)


def write(assessment: Assessment, path: Path) -> None:
    """Write the assessment as a .docx file."""
    import docx
    from docx.shared import Cm, Pt

    doc = docx.Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(1.8)
        section.top_margin = section.bottom_margin = Cm(1.6)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"Assessment of the implementation of the {assessment.year} plan"
    doc.core_properties.author = "cdrp-archive"
    for block in layout(assessment):
        _block(doc, block)
    doc.save(str(path))
