"""`cdrp-archive people`: who appears where (attendance, actions, lead officer, author) and
their roles over time, one person however the papers spell them."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from cdrp_archive.cli.context import fail, open_store, out, print_json_lines


def people(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="A person, any spelling.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the people of the archive, or one person's appearances with roles and dates.

    Example: cdrp-archive people "Inspector Savage"
    """
    from cdrp_archive.archive.people import (
        PERSON_FIELDS,
        canonical,
        known_people,
        person_matcher,
    )

    with open_store(ctx) as store:
        records = [r for t in PERSON_FIELDS for r in store.records(type=t)]
    known = known_people(records)
    wanted = person_matcher(name, known) if name else None
    rows = []
    for record in records:
        for fieldname in PERSON_FIELDS[record.type]:
            raw = record.fields.get(fieldname)
            if not raw:
                continue
            person = canonical(str(raw), known)
            if wanted and not wanted(person):
                continue
            rows.append(_row(person, record, fieldname))
    if not rows:
        raise fail(f"no one called {name!r} in the archive" if name else "no people found")
    rows.sort(key=lambda r: (r["person"], r["when"] or ""))
    if as_json:
        print_json_lines(rows)
        return
    out.print(_detail(rows) if name else _summary(rows))


def _row(person: str, record: Any, fieldname: str) -> dict[str, Any]:
    f = record.fields
    role = f.get("role") if record.type == "attendance" else None
    appearance = {
        "attendance": f.get("status"),
        "action": "action owner",
        "update": "lead officer",
        "recommendation": "report author",
        "decision": "presenter",
    }[record.type]
    return {
        "person": person,
        "as_written": f.get(fieldname if record.type != "attendance" else "name_raw"),
        "appearance": appearance,
        "role": role,
        "organisation": f.get("organisation"),
        "when": f.get("meeting_date") or record.date or record.financial_year,
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
