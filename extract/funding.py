"""Funding: sums of money given, asked for or allocated, from minutes, narrative and tables.

Three sources, one record shape (``amount`` Decimal, ``currency`` GBP, ``fund``, ``project``,
``status``, ``financial_year``):

- minutes: the money parts of an approved decision ("A- To allocate a total of £50,000
  towards ...") are ``approved`` funding;
- narrative: a sentence with a sum and a funding verb ("has granted £1,500 funding ...
  towards ..." is ``awarded``; "One application was for £5,000" is ``requested``);
- funding tables: rows are projects, amount columns are funds. Section rows and totals rows
  are not projects; each totals row is checked against the sum of the rows above it and the
  result (``ok`` or the mismatch) is kept on every row of the table as ``table_check``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.values import FinancialYear, parse_money
from cdrp_archive.extract import language
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.flow import Item, Unit, cell_text, items
from cdrp_archive.extract.metadata import first_financial_year
from cdrp_archive.extract.readers.model import Paper, Table
from cdrp_archive.extract.tables import compatible

log = logging.getLogger(__name__)

_PERIOD_FY = re.compile(r"april\s+((?:19|20)\d\d)\s+to\s+march\s+((?:19|20)\d\d)", re.I)
_AMOUNT_CELL = re.compile(r"^£?\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?$|^£?\d+(?:\.\d{1,2})?$")
_FUND_HEADER = re.compile(r"sscf|revenue|capital|pooled|fund|amount|budget|grant", re.I)
_NOTES_HEADER = re.compile(r"note|progress|update|comment", re.I)
_TOTAL = re.compile(r"^(?:grand\s+)?totals?\b", re.I)
_BALANCE = re.compile(r"remaining|balance", re.I)
_STATUS_CUES = [
    (re.compile(r"\b(?:granted|awarded)\b", re.I), "awarded"),
    (re.compile(r"\bapproved\b", re.I), "approved"),
    (re.compile(r"\brecommend", re.I), "recommended"),
    (re.compile(r"\b(?:application|applied|request(?:ed)?|bid)\b", re.I), "requested"),
    # Money the partnership itself receives: its grant allocation, a fund's balance.
    (re.compile(r"\breceived\b|\b(?:revenue|capital|grant) allocation\b", re.I), "received"),
    (re.compile(r"\ballocat", re.I), "allocated"),
    (re.compile(r"\bspent\b", re.I), "spent"),
]


def fund_of(text: str) -> str | None:
    """The fund a text names, normalised: SSCF revenue, SSCF capital, pooled fund ..."""
    low = text.lower()
    if "priority fund" in low:
        return "priority fund"
    if "pooled" in low:
        return "pooled fund"
    if "sscf" in low or re.search(r"safer\s*(?:and|&)\s*stronger", low):
        if "capital" in low:
            return "SSCF capital"
        if "revenue" in low:
            return "SSCF revenue"
        if "grant" in low:
            return "SSCF grant"
        return "SSCF"
    return None


def fy_of(text: str) -> str | None:
    match = _PERIOD_FY.search(text)
    if match and int(match.group(2)) == int(match.group(1)) + 1:
        return str(FinancialYear(int(match.group(1))))
    found = first_financial_year(text)
    return str(found) if found else None


def project_of(sentence: str, after: int) -> str | None:
    """What a sum pays for: the words after 'towards' / 'to a' / 'for', to the clause end."""
    rest = sentence[after:]
    match = re.search(r"\b(?:towards|to a|to the|to|for)\s+(.+?)(?:[.;]\s|[.;]?$)", rest)
    if not match:
        return None
    project = re.sub(r"^(?:the continued funding and employment of )", "", match.group(1))
    return project.strip(" ,.") or None


# --- minutes and narrative -----------------------------------------------------------------


def _money_records(
    text: str,
    page: int | None,
    ctx: DocContext,
    status: str,
    fy: str | None,
    fund_context: str,
    source: str,
    extra: dict[str, object],
) -> list[Record]:
    out = []
    for sentence in language.sentences(text):
        if re.search(r"\bapprox", sentence, re.I):
            continue
        sums = language.money(sentence)
        cut = re.search(r"\b(?:reduced|increased|cut) to\b", sentence)
        if cut:
            sums = [m for m in sums if m.start > cut.start()]
        for found in sums:
            out.append(
                ctx.record(
                    "funding",
                    page,
                    sentence,
                    financial_year=fy_of(sentence) or fy,
                    amount=found.amount,
                    currency="GBP",
                    fund=fund_of(sentence) or fund_of(f"{fund_context} {sentence}"),
                    project=project_of(sentence, found.end),
                    status=status,
                    source=source,
                    **extra,
                )
            )
    return out


def funding_in_decision(decision: Record, item_title: str, ctx: DocContext) -> list[Record]:
    """Approved funding in a decision's text (its lettered parts)."""
    if decision.fields.get("outcome") not in ("approved", "agreed", "resolved", "endorsed"):
        return []
    fy = fy_of(decision.text) or fy_of(item_title) or ctx.financial_year
    parts = re.split(r"\s(?=[A-H]\s*[-–)]\s+To\b)", decision.text)
    out: list[Record] = []
    for part in parts:
        if not re.search(r"\b(?:allocat|award|grant|fund)", part, re.I):
            continue
        out.extend(
            _money_records(
                part,
                decision.page,
                ctx,
                decision.fields["outcome"]
                if decision.fields["outcome"] != "agreed"
                else "approved",
                fy,
                part,
                "minutes",
                {
                    "date": decision.fields.get("meeting_date"),
                    "meeting_date": decision.fields.get("meeting_date"),
                    "minute_ref": decision.fields.get("minute_ref"),
                },
            )
        )
    return out


