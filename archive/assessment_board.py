"""What the board did in a year, and the partnership's own words: the second and third parts of
the yearly assessment (``archive.assessment``). Pure computation over the store's records.

A decision, recommendation or action belongs to the year its meeting was held in (else its
paper's year); funding belongs to the financial year it is for. Each fact is counted once
however many papers print it (``archive.facts.distinct``). An item's priority is the one the
paper gives (a ``Priority 3- ...`` sub-item, a funding table's section, or the priority
section of the report that printed it); otherwise none is guessed.

An action is *reported done* when a later paper (a passage, update or decision dated after
the meeting) names its owner, shares most of the action's words and says it happened
("completed", "circulated", "has been ..."); the matching text is shown with its source.
Otherwise the assessment says "no later report found".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from cdrp_archive.archive.facts import Fact, distinct, source_label
from cdrp_archive.archive.milestones import content_words
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.people import name_key
from cdrp_archive.archive.store import Store
from cdrp_archive.archive.values import FinancialYear

WORD_SECTIONS = ("key achievements", "areas of concern")
_PAGE_FOOTER = re.compile(r"^\s*page\s+\d+\s+of\s+\d+\s*$", re.IGNORECASE)
_DONE = re.compile(
    r"\b(?:completed|complete|done|circulated|sent|received|delivered|has been|have been)\b",
    re.IGNORECASE,
)
_PRIORITY_IN_TEXT = re.compile(r"priority\s*\d+\s*[-–:]?\s*(?P<name>.+)", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Source:
    """Where a figure or quote was printed."""

    document: str
    page: int | None

    def __str__(self) -> str:
        return source_label(self.document, self.page)

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "page": self.page}


def sources_of(records: Iterable[Record]) -> list[Source]:
    return sorted({Source(r.document, r.page) for r in records})


def fact_sources(fact: Fact) -> list[Source]:
    return sorted({Source(d, p) for d, p in fact.sources})


@dataclass
class BoardItem:
    record: Record
    sources: list[Source]
    priority: str | None = None
    done: str | None = None  # for actions: the later text that reports it done
    done_source: Source | None = None


@dataclass
class FundTotal:
    fund: str
    status: str
    total: Decimal
    items: int
    sources: list[Source]


@dataclass
class BoardActivity:
    decisions: list[BoardItem] = field(default_factory=list)
    recommendations: list[BoardItem] = field(default_factory=list)
    actions: list[BoardItem] = field(default_factory=list)
    funding: list[BoardItem] = field(default_factory=list)
    totals: list[FundTotal] = field(default_factory=list)

    @property
    def documents(self) -> set[str]:
        items = self.decisions + self.recommendations + self.actions + self.funding
        return {s.document for item in items for s in item.sources}


@dataclass
class Quote:
    priority: str
    quarter: str | None
    section: str
    text: str
    lead_officer: str | None
    sources: list[Source]


@dataclass
class Words:
    quotes: list[Quote] = field(default_factory=list)

    @property
    def documents(self) -> set[str]:
        return {s.document for q in self.quotes for s in q.sources}


# --- priorities -------------------------------------------------------------------------


def priority_words(name: str) -> frozenset[str]:
    """``Reduce anti-social behaviour`` and ``Reducing Anti-Social Behaviour`` match."""
    text = re.sub(r"(?<=\w)[-\s](?=(?:social|offend))", "", name.lower())
    words = re.findall(r"[a-z]+", text)
    return frozenset(w for w in words if w not in {"reduce", "reducing", "the", "of", "and"})


def match_priority(name: str | None, plan: Iterable[str]) -> str | None:
    """The plan's name for a priority another paper spells differently, else the name."""
    if not name:
        return None
    wanted = priority_words(name)
    for candidate in plan:
        have = priority_words(candidate)
        if wanted and have and (wanted <= have or have <= wanted):
            return candidate
    return name


