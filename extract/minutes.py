"""Minutes: meetings, attendance, decisions and actions, from the paper's meeting segments.

The view finds each set of minutes with its attendance and numbered items
(``extract.segments``); here each becomes records: one ``meeting``, its ``attendance``, and in
each item the decisions spaCy finds ("The Group NOTED ...", "it was decided that ...") and the
actions ("Action: Helen Turner to ..."). The money in a decision is the funding interpreter's
(it reads these decisions). An agenda's own list of items becomes a ``meeting`` record for the
coming meeting.
"""

from __future__ import annotations

import re
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.people import canonical, display_name, name_key
from cdrp_archive.archive.values import find_dates
from cdrp_archive.extract import language
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.flow import Item, Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.segments import (
    MINUTES_OF,
    NUMBERED,
    PRESENTER,
    Meeting,
    MinuteItem,
    title_case,
)
from cdrp_archive.extract.tables import cell_text
from cdrp_archive.extract.view import PaperView, view_of

_LETTERED = re.compile(r"^([A-H])\s*[-–)]\s+")


def minutes(
    source: Paper | PaperView, ctx: DocContext, earlier: Earlier | None = None
) -> list[Record]:
    """Meetings, attendance, decisions and actions in a paper's minutes, and its agenda."""
    view = view_of(source)
    records: list[Record] = []
    meetings = [m for _, _, m in view.meetings]
    gazetteer = paper_people(view.items, meetings)
    for meeting in meetings:
        records.extend(_meeting_records(meeting, ctx, gazetteer))
    records.extend(agenda_records(view.items, ctx, bool(meetings)))
    return records


def paper_people(stream: list[Item], meetings: list[Meeting]) -> list[str]:
    """The paper's people gazetteer: attendance first, then officers and authors."""
    names = [e[0] for m in meetings for e in (*m.present, *m.apologies)]
    for unit in stream:
        if isinstance(unit, Unit):
            for line in unit.lines:
                match = re.match(r"^(?:lead officer|author/s?|from)\s*:\s*([^,(]+)", line, re.I)
                if match:
                    names.append(match.group(1).strip())
    return [display_name(n) for n in dict.fromkeys(names) if name_key(n)]


def _meeting_records(meeting: Meeting, ctx: DocContext, gazetteer: list[str]) -> list[Record]:
    date = meeting.date
    out: list[Record] = []
    items_json = [
        {"minute_ref": it.ref, "title": it.title, "presenter": it.presenter, "page": it.page}
        for it in meeting.items
    ]
    body = meeting.body or "meeting"
    out.append(
        ctx.record(
            "meeting",
            meeting.page,
            f"Minutes of the {body} of {date}"
            if date
            else "Minutes: " + "; ".join(it.title for it in meeting.items),
            date=date,
            meeting_date=date,
            body=meeting.body,
            source="minutes",
            items=items_json,
            present=len(meeting.present),
            apologies=len(meeting.apologies),
        )
    )
    for status in ("present", "apologies"):
        for name, role, org, page in getattr(meeting, status):
            out.append(
                ctx.record(
                    "attendance",
                    page,
                    ", ".join(x for x in (name, role, org) if x),
                    date=date,
                    meeting_date=date,
                    name=canonical(name, gazetteer),
                    name_raw=name,
                    role=role,
                    organisation=org,
                    status=status,
                )
            )
    for item in meeting.items:
        out.extend(_item_records(item, date, ctx, gazetteer))
    return out


def _item_records(
    item: MinuteItem, date: str | None, ctx: DocContext, gazetteer: list[str]
) -> list[Record]:
    out: list[Record] = []
    units = [u for u in item.units if isinstance(u, Unit)]
    subitem: str | None = None
    common = {"meeting_date": date, "minute_ref": item.ref, "item": title_case(item.title)}
    if item.ref is None:
        common["item"] = item.title
    for n, unit in enumerate(units):
        if _is_subheading(unit, units, n):
            subitem = unit.text
            continue
        for phrase in language.phrases(unit.text):
            if phrase.kind == "DECISION":
                text = _decision_text(phrase.sentence, units, n)
                decision = ctx.record(
                    "decision",
                    unit.page,
                    text,
                    date=date,
                    outcome=phrase.outcome,
                    presenter=item.presenter,
                    subitem=subitem,
                    **common,
                )
                out.append(decision)
            elif phrase.kind == "ACTION":
                out.append(_action(phrase.sentence, unit.page, date, ctx, gazetteer, common))
    return out


