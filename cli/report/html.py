"""The assessment as one self-contained HTML file: inline CSS, inline SVG charts, no scripts,
no external resources; prints cleanly (A4, tables not split mid-row, charts kept whole)."""

from __future__ import annotations

from html import escape

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
from cdrp_archive.cli.report.charts import COLOURS, INK, to_svg
from cdrp_archive.cli.report.common import LABELS, title

CSS = """
:root { --ink: #1a1a1a; --muted: #5a6270; --rule: #d5d9de; --band: #f4f6f8; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 1100px; padding: 28px 36px 60px; font-size: 14px;
  line-height: 1.45; }
h1 { font-size: 26px; color: var(--accent); margin: 0 0 10px;
  border-bottom: 3px solid var(--accent); padding-bottom: 8px; }
h2 { font-size: 20px; color: var(--accent); margin: 34px 0 10px;
  border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 8px; }
h4 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); }
p.lead { background: #fff8e1; border-left: 5px solid #f2a900; padding: 10px 14px;
  font-weight: bold; }
p.note { color: var(--muted); font-size: 12.5px; margin: 6px 0; }
ul.figures li { margin: 3px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 14px; font-size: 12.5px; }
th { background: var(--accent); color: #fff; text-align: left; padding: 5px 7px;
  font-weight: 600; }
td { border-bottom: 1px solid var(--rule); padding: 4px 7px; vertical-align: top; }
tr:nth-child(even) td { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.src { color: var(--muted); font-size: 11.5px; white-space: nowrap; }
span.rag { display: inline-block; min-width: 64px; text-align: center; border-radius: 3px;
  padding: 1px 6px; font-weight: 600; font-size: 11.5px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.charts { display: flex; flex-wrap: wrap; gap: 18px 28px; margin: 10px 0 6px; }
.charts figure { margin: 0; break-inside: avoid; }
svg.chart { max-width: 100%; height: auto; }
blockquote { margin: 6px 0 10px; padding: 6px 12px; border-left: 4px solid var(--rule);
  background: var(--band); }
blockquote cite { display: block; color: var(--muted); font-size: 11.5px; font-style: normal;
  margin-top: 3px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 18pt; } h2 { font-size: 14pt; break-after: avoid; }
  h3, h4 { break-after: avoid; }
  table { font-size: 8.5pt; } thead { display: table-header-group; }
  tr, blockquote, figure { break-inside: avoid; }
  th, tr:nth-child(even) td, p.lead, svg { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
}
"""


def _status(value: str) -> str:
    colour = COLOURS.get(value, "#ffffff")
    ink = INK.get(value, "#1a1a1a")
    label = escape(LABELS.get(value, value))
    return f'<span class="rag" style="background:{colour};color:{ink}">{label}</span>'


def _table(table: Table) -> str:
    last = len(table.headers) - 1
    src = table.headers[last] == "Sources"

    def cls(i: int) -> str:
        names = ["num"] if i in table.numeric else []
        names += ["src"] if src and i == last else []
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f"<th{cls(i)}>{escape(h)}</th>" for i, h in enumerate(table.headers))
    rows = []
    for row in table.rows:
        cells = [_status(v) if i in table.status_columns else escape(v) for i, v in enumerate(row)]
        rows.append("<tr>" + "".join(f"<td{cls(i)}>{v}</td>" for i, v in enumerate(cells)))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, Para):
        style = f' class="{block.style}"' if block.style != "normal" else ""
        return f"<p{style}>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{escape(i)}</li>" for i in block.items)
        return f'<ul class="figures">{items}</ul>'
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Quote):
        return f"<blockquote>“{escape(block.text)}”<cite>— {escape(block.cite)}</cite></blockquote>"
    if isinstance(block, Charts):
        figures = "".join(f"<figure>{to_svg(c)}</figure>" for c in block.charts)
        return f'<div class="charts">{figures}</div>'
    raise TypeError(block)


def render(assessment: Assessment) -> str:
    body = "\n".join(_block(b) for b in layout(assessment))
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title(assessment))}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
