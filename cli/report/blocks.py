"""The assessment laid out once as headings, paragraphs, tables, charts and quotes; each format
(terminal, Markdown, HTML, Word) only draws these blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from cdrp_archive.archive.analysis.assessment import STATUSES, Assessment, MilestoneRow
from cdrp_archive.archive.analysis.assessment_board import BoardItem
from cdrp_archive.archive.records import Action, Funding
from cdrp_archive.archive.values import money
from cdrp_archive.cli.report import common as c
from cdrp_archive.cli.report.charts import Chart, assessment_charts


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Para:
    text: str
    style: str = "normal"  # normal | lead (the coverage statement) | note


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    status_columns: set[int] = field(default_factory=set)  # cells hold green/amber/...
    wide: set[int] = field(default_factory=set)  # columns that take the spare width
    numeric: set[int] = field(default_factory=set)


@dataclass
class Charts:
    charts: list[Chart]


@dataclass
class Quote:
    text: str
    cite: str


Block = Heading | Para | Bullets | Table | Charts | Quote


def layout(a: Assessment) -> list[Block]:
    blocks: list[Block] = [Heading(1, c.title(a)), Para(a.coverage(), "lead")]
    blocks += [Heading(2, "Key figures"), Bullets(c.key_figures(a))]
    blocks += _implementation(a) + _board(a) + _words(a) + _sources(a)
    return blocks


# --- 1. implementation ------------------------------------------------------------------


def _counts_table(a: Assessment) -> Table:
    headers = ["Quarter", *(c.LABELS[s] for s in STATUSES), "Total"]
    rows = [
        [q, *(str(getattr(n, s)) for s in STATUSES), str(n.total)] for q, n in a.quarters.items()
    ]
    for x, y in c.pairs(a):
        rows.append([f"{x}→{y}", *(c.signed(a.trend(s, x, y)) for s in STATUSES), ""])
    return Table(headers, rows, numeric=set(range(1, 7)))


def _priority_table(a: Assessment) -> Table:
    headers = ["Priority", "Quarter", *(c.LABELS[s] for s in STATUSES), "Achieved"]
    rows = []
    for v in a.by_priority:
        for i, (q, n) in enumerate(v.quarters.items()):
            achieved = f"{v.achieved}/{v.total} ({c.pct(v.achieved, v.total)})" if i == 0 else ""
            rows.append(
                [v.title if i == 0 else "", q, *(str(getattr(n, s)) for s in STATUSES), achieved]
            )
    return Table(headers, rows, wide={0}, numeric=set(range(2, 7)))


def _milestone_table(a: Assessment, rows: list[MilestoneRow], notes: bool = True) -> Table:
    quarters = a.quarters_reported
    headers = ["Ref", "Milestone", *quarters, "Final", "Notes", "Sources"]
    status_cols = set(range(2, 3 + len(quarters)))
    body = [
        [
            r.label,
            r.text or "(milestone text lost)",
            *(r.quarters[q].status for q in quarters),
            r.final,
            c.milestone_note(r, a) if notes else (r.data_missing or ""),
            c.cite(r.sources, c.doc_keys(a)),
        ]
        for r in rows
    ]
    return Table(headers, body, status_columns=status_cols, wide={1, len(headers) - 2})


def _implementation(a: Assessment) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, "1. Implementation of the plan"),
        Heading(3, "Whole plan: milestones by status each quarter"),
        _counts_table(a),
        Para(f"Counted from {c.counted_from(a)}.", "note"),
        Charts(assessment_charts(a)),
        Heading(3, "By priority"),
        _priority_table(a),
        Heading(3, "Persistently red (red in two or more consecutive quarters)"),
    ]
    blocks.append(_milestone_table(a, a.persistently_red) if a.persistently_red else Para("None."))
    blocks += [
        Heading(3, "Data missing (counted apart, not as progress)"),
        Para(
            "Milestones whose latest note says the figures are awaited or unavailable: their "
            "colour reflects missing statistics rather than progress.",
            "note",
        ),
        _milestone_table(a, a.data_missing, notes=False) if a.data_missing else Para("None."),
        Heading(3, f"Carried into the {a.next_year} plan, and dropped"),
        Para(a.carried_statement()),
    ]
    if a.carried or a.dropped:
        blocks.append(_carried_table(a))
    blocks.append(Heading(3, "Every milestone, by priority and action"))
    for view in a.by_priority:
        blocks.append(Heading(4, f"Priority {view.title}"))
        mine = [m for m in a.milestones if m.priority == view.name]
        for action, rows in c.actions_of(mine):
            blocks += [Para(f"Action {action}", "note"), _milestone_table(a, rows)]
    return blocks


def _carried_table(a: Assessment) -> Table:
    rows = [
        [m.label, m.text, ", ".join(k.split(":", 1)[1] for k in m.carried_to or []) or "dropped"]
        for m in a.carried + a.dropped
    ]
    return Table(["Ref", "Milestone", f"In the {a.next_year} plan as"], rows, wide={1})


# --- 2. board ---------------------------------------------------------------------------


def _items_table(items: list[BoardItem], keys: dict[str, str], extra: str | None = None) -> Table:
    headers = ["Meeting", "Priority", "What", *([extra] if extra else []), "Sources"]
    rows = []
    for item in items:
        row = [c.when(item), item.priority or "", c.item_text(item)]
        if extra == "Owner / reported done":
            action = item.record.typed(Action)
            row.append(f"{action.owner or action.owner_raw or ''}: {c.done_text(item)}")
        elif extra == "Outcome":
            row.append(item.record.status or "")
        rows.append([*row, c.cite(item.sources, keys)])
    return Table(headers, rows, wide={2})


def _funding_table(items: list[BoardItem], keys: dict[str, str]) -> Table:
    headers = ["Amount", "Fund", "Status", "Priority", "What", "Sources"]
    rows = [
        [
            money(f.amount or Decimal(0)),
            f.fund or "(not stated)",
            f.status or "",
            i.priority or "",
            c.item_text(i),
            c.cite(i.sources, keys),
        ]
        for i in items
        for f in [i.record.typed(Funding)]
    ]
    return Table(headers, rows, wide={4}, numeric={0})


def _board(a: Assessment) -> list[Block]:
    b, keys = a.board, c.doc_keys(a)
    blocks: list[Block] = [
        Heading(2, "2. What the board did"),
        Para(
            "Meetings held in the year; funding for the year. Each item counted once however "
            "many papers print it.",
            "note",
        ),
    ]
    sections = [
        ("Decisions", b.decisions, "Outcome"),
        ("Recommendations put to the board", b.recommendations, "Outcome"),
        ("Actions", b.actions, "Owner / reported done"),
    ]
    for name, items, extra in sections:
        blocks.append(Heading(3, f"{name} ({len(items)})"))
        blocks.append(
            _items_table(items, keys, extra) if items else Para(f"No {name.lower()} found.")
        )
    blocks.append(Heading(3, f"Funding ({len(b.funding)} items)"))
    if not b.funding:
        return [*blocks, Para(f"No funding for {a.year} in the archive.")]
    totals = [
        [t.fund, t.status, money(t.total), str(t.items), c.cite(t.sources, keys)] for t in b.totals
    ]
    return [
        *blocks,
        _funding_table(b.funding, keys),
        Heading(4, "Totals per fund and status"),
        Table(["Fund", "Status", "Total", "Items", "Sources"], totals, numeric={2, 3}),
    ]


# --- 3. words, sources ------------------------------------------------------------------


def _words(a: Assessment) -> list[Block]:
    blocks: list[Block] = [Heading(2, "3. In the partnership's own words")]
    if not a.words.quotes:
        return [*blocks, Para("No key achievements or areas of concern for the year.")]
    for priority, quotes in c.quotes_by_priority(a.words.quotes):
        blocks.append(Heading(3, priority))
        groups: dict[tuple[str, str], list[Quote]] = {}
        for q in quotes:
            where = c.cite(q.sources, c.doc_keys(a))
            cite = f"{q.lead_officer + ', ' if q.lead_officer else ''}{where}"
            groups.setdefault((q.section, q.quarter or ""), []).append(Quote(q.text, cite))
        for (section, quarter), found in groups.items():
            blocks.append(Heading(4, f"{section.capitalize()} ({quarter})".replace(" ()", "")))
            blocks += found
    return blocks


def _sources(a: Assessment) -> list[Block]:
    keys = c.doc_keys(a)
    rows = [
        [keys[d.name], d.name, d.kind.replace("_", " "), d.date or "", str(d.pages)]
        for d in a.documents
    ]
    return [
        Heading(2, "Sources"),
        Para("Sources in the tables are given as document key and page (A p.2).", "note"),
        Table(["Key", "Document", "Kind", "Date", "Pages"], rows, wide={1}, numeric={4}),
    ]