def narrative_funding(stream: list[Item], ctx: DocContext, skip: set[int]) -> list[Record]:
    out: list[Record] = []
    heading_fund: str | None = None
    fy = ctx.financial_year
    for n, unit in enumerate(stream):
        if not isinstance(unit, Unit) or n in skip:
            continue
        text = unit.text
        if len(text) < 80 and not language.money(text):
            heading_fund = fund_of(text) or heading_fund
            fy = fy_of(text) or fy
            continue
        fy = fy_of(text) if re.match(r"^(?:\d+\.\s*)?in (?:19|20)\d\d", text, re.I) else fy
        if not language.money(text):
            continue
        for sentence in language.sentences(text):
            status = next((s for rx, s in _STATUS_CUES if rx.search(sentence)), None)
            if status is None or not language.money(sentence):
                continue
            context = heading_fund or text
            out.extend(
                _money_records(sentence, unit.page, ctx, status, fy, context, "narrative", {})
            )
    return out


# --- tables --------------------------------------------------------------------------------


@dataclass
class FundingTable:
    title: str | None
    page: int
    index: int
    label_col: int
    amount_cols: dict[int, str]  # column -> fund (or "amount")
    header: list[str]
    budgets: dict[str, Decimal] = field(default_factory=dict)
    rows: list[tuple[Table, int]] = field(default_factory=list)  # (piece, row index)


def _amount(text: str) -> Decimal | None:
    text = text.replace(" ", "")
    if not text or not _AMOUNT_CELL.match(text):
        return None
    return parse_money(text)


def _header_row(table: Table) -> int | None:
    for r in range(min(3, len(table.rows))):
        cells = [cell_text(table, r, c) for c in range(len(table.rows[r]))]
        hits = [c for c in cells[1:] if _FUND_HEADER.search(c) and not _amount(c)]
        if hits and not any(_amount(c) for c in cells):
            return r
    return None


def _start_table(table: Table, h: int) -> FundingTable | None:
    header = [cell_text(table, h, c) for c in range(len(table.rows[h]))]
    amount_cols = {
        c: name
        for c, name in enumerate(header)
        if c and _FUND_HEADER.search(name) and not _NOTES_HEADER.search(name)
    }
    if not amount_cols:
        return None
    label_col = next(
        (c for c, name in enumerate(header) if c not in amount_cols and name.lower() != "line"),
        0,
    )
    title = None
    budgets: dict[str, Decimal] = {}
    for r in range(h):
        title = cell_text(table, r, 0) or title
        for c, name in amount_cols.items():
            value = _amount(cell_text(table, r, c))
            if value is not None:
                budgets[_fund_name(name)] = value
    found = FundingTable(title, table.page, table.index, label_col, amount_cols, header, budgets)
    found.rows = [(table, r) for r in range(h + 1, len(table.rows))]
    return found


