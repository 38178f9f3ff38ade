"""Indicator statuses from scorecards: one ``indicator_status`` per rated row.

For each scorecard table (``extract.scorecards``: found and mapped by the conventions' header
vocabulary) every row that gives an indicator a value, a target, a rating or a direction
becomes a record with:

- ``indicator`` as printed (a name wrapped over a page break is joined), ``indicator_ref`` from
  a reference column, else the section number of the paragraph that introduces the table;
- ``service``: the service column, else a heading row inside the table, else the table's
  title row, else the nearest heading before it;
- ``period`` as the paper prints it (the value column's header, "Actual 30/11/2024"; the
  table's title; the nearest period phrase before the table; else the paper's own quarter),
  with ``financial_year`` and ``quarter`` from it;
- ``value``/``target``/``floor``/``previous_value`` as printed, and as numbers where they are;
- ``status`` and ``previous_status`` from the word, else the cell's shading, else a coloured
  mark drawn in the cell (a RAG dot): ``extract.rag`` decides; null when the paper gives none;
- ``direction`` from ``extract.direction`` (word, glyph, drawn arrow; the paper's key).

Summary counts (``extract.summaries``) are checked against the rows read; each gives an
``indicator_summary`` record, and every row carries the check that covers it (``table_check``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.values import FinancialYear, find_dates, quarter_of
from cdrp_archive.extract import direction as dot
from cdrp_archive.extract import scorecards, summaries
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.flow import Item, Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.metadata import period_of
from cdrp_archive.extract.rag import DEFAULT_KEY, Key, parse_rag, rag_of_colour
from cdrp_archive.extract.readers.model import Cell, Paper, Table
from cdrp_archive.extract.scorecards import Layout
from cdrp_archive.extract.tables import LogicalTable, Row, cell_text, merge_continuations
from cdrp_archive.extract.view import PaperView, view_of

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_PERIOD = re.compile(
    r"\b(?:quarter|qtr|q)\s*[1-4]\s*(?:of\s+)?(?:(?:19|20)\d\d\s*[-/–]\s*\d{2,4})"
    r"|\b(?:19|20)\d\d\s*[-/–]\s*\d{2,4}\s*(?:quarter|qtr|q)\s*[1-4]\b"
    rf"|\b{_MONTH}\s*(?:(?:19|20)\d\d\s*)?(?:to|-|–)\s*{_MONTH}\s+(?:19|20)\d\d\b"
    r"|\brolling\s+(?:12|twelve)\s+months?\s+(?:to|ending)\s+[^,.;\n]{3,30}"
    r"|\b(?:as\s+at|as\s+of|at)\s+\d{1,2}(?:st|nd|rd|th)?[\s/.-]+(?:\d{1,2}|"
    + _MONTH
    + r")[\s/.-]+(?:19|20)?\d\d\b"
    r"|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_SECTION_NO = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,3})+)\b")
_NUMBER = re.compile(
    r"^(?P<sign>[-−–])?\s*(?P<cur>£)?\s*(?P<sign2>[-−–])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s*(?P<unit>%|k|m|bn|million|days?|hours?|weeks?|per\s.*)?$",
    re.IGNORECASE,
)
_MULT = {
    "k": Decimal(1000),
    "m": Decimal(1_000_000),
    "million": Decimal(1_000_000),
    "bn": Decimal(10**9),
}


def number_of(text: str | None) -> Decimal | None:
    """A printed value as an exact number: ``4.2``, ``1,234``, ``87.5%`` (87.5), ``£145.76m``
    (145760000), ``-£2.56m``; None for text that is not one number (``AA+``, ``n/a``)."""
    if not text:
        return None
    match = _NUMBER.match(text.strip().replace("\u00a0", " "))
    if not match:
        return None
    try:
        value = Decimal(match.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    unit = (match.group("unit") or "").lower()
    if match.group("cur") and unit in _MULT:
        value *= _MULT[unit]
    if match.group("sign") or match.group("sign2"):
        value = -value
    return value


def period_in(text: str) -> str | None:
    """The first period phrase of a text ("Quarter 3 2024/25", "as at 30/11/2024")."""
    match = _PERIOD.search(text or "")
    return " ".join(match.group(0).split()) if match else None


def period_fields(period: str | None, ctx: DocContext) -> tuple[str | None, str | None]:
    """(financial_year, quarter) a printed period speaks of; the paper's own where it does
    not say."""
    if period:
        fy, quarter, _end = period_of(period)
        if fy is not None:
            return str(fy), quarter
        dates = find_dates(period)
        if dates:
            day: date = dates[-1][1]
            return str(FinancialYear.of(day)), quarter_of(day)
        fy_only = re.search(r"\b((?:19|20)\d\d)\s*[-/–]\s*(\d{2,4})\b", period)
        if fy_only:
            try:
                return str(FinancialYear.parse(f"{fy_only.group(1)}-{fy_only.group(2)}")), None
            except ArchiveError:  # not a financial year after all
                pass
    return ctx.financial_year, ctx.quarter


def _heading_like(text: str) -> bool:
    text = text.strip()
    return (
        3 <= len(text) <= 70
        and not text.endswith((".", ":", ","))
        and not _SECTION_NO.match(text)
        and not re.match(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", text, re.I)
        and text[0].isupper()
        and len(text.split()) <= 8
    )


def _before(stream: Sequence[Item], position: int, limit: int = 16) -> list[Unit]:
    return [i for i in reversed(stream[max(0, position - limit) : position]) if isinstance(i, Unit)]


def _service_before(stream: Sequence[Item], position: int) -> str | None:
    return next((u.text for u in _before(stream, position) if _heading_like(u.text)), None)


def _ref_before(stream: Sequence[Item], position: int) -> str | None:
    units = _before(stream, position, 2)
    match = _SECTION_NO.match(units[0].text) if units else None
    return match.group(1) if match else None


def _period_before(stream: Sequence[Item], position: int) -> str | None:
    return next((p for u in _before(stream, position, 8) if (p := period_in(u.text))), None)


def _status(cell: Cell | None, key: Key) -> tuple[str | None, str | None, str | None]:
    """(status, source, what the fill said) of a rating cell: word, shading, a coloured mark."""
    if cell is None:
        return None, None, None
    fill = key.status_of_fill(cell.fill)
    word = parse_rag(cell.text.strip())
    if word:
        return word, "word", fill
    if fill:
        return fill, "shading", fill
    for mark in cell.marks:
        found = rag_of_colour(mark.fill)
        if found:
            return found, "mark", None
    return None, None, None


def _targets(row: Row, layout: Layout) -> str | None:
    found = [(row.text(i), head) for i, head in layout.targets if row.text(i)]
    if len(found) == 1:
        return found[0][0]
    return "; ".join(f"{cell_text(Cell(head))} {text}" for text, head in found) or None


def _is_section(row: Row, layout: Layout) -> str | None:
    """A heading row inside a table: one text (or the same text across merged cells), nothing
    measured."""
    texts = {t for i in range(len(row.cells)) if (t := row.text(i))}
    if len(texts) != 1:
        return None
    text = texts.pop()
    measured = [
        row.text(i) for i in (layout.value, layout.status, layout.direction) if i is not None
    ]
    if any(measured) and row.text(layout.indicator) != text:
        return None
    return text if row.text(layout.indicator) in ("", text) else None


def _continues(row: Row, layout: Layout) -> bool:
    """A name split over a page break: the first row of a continued part, with only a
    lower-case word or two in the indicator column."""
    name = row.text(layout.indicator)
    others = [row.text(i) for i in range(len(row.cells)) if i != layout.indicator]
    return bool(name) and name[0].islower() and not any(others)


def _records_of_table(
    table: LogicalTable,
    layout: Layout,
    stream: Sequence[Item],
    ctx: DocContext,
    vocab: dot.Vocabulary,
    key: dot.Key,
    rag_key: Key,
    not_indicators: Sequence[re.Pattern[str]],
) -> list[tuple[Record, dict[str, object]]]:
    title = " ".join(cell_text(c) for r in table.preamble for c in r if c is not None).strip()
    heading = _service_before(stream, table.position)
    service = (title if _heading_like(title) and not period_in(title) else None) or heading
    header_period = period_in(layout.period_header) or _remainder(layout.period_header)
    period = header_period or period_in(title) or _period_before(stream, table.position)
    if period is None and layout.quarter and ctx.financial_year:
        period = f"{layout.quarter} {ctx.financial_year}"
    fy, quarter = period_fields(period, ctx)
    if layout.quarter and period_of(period or "")[1] is None:
        quarter = layout.quarter
    section_ref = _ref_before(stream, table.position) if layout.ref is None else None
    rows = merge_continuations(table.rows, lambda r: _continues(r, layout))
    out = []
    for row in rows:
        section = _is_section(row, layout)
        if section is not None:
            service = section
            continue
        name = row.text(layout.indicator)
        if not name or any(p.search(name) for p in not_indicators):
            continue
        value = row.text(layout.value) or None
        target = _targets(row, layout)
        status, source, fill = _status(row.cell(layout.status), rag_key)
        if layout.status is None and status is None:
            status, source, fill = _status(row.cell(layout.value), rag_key)
            source = source if source != "word" else None
            status = status if source else None
        previous, _ps, _pf = _status(row.cell(layout.previous_status), rag_key)
        travel = dot.read(row.cell(layout.direction), vocab, key)
        if not any((value, target, status, travel.direction, row.text(layout.floor))):
            continue
        fields = {
            "indicator": name,
            "indicator_ref": row.text(layout.ref) or section_ref,
            "service": row.text(layout.service) or service,
            "period": period,
            "value": value,
            "value_number": number_of(value),
            "target": target,
            "target_number": number_of(target),
            "floor": row.text(layout.floor) or None,
            "previous_value": row.text(layout.previous_value) or None,
            "status": status,
            "status_source": source,
            "fill_status": fill,
            "previous_status": previous,
            "direction": travel.direction,
            "direction_raw": travel.raw,
            "direction_source": travel.source,
            "comment": row.text(layout.comment) or None,
        }
        place = {
            "page": row.page,
            "table": row.table,
            "row": row.number,
            "fy": fy,
            "quarter": quarter,
        }
        out.append((fields, place))
    return out  # type: ignore[return-value]


def _remainder(header: str) -> str | None:
    """What a value column's header says besides its role ("Actual 30/11/2024" ->
    "30/11/2024"), when that is a date or a year."""
    text = cell_text(Cell(header))
    rest = re.sub(
        r"^(?:actual|value|current|latest|outturn|result|performance)\s*", "", text, flags=re.I
    )
    return rest if rest != text and re.search(r"\d", rest) else None


def _line(fields: dict[str, object], period: str | None) -> str:
    name = " ".join(str(x) for x in (fields["indicator_ref"], fields["indicator"]) if x)
    parts = [f"{fields['value']}" if fields["value"] else "no value"]
    if fields["target"]:
        parts.append(f"(target {fields['target']})")
    parts.append(str(fields["status"] or "no rating"))
    if fields["previous_status"]:
        parts.append(f"previously {fields['previous_status']}")
    if fields["direction"]:
        parts.append(str(fields["direction"]))
    return f"{name} — {period or 'period not stated'}: {' '.join(parts)}"


def indicators(
    source: Paper | PaperView, ctx: DocContext, earlier: Earlier | None = None
) -> list[Record]:
    """Every indicator_status of the paper's scorecards and an indicator_summary per printed
    count of its ratings, checked against those rows."""
    view = view_of(source)
    profile = ctx.conventions
    vocab = scorecards.vocabulary(profile)
    words = dot.Vocabulary.of(profile)
    found: list[tuple[dict[str, object], dict[str, object]]] = []
    positions: set[int] = set()
    tables = [
        (t, lay) for t in view.tables(vocab.table_rules) if (lay := scorecards.layout_of(t, vocab))
    ]
    if not tables:
        return []
    key = dot.find_key(_key_texts(view.items), words)
    for table, layout in tables:
        positions.update(_positions(view.items, table))
        found.extend(
            _records_of_table(
                table,
                layout,
                view.items,
                ctx,
                words,
                key,
                view.rag_key or DEFAULT_KEY,
                vocab.not_indicators,
            )
        )
    rated = [(str(f["service"]) if f["service"] else None, f["status"]) for f, _ in found]
    sums = [summaries.check(s, rated) for s in summaries.find(view.items, positions, profile)]  # type: ignore[arg-type]
    out: list[Record] = []
    for fields, place in found:
        checks = [
            s.check
            for s in sums
            if s.service is None or summaries._same_service(s.service, fields["service"])
        ]  # type: ignore[arg-type]
        fields["table_check"] = "; ".join(dict.fromkeys(checks)) or None
        out.append(
            ctx.record(
                "indicator_status",
                place["page"],  # type: ignore[arg-type]
                _line(fields, fields["period"]),  # type: ignore[arg-type]
                table=place["table"],  # type: ignore[arg-type]
                row=place["row"],  # type: ignore[arg-type]
                financial_year=place["fy"],  # type: ignore[arg-type]
                quarter=place["quarter"],  # type: ignore[arg-type]
                **fields,
            )
        )
    for s in sums:
        out.append(
            ctx.record(
                "indicator_summary",
                s.page,
                s.text,
                table=s.table,
                row=s.row,
                service=s.service,
                green=s.counts.get("green"),
                amber=s.counts.get("amber"),
                red=s.counts.get("red"),
                total=s.total,
                counted=s.counted,
                table_check=s.check,
            )
        )
    return out


def _key_texts(stream: Sequence[Item]) -> list[str]:
    texts = [u.text for u in stream if isinstance(u, Unit)]
    for table in (t for t in stream if isinstance(t, Table)):
        texts.extend(" ".join(cell_text(c) for c in row) for row in table.rows)
    return texts


def _positions(stream: Sequence[Item], table: LogicalTable) -> set[int]:
    """The stream positions of a joined table's printed parts."""
    parts = {(r.page, r.table) for r in table.rows}
    return {
        n
        for n, item in enumerate(stream)
        if isinstance(item, Table) and (item.page, item.index) in parts
    }


INTERPRETER = Interpreter(
    "indicators", emits=("indicator_status", "indicator_summary"), run=indicators
)
