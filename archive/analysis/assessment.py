"""The yearly plan-implementation assessment: how far a year's plan was implemented, what the
board did that year, and the partnership's own words, every figure with its sources.

Pure computation over the store's records (``build_assessment`` only reads the store); the
renderers in ``cdrp_archive.cli.report`` turn an ``Assessment`` into a terminal report,
Markdown, HTML, Word or JSON.

**Milestones.** One row per milestone of the year's plan, from the merged histories of
``archive.milestones`` (the worded PDF, the shading-only PDF and the text original of one
report are one milestone, counted once). A milestone's status in a quarter is the status its
sources agree on (a null beside a colour is the colour); sources that disagree make the
quarter a ``conflict``, counted apart and listed with its sources. A quarter is *reported*
when the archive holds milestone statuses for it; a milestone with no row in a reported
quarter counts as ``none`` there. The final status is the status in the latest reported
quarter; *achieved* means final green. *Persistently red*: red in two or more consecutive
reported quarters. *Data missing*: the latest quarter's note says the figures are not there
("Stats Awaited", "No data available", "figures awaited") — counted apart, not as progress;
"Response awaited" is an answer outstanding, not missing data, and is not counted.
*Carried*: the milestone's thread continues in the next plan year; *dropped*: it does not
(only when the archive holds milestones of the next plan year; otherwise it says so).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cdrp_archive.archive.analysis.assessment_board import (
    BoardActivity,
    Source,
    Words,
    board_activity,
    source_of,
    sources_of,
    words,
)
from cdrp_archive.archive.analysis.milestones import Milestone, QuarterView, Threads, build_threads
from cdrp_archive.archive.models import Document
from cdrp_archive.archive.records import MilestoneStatus
from cdrp_archive.archive.store import Store
from cdrp_archive.archive.values import QUARTERS, FinancialYear

STATUSES = ("green", "amber", "red", "none", "conflict")
_RANK = {"red": 0, "amber": 1, "green": 2}
_DATA_MISSING = re.compile(
    r"\b(?:stats|statistics|figures|data|performance report)\s+(?:are\s+|is\s+)?awaited\b"
    r"|\bno\s+(?:data|stats|statistics|figures)\b"
    r"|\bdata\s+(?:not|un)\s*available\b",
    re.IGNORECASE,
)


@dataclass
class Counts:
    green: int = 0
    amber: int = 0
    red: int = 0
    none: int = 0
    conflict: int = 0

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def total(self) -> int:
        return sum(getattr(self, s) for s in STATUSES)

    def to_dict(self) -> dict[str, int]:
        return {s: getattr(self, s) for s in STATUSES}


@dataclass
class QuarterStatus:
    status: str  # green | amber | red | none | conflict
    progress: str | None
    sources: list[Source]
    conflicting: list[tuple[str, Source]] = field(default_factory=list)


@dataclass
class MilestoneRow:
    key: str
    ref: str | None
    priority: str
    priority_number: int | None
    action_ref: str | None
    action: str | None
    text: str
    quarters: dict[str, QuarterStatus]
    final: str
    persistently_red: bool
    data_missing: str | None  # the note that says so, in the latest quarter
    carried_to: list[str] | None  # next-year keys; None when it cannot be assessed

    @property
    def sources(self) -> list[Source]:
        return sorted({s for q in self.quarters.values() for s in q.sources})

    @property
    def label(self) -> str:
        return self.ref or "(no ref)"


@dataclass
class PriorityView:
    number: int | None
    name: str
    quarters: dict[str, Counts]
    achieved: int
    total: int

    @property
    def title(self) -> str:
        return f"{self.number} {self.name}" if self.number else self.name


@dataclass
class Assessment:
    year: str
    quarters_reported: list[str]
    quarters_missing: list[str]
    milestones: list[MilestoneRow]
    quarters: dict[str, Counts]
    by_priority: list[PriorityView]
    next_year: str
    next_plan_in_archive: bool
    board: BoardActivity
    words: Words
    documents: list[Document]
    counted_from: list[Source]  # the documents the milestone counts come from

    @property
    def achieved(self) -> int:
        return sum(1 for m in self.milestones if m.final == "green")

    @property
    def achieved_share(self) -> float | None:
        return self.achieved / len(self.milestones) if self.milestones else None

    @property
    def persistently_red(self) -> list[MilestoneRow]:
        return [m for m in self.milestones if m.persistently_red]

    @property
    def data_missing(self) -> list[MilestoneRow]:
        return [m for m in self.milestones if m.data_missing]

    @property
    def carried(self) -> list[MilestoneRow]:
        return [m for m in self.milestones if m.carried_to]

    @property
    def dropped(self) -> list[MilestoneRow]:
        return [m for m in self.milestones if m.carried_to == []]

    @property
    def conflicts(self) -> list[tuple[MilestoneRow, str]]:
        return [
            (m, q) for m in self.milestones for q, v in m.quarters.items() if v.status == "conflict"
        ]

    def coverage(self) -> str:
        """The plain statement every output opens with."""
        if not self.quarters_reported:
            return f"No milestone statuses for {self.year} in the archive."
        have = ", ".join(self.quarters_reported)
        if not self.quarters_missing:
            return f"All four quarters of {self.year} reported ({have})."
        missing = _and(self.quarters_missing)
        verb = "is" if len(self.quarters_missing) == 1 else "are"
        return (
            f"Partial year: milestone statuses reported for {have} only; {missing} {verb} "
            f"not reported in the archive. Figures below cover {have}."
        )

    def carried_statement(self) -> str:
        if not self.next_plan_in_archive:
            return (
                f"No plan for {self.next_year} in the archive: carried/dropped cannot be assessed."
            )
        return (
            f"{len(self.carried)} milestones carried into the {self.next_year} plan, "
            f"{len(self.dropped)} dropped."
        )

    def trend(self, status: str, a: str, b: str) -> int:
        return getattr(self.quarters[b], status) - getattr(self.quarters[a], status)

    def movement(self, a: str, b: str) -> Counter[str]:
        """Milestones that improved, worsened or stayed between two quarters (RAG only)."""
        moves: Counter[str] = Counter()
        for m in self.milestones:
            x, y = m.quarters[a].status, m.quarters[b].status
            if x in _RANK and y in _RANK:
                diff = _RANK[y] - _RANK[x]
                moves["improved" if diff > 0 else "worsened" if diff < 0 else "unchanged"] += 1
            else:
                moves["not comparable"] += 1
        return moves


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- building ---------------------------------------------------------------------------


def build_assessment(store: Store, year: str) -> Assessment:
    """Everything the assessment of ``year`` (``2009-10``) says, from the store's records."""
    fy = FinancialYear.parse(year)
    year, next_year = str(fy), str(fy.next())
    view = build_threads(store.records(type="milestone_status"), store.links())
    plan = [m for m in view.milestones.values() if m.financial_year == year]
    next_plan = any(m.financial_year == next_year for m in view.milestones.values())
    reported = sorted({q.quarter for m in plan for q in m.quarters() if q.quarter in QUARTERS})
    numbers = _priority_numbers(plan)
    rows = [_row(m, reported, view, next_year if next_plan else None) for m in plan]
    for row in rows:
        row.priority_number = numbers.get(row.priority)
    rows.sort(key=lambda r: r.priority_number or 99)  # stable: paper order within a priority
    priorities = [r.priority for r in rows]
    board = board_activity(store, fy, priorities)
    said = words(store, year, priorities)
    used = {s.document for r in rows for s in r.sources} | board.documents | said.documents
    return Assessment(
        year=year,
        quarters_reported=reported,
        quarters_missing=[q for q in QUARTERS if q not in reported],
        milestones=rows,
        quarters=_counts(rows, reported),
        by_priority=_priorities(rows, reported),
        next_year=next_year,
        next_plan_in_archive=next_plan,
        board=board,
        words=said,
        documents=[d for d in store.documents() if d.name in used],
        counted_from=sorted({Source(s.document, None) for r in rows for s in r.sources}),
    )


