"""RAG stacked-bar charts: geometry computed once, drawn as inline SVG (HTML) and PNG (Word).

One chart per group (the whole plan, then each priority): one horizontal bar per reported
quarter, split into green, amber, red, no status and conflict, each segment labelled with its
count where it fits. Pillow is imported only when a PNG is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from io import BytesIO
from pathlib import Path

from cdrp_archive.archive.analysis.assessment import STATUSES, Assessment, Counts

COLOURS = {
    "green": "#2e7d32",
    "amber": "#f2a900",
    "red": "#c62828",
    "none": "#b8bec6",
    "conflict": "#6a3d9a",
}
INK = {"green": "#ffffff", "amber": "#1a1a1a", "red": "#ffffff", "none": "#1a1a1a"}
INK["conflict"] = "#ffffff"
NAMES = {"none": "no status"}
FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
_BOLD_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    status: str = ""
    count: int = 0


@dataclass(frozen=True)
class Label:
    x: float
    y: float  # baseline
    text: str
    anchor: str = "start"  # start | middle | end
    size: float = 12
    bold: bool = False
    fill: str = "#1a1a1a"


@dataclass
class Chart:
    title: str
    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def stacked_bars(title: str, bars: list[tuple[str, Counts]], width: int = 640) -> Chart:
    """Horizontal stacked bars, one per (label, counts), on one scale."""
    left, right, top, bar_h, gap = 44, 48, 56, 26, 10
    chart = Chart(title, width, top + len(bars) * (bar_h + gap) + 6)
    chart.labels.append(Label(0, 16, title, size=14, bold=True))
    x = 0.0
    for status in STATUSES:
        chart.rects.append(Rect(x, 26, 12, 12, COLOURS[status]))
        name = NAMES.get(status, status)
        chart.labels.append(Label(x + 16, 37, name, size=11))
        x += 16 + 7.2 * len(name) + 18
    scale = max((c.total for _, c in bars), default=0) or 1
    span = width - left - right
    for i, (name, counts) in enumerate(bars):
        y = top + i * (bar_h + gap)
        chart.labels.append(Label(0, y + 18, name, size=12, bold=True))
        x = float(left)
        for status in STATUSES:
            count = getattr(counts, status)
            if not count:
                continue
            w = span * count / scale
            chart.rects.append(Rect(x, y, w, bar_h, COLOURS[status], status, count))
            if w >= 18:
                chart.labels.append(
                    Label(x + w / 2, y + 18, str(count), "middle", 12, True, INK[status])
                )
            x += w
        chart.labels.append(Label(x + 6, y + 18, f"{counts.total}", size=11, fill="#555555"))
    return chart


def assessment_charts(assessment: Assessment) -> list[Chart]:
    """The whole plan, then each priority: RAG counts per reported quarter."""
    charts = [stacked_bars("Whole plan: milestones by status and quarter", _bars(assessment), 700)]
    for view in assessment.by_priority:
        bars = [(q, view.quarters[q]) for q in assessment.quarters_reported]
        charts.append(stacked_bars(f"Priority {view.title}", bars, 490))
    return charts


def _bars(assessment: Assessment) -> list[tuple[str, Counts]]:
    return [(q, assessment.quarters[q]) for q in assessment.quarters_reported]


# --- SVG --------------------------------------------------------------------------------


def to_svg(chart: Chart) -> str:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'width="{chart.width}" height="{chart.height}" '
        f'viewBox="0 0 {chart.width} {chart.height}" font-family="{FONT}">',
        f"<title>{escape(chart.title)}</title>",
    ]
    for r in chart.rects:
        data = f' data-status="{r.status}" data-count="{r.count}"' if r.status else ""
        parts.append(
            f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{r.w:.1f}" height="{r.h:.1f}" '
            f'fill="{r.fill}"{data}/>'
        )
    for t in chart.labels:
        weight = ' font-weight="bold"' if t.bold else ""
        parts.append(
            f'<text x="{t.x:.1f}" y="{t.y:.1f}" text-anchor="{t.anchor}" '
            f'font-size="{t.size:g}" fill="{t.fill}"{weight}>{escape(t.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --- PNG --------------------------------------------------------------------------------


def to_png(chart: Chart, scale: int = 3) -> bytes:
    """The same chart as a PNG (``scale`` pixels per SVG unit), drawn with Pillow."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (chart.width * scale, chart.height * scale), "white")
    draw = ImageDraw.Draw(image)
    for r in chart.rects:
        box = (r.x * scale, r.y * scale, (r.x + r.w) * scale - 1, (r.y + r.h) * scale - 1)
        draw.rectangle(box, fill=r.fill)
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for t in chart.labels:
        font = _font(t.size * scale, t.bold)
        draw.text(
            (t.x * scale, t.y * scale), t.text, fill=t.fill, font=font, anchor=anchors[t.anchor]
        )
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _font(size: float, bold: bool):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    for name in _BOLD_FILES if bold else _FONT_FILES:
        if Path(name).exists():
            return ImageFont.truetype(name, round(size))
    return ImageFont.load_default(size=round(size))
