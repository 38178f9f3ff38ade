"""Meeting segmentation: where each set of minutes in a paper starts and ends, with its
attendance and numbered items. Built once per paper (``PaperView.meetings``) and read by every
interpreter that needs it: minutes make records of it, recommendations and funding skip it.

Minutes open with "Minutes of the meeting held on <date>" (also inside an agenda pack, where
the previous meeting's minutes are an item), list APOLOGIES and Present, then numbered items
("88. MINUTES OF PREVIOUS MEETING (PRESENTER)"). A ModernGov minute page ("Agenda item" /
title / "Minutes:") is one unnumbered item.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from cdrp_archive.archive.people import display_name, name_key, strip_title
from cdrp_archive.archive.values import find_dates
from cdrp_archive.extract.conventions import Profile, default_profile
from cdrp_archive.extract.flow import Item, Unit
from cdrp_archive.extract.readers.model import Table
from cdrp_archive.extract.tables import cell_text
from cdrp_archive.extract.textfix import is_heading

MINUTES_OF = re.compile(r"^minutes of (?:the )?meeting held on\s+(.*)", re.I)
NUMBERED = re.compile(r"^(?:Action\s*)?(\d{1,3})\.\s+(.{4,})$")
PRESENTER = re.compile(r"\s*\(([^()]+)\)\s*$")
_SMALL = {"and", "of", "the", "for", "on", "in", "to", "a"}
_HONOURS = re.compile(r"^(?:OBE|MBE|CBE|KBE|DBE|QPM|JP|DL|QC|KC|BEM|FRSA|MP)\b\.?$")
_INITIALS = re.compile(r"\(\s*([A-Z]{2,4})\s*\)")
ATTENDANCE_STATUSES = ("present", "also_present", "in_attendance", "apologies", "absent")


@dataclass(frozen=True)
class MinutesRules:
    """The minutes conventions of a profile (``[minutes]``), compiled once."""

    openings: tuple[re.Pattern[str], ...]
    refers_back: tuple[re.Pattern[str], ...]
    endings: tuple[re.Pattern[str], ...]
    report_starts: tuple[re.Pattern[str], ...]
    items: tuple[re.Pattern[str], ...]
    item_markers: tuple[re.Pattern[str], ...]
    attendance: tuple[tuple[str, re.Pattern[str]], ...]
    list_prefixes: tuple[re.Pattern[str], ...]
    org_words: frozenset[str]
    acronyms: frozenset[str]

    def status_of(self, text: str) -> tuple[str, int] | None:
        """(attendance status, end of the heading) when text opens an attendance list."""
        for status, pattern in self.attendance:
            match = pattern.match(text)
            if match:
                return status, match.end()
        return None


@functools.lru_cache(maxsize=16)
def rules_of(profile: Profile | None = None) -> MinutesRules:
    profile = profile or default_profile()
    return MinutesRules(
        openings=profile.patterns("minutes.openings"),
        refers_back=profile.patterns("minutes.body_refers_back"),
        endings=profile.patterns("minutes.endings"),
        report_starts=profile.patterns("minutes.report_starts"),
        items=profile.patterns("minutes.items"),
        item_markers=profile.patterns("minutes.item_markers"),
        attendance=tuple(
            (status, pattern)
            for status in ATTENDANCE_STATUSES
            for pattern in profile.patterns(f"minutes.attendance.{status}")
        ),
        list_prefixes=profile.patterns("minutes.attendance.list_prefixes"),
        org_words=frozenset(w.lower() for w in profile.words("organisations.words")),
        acronyms=frozenset(w.lower() for w in profile.words("acronyms.words")),
    )


Attendee = tuple[str, str | None, str | None, int]  # name as printed, role, organisation, page


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
    present: list[Attendee] = field(default_factory=list)
    apologies: list[Attendee] = field(default_factory=list)
    items: list[MinuteItem] = field(default_factory=list)
    also_present: list[Attendee] = field(default_factory=list)
    in_attendance: list[Attendee] = field(default_factory=list)
    absent: list[Attendee] = field(default_factory=list)
    # where the date came from: "opening", "title block" (else the interpreter says)
    date_source: str | None = None
    opening: str = ""
    # initials the paper prints beside a name ("Alison Wheeler (AW)"): initials -> name
    initials: dict[str, str] = field(default_factory=dict)

    def attendees(self) -> list[Attendee]:
        return [e for status in ATTENDANCE_STATUSES for e in getattr(self, status)]


def title_case(text: str, acronyms: frozenset[str] | None = None) -> str:
    """A heading in capitals as a title ("PRIORITY FUND BIDS" -> "Priority Fund Bids"), the
    profile's acronyms kept in capitals."""
    if acronyms is None:
        acronyms = rules_of().acronyms
    words = text.lower().split()
    out = []
    for i, word in enumerate(words):
        if word.strip("(),") in acronyms:
            out.append(word.upper())
        elif i and word in _SMALL:
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