def _quarter(views: dict[str, QuarterView], quarter: str) -> QuarterStatus:
    view = views.get(quarter)
    if view is None:
        return QuarterStatus("none", None, [])
    sources = sources_of(view.sources)
    if view.conflict:
        conflicting = sorted(
            {(str(r.status), source_of(r)) for r in view.sources}
            - {("None", source_of(r)) for r in view.sources}
        )
        return QuarterStatus("conflict", view.progress, sources, conflicting)
    return QuarterStatus(view.status or "none", view.progress, sources)


def _row(m: Milestone, reported: list[str], view: Threads, next_year: str | None) -> MilestoneRow:
    views = {q.quarter: q for q in m.quarters() if q.quarter}
    quarters = {q: _quarter(views, q) for q in reported}
    latest = quarters[reported[-1]] if reported else None
    first = m.records[0].typed(MilestoneStatus)
    return MilestoneRow(
        key=m.key,
        ref=m.ref,
        priority=m.priority or "(priority not stated)",
        priority_number=None,
        action_ref=first.action_ref or _action_of(m.ref),
        action=next((a for r in m.records if (a := r.typed(MilestoneStatus).action)), None),
        text=m.text,
        quarters=quarters,
        final=latest.status if latest else "none",
        persistently_red=_red_run(quarters),
        data_missing=_missing_note(latest.progress if latest else None),
        carried_to=_carried(m, view, next_year),
    )


def _action_of(ref: str | None) -> str | None:
    match = re.match(r"\d+\.\d+", ref or "")
    return match.group(0) if match else None


def _priority_numbers(plan: Iterable[Milestone]) -> dict[str, int]:
    """Each priority's number: the most common major number of its milestone refs."""
    numbers: dict[str, Counter[int]] = {}
    for m in plan:
        major = (m.ref or "").split(".", 1)[0]
        if major.isdigit():
            numbers.setdefault(m.priority or "", Counter())[int(major)] += 1
    return {name: c.most_common(1)[0][0] for name, c in numbers.items()}


def _red_run(quarters: dict[str, QuarterStatus]) -> bool:
    reds = [QUARTERS.index(q) for q, v in quarters.items() if v.status == "red"]
    return any(b - a == 1 for a, b in itertools.pairwise(reds))


def _missing_note(progress: str | None) -> str | None:
    return progress if progress and _DATA_MISSING.search(progress) else None


def _carried(m: Milestone, view: Threads, next_year: str | None) -> list[str] | None:
    if next_year is None:
        return None
    thread = view.thread_of[m.key]
    return [
        k
        for k, t in view.thread_of.items()
        if t == thread and view.milestones[k].financial_year == next_year
    ]


def _counts(rows: Iterable[MilestoneRow], reported: list[str]) -> dict[str, Counts]:
    found = {q: Counts() for q in reported}
    for row in rows:
        for q in reported:
            found[q].add(row.quarters[q].status)
    return found


def _priorities(rows: list[MilestoneRow], reported: list[str]) -> list[PriorityView]:
    names = list(dict.fromkeys(r.priority for r in rows))
    views = []
    for name in names:
        mine = [r for r in rows if r.priority == name]
        views.append(
            PriorityView(
                number=mine[0].priority_number,
                name=name,
                quarters=_counts(mine, reported),
                achieved=sum(1 for r in mine if r.final == "green"),
                total=len(mine),
            )
        )
    return sorted(views, key=lambda v: (v.number or 99, v.name))
