"""`cdrp-archive actions`: who was asked to do what, at which meeting and minute."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from cdrp_archive.archive.facts import distinct, sources_text
from cdrp_archive.cli.context import fail, open_store, out, print_json_lines


def actions(
    ctx: typer.Context,
    owner: Annotated[
        str | None,
        typer.Option("--owner", "-o", help='A person, any spelling ("Insp Savage").'),
    ] = None,
    meeting: Annotated[
        str | None, typer.Option("--meeting", "-m", help="Meeting date, YYYY-MM-DD.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List actions from minutes ("Action: Helen Turner to ..."), with owner and source.

    Owners are one person however the papers name them: --owner "Chris Savage" finds the
    actions minuted for "Inspector Savage".

    Example: cdrp-archive actions --owner "Helen Turner"
    """
    from cdrp_archive.archive.people import PERSON_FIELDS, known_people, person_matcher

    with open_store(ctx) as store:
        records = store.records(type="action")
        named = [r for t in PERSON_FIELDS for r in store.records(type=t)] if owner else []
    if meeting:
        records = [r for r in records if r.fields.get("meeting_date") == meeting]
    if owner:
        is_owner = person_matcher(owner, known_people(named))
        records = [
            r for r in records if is_owner(r.fields.get("owner") or r.fields.get("owner_raw") or "")
        ]
    if not records:
        raise fail("no actions match" + (f" owner {owner!r}" if owner else ""))
    facts = distinct(records)
    if as_json:
        print_json_lines(fact.to_dict() for fact in facts)
        return
    table = Table(title=f"{len(facts)} actions", show_lines=True, expand=True)
    for name in ("meeting", "minute", "owner"):
        table.add_column(name, no_wrap=True)
    table.add_column("action", ratio=2)
    any_due = any(fact.record.fields.get("due") for fact in facts)
    if any_due:
        table.add_column("due", no_wrap=True)
    table.add_column("sources", overflow="fold", ratio=1, min_width=20)
    for fact in facts:
        r, f = fact.record, fact.record.fields
        due = [f.get("due") or ""] if any_due else []
        table.add_row(
            f.get("meeting_date") or "",
            f.get("minute_ref") or "",
            f.get("owner") or f.get("owner_raw") or "",
            f.get("action") or r.text,
            *due,
            sources_text(fact),
        )
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(actions)