# --- finding meetings -------------------------------------------------------------------


def find_meetings(
    stream: list[Item], rules: MinutesRules | None = None
) -> list[tuple[int, int, Meeting]]:
    """(start, end, meeting) for every set of minutes in the stream; end is exclusive.

    A set opens with one of the profile's openings ("Minutes of the meeting held on ...",
    "MINUTES of a meeting of the Cabinet held ...", "<Body> - minutes - <date>", "Minutes and
    Actions"), where the title block is (the paper's first units) or where an attendance list
    follows. A paper with no opening whose first page lists who was present is one set."""
    rules = rules or rules_of()
    markers = sum(1 for u in stream[:400] if isinstance(u, Unit) and _marker(u.text, rules))
    found = []
    i = 0
    while i < len(stream):
        unit = stream[i]
        if isinstance(unit, Unit):
            moderngov = unit.text.strip().lower() == "minutes:" and i >= 1
            meeting = None if moderngov else _opening(stream, i, rules)
            if meeting is not None:
                end = _parse_minutes(stream, i + 1, meeting, rules, markers >= 2)
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
    if not found:
        start = _attendance_first(stream, rules)
        if start is not None:
            meeting = Meeting(None, None, stream[start].page)
            _date_and_body(stream, start, meeting, None, None, rules)
            end = _parse_minutes(stream, start, meeting, rules, markers >= 2)
            found.append((start, end, meeting))
    return found


def _marker(text: str, rules: MinutesRules) -> re.Match[str] | None:
    for pattern in rules.item_markers:
        match = pattern.match(text.strip())
        if match:
            return match
    return None


def _opening(stream: list[Item], i: int, rules: MinutesRules) -> Meeting | None:
    unit = stream[i]
    assert isinstance(unit, Unit)
    text = unit.text
    if len(text) > 400 or unit.bullet:
        return None
    for pattern in rules.openings:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        rest = groups.get("rest") or ""
        strong = MINUTES_OF.search(text) and find_dates(rest or text)
        if not (strong or i < 8 or _attendance_follows(stream, i, rules)):
            continue
        if re.match(r"^\d", text) and not _attendance_follows(stream, i, rules):
            continue  # an agenda item: "3. Minutes of the meeting held on ..."
        meeting = Meeting(None, None, unit.page, opening=text[:200])
        body = (groups.get("body") or "").strip(" ,.:-–—")
        if body and any(p.search(body) for p in rules.refers_back):
            body = ""
        _date_and_body(stream, i, meeting, rest or text, body or None, rules)
        return meeting
    return None


def _attendance_follows(stream: list[Item], i: int, rules: MinutesRules) -> bool:
    for unit in stream[i + 1 : i + 7]:
        if isinstance(unit, Unit) and rules.status_of(unit.text):
            return True
        if isinstance(unit, Table) and rules.status_of(cell_text(unit.cell(0, 0))):
            return True
    return False


def _attendance_first(stream: list[Item], rules: MinutesRules) -> int | None:
    """Where a paper with no opening lists its attendance near its start (its title block
    before it)."""
    for n, unit in enumerate(stream[:25]):
        if isinstance(unit, Unit) and rules.status_of(unit.text):
            status = rules.status_of(unit.text)
            if status and status[0] in ("present", "apologies"):
                return max(0, n - 3) if n < 6 else n
    return None


