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
  Tables are joined from their printed parts by the one table engine (``extract.tables``),
  with a title and budget rows allowed above the header (``TABLES``).

The minutes' decisions come from the minutes interpreter, handed over by the pipeline.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import Decision
from cdrp_archive.archive.values import FinancialYear, money, parse_money
from cdrp_archive.extract import language
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.conventions import Profile, default_profile
from cdrp_archive.extract.flow import Item, Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.metadata import first_financial_year
from cdrp_archive.extract.readers.model import Cell, Paper
from cdrp_archive.extract.tables import LogicalTable, TableRules, cell_text, join_tables
from cdrp_archive.extract.view import PaperView, view_of

log = logging.getLogger(__name__)

_PERIOD_FY = re.compile(r"april\s+((?:19|20)\d\d)\s+to\s+march\s+((?:19|20)\d\d)", re.I)
_AMOUNT_CELL = re.compile(r"^£?\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?$|^£?\d+(?:\.\d{1,2})?$")
_FUND_HEADER = re.compile(r"revenue|capital|pooled|fund|amount|budget|grant", re.I)
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


@dataclass(frozen=True)
class FundRule:
    """A fund a body gives money from (``[funds] rules`` of its conventions profile)."""

    pattern: re.Pattern[str]
    name: str
    kinds: tuple[str, ...] = ()


@functools.lru_cache(maxsize=32)
def _rules_of(profile: Profile) -> tuple[FundRule, ...]:
    out = []
    for rule in profile.value("funds.rules", []):
        if isinstance(rule, dict) and rule.get("match") and rule.get("name"):
            kinds = tuple(str(k) for k in rule.get("kinds", ()))
            out.append(FundRule(re.compile(str(rule["match"]), re.I), str(rule["name"]), kinds))
    return tuple(out)


def fund_rules(profile: Profile | None = None) -> tuple[FundRule, ...]:
    """The funds a profile names (the default profile's when none is given)."""
    return _rules_of(profile or default_profile())


def fund_of(text: str, funds: Sequence[FundRule] | Profile | None = None) -> str | None:
    """The fund a text names, normalised by the profile's fund rules: the first rule that
    matches, qualified by a kind word the text holds ("capital" -> "<fund> capital")."""
    rules = funds if isinstance(funds, Sequence) else fund_rules(funds)
    low = text.lower()
    for rule in rules:
        if rule.pattern.search(low):
            kind = next((k for k in rule.kinds if k.lower() in low), None)
            return f"{rule.name} {kind.lower()}" if kind else rule.name
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
                    fund=fund_of(sentence, ctx.conventions)
                    or fund_of(f"{fund_context} {sentence}", ctx.conventions),
                    project=project_of(sentence, found.end),
                    status=status,
                    source=source,
                    **extra,
                )
            )
    return out


def funding_in_decision(decision: Record, ctx: DocContext) -> list[Record]:
    """Approved funding in a decision's text (its lettered parts)."""
    minute = decision.typed(Decision)
    if minute.outcome not in ("approved", "agreed", "resolved", "endorsed"):
        return []
    fy = fy_of(decision.text) or fy_of(minute.item or "")  # else the meeting's (ctx.period)
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
                minute.outcome if minute.outcome != "agreed" else "approved",
                fy,
                part,
                "minutes",
                {
                    "date": minute.meeting_date,
                    "meeting_date": minute.meeting_date,
                    "minute_ref": minute.minute_ref,
                },
            )
        )
    return out


def narrative_funding(
    stream: Sequence[Item], ctx: DocContext, skip: frozenset[int] | set[int]
) -> list[Record]:
    out: list[Record] = []
    heading_fund: str | None = None
    fy = ctx.financial_year
    for n, unit in enumerate(stream):
        if not isinstance(unit, Unit) or n in skip:
            continue
        text = unit.text
        if len(text) < 80 and not language.money(text):
            heading_fund = fund_of(text, ctx.conventions) or heading_fund
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


def _is_header(row: Sequence[Cell | None]) -> bool:
    """A funding table's header: a cell after the first names a fund or an amount, and no cell
    holds an amount (which the title and budget rows above it do)."""
    cells = [cell_text(c) for c in row]
    hits = [c for c in cells[1:] if _FUND_HEADER.search(c) and not _amount(c)]
    return bool(hits) and not any(_amount(c) for c in cells)


TABLES = TableRules((), preamble=2, header_test=_is_header, wider_parts=True)


@dataclass
class FundingTable:
    title: str | None
    label_col: int
    amount_cols: dict[int, str]  # column -> fund (or "amount")
    budgets: dict[str, Decimal] = field(default_factory=dict)
    funds: tuple[FundRule, ...] = ()


def _amount(text: str) -> Decimal | None:
    text = text.replace(" ", "")
    if not text or not _AMOUNT_CELL.match(text):
        return None
    return parse_money(text)