def _is_subheading(unit: Unit, units: list[Unit], n: int) -> bool:
    text = unit.text
    if unit.bullet or len(text) > 70 or text.endswith((".", ":")) or text.lower() == "action":
        return False
    if not re.match(r"^(priority \d|update\b|state of\b)", text, re.I):
        return False
    return n + 1 < len(units) and len(units[n + 1].text) < 70


def _decision_text(sentence: str, units: list[Unit], n: int) -> str:
    """The decision with what it decided: lettered parts (A-, B- ...) and listed points."""
    parts = [sentence]
    following = units[n + 1 :]
    lettered = [u for u in following if _LETTERED.match(u.text)]
    if lettered and _LETTERED.match(lettered[0].text).group(1) == "A":  # type: ignore[union-attr]
        expected = "A"
        for unit in lettered:
            if _LETTERED.match(unit.text).group(1) != expected:  # type: ignore[union-attr]
                break
            parts.append(unit.text)
            expected = chr(ord(expected) + 1)
    elif sentence.rstrip().endswith(":"):
        for unit in following[:8]:
            if unit.text.endswith(":") or language.phrases(unit.text) or NUMBERED.match(unit.text):
                break
            parts.append(("- " if unit.bullet else "") + unit.text)
    return " ".join(parts)


def _action(
    sentence: str,
    page: int,
    date: str | None,
    ctx: DocContext,
    gazetteer: list[str],
    common: dict[str, str | None],
) -> Record:
    body = re.sub(r"^\s*action\s*[:\-–]\s*", "", sentence, flags=re.I)
    match = re.match(r"^(.+?)\s+to\s+(.+)$", body)
    owner_raw, what = (match.group(1), match.group(2)) if match else (None, body)
    if owner_raw and not name_key(owner_raw):
        found = language.people(owner_raw, gazetteer)
        owner_raw = found[0] if found else owner_raw
    due = None
    due_match = re.search(r"\bby\s+(?:the end of\s+)?(.{3,30})", what)
    if due_match:
        dates = find_dates(due_match.group(1))
        due = dates[0][1].isoformat() if dates else None
    return ctx.record(
        "action",
        page,
        body,
        date=date,
        owner=canonical(owner_raw, gazetteer) if owner_raw else None,
        owner_raw=owner_raw,
        action=what,
        due=due,
        **common,
    )


# --- the agenda of the coming meeting ---------------------------------------------------

_AGENDA_ROW = re.compile(r"^(\d{1,2})\.\s*(.+?)(?:\s+(\d{1,3}\s*-\s*\d{1,3}))?$")


def agenda_records(stream: list[Item], ctx: DocContext, has_minutes: bool) -> list[Record]:
    if ctx.kind != "agenda":
        return []
    rows: list[tuple[str, int]] = []
    started = False
    for unit in stream:
        if isinstance(unit, Unit):
            if unit.text.upper().startswith("AGENDA"):
                started = True
                continue
            if started and MINUTES_OF.search(unit.text):
                break
            if started:
                rows.extend((line, unit.page) for line in unit.lines)
        else:
            for row in unit.rows:
                cells = [cell_text(c) for c in row]
                if cells and cells[0].upper() == "AGENDA":
                    started = True
                    continue
                if started:
                    rows.append((" ".join(c for c in cells if c), unit.page))
    agenda: list[dict[str, Any]] = []
    for line, page in rows:
        match = _AGENDA_ROW.match(line)
        if not match or (agenda and int(match.group(1)) != int(agenda[-1]["number"]) + 1):
            continue
        title = match.group(2).strip()
        presenter = PRESENTER.search(title)
        agenda.append(
            {
                "number": match.group(1),
                "title": PRESENTER.sub("", title).strip(),
                "presenter": presenter.group(1) if presenter else None,
                "pages": match.group(3),
                "page": page,
            }
        )
    if not agenda:
        return []
    return [
        ctx.record(
            "meeting",
            agenda[0]["page"],
            f"Agenda of the meeting of {ctx.date}: "
            + "; ".join(f"{a['number']}. {a['title']}" for a in agenda),
            meeting_date=ctx.date,
            body=None,
            source="agenda",
            items=agenda,
        )
    ]


INTERPRETER = Interpreter(
    "minutes", emits=("meeting", "attendance", "decision", "action"), run=minutes
)
