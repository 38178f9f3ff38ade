"""The decision half of `cdrp-archive trace`: recommendations, decisions, actions, funding and
updates about a topic, in time order, each with document and page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.table import Table

from cdrp_archive.archive.decisions import DecisionEvent
from cdrp_archive.archive.facts import source_label
from cdrp_archive.cli.context import out, print_json_lines


def describe(event: DecisionEvent) -> str:
    f = event.record.fields
    kind = event.record.type
    if kind == "decision":
        head = f"minute {f.get('minute_ref')}: {f.get('outcome')}"
    elif kind == "action":
        head = f"action for {f.get('owner')}"
    elif kind == "funding":
        fund = f.get("fund") or "fund not stated"
        head = f"£{Decimal(str(f.get('amount') or 0)):,.2f} {f.get('status') or ''} ({fund})"
    elif kind == "recommendation":
        head = f"recommended to {f.get('meeting_date')}: {f.get('outcome') or 'proposed'}"
    elif kind == "update":
        head = f"update: {f.get('priority')} ({f.get('lead_officer') or '?'})"
    else:
        head = "meeting item"
    return head


def json_rows(events: list[DecisionEvent]) -> list[dict[str, Any]]:
    return [e.to_dict() for e in events]


def print_decision_trace(events: list[DecisionEvent], title: str) -> None:
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("when", no_wrap=True)
    table.add_column("what", ratio=1)
    table.add_column("text", ratio=3)
    table.add_column("sources", ratio=1, overflow="fold", min_width=20)
    for event in events:
        record = event.record
        what = describe(event) + (f"\n(via {event.via})" if event.via else "")
        sources = event.sources or ((record.document, record.page),)
        where = "\n".join(source_label(d, p) for d, p in sources)
        label = record.fields.get("meeting_date") or record.date or record.financial_year or ""
        table.add_row(str(label), what, record.text[:400], where)
    out.print(table)


def show(events: list[DecisionEvent], topic: str, as_json: bool) -> None:
    """Print the events after the milestone threads (one JSON object per event with --json)."""
    if not events:
        return
    if as_json:
        print_json_lines(json_rows(events))
    else:
        print_decision_trace(events, f"Decisions, actions and funding about {topic!r}")
