"""`cdrp-archive people`: who appears where (attendance, actions, lead officer, author) and
their roles over time, one person however the papers spell them."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import Attendance
from cdrp_archive.cli.context import fail, open_store, out, print_json_lines


def people(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="A person, any spelling.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the people of the archive, or one person's appearances with roles and dates.

    Example: cdrp-archive people "Inspector Savage"
    """
    from cdrp_archive.archive.people import canonical, known_people, person_matcher, surname_of

    with open_store(ctx) as store:
        known = known_people(store.person_names())
        surname = surname_of(name, known) if name else None
        records = store.records(has_person=True, surname=surname) if surname or not name else []
    wanted = person_matcher(name, known) if name else None
    rows = []
    for record in records:
        if not record.person:
            continue
        person = canonical(record.person, known)
        if wanted and not wanted(person):
            continue
        rows.append(_row(person, record))
    if not rows:
        raise fail(f"no one called {name!r} in the archive" if name else "no people found")
    rows.sort(key=lambda r: (r["person"], r["when"] or ""))
    if as_json:
        print_json_lines(rows)
        return
    out.print(_detail(rows) if name else _summary(rows))


_APPEARANCE = {
    "action": "action owner",
    "update": "lead officer",
    "recommendation": "report author",
    "decision": "presenter",
}


def _row(person: str, record: Record) -> dict[str, Any]:
    f = record.fields
    attendance = f if isinstance(f, Attendance) else None
    return {
        "person": person,
        "as_written": attendance.name_raw if attendance else record.person,
        "appearance": attendance.status if attendance else _APPEARANCE.get(record.type),
        "role": attendance.role if attendance else None,
        "organisation": attendance.organisation if attendance else None,
        "when": record.meeting_date or record.date or record.financial_year,
        "document": record.document,
        "page": record.page,
        "text": record.text,
    }


def _summary(rows: list[dict[str, Any]]) -> Table:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by[row["person"]].append(row)
    table = Table(title=f"{len(by)} people", expand=True)
    table.add_column("person", no_wrap=True)
    table.add_column("appearances", justify="right")
    table.add_column("roles", ratio=2)
    table.add_column("first", no_wrap=True)
    table.add_column("last", no_wrap=True)
    for person, mine in sorted(by.items()):
        roles = sorted({r["role"] or r["appearance"] for r in mine if r["role"] or r["appearance"]})
        whens = [str(r["when"]) for r in mine if r["when"]]
        table.add_row(
            person, str(len(mine)), ", ".join(roles), min(whens, default=""), max(whens, default="")
        )
    return table


def _detail(rows: list[dict[str, Any]]) -> Table:
    table = Table(title=Text(f"{rows[0]['person']}: {len(rows)} appearances"), expand=True)
    for col in ("when", "appearance", "role", "as written", "document", "page"):
        table.add_column(col, overflow="fold")
    for r in rows:
        role = ", ".join(x for x in (r["role"], r["organisation"]) if x)
        table.add_row(
            str(r["when"] or ""),
            r["appearance"],
            role,
            str(r["as_written"] or ""),
            r["document"],
            str(r["page"] or ""),
        )
    return table


def register(app: typer.Typer) -> None:
    app.command()(people)