def _fund_name(header: str) -> str:
    return fund_of(header) or header.lower()


def funding_tables(stream: list[Item]) -> list[tuple[int, FundingTable]]:
    """Funding tables with their pieces joined: (stream position, table).

    A piece continues the open table when it follows it with no text between, or (in a PDF)
    opens the next page right after a piece that ends the last one, with only that page's
    footer between. A repeated header is dropped when it agrees with the table's header
    where both kept a label."""
    found: list[tuple[int, FundingTable]] = []
    last: FundingTable | None = None
    piece: Table | None = None
    between: list[Unit] = []
    for n, item in enumerate(stream):
        if isinstance(item, Unit):
            between.append(item)
            continue
        near = piece is not None and _next_piece(piece, item, between)
        h = _header_row(item)
        if h is not None:
            header = [cell_text(item, h, c) for c in range(len(item.rows[h]))]
            if last is not None and near and compatible(last.header, header):
                last.rows.extend((item, r) for r in range(h + 1, len(item.rows)))
            else:
                started = _start_table(item, h)
                if started:
                    found.append((n, started))
                last = started
        elif last is not None and near:
            last.rows.extend((item, r) for r in range(len(item.rows)))
        else:
            last = None
        piece, between = item, []
    return found


def _next_piece(prev: Table, nxt: Table, between: list[Unit]) -> bool:
    if not any(len(unit.text) > 40 for unit in between):
        return True
    return (
        prev.page_height > 0
        and nxt.page == prev.page + 1
        and prev.near_page_bottom
        and nxt.near_page_top
        and all(unit.page == prev.page for unit in between)
    )


@dataclass
class Row:
    piece: Table
    row: int
    label: str
    amounts: dict[str, Decimal]
    notes: str


def _rows(table: FundingTable) -> list[Row]:
    rows = []
    for piece, r in table.rows:
        cells = [cell_text(piece, r, c) for c in range(len(piece.rows[r]))]
        amounts = {}
        for c, name in table.amount_cols.items():
            value = _amount(cells[c]) if c < len(cells) else None
            if value is not None:
                amounts[_fund_name(name)] = value
        used = {table.label_col, *table.amount_cols}
        if table.label_col:
            used.add(0)
        notes = " ".join(x for c, x in enumerate(cells) if c not in used and x)
        label = cells[table.label_col] if table.label_col < len(cells) else ""
        rows.append(Row(piece, r, label, amounts, notes))
    return _repair_shifted_labels(rows)


def _repair_shifted_labels(rows: list[Row]) -> list[Row]:
    """A totals label on an empty row, its figures on the next rows, the last row unlabelled:
    text extraction moved the labels up one row; move them back."""
    for i, row in enumerate(rows):
        if not (_TOTAL.match(row.label) and not row.amounts):
            continue
        j = i + 1
        while j < len(rows) and rows[j].amounts and rows[j].label:
            j += 1
        if j < len(rows) and rows[j].amounts and not rows[j].label and j > i + 1:
            for k in range(j, i, -1):
                rows[k].label = rows[k - 1].label
            rows[i].label = ""
            log.info("funding table: labels of rows %d-%d moved down one row", i, j)
    return rows


def table_records(stream: list[Item], ctx: DocContext) -> list[Record]:
    out: list[Record] = []
    for position, table in funding_tables(stream):
        fy = fy_of(table.title or "") or _fy_before(stream, position) or ctx.financial_year
        out.extend(_table_records(table, fy, ctx))
    return out


def _fy_before(stream: list[Item], position: int) -> str | None:
    for item in reversed(stream[max(0, position - 12) : position]):
        if isinstance(item, Unit) and (found := fy_of(item.text)):
            return found
    return None


