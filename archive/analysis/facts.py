"""One fact, several sources: the same decision, action or grant printed in several papers.

Minutes appear on their own and again in the next agenda pack; a report may be published as a
PDF and as a web page. Listings and totals count each fact once and name every source, so a
funding total never doubles because a paper was ingested twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import (
    Action,
    Attendance,
    Decision,
    Funding,
    Meeting,
    MilestoneStatus,
    Passage,
    Recommendation,
    Update,
)

_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Fact:
    """A record standing for every record of the same fact, and where each was printed.

    ``sources`` are (document, page) pairs; ``printed`` gives, for a source whose paper prints
    another page number, that number."""

    record: Record
    sources: tuple[tuple[str, int | None], ...]
    printed: tuple[tuple[tuple[str, int | None], str], ...] = ()
    copies: tuple[Record, ...] = ()  # every record of the fact, the representative first

    def to_dict(self) -> dict[str, Any]:
        row = self.record.to_dict()
        row["sources"] = source_rows(self.sources, dict(self.printed))
        return row


def source_label(document: str, page: int | None, printed_page: str | None = None) -> str:
    """``paper.pdf p.10``, ``paper.pdf p.14 (printed 12)`` where the paper prints another
    number, or the bare name when the page is not known."""
    if not page:
        return document
    if printed_page and printed_page != str(page):
        return f"{document} p.{page} (printed {printed_page})"
    return f"{document} p.{page}"


def source_rows(
    sources: Iterable[tuple[str, int | None]],
    printed: dict[tuple[str, int | None], str] | None = None,
) -> list[dict[str, Any]]:
    """Sources as JSON objects: ``[{"document": ..., "page": ...}]`` (and ``printed_page``
    where the paper prints another page number)."""
    rows: list[dict[str, Any]] = []
    for document, page in sources:
        row: dict[str, Any] = {"document": document, "page": page}
        if printed and (document, page) in printed:
            row["printed_page"] = printed[(document, page)]
        rows.append(row)
    return rows


def _words(text: object, limit: int = 24) -> str:
    return " ".join(_WORDS.findall(str(text or "").lower())[:limit])


def _amount(value: Decimal | None) -> str:
    return str(value.normalize()) if value is not None else "None"


def fact_key(record: Record) -> tuple[Any, ...]:
    """What makes two records the same fact: a milestone's status in one quarter, however
    many copies print it (copies that disagree stay one fact, with their statuses); a
    passage in the same words of a paper of the same date (a report as PDF and as text)."""
    kind = record.type
    match record.fields:
        case Funding(status="received") as f:  # income: named many ways
            return (kind, record.financial_year, _words(f.fund), _amount(f.amount), "received")
        case Funding() as f:
            return (
                kind,
                record.financial_year,
                _words(f.fund),
                _words(f.project, 12),
                _amount(f.amount),
                f.status,
            )
        case Decision() as f:
            return (kind, f.meeting_date, f.minute_ref, f.outcome, "", _words(record.text))
        case Action() as f:
            return (kind, f.meeting_date, f.minute_ref, None, _words(f.owner), _words(record.text))
        case Recommendation() as f:
            return (kind, f.meeting_date, _words(record.text))
        case Update() as f:
            return (
                kind,
                record.financial_year,
                record.quarter,
                _words(f.priority, 6),
                f.section,
                _words(record.text),
            )
        case Meeting() as f:
            return (kind, f.meeting_date, _words(f.body), None)
        case Attendance() as f:
            return (kind, f.meeting_date, _words(f.name), f.role)
        case MilestoneStatus() as f:
            return (
                kind,
                record.financial_year,
                record.quarter,
                (f.milestone_ref or "").lower(),
                _words(f.milestone, 12),
            )
        case Passage():
            return (kind, record.date, record.financial_year, _words(record.text, 60))
    return (kind, record.id)


def distinct(records: Iterable[Record]) -> list[Fact]:
    """Group records into facts, in the order each fact is first seen.

    Within one document, records in the very same words are separate facts (a minute may note
    two reports alike); the n-th of them matches the n-th in another document. Records of one
    fact in other words (a grant in a sentence and in a table) merge.
    """
    groups: dict[tuple[Any, ...], list[Record]] = {}
    seen: dict[tuple[Any, ...], int] = {}
    for record in records:
        key = fact_key(record)
        twin = (record.sha256, _words(record.text, 60), *key)
        nth = seen.get(twin, 0)
        seen[twin] = nth + 1
        groups.setdefault((*key, nth), []).append(record)
    facts = []
    for group in groups.values():
        sources = tuple(dict.fromkeys((r.document, r.page) for r in group))
        printed = {(r.document, r.page): r.printed_page for r in group if r.printed_page}
        facts.append(
            Fact(
                record=group[0],
                sources=sources,
                printed=tuple(printed.items()),
                copies=tuple(group),
            )
        )
    return facts


def single(record: Record) -> Fact:
    """One record as a fact of its own (``--all-copies``: one hit per copy)."""
    printed = {(record.document, record.page): record.printed_page} if record.printed_page else {}
    return Fact(
        record=record,
        sources=((record.document, record.page),),
        printed=tuple(printed.items()),
        copies=(record,),
    )


def sources_text(fact: Fact, limit: int = 1) -> str:
    """``paper.pdf p.10; paper.txt p.1`` for a table cell."""
    printed = dict(fact.printed)
    parts = [source_label(d, p, printed.get((d, p))) for d, p in fact.sources[:limit]]
    more = len(fact.sources) - limit
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")