def funding_table(table: LogicalTable, profile: Profile | None = None) -> FundingTable | None:
    """Where a joined table keeps its project labels and amounts, its title and budgets;
    None when no column holds amounts."""
    header = table.header
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
    funds = fund_rules(profile)
    for row in table.preamble:
        title = cell_text(row[0] if row else None) or title
        for c, name in amount_cols.items():
            value = _amount(cell_text(row[c] if c < len(row) else None))
            if value is not None:
                budgets[_fund_name(name, funds)] = value
    return FundingTable(title, label_col, amount_cols, budgets, funds)


def _fund_name(header: str, funds: Sequence[FundRule]) -> str:
    return fund_of(header, funds) or header.lower()


@dataclass
class FundingRow:
    page: int
    table: int  # the printed part's table number on its page
    row: int  # the row's number in that part
    label: str
    amounts: dict[str, Decimal]
    notes: str


def _rows(joined: LogicalTable, table: FundingTable) -> list[FundingRow]:
    rows = []
    for printed in joined.rows:
        cells = [cell_text(c) for c in printed.cells]
        amounts = {}
        for c, name in table.amount_cols.items():
            value = _amount(cells[c]) if c < len(cells) else None
            if value is not None:
                amounts[_fund_name(name, table.funds)] = value
        used = {table.label_col, *table.amount_cols}
        if table.label_col:
            used.add(0)
        notes = " ".join(x for c, x in enumerate(cells) if c not in used and x)
        label = cells[table.label_col] if table.label_col < len(cells) else ""
        rows.append(FundingRow(printed.page, printed.table, printed.number, label, amounts, notes))
    return _repair_shifted_labels(rows)


def _repair_shifted_labels(rows: list[FundingRow]) -> list[FundingRow]:
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


def table_records(stream: Sequence[Item], ctx: DocContext) -> list[Record]:
    """Funding records of the funding tables in a stream of units and tables."""
    return _table_funding(stream, join_tables(stream, TABLES), ctx)


def _table_funding(
    stream: Sequence[Item], tables: list[LogicalTable], ctx: DocContext
) -> list[Record]:
    out: list[Record] = []
    for joined in tables:
        table = funding_table(joined, ctx.conventions)
        if table is None:
            continue
        fy = fy_of(table.title or "") or _fy_before(stream, joined.position) or ctx.financial_year
        out.extend(_table_records(joined, table, fy, ctx))
    return out


def _fy_before(stream: Sequence[Item], position: int) -> str | None:
    for item in reversed(stream[max(0, position - 12) : position]):
        if isinstance(item, Unit) and (found := fy_of(item.text)):
            return found
    return None


def _names_a_fund(label: str, funds: Sequence[FundRule]) -> bool:
    """A row such as "<Partnership> Pooled Fund" or "<fund> allocation": the partnership's own
    money coming in, not a project it pays for."""
    return bool(re.search(r"\b(?:fund|allocation)\b", label, re.I) and fund_of(label, funds))


def _table_records(
    joined: LogicalTable, table: FundingTable, fy: str | None, ctx: DocContext
) -> list[Record]:
    rows = _rows(joined, table)
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
            status = "received" if _names_a_fund(row.label, table.funds) else "allocated"
            if section and re.search(r"application", section, re.I):
                status = "requested"
            if re.search(r"\b(?:awarded|granted)\b", row.notes, re.I):
                status = "awarded"
            fund_name = fund_of(section or "", table.funds) or (
                fund_of(row.label, table.funds) if single else fund
            )
            out.append(
                ctx.record(
                    "funding",
                    row.page,
                    f"{row.label}: {money(amount)} ({fund_name or 'fund not stated'}, {fy})"
                    + (f" — {row.notes}" if row.notes else ""),
                    table=row.table,
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


def _check_totals(table: FundingTable, rows: list[FundingRow]) -> tuple[list[str], dict[int, str]]:
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
                        f"{row.label} {fund}: rows sum to {money(summed, '')}, "
                        f"table says {money(total, '')}"
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
                        f"{row.label} {fund}: expected {money(expected, '')}, "
                        f"table says {money(balance, '')}"
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


def funding(
    source: Paper | PaperView, ctx: DocContext, earlier: Earlier | None = None
) -> list[Record]:
    """Funding in the minutes' decisions (``earlier``: the minutes interpreter's), the paper's
    narrative outside its minutes, and its funding tables."""
    view = view_of(source)
    decisions = (earlier or {}).get("decision", ())
    out = [record for decision in decisions for record in funding_in_decision(decision, ctx)]
    out += narrative_funding(view.items, ctx, view.in_minutes)
    return out + _table_funding(view.items, view.tables(TABLES), ctx)


INTERPRETER = Interpreter("funding", emits=("funding",), reads=("decision",), run=funding)
