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
from decimal import Decimal
from typing import Any

from cdrp_archive.archive.analysis.facts import Fact, distinct, source_label
from cdrp_archive.archive.analysis.similarity import content_words
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.people import name_key
from cdrp_archive.archive.records import Action, Decision, Funding, Update
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
    """Where a figure or quote was printed (``printed_page``: the number the paper prints on
    that page, where it differs)."""

    document: str
    page: int | None
    printed_page: str | None = None

    def __str__(self) -> str:
        return source_label(self.document, self.page, self.printed_page)

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"document": self.document, "page": self.page}
        if self.printed_page:
            row["printed_page"] = self.printed_page
        return row


def source_of(record: Record) -> Source:
    return Source(record.document, record.page, record.printed_page)


def sources_of(records: Iterable[Record]) -> list[Source]:
    return sorted({source_of(r) for r in records})


def fact_sources(fact: Fact) -> list[Source]:
    printed = dict(fact.printed)
    return sorted({Source(d, p, printed.get((d, p))) for d, p in fact.sources})


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
    """The priority the paper gives the item (decisions, recommendations, actions and funding
    name no priority field of their own: a sub-item, a table section, the report's section)."""
    f = record.fields
    match = _PRIORITY_IN_TEXT.match(f.subitem or "") if isinstance(f, Decision) else None
    if match:
        return match.group("name").strip()
    if isinstance(f, Funding) and f.section:
        return f.section
    head = " ".join(record.text.split())[:60]
    for update in updates:
        same_page = update.sha256 == record.sha256 and update.page == record.page
        if same_page and head and head in " ".join(update.text.split()):
            return update.typed(Update).priority
    return None


# --- board activity ---------------------------------------------------------------------


def _items(facts: list[Fact], updates: list[Record], plan: list[str]) -> list[BoardItem]:
    return [
        BoardItem(f.record, fact_sources(f), match_priority(_priority_of(f.record, updates), plan))
        for f in facts
    ]


def board_activity(store: Store, fy: FinancialYear, plan: Iterable[str] = ()) -> BoardActivity:
    year, plan = str(fy), list(dict.fromkeys(plan))
    held = {kind: distinct(store.records(type=kind, held_in=year)) for kind in _HELD}
    funding = distinct(store.records(type="funding", year=year))
    papers = {f.record.sha256 for facts in [*held.values(), funding] for f in facts}
    updates = store.records(type="update", sha256=papers)  # the items' own papers' sections
    activity = BoardActivity(
        decisions=_items(held["decision"], updates, plan),
        recommendations=_items(held["recommendation"], updates, plan),
        actions=_items(held["action"], updates, plan),
        funding=_items(funding, updates, plan),
    )
    for item in activity.actions:
        _mark_done(item, store)
    activity.totals = fund_totals(activity.funding)
    return activity


_HELD = ("decision", "recommendation", "action")
_LATER = ("passage", "update", "decision")  # where a later paper may report an action done


def fund_totals(items: Iterable[BoardItem]) -> list[FundTotal]:
    groups: dict[tuple[str, str], list[BoardItem]] = {}
    for item in items:
        f = item.record.typed(Funding)
        key = (f.fund or "(fund not stated)", f.status or "(not stated)")
        groups.setdefault(key, []).append(item)
    return [
        FundTotal(
            fund,
            status,
            sum((i.record.typed(Funding).amount or Decimal(0) for i in group), Decimal(0)),
            len(group),
            sorted({s for i in group for s in i.sources}),
        )
        for (fund, status), group in sorted(groups.items())
    ]


def _mark_done(item: BoardItem, store: Store) -> None:
    f = item.record.typed(Action)
    when = f.meeting_date or item.record.date or ""
    owner = name_key(f.owner or f.owner_raw or "")
    wanted = content_words(f.action or item.record.text)
    if not when or owner is None or not wanted:
        return
    for kind in _LATER:
        ascii_name = owner.last if owner.last.isascii() else None  # SQL folds ASCII case only
        for record in store.records(type=kind, after=when, contains=ascii_name):
            text = record.text
            if owner.last not in text.lower():
                continue
            shared = len(wanted & content_words(text)) / len(wanted)
            if shared >= 0.6 and _DONE.search(text):
                item.done, item.done_source = text, source_of(record)
                return


# --- the partnership's own words --------------------------------------------------------


def words(store: Store, year: str, plan: Iterable[str] = ()) -> Words:
    """Key achievements and areas of concern per priority and quarter, counted once."""
    plan = list(dict.fromkeys(plan))
    records = [
        r
        for r in store.records(type="update", year=year)
        if r.typed(Update).section in WORD_SECTIONS and not _PAGE_FOOTER.match(r.text)
    ]
    quotes = [
        Quote(
            priority=match_priority(update.priority, plan) or "(not stated)",
            quarter=f.record.quarter,
            section=str(update.section),
            text=" ".join(f.record.text.split()),
            lead_officer=update.lead_officer,
            sources=fact_sources(f),
        )
        for f in distinct(records)
        for update in [f.record.typed(Update)]
    ]
    return Words(quotes)
