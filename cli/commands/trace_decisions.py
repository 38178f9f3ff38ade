"""The decision half of `cdrp-archive trace`: recommendations, decisions, actions, funding and
updates about a topic, in time order, each with document and page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rich.table import Table

from cdrp_archive.archive.analysis.decisions import DecisionEvent
from cdrp_archive.archive.analysis.facts import source_label
from cdrp_archive.archive.records import Action, Decision, Funding, Recommendation, Update
from cdrp_archive.archive.values import money
from cdrp_archive.cli.context import out, print_json_lines
from cdrp_archive.cli.tables import shorten


def describe(event: DecisionEvent) -> str:
    match event.record.fields:
        case Decision() as f:
            return f"minute {f.minute_ref}: {f.outcome}"
        case Action() as f:
            return f"action for {f.owner}"
        case Funding() as f:
            amount = money(f.amount or Decimal(0))
            return f"{amount} {f.status or ''} ({f.fund or 'fund not stated'})"
        case Recommendation() as f:
            return f"recommended to {f.meeting_date}: {f.outcome or 'proposed'}"
        case Update() as f:
            return f"update: {f.priority} ({f.lead_officer or '?'})"
    return "meeting item"


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
        printed = event.printed or {(record.document, record.page): record.printed_page or ""}
        where = "\n".join(source_label(d, p, printed.get((d, p))) for d, p in sources)
        label = record.meeting_date or record.date or record.financial_year or ""
        table.add_row(str(label), what, shorten(record.text, 400), where)
    out.print(table)


def show(events: list[DecisionEvent], topic: str, as_json: bool) -> None:
    """Print the events after the milestone threads (one JSON object per event with --json)."""
    if not events:
        return
    if as_json:
        print_json_lines(json_rows(events))
    else:
        print_decision_trace(events, f"Decisions, actions and funding about {topic!r}")
