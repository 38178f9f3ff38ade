"""`cdrp-archive people`: who appears where (attendance, actions, lead officer, author) and
their roles over time, one person however the papers spell them."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

import typer
from rich.text import Text

from cdrp_archive.archive.analysis.facts import Fact, distinct, single, source_label, source_rows
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import Attendance, Recommendation, Update
from cdrp_archive.cli.context import fail, open_store, out, print_json_lines
from cdrp_archive.cli.tables import KEEP, Column, Listing, plural, shorten


def people(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="A person, any spelling.")] = None,
    all_copies: Annotated[
        bool,
        typer.Option("--all-copies", help="One appearance per copy of a paper, not per fact."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the people of the archive, or one person's appearances with roles and dates.

    An appearance printed in several papers (minutes, and again in the next agenda pack) is
    one appearance citing every paper; counts count appearances, not copies.

    Example: cdrp-archive people "Inspector Savage"
    """
    from cdrp_archive.archive.people import canonical, known_people, person_matcher, surname_of

    with open_store(ctx) as store:
        known = known_people(store.person_names())
        surname = surname_of(name, known) if name else None
        records = store.records(has_person=True, surname=surname) if surname or not name else []
    wanted = person_matcher(name, known) if name else None
    mine: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if not record.person:
            continue
        person = canonical(record.person, known)
        if wanted and not wanted(person):
            continue
        mine[person].append(record)
    rows = [
        _row(person, fact)
        for person, found in mine.items()
        for fact in ([single(r) for r in found] if all_copies else distinct(found))
    ]
    if not all_copies:
        rows = _appearances(rows)
    if not rows:
        raise fail(f"no one called {name!r} in the archive" if name else "no people found")
    rows.sort(key=lambda r: (r["person"], r["when"] or ""))
    if as_json:
        print_json_lines(rows)
        return
    (_detail(rows) if name else _summary(rows)).print(out)


_APPEARANCE = {
    "action": "action owner",
    "update": "lead officer",
    "recommendation": "report author",
    "decision": "presenter",
}


def _row(person: str, fact: Fact) -> dict[str, Any]:
    record = fact.record
    f = record.fields
    attendance = f if isinstance(f, Attendance) else None
    return {
        "person": person,
        "as_written": attendance.name_raw if attendance else record.person,
        "appearance": attendance.status if attendance else _APPEARANCE.get(record.type),
        "role": attendance.role if attendance else None,
        "organisation": attendance.organisation if attendance else None,
        "when": record.meeting_date or record.date or record.financial_year,
        "what": _what(record),
        "document": record.document,
        "page": record.page,
        "printed_page": record.printed_page,
        "text": record.text,
        "sources": source_rows(fact.sources, dict(fact.printed)),
    }


def _what(record: Record) -> str | None:
    """What the appearance was about: the priority a lead officer reports on, the action or
    decision's text, the report's title; None for attendance."""
    f = record.fields
    if isinstance(f, Attendance):
        return None
    if isinstance(f, Update):
        return f.priority or f.priority_area
    if isinstance(f, Recommendation):
        return f.item or record.text
    return record.text


def _appearances(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One appearance per person, kind, role and day and what it was about: a lead officer
    named on each of a report's update paragraphs appears once for that report's priority."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = tuple(row[k] for k in ("person", "appearance", "role", "organisation", "when"))
        key += (" ".join(str(row["what"] or "").lower().split()),)
        if key not in merged:
            merged[key] = {**row, "sources": list(row["sources"])}
            continue
        have = merged[key]["sources"]
        have += [s for s in row["sources"] if s not in have]
    return list(merged.values())


def _summary(rows: list[dict[str, Any]]) -> Listing:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by[row["person"]].append(row)
    listing = Listing(
        [
            Column("person"),
            Column("appearances", fit=KEEP, justify="right"),
            Column("roles", main=True),
            Column("first", fit=KEEP),
            Column("last", fit=KEEP),
        ],
        title=plural(len(by), "person", "people"),
    )
    for person, mine in sorted(by.items()):
        roles = sorted({r["role"] or r["appearance"] for r in mine if r["role"] or r["appearance"]})
        whens = [str(r["when"]) for r in mine if r["when"]]
        listing.add_row(
            person, str(len(mine)), ", ".join(roles), min(whens, default=""), max(whens, default="")
        )
    return listing


def _detail(rows: list[dict[str, Any]]) -> Listing:
    listing = Listing(
        [
            Column("when", fit=KEEP),
            Column("appearance"),
            Column("what", main=True),
            Column("role", fold=3),
            Column("as written", fold=2),
            Column("sources", fold=1, label=False),
        ],
        title=Text(f"{rows[0]['person']}: {plural(len(rows), 'appearance')}"),
        lines=True,
    )
    for r in rows:
        role = ", ".join(x for x in (r["role"], r["organisation"]) if x)
        listing.add_row(
            str(r["when"] or ""),
            r["appearance"] or "",
            shorten(r["what"] or "", 300),
            role,
            str(r["as_written"] or ""),
            "\n".join(_label(x) for x in r["sources"]),
        )
    return listing


def _label(source: dict[str, Any]) -> str:
    return source_label(source["document"], source["page"], source.get("printed_page"))


def register(app: typer.Typer) -> None:
    app.command()(people)
