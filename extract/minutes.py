"""Minutes: meetings, attendance, numbered items, decisions, actions (and approved funding).

Minutes open with "Minutes of the meeting held on <date>" (also inside an agenda pack, where
the previous meeting's minutes are an item), list APOLOGIES and Present, then numbered items
("88. MINUTES OF PREVIOUS MEETING (PRESENTER)"). In each item spaCy finds decisions ("The
Group NOTED ...", "it was decided that ...") and actions ("Action: Helen Turner to ...").
A ModernGov minute page ("Agenda item" / title / "Minutes:") is one unnumbered item.
An agenda's own list of items becomes a ``meeting`` record for the coming meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.people import canonical, display_name, name_key, strip_title
from cdrp_archive.archive.values import find_dates
from cdrp_archive.extract import language
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.flow import Item, Unit, cell_text, items
from cdrp_archive.extract.funding import funding_in_decision
from cdrp_archive.extract.readers.model import Paper, Table

_MINUTES_OF = re.compile(r"^minutes of (?:the )?meeting held on\s+(.*)", re.I)
_NUMBERED = re.compile(r"^(?:Action\s*)?(\d{1,3})\.\s+(.{4,})$")
_PRESENTER = re.compile(r"\s*\(([^()]+)\)\s*$")
_END = re.compile(r"^the meeting (?:ended|closed) at", re.I)
_REPORT_START = re.compile(r"^(?:report to\b|author/s\b|to:|from:)", re.I)
_LETTERED = re.compile(r"^([A-H])\s*[-–)]\s+")
_ORG_WORDS = re.compile(
    r"council|police|constabulary|rescue|authority|\bdaat\b|\bscdc\b|\bccc\b|trust|service",
    re.I,
)
_SMALL = {"and", "of", "the", "for", "on", "in", "to", "a"}
_ACRONYMS = {"cdrp", "scdc", "csp", "daat", "ccc", "sscf", "asb", "ppo", "iom", "dv"}


@dataclass
class MinuteItem:
    ref: str | None
    title: str
    presenter: str | None
    page: int
    units: list[Item] = field(default_factory=list)


@dataclass
class Meeting:
    date: str | None
    body: str | None
    page: int
    present: list[tuple[str, str | None, str | None, int]] = field(default_factory=list)
    apologies: list[tuple[str, str | None, str | None, int]] = field(default_factory=list)
    items: list[MinuteItem] = field(default_factory=list)


def title_case(text: str) -> str:
    words = text.lower().split()
    out = []
    for i, word in enumerate(words):
        if word.strip("(),") in _ACRONYMS:
            out.append(word.upper())
        elif i and word in _SMALL:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


# --- finding meetings -------------------------------------------------------------------


def find_meetings(stream: list[Item]) -> list[tuple[int, int, Meeting]]:
    """(start, end, meeting) for every set of minutes in the stream; end is exclusive."""
    found = []
    i = 0
    while i < len(stream):
        unit = stream[i]
        if isinstance(unit, Unit):
            match = _MINUTES_OF.search(unit.text)
            if match:
                dates = find_dates(match.group(1))
                body = _body_before(stream, i)
                meeting = Meeting(dates[0][1].isoformat() if dates else None, body, unit.page)
                end = _parse_minutes(stream, i + 1, meeting)
                found.append((i, end, meeting))
                i = end
                continue
            if unit.text.strip().lower() == "minutes:" and i >= 1:
                meeting = Meeting(None, None, unit.page)
                end = _moderngov_item(stream, i, meeting)
                found.append((i, end, meeting))
                i = end
                continue
        i += 1
    return found


def _body_before(stream: list[Item], i: int) -> str | None:
    if i and isinstance(stream[i - 1], Unit):
        text = stream[i - 1].text  # type: ignore[union-attr]
        if is_heading(text) and len(text) < 120:
            return title_case(text)
    return None


def _moderngov_item(stream: list[Item], i: int, meeting: Meeting) -> int:
    title_unit = stream[i - 1]
    title = title_unit.text if isinstance(title_unit, Unit) else ""
    presenter = None
    match = re.match(r"^(.*\S)\s+[-–]\s+([A-Z][\w.' ]+)$", title)
    if match:
        title, presenter = match.group(1), match.group(2)
    item = MinuteItem(None, title, presenter, meeting.page)
    meeting.items.append(item)
    end = i + 1
    while end < len(stream):
        unit = stream[end]
        if isinstance(unit, Unit) and unit.text.lower().startswith("supporting documents"):
            break
        item.units.append(unit)
        end += 1
    return end


def _parse_minutes(stream: list[Item], i: int, meeting: Meeting) -> int:
    mode: str | None = None
    current: MinuteItem | None = None
    while i < len(stream):
        unit = stream[i]
        if isinstance(unit, Table):
            if mode in ("present", "apologies") and current is None:
                _attendance_table(unit, meeting, mode)
            elif current is not None:
                current.units.append(unit)
            i += 1
            continue
        text = unit.text
        if current is not None and (_REPORT_START.match(text) or _MINUTES_OF.search(text)):
            break
        numbered = _NUMBERED.match(text)
        if numbered and is_heading(numbered.group(2)) and not unit.bullet:
            current = _new_item(numbered.group(1), numbered.group(2), unit.page)
            meeting.items.append(current)
            mode = "items"
        elif current is None and re.match(r"^apologies\b", text, re.I):
            mode = "apologies"
            _attendance_lines(unit.lines[1:], meeting, mode, unit.page)
        elif current is None and re.match(r"^present\b", text, re.I):
            mode = "present"
            _attendance_lines(unit.lines[1:], meeting, mode, unit.page)
        elif current is None and mode in ("present", "apologies"):
            if text.strip().lower() != "action":
                _attendance_lines(unit.lines, meeting, mode, unit.page)
        elif current is not None:
            current.units.append(unit)
            if _END.match(text):
                return i + 1
        i += 1
    return i


def _new_item(ref: str, heading: str, page: int) -> MinuteItem:
    presenter = None
    match = _PRESENTER.search(heading)
    if match and name_key(title_case(match.group(1))):
        presenter = title_case(match.group(1))
        heading = heading[: match.start()]
    return MinuteItem(ref, heading.strip(), presenter, page)


# --- attendance --------------------------------------------------------------------------


def _attendance_lines(lines: tuple[str, ...], meeting: Meeting, mode: str, page: int) -> None:
    for line in lines:
        entry = parse_attendee(line)
        if entry:
            getattr(meeting, mode).append((*entry, page))


def _attendance_table(table: Table, meeting: Meeting, mode: str) -> None:
    for r in range(len(table.rows)):
        line = " – ".join(x for x in (cell_text(table, r, 0), cell_text(table, r, 1)) if x)
        entry = parse_attendee(line)
        if entry:
            getattr(meeting, mode).append((*entry, table.page))


def parse_attendee(line: str) -> tuple[str, str | None, str | None] | None:
    """(name as printed, role, organisation) from "Dave Sargent- Chief Inspector, Police"."""
    line = line.strip()
    match = re.match(r"^(.+?)\s*[–—-]\s+(.+)$", line) or re.match(r"^(.+?)\s*[–—]\s*(.+)$", line)
    if match and name_key(match.group(1)):
        name, rest = match.group(1).strip(), match.group(2).strip()
    else:
        words = line.split()
        title_len = len(line.split()) - len(strip_title(line).split())
        cut = title_len + 2
        name, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if not name_key(name):
            return None
    role, org = _role_org(rest)
    return name, role, org


def _role_org(rest: str) -> tuple[str | None, str | None]:
    if not rest:
        return None, None
    if "," in rest:
        role, org = rest.rsplit(",", 1)
        return role.strip() or None, org.strip() or None
    if _ORG_WORDS.search(rest):
        return None, rest
    return rest, None


# --- records -----------------------------------------------------------------------------


def minutes(paper: Paper, ctx: DocContext) -> list[Record]:
    """Meetings, attendance, decisions, actions and approved funding in a paper's minutes."""
    stream = items(paper)
    records: list[Record] = []
    meetings = find_meetings(stream)
    gazetteer = paper_people(stream, [m for _, _, m in meetings])
    for _, _, meeting in meetings:
        records.extend(_meeting_records(meeting, ctx, gazetteer))
    records.extend(agenda_records(stream, ctx, bool(meetings)))
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
            quarter=None if date else ctx.quarter,
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
                out.extend(funding_in_decision(decision, item.title, ctx))
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
            if unit.text.endswith(":") or language.phrases(unit.text) or _NUMBERED.match(unit.text):
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
            if started and _MINUTES_OF.search(unit.text):
                break
            if started:
                rows.extend((line, unit.page) for line in unit.lines)
        else:
            for r in range(len(unit.rows)):
                cells = [cell_text(unit, r, c) for c in range(len(unit.rows[r]))]
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
        presenter = _PRESENTER.search(title)
        agenda.append(
            {
                "number": match.group(1),
                "title": _PRESENTER.sub("", title).strip(),
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
