"""One fact, several sources: the same decision, action or grant printed in several papers.

Minutes appear on their own and again in the next agenda pack; a report may be published as a
PDF and as a web page. Listings and totals count each fact once and name every source, so a
funding total never doubles because a paper was ingested twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from cdrp_archive.archive.models import Record

_WORDS = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Fact:
    """A record standing for every record of the same fact, and where each was printed."""

    record: Record
    sources: tuple[tuple[str, int | None], ...]

    def to_dict(self) -> dict[str, Any]:
        row = self.record.to_dict()
        row["sources"] = source_rows(self.sources)
        return row


def source_label(document: str, page: int | None) -> str:
    """``paper.pdf p.10``, or the bare name when the page is not known."""
    return f"{document} p.{page}" if page else document


def source_rows(sources: Iterable[tuple[str, int | None]]) -> list[dict[str, Any]]:
    """Sources as JSON objects: ``[{"document": ..., "page": ...}]``."""
    return [{"document": d, "page": p} for d, p in sources]


def _words(text: object, limit: int = 24) -> str:
    return " ".join(_WORDS.findall(str(text or "").lower())[:limit])


def _amount(value: object) -> str:
    try:
        return str(Decimal(str(value)).normalize())
    except (InvalidOperation, ValueError):
        return str(value)


def fact_key(record: Record) -> tuple[Any, ...]:
    """What makes two records the same fact; a passage is only ever itself."""
    f = record.fields
    kind = record.type
    if kind == "funding" and f.get("status") == "received":  # income: named many ways
        return (
            kind,
            record.financial_year,
            _words(f.get("fund")),
            _amount(f.get("amount")),
            "received",
        )
    if kind == "funding":
        return (
            kind,
            record.financial_year,
            _words(f.get("fund")),
            _words(f.get("project"), 12),
            _amount(f.get("amount")),
            f.get("status"),
        )
    if kind in ("decision", "action"):
        return (
            kind,
            f.get("meeting_date"),
            f.get("minute_ref"),
            f.get("outcome"),
            _words(f.get("owner")),
            _words(record.text),
        )
    if kind == "recommendation":
        return (kind, f.get("meeting_date"), _words(record.text))
    if kind == "update":
        return (
            kind,
            record.financial_year,
            record.quarter,
            _words(f.get("priority"), 6),
            f.get("section"),
            _words(record.text),
        )
    if kind in ("meeting", "attendance"):
        return (
            kind,
            f.get("meeting_date"),
            _words(f.get("name") or f.get("body")),
            f.get("role") if kind == "attendance" else None,
        )
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
        facts.append(Fact(record=group[0], sources=sources))
    return facts


def sources_text(fact: Fact, limit: int = 1) -> str:
    """``paper.pdf p.10; paper.txt p.1`` for a table cell."""
    parts = [source_label(d, p) for d, p in fact.sources[:limit]]
    more = len(fact.sources) - limit
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")
