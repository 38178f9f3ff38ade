"""Meeting segmentation: where each set of minutes in a paper starts and ends, with its
attendance and numbered items. Built once per paper (``PaperView.meetings``) and read by every
interpreter that needs it: minutes make records of it, recommendations and funding skip it.

Minutes open with "Minutes of the meeting held on <date>" (also inside an agenda pack, where
the previous meeting's minutes are an item), list APOLOGIES and Present, then numbered items
("88. MINUTES OF PREVIOUS MEETING (PRESENTER)"). A ModernGov minute page ("Agenda item" /
title / "Minutes:") is one unnumbered item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cdrp_archive.archive.people import name_key, strip_title
from cdrp_archive.archive.values import find_dates
from cdrp_archive.extract.flow import Item, Unit
from cdrp_archive.extract.readers.model import Table
from cdrp_archive.extract.tables import cell_text
from cdrp_archive.extract.textfix import is_heading

MINUTES_OF = re.compile(r"^minutes of (?:the )?meeting held on\s+(.*)", re.I)
NUMBERED = re.compile(r"^(?:Action\s*)?(\d{1,3})\.\s+(.{4,})$")
PRESENTER = re.compile(r"\s*\(([^()]+)\)\s*$")
_END = re.compile(r"^the meeting (?:ended|closed) at", re.I)
_REPORT_START = re.compile(r"^(?:report to\b|author/s\b|to:|from:)", re.I)
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


# --- finding meetings -------------------------------------------------------------------


def find_meetings(stream: list[Item]) -> list[tuple[int, int, Meeting]]:
    """(start, end, meeting) for every set of minutes in the stream; end is exclusive."""
    found = []
    i = 0
    while i < len(stream):
        unit = stream[i]
        if isinstance(unit, Unit):
            match = MINUTES_OF.search(unit.text)
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
        if current is not None and (_REPORT_START.match(text) or MINUTES_OF.search(text)):
            break
        numbered = NUMBERED.match(text)
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
    match = PRESENTER.search(heading)
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
        line = " – ".join(
            x for x in (cell_text(table.cell(r, 0)), cell_text(table.cell(r, 1))) if x
        )
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
