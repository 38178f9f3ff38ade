"""`cdrp-archive meetings`: the meetings the archive knows; one meeting with its items,
decisions and actions."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from cdrp_archive.archive.analysis.facts import Fact, distinct, source_label, source_rows
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import Action, Attendance, Decision, Meeting
from cdrp_archive.cli.context import fail, open_store, out, print_json_lines


def meetings(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Argument(help="A meeting date (YYYY-MM-DD) to show in full.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List meetings (from minutes and agendas), or one meeting's items with their decisions
    and actions.

    Example: cdrp-archive meetings 2011-04-26
    """
    with open_store(ctx) as store:
        found = store.records(type="meeting", meeting_date=date)
        if date:
            minuted = store.records(type=_MINUTED, meeting_date=date)
    if not found:
        raise fail(f"no meeting on {date}" if date else "the archive holds no meetings")
    facts = distinct(found)
    if not date:
        _list(facts, as_json)
        return
    rows = []
    for fact in facts:
        row = _meeting_row(fact.record, minuted)
        row["sources"] = source_rows(fact.sources, dict(fact.printed))
        rows.append(row)
    if as_json:
        print_json_lines(rows)
        return
    for row in rows:
        out.print(_meeting_table(row))


_MINUTED = ("decision", "action", "funding", "attendance")


def _list(facts: list[Fact], as_json: bool) -> None:
    rows = [
        {
            "meeting_date": m.meeting_date,
            "source": m.source,
            "body": m.body,
            "items": len(m.items or []),
            "document": fact.record.document,
            "page": fact.record.page,
            "financial_year": fact.record.financial_year,
            "sources": source_rows(fact.sources, dict(fact.printed)),
        }
        for fact in facts
        for m in [fact.record.typed(Meeting)]
    ]
    if as_json:
        print_json_lines(rows)
        return
    table = Table(title=f"{len(rows)} meetings", expand=True)
    for name in ("meeting_date", "source", "items", "sources"):
        table.add_column(name.replace("_", " "), overflow="fold")
    for row in rows:
        when = row["meeting_date"] or f"({row['financial_year']})"
        where = "\n".join(_label(x) for x in row["sources"])
        table.add_row(when, row["source"], str(row["items"]), where)
    out.print(table)


def _label(source: dict[str, Any]) -> str:
    return source_label(source["document"], source["page"], source.get("printed_page"))


def _meeting_row(meeting: Record, minuted: list[Record]) -> dict[str, Any]:
    row = meeting.to_dict()
    items = []
    for item in meeting.typed(Meeting).items or []:
        ref = item.get("minute_ref") or item.get("number")
        mine = [
            r for r in minuted if r.fields.get("minute_ref") == ref and r.sha256 == meeting.sha256
        ]
        items.append(
            {
                **item,
                "decisions": [
                    {"outcome": r.fields.outcome, "text": r.text, "page": r.page}
                    for r in mine
                    if isinstance(r.fields, Decision)
                ],
                "actions": [
                    {"owner": r.fields.owner, "text": r.text, "page": r.page}
                    for r in mine
                    if isinstance(r.fields, Action)
                ],
            }
        )
    row["items"] = items
    row["attendance"] = [
        {"name": a.name, "role": a.role, "organisation": a.organisation, "status": a.status}
        for r in minuted
        if isinstance(a := r.fields, Attendance) and r.sha256 == meeting.sha256
    ]
    return row


def _meeting_table(row: dict[str, Any]) -> Table:
    present = [a["name"] for a in row["attendance"] if a["status"] == "present"]
    apologies = [a["name"] for a in row["attendance"] if a["status"] == "apologies"]
    caption = f"present: {', '.join(present)}" if present else None
    if apologies:
        caption = (caption + "\n" if caption else "") + f"apologies: {', '.join(apologies)}"
    table = Table(
        title=Text(
            f"{row['source']} of {row['meeting_date']} — "
            + "; ".join(_label(x) for x in row.get("sources") or [])
        ),
        caption=Text(caption) if caption else None,
        show_lines=True,
        expand=True,
    )
    table.add_column("#", no_wrap=True)
    table.add_column("item", ratio=1)
    table.add_column("decisions and actions", ratio=3)
    for item in row["items"]:
        lines = [f"{d['outcome'].upper()}: {d['text']}" for d in item["decisions"] if d["outcome"]]
        lines += [f"ACTION ({a['owner']}): {a['text']}" for a in item["actions"]]
        title = item.get("title") or ""
        if item.get("presenter"):
            title += f" ({item['presenter']})"
        table.add_row(
            str(item.get("minute_ref") or item.get("number") or ""), title, "\n".join(lines)
        )
    return table


def register(app: typer.Typer) -> None:
    app.command()(meetings)
