"""`cdrp-archive actions`: who was asked to do what, at which meeting and minute."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from cdrp_archive.archive.analysis.facts import distinct, sources_text
from cdrp_archive.archive.records import Action
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
    open_only: Annotated[
        bool,
        typer.Option(
            "--open",
            help="Actions whose last known state (minutes, then action logs) is not done or "
            "dropped, with that state and its date.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List actions from minutes ("Action: Helen Turner to ..."), with owner and source.

    Owners are one person however the papers name them: --owner "Chris Savage" finds the
    actions minuted for "Inspector Savage".

    Example: cdrp-archive actions --owner "Helen Turner"
    """
    if open_only:
        _open(ctx, owner, as_json)
        return
    from cdrp_archive.archive.people import known_people, person_matcher, surname_of

    with open_store(ctx) as store:
        if owner:
            known = known_people(store.person_names())
            surname = surname_of(owner, known)
            found = store.records(type="action", meeting_date=meeting, surname=surname)
            is_owner = person_matcher(owner, known)  # the first name too, over these few
            records = [r for r in found if surname and is_owner(r.person or "")]
        else:
            records = store.records(type="action", meeting_date=meeting)
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
    any_due = any(fact.record.typed(Action).due for fact in facts)
    if any_due:
        table.add_column("due", no_wrap=True)
    table.add_column("sources", overflow="fold", ratio=1, min_width=20)
    for fact in facts:
        r, f = fact.record, fact.record.typed(Action)
        due = [f.due or ""] if any_due else []
        table.add_row(
            f.meeting_date or "",
            f.minute_ref or "",
            f.owner or f.owner_raw or "",
            f.action or r.text,
            *due,
            sources_text(fact),
        )
    out.print(table)


def _open(ctx: typer.Context, owner: str | None, as_json: bool) -> None:
    from cdrp_archive.archive.analysis.actions import open_actions
    from cdrp_archive.archive.people import known_people, person_matcher
    from cdrp_archive.cli.commands import trace_actions

    with open_store(ctx) as store:
        found = open_actions(trace_actions.load(store))
        known = known_people(store.person_names()) if owner else []
    if owner:
        is_owner = person_matcher(owner, known)
        found = [h for h in found if h.owner and (is_owner(h.owner) or h.owner == owner)]
    if not found:
        raise fail("no open actions" + (f" for {owner!r}" if owner else ""))
    if as_json:
        print_json_lines(h.to_dict() for h in found)
        return
    out.print(trace_actions.open_table(found))


def register(app: typer.Typer) -> None:
    app.command()(actions)