def _priority_of(record: Record, updates: list[Record]) -> str | None:
    f = record.fields
    if f.get("priority"):
        return str(f["priority"])
    match = _PRIORITY_IN_TEXT.match(str(f.get("subitem") or ""))
    if match:
        return match.group("name").strip()
    if f.get("section") and record.type == "funding":
        return str(f["section"])
    head = " ".join(record.text.split())[:60]
    for update in updates:
        same_page = update.sha256 == record.sha256 and update.page == record.page
        if same_page and head and head in " ".join(update.text.split()):
            return update.fields.get("priority")
    return None


# --- board activity ---------------------------------------------------------------------


def _meeting_year(record: Record) -> str | None:
    when = record.fields.get("meeting_date") or record.date
    if when:
        try:
            return str(FinancialYear.of(date.fromisoformat(str(when))))
        except ValueError:
            pass
    return record.financial_year


def _items(facts: list[Fact], updates: list[Record], plan: list[str]) -> list[BoardItem]:
    return [
        BoardItem(f.record, fact_sources(f), match_priority(_priority_of(f.record, updates), plan))
        for f in facts
    ]


def board_activity(store: Store, fy: FinancialYear, plan: Iterable[str] = ()) -> BoardActivity:
    year, plan = str(fy), list(dict.fromkeys(plan))
    updates = store.records(type="update")

    def held(kind: str) -> list[Fact]:
        return distinct(r for r in store.records(type=kind) if _meeting_year(r) == year)

    funding = distinct(store.records(type="funding", financial_year=year))
    activity = BoardActivity(
        decisions=_items(held("decision"), updates, plan),
        recommendations=_items(held("recommendation"), updates, plan),
        actions=_items(held("action"), updates, plan),
        funding=_items(funding, updates, plan),
    )
    later = [*store.records(type="passage"), *updates, *store.records(type="decision")]
    for item in activity.actions:
        _mark_done(item, later)
    activity.totals = fund_totals(activity.funding)
    return activity


def fund_totals(items: Iterable[BoardItem]) -> list[FundTotal]:
    groups: dict[tuple[str, str], list[BoardItem]] = {}
    for item in items:
        f = item.record.fields
        key = (str(f.get("fund") or "(fund not stated)"), str(f.get("status") or "(not stated)"))
        groups.setdefault(key, []).append(item)
    return [
        FundTotal(
            fund,
            status,
            sum((Decimal(str(i.record.fields.get("amount") or 0)) for i in group), Decimal(0)),
            len(group),
            sorted({s for i in group for s in i.sources}),
        )
        for (fund, status), group in sorted(groups.items())
    ]


def _mark_done(item: BoardItem, later: list[Record]) -> None:
    f = item.record.fields
    when = str(f.get("meeting_date") or item.record.date or "")
    owner = name_key(str(f.get("owner") or f.get("owner_raw") or ""))
    wanted = content_words(str(f.get("action") or item.record.text))
    if not when or owner is None or not wanted:
        return
    for record in later:
        text = record.text
        if str(record.date or "") <= when or owner.last not in text.lower():
            continue
        shared = len(wanted & content_words(text)) / len(wanted)
        if shared >= 0.6 and _DONE.search(text):
            item.done, item.done_source = text, Source(record.document, record.page)
            return


# --- the partnership's own words --------------------------------------------------------


def words(store: Store, year: str, plan: Iterable[str] = ()) -> Words:
    """Key achievements and areas of concern per priority and quarter, counted once."""
    plan = list(dict.fromkeys(plan))
    records = [
        r
        for r in store.records(type="update", financial_year=year)
        if r.fields.get("section") in WORD_SECTIONS and not _PAGE_FOOTER.match(r.text)
    ]
    quotes = [
        Quote(
            priority=match_priority(f.record.fields.get("priority"), plan) or "(not stated)",
            quarter=f.record.quarter,
            section=str(f.record.fields.get("section")),
            text=" ".join(f.record.text.split()),
            lead_officer=f.record.fields.get("lead_officer"),
            sources=fact_sources(f),
        )
        for f in distinct(records)
    ]
    return Words(quotes)