def _date_and_body(
    stream: list[Item],
    i: int,
    meeting: Meeting,
    text: str | None,
    body: str | None,
    rules: MinutesRules,
) -> None:
    """The meeting's date from its opening, else from its title block (the short units around
    it); its body from the opening, else from the heading printed before it."""
    dates = find_dates(text) if text else []
    if dates:
        meeting.date, meeting.date_source = dates[0][1].isoformat(), "opening"
    else:
        around = [u for u in stream[max(0, i - 3) : i + 3] if isinstance(u, Unit)]
        for unit in around:
            if len(unit.text) < 160 and (found := find_dates(unit.text)):
                meeting.date, meeting.date_source = found[0][1].isoformat(), "title block"
                break
    if body is None:
        for back in (1, 2, 3):
            if i - back < 0 or not isinstance(stream[i - back], Unit):
                break
            before = stream[i - back].text  # type: ignore[union-attr]
            if rules.status_of(before):
                continue
            cleaned = _body_name(before)
            if cleaned and (is_heading(before) or back == 1) and len(cleaned) < 90:
                body = cleaned
                break
    elif not is_heading(body):
        body = _body_name(body)
    meeting.body = title_case(_body_name(body), rules.acronyms) if body else None


def _body_name(text: str) -> str:
    """A body's name without the date, time and place printed with it."""
    text = re.sub(r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+(?:19|20)\d\d.*$", "", text)
    text = re.split(r"\s+[–—-]\s+|\s*[–—]\s*|,|\s+held\b|\s+at\s+\d", text)[0]
    text = re.sub(
        r"\b(?:minutes?(?:\s+and\s+actions)?|meeting|part\s+[a-z])\s*$", "", text, flags=re.I
    )
    return text.strip(" ,.:-–—")


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


def _ref_key(ref: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", ref))


def _parse_minutes(
    stream: list[Item], i: int, meeting: Meeting, rules: MinutesRules, by_markers: bool
) -> int:
    mode: str | None = None
    current: MinuteItem | None = None
    while i < len(stream):
        unit = stream[i]
        if isinstance(unit, Table):
            if mode in ATTENDANCE_STATUSES and current is None:
                _attendance_table(unit, meeting, mode)
            else:
                current = current or _preamble(meeting, unit.page)
                current.units.append(unit)
            i += 1
            continue
        text = unit.text
        if current is not None and (
            any(p.match(text) for p in rules.report_starts) or _new_set(stream, i, rules)
        ):
            break
        status = None if unit.bullet else rules.status_of(text)
        heading = None if by_markers else _item_heading(unit, meeting, rules)
        marker = _marker(text, rules) if by_markers else None
        if marker:
            title_unit = current.units.pop() if current and current.units else None
            title = title_unit.text if isinstance(title_unit, Unit) else ""
            if current is not None and current.ref is None and not current.units:
                meeting.items.remove(current)
            current = _new_item(marker.group("ref"), title, unit.page, rules)
            meeting.items.append(current)
            mode = "items"
        elif heading is not None:
            ref, title, rest = heading
            current = _new_item(ref, title, unit.page, rules)
            meeting.items.append(current)
            if rest:
                current.units.append(Unit(unit.page, (rest,), False))
            mode = "items"
        elif status and (current is None or re.search(r"apolog|attend", current.title, re.I)):
            mode = status[0]
            _attendance_text(unit, status[1], meeting, mode, rules)
        elif text.strip().lower() == "action" and current is None:
            pass  # the header of the minutes' action column
        elif current is None and mode in ATTENDANCE_STATUSES and _names_only(unit, rules):
            _attendance_text(unit, 0, meeting, mode, rules)
        else:
            current = current or _preamble(meeting, unit.page)
            current.units.append(unit)
            mode = "items"
            if any(p.match(text) for p in rules.endings):
                return i + 1
        i += 1
    return i


def _preamble(meeting: MinuteItem | Meeting, page: int) -> MinuteItem:
    """The unnumbered part of a set of minutes before its first numbered item."""
    item = MinuteItem(None, "", None, page)
    assert isinstance(meeting, Meeting)
    meeting.items.append(item)
    return item


def _new_set(stream: list[Item], i: int, rules: MinutesRules) -> bool:
    """Another set of minutes starts here (inside a pack): an opening with its attendance."""
    unit = stream[i]
    assert isinstance(unit, Unit)
    if re.match(r"^\d", unit.text):
        return False
    return bool(MINUTES_OF.search(unit.text)) or (
        any(p.search(unit.text) for p in rules.openings) and _attendance_follows(stream, i, rules)
    )


def _item_heading(unit: Unit, meeting: Meeting, rules: MinutesRules) -> tuple[str, str, str] | None:
    """(minute number, title, the text printed after the title) of a numbered item heading."""
    if unit.bullet:
        return None
    text = unit.text
    for pattern in rules.items:
        match = pattern.match(text)
        if not match:
            continue
        ref, title = match.group("ref").strip(), match.group("title").strip()
        numbered = [it for it in meeting.items if it.ref]
        if numbered:
            last, new = _ref_key(numbered[-1].ref or ""), _ref_key(ref)
            if not new or new <= last or new[0] > last[0] + 20:
                return None
        elif int(_ref_key(ref)[0]) > 5000:
            return None
        rest = ""
        if ":" in title[:90] and not title.rstrip().endswith(":"):
            head, rest = title.split(":", 1)
            title, rest = head.strip(), rest.strip(" -–")
        elif len(title) > 100 or (title.endswith(".") and len(title) > 60):
            if is_heading(title[:40]):
                return None
            rest, title = title, _short_title(title)
        return ref, title, rest
    return None


def _short_title(text: str) -> str:
    words = text.split()
    return " ".join(words[:8]) + (" …" if len(words) > 8 else "")


def _new_item(ref: str, heading: str, page: int, rules: MinutesRules | None = None) -> MinuteItem:
    acronyms = rules.acronyms if rules else None
    heading = re.sub(r"\s*\(item\s+\d+[a-z]?\)\s*$", "", heading, flags=re.I)
    presenter = None
    match = PRESENTER.search(heading)
    if match and name_key(title_case(match.group(1), acronyms)):
        presenter = title_case(match.group(1), acronyms)
        heading = heading[: match.start()]
    return MinuteItem(ref, heading.strip(), presenter, page)


# --- attendance --------------------------------------------------------------------------


def _attendance_text(
    unit: Unit, head: int, meeting: Meeting, mode: str, rules: MinutesRules
) -> None:
    """The names of an attendance list (``head``: the length of its heading in the unit): one
    a line ("Dave Sargent- Chief Inspector, Police"), or a list on one line ("Shellina
    Prendergast (Chair), Paul Bartlett, ... and Ms A Farmer")."""
    lines = [x for x in unit.lines if x.strip()]
    if lines and head:
        lines[0] = lines[0][head:] if head <= len(lines[0]) else ""
    lines = [_unprefixed(x, rules) for x in lines]
    lines = [x for x in lines if x]
    if len(lines) > 1 and all(x.count(",") <= 1 for x in lines):
        for line in lines:
            entry = parse_attendee(line, rules) if len(line) <= 120 else None
            if entry:
                _add(meeting, mode, entry, unit.page)
        return
    text = re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", " ".join(lines), maxsplit=1)[0].rstrip(".")
    if text.count(",") < 2 and not (text.count(",") == 1 and re.search(r"\s(?:and|&)\s", text)):
        entry = parse_attendee(text, rules) if len(text) <= 120 else None
        if entry:
            _add(meeting, mode, entry, unit.page)
        return
    for piece in _pieces(text):
        entry = _listed_attendee(piece)
        if entry:
            _add(meeting, mode, entry, unit.page)


def _unprefixed(text: str, rules: MinutesRules) -> str:
    text = text.strip(" :-–—")
    for prefix in rules.list_prefixes:
        text = prefix.sub("", text, count=1)
    return text.strip()


def _pieces(text: str) -> list[str]:
    """A list of names split on commas, "and", "&" and semicolons, brackets kept whole and
    honours ("CBE") kept with the name before them."""
    parts: list[str] = []
    depth = 0
    current = ""
    tokens = re.split(r"(\(|\)|,|;|\s+and\s+|\s+&\s+)", text)
    for token in tokens:
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        if (
            depth == 0
            and token is not None
            and (token in (",", ";") or re.fullmatch(r"\s+(?:and|&)\s+", token))
        ):
            parts.append(current)
            current = ""
        else:
            current += token or ""
    parts.append(current)
    out: list[str] = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out and _HONOURS.match(part):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def _listed_attendee(piece: str) -> tuple[str, str | None, str | None] | None:
    piece = piece.strip(" .:;-–")
    if not piece or not piece[0].isupper() or len(piece.split()) > 12:
        return None
    role = None
    brackets = re.findall(r"\(([^()]*)\)", piece)
    name = re.sub(r"\s*\([^()]*\)", "", piece).strip()
    roles = [b for b in brackets if not re.fullmatch(r"\s*[A-Z]{2,4}\s*", b)]
    if roles:
        role = "; ".join(r.strip() for r in roles)
    if "," in name and not _HONOURS.match(name.rsplit(",", 1)[1].strip()):
        name, extra = name.split(",", 1)
        role = role or extra.strip() or None
    words = name.split()
    if not words or len(words) > 7 or re.search(r"\d", name):
        return None
    if any(w[:1].islower() and w not in ("de", "van", "von", "la", "le") for w in words):
        return None
    initials = _INITIALS.search(piece)
    if initials:
        role = f"{role} ({initials.group(1)})" if role else f"({initials.group(1)})"
    return name, role, None


def _names_only(unit: Unit, rules: MinutesRules) -> bool:
    """A unit that continues an attendance list: names, not a sentence."""
    text = unit.text
    if len(unit.lines) > 1:
        parsed = [parse_attendee(x, rules) for x in unit.lines if len(x) <= 120]
        return sum(1 for x in parsed if x) >= max(1, len(unit.lines) * 2 // 3)
    if len(text) > 300 or re.search(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]", text):
        return False
    return bool(parse_attendee(unit.lines[0], rules) or _listed_attendee(text.split(",")[0]))


def _add(meeting: Meeting, mode: str, entry: tuple[str, str | None, str | None], page: int) -> None:
    name, role, org = entry
    match = _INITIALS.search(role or "")
    if match:
        meeting.initials.setdefault(match.group(1), display_name(name))
        role = _INITIALS.sub("", role or "").strip(" ;,") or None
    getattr(meeting, mode).append((name, role, org, page))


def _attendance_table(table: Table, meeting: Meeting, mode: str) -> None:
    for r in range(len(table.rows)):
        line = " – ".join(
            x for x in (cell_text(table.cell(r, 0)), cell_text(table.cell(r, 1))) if x
        )
        entry = parse_attendee(line)
        if entry:
            _add(meeting, mode, entry, table.page)


def parse_attendee(
    line: str, rules: MinutesRules | None = None
) -> tuple[str, str | None, str | None] | None:
    """(name as printed, role, organisation) from "Dave Sargent- Chief Inspector, Police"."""
    line = line.strip()
    initials = _INITIALS.search(line)
    if initials:
        line = (line[: initials.start()] + line[initials.end() :]).strip()
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
    role, org = _role_org(rest, rules or rules_of())
    if initials:
        role = f"{role} ({initials.group(1)})" if role else f"({initials.group(1)})"
    return name, role, org


def _role_org(rest: str, rules: MinutesRules) -> tuple[str | None, str | None]:
    if not rest:
        return None, None
    if "," in rest:
        role, org = rest.rsplit(",", 1)
        return role.strip() or None, org.strip() or None
    words = {w.strip("(),.").lower() for w in rest.split()}
    if words & rules.org_words:
        return None, rest
    return rest, None