def _names_a_fund(label: str) -> bool:
    """A row such as "South Cambs CDRP Pooled Fund" or "SSCF allocation": the partnership's own
    money coming in, not a project it pays for."""
    return bool(re.search(r"\b(?:fund|allocation)\b", label, re.I) and fund_of(label))


def _table_records(table: FundingTable, fy: str | None, ctx: DocContext) -> list[Record]:
    rows = _rows(table)
    checks, flows = _check_totals(table, rows)
    check = "; ".join(checks) if checks else None
    section: str | None = None
    out = []
    for n, row in enumerate(rows):
        if not row.amounts:
            if row.label and not row.label.lower().startswith("see "):
                section = row.label
            continue
        if _TOTAL.match(row.label) or _BALANCE.search(row.label) or not row.label:
            continue
        single = len(table.amount_cols) == 1
        for fund, amount in row.amounts.items():
            status = "received" if _names_a_fund(row.label) else "allocated"
            if section and re.search(r"application", section, re.I):
                status = "requested"
            if re.search(r"\b(?:awarded|granted)\b", row.notes, re.I):
                status = "awarded"
            fund_name = fund_of(section or "") or (fund_of(row.label) if single else fund)
            out.append(
                ctx.record(
                    "funding",
                    row.piece.page,
                    f"{row.label}: £{amount:,.2f} ({fund_name or 'fund not stated'}, {fy})"
                    + (f" — {row.notes}" if row.notes else ""),
                    table=row.piece.index,
                    row=row.row,
                    financial_year=fy,
                    amount=amount,
                    currency="GBP",
                    fund=fund_name,
                    project=row.label,
                    status=status,
                    section=section,
                    flow=flows.get(n),
                    notes=row.notes or None,
                    source="table",
                    table_title=table.title,
                    table_check=check,
                )
            )
    return out


def _check_totals(table: FundingTable, rows: list[Row]) -> tuple[list[str], dict[int, str]]:
    """Each totals row against the sum of the rows since the last total; balances against
    budget minus total (or the previous total minus this one)."""
    checks: list[str] = []
    flows: dict[int, str] = {}
    group: list[int] = []
    totals: list[dict[str, Decimal]] = []
    for n, row in enumerate(rows):
        if not row.amounts or not row.label:
            continue
        if _TOTAL.match(row.label):
            for fund, total in row.amounts.items():
                summed = sum((rows[g].amounts.get(fund, Decimal(0)) for g in group), Decimal(0))
                if summed != total:
                    checks.append(
                        f"{row.label} {fund}: rows sum to {summed:,.2f}, table says {total:,.2f}"
                    )
            flow = "income" if re.search(r"available|income", row.label, re.I) else "expenditure"
            flows.update({g: flow for g in group})
            totals.append(row.amounts)
            group = []
        elif _BALANCE.search(row.label):
            for fund, balance in row.amounts.items():
                expected = _expected_balance(table, totals, fund)
                if expected is not None and expected != balance:
                    checks.append(
                        f"{row.label} {fund}: expected {expected:,.2f}, table says {balance:,.2f}"
                    )
        else:
            group.append(n)
    if not totals:
        return checks, flows
    if not checks:
        checks.append("ok")
    for message in checks:
        if message != "ok":
            log.warning("funding table %r: %s", table.title, message)
    return checks, flows


def _expected_balance(
    table: FundingTable, totals: list[dict[str, Decimal]], fund: str
) -> Decimal | None:
    if fund in table.budgets and totals:
        return table.budgets[fund] - totals[-1].get(fund, Decimal(0))
    if len(totals) >= 2:
        return totals[-2].get(fund, Decimal(0)) - totals[-1].get(fund, Decimal(0))
    return None


# --- the interpreter -----------------------------------------------------------------------


def funding(paper: Paper, ctx: DocContext) -> list[Record]:
    """Funding from a paper's narrative and funding tables (minutes: see extract.minutes)."""
    from cdrp_archive.extract.minutes import find_meetings

    stream = items(paper)
    skip = {n for start, end, _ in find_meetings(stream) for n in range(start, end)}
    return narrative_funding(stream, ctx, skip) + table_records(stream, ctx)
