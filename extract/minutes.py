"""Minutes: meetings, attendance, decisions and actions, from the paper's meeting segments.

The view finds each set of minutes with its attendance and numbered items
(``extract.segments``); here each becomes records: one ``meeting``, its ``attendance``, and in
each item the decisions spaCy finds ("The Group NOTED ...", "it was decided that ...") and the
actions ("Action: Helen Turner to ..."). The money in a decision is the funding interpreter's
(it reads these decisions). An agenda's own list of items becomes a ``meeting`` record for the
coming meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.people import canonical, display_name, name_key
from cdrp_archive.archive.values import find_dates
from cdrp_archive.extract import language
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.flow import Item, Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.minute_forms import (
    ActionForm,
    Forms,
    Found,
    action_marker,
    decision_in,
    due_in,
    forms_of,
    undertaking_in,
    votes_in,
)
from cdrp_archive.extract.owners import Roster
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.segments import (
    ATTENDANCE_STATUSES,
    MINUTES_OF,
    PRESENTER,
    Meeting,
    MinuteItem,
    rules_of,
    title_case,
)
from cdrp_archive.extract.tables import cell_text
from cdrp_archive.extract.view import PaperView, view_of

_LETTERED = re.compile(r"^([A-H])\s*[-–)]\s+")
_PART = re.compile(r"^\(?((?:[a-z]|[ivx]{1,4}|\d{1,2}))[.)]\s+(\S.*)$")
_INLINE_PART = re.compile(r"(?:^|\s)\(([A-Za-z]|[ivx]{1,4}|\d{1,2})\)\s+")
_COLUMN_OWNER = re.compile(r"^(?:[A-Z]{2,3}|ALL)(?:\s*/\s*(?:[A-Z]{2,3}|ALL|Agenda))*\s*/?$")
_FILE_DATES = (
    re.compile(r"(?P<y>(?:19|20)\d\d)[-_.]?(?P<m>[01]\d)[-_.]?(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d\d)(?!\d)"),
)


def minutes(
    source: Paper | PaperView, ctx: DocContext, earlier: Earlier | None = None
) -> list[Record]:
    """Meetings, attendance, decisions and actions in a paper's minutes, and its agenda."""
    view = view_of(source, ctx.conventions)
    records: list[Record] = []
    meetings = [m for _, _, m in view.meetings]
    gazetteer = paper_people(view.items, meetings)
    forms = forms_of(ctx.conventions)
    for meeting in meetings:
        records.extend(_meeting_records(meeting, ctx, gazetteer, forms))
    records.extend(agenda_records(view.items, ctx, bool(meetings)))
    return records


def paper_people(stream: list[Item], meetings: list[Meeting]) -> list[str]:
    """The paper's people gazetteer: attendance first, then officers and authors."""
    names = [e[0] for m in meetings for e in m.attendees()]
    for unit in stream:
        if isinstance(unit, Unit):
            for line in unit.lines:
                match = re.match(r"^(?:lead officer|author/s?|from)\s*:\s*([^,(]+)", line, re.I)
                if match:
                    names.append(match.group(1).strip())
    return [display_name(n) for n in dict.fromkeys(names) if name_key(n)]


def date_from_name(name: str) -> str | None:
    """A date written in a file name: ``30th-Jan-2025``, ``20180625``, ``2012-09-11``,
    ``10.12.24``."""
    spaced = re.sub(r"[-_]", " ", name)
    dates = find_dates(spaced)
    if dates:
        return dates[0][1].isoformat()
    for pattern in _FILE_DATES:
        match = pattern.search(name)
        if match:
            year = int(match.group("y"))
            year = year + 2000 if year < 100 else year
            try:
                return dt.date(year, int(match.group("m")), int(match.group("d"))).isoformat()
            except ValueError:
                continue
    return None


def _meeting_records(
    meeting: Meeting, ctx: DocContext, gazetteer: list[str], forms: Forms
) -> list[Record]:
    date, source = meeting.date, meeting.date_source
    if date is None and (named := date_from_name(ctx.name)):
        date, source = named, "file name"
    out: list[Record] = []
    items_json = [
        {"minute_ref": it.ref, "title": it.title, "presenter": it.presenter, "page": it.page}
        for it in meeting.items
        if it.ref is not None or it.title
    ]
    body = meeting.body or "meeting"
    out.append(
        ctx.record(
            "meeting",
            meeting.page,
            f"Minutes of the {body} of {date}"
            if date
            else "Minutes: " + "; ".join(it["title"] for it in items_json),
            date=date,
            meeting_date=date,
            body=meeting.body,
            source="minutes",
            items=items_json,
            present=len(meeting.present),
            apologies=len(meeting.apologies),
            also_present=len(meeting.also_present) or None,
            in_attendance=len(meeting.in_attendance) or None,
            date_source=source,
        )
    )
    for status in ATTENDANCE_STATUSES:
        for name, role, org, page in getattr(meeting, status):
            initials = next(
                (k for k, v in meeting.initials.items() if v == display_name(name)), None
            )
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
                    initials=initials,
                )
            )
    roster = Roster.of(
        [*(e[0] for e in meeting.attendees()), *gazetteer],
        meeting.initials,
        forms.roles,
        forms.organisations,
    )
    for item in meeting.items:
        out.extend(_item_records(item, date, ctx, roster, forms))
    return out


@dataclass
class _Piece:
    """One paragraph of an item (or one row of an item's table), as the forms read it."""

    page: int
    text: str
    bullet: bool = False
    ref: str | None = None
    column: tuple[str, ...] = ()  # owners printed in an action column beside it
    unit: Unit | None = None


def _pieces(item: MinuteItem) -> list[_Piece]:
    out: list[_Piece] = []
    for unit in item.units:
        if isinstance(unit, Unit):
            out.append(_Piece(unit.page, unit.text, unit.bullet, unit=unit))
            continue
        for r in range(len(unit.rows)):
            cells = [cell_text(unit.cell(r, c)) for c in range(len(unit.rows[r]))]
            cells = [c for c in cells]
            if not any(cells):
                continue
            ref = cells[0].rstrip(".") if cells and re.fullmatch(r"\d{1,3}\.?", cells[0]) else None
            owners: tuple[str, ...] = ()
            if len(cells) >= 3 and cells[-1]:
                lines = [x.strip() for x in cells[-1].split("\n") if x.strip()]
                joined = _join_agenda(lines)
                if joined and all(_COLUMN_OWNER.match(x) for x in joined):
                    owners, cells = tuple(joined), cells[:-1]
            body = [c for c in cells[1 if ref else 0 :] if c]
            text = " ".join(" ".join(c.split()) for c in body)
            out.append(_Piece(unit.page, text, False, ref, owners))
    return out


def _join_agenda(lines: list[str]) -> list[str]:
    """ "IB/" then "Agenda" on the next line is one entry."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].endswith("/"):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _item_records(
    item: MinuteItem, date: str | None, ctx: DocContext, roster: Roster, forms: Forms
) -> list[Record]:
    pieces = _pieces(item)
    subitem: str | None = None
    title = title_case(item.title, rules_of(ctx.conventions).acronyms) if item.ref else item.title
    ref = item.ref
    votes: dict[str, Any] = {}
    decisions: list[tuple[int, Found, Record]] = []
    actions: list[Record] = []
    consumed: set[int] = set()
    for n, piece in enumerate(pieces):
        ref = piece.ref or ref
        common = {"meeting_date": date, "minute_ref": ref, "item": title or None}
        if piece.unit is not None and _is_subheading(piece.unit, pieces, n):
            subitem = piece.text
            continue
        vote = votes_in(piece.text, forms)
        if vote:
            votes[vote[0]] = vote[1]
            continue
        if votes and _names_list(piece.text):
            votes["names_given"] = True
            continue
        sentences = language.sentences(piece.text) or [piece.text]
        absorbed = n in consumed
        for s, sentence in enumerate(sentences):
            marked = action_marker(sentence, forms)
            if marked is not None:
                what = marked.what
                if marked.needs_text:
                    what = sentences[s - 1] if s else (pieces[n - 1].text if n else "")
                actions.append(
                    _action(sentence, what, marked, piece.page, date, ctx, roster, forms, common)
                )
                continue
            if absorbed:
                continue
            found = decision_in(sentence, forms)
            if found is not None:
                text, parts = sentence, _inline_parts(sentence)
                if found.form == "marker":
                    text = " ".join(sentences[s:])
                    parts = _inline_parts(text)
                    absorbed = True
                if text.rstrip().endswith(":") or found.form == "marker" or not parts:
                    more, used = _following_parts(pieces, n)
                    lettered = bool(more) and _LETTERED.match(pieces[used[0]].text) is not None
                    if more and (lettered or text.rstrip().endswith(":") or found.form == "marker"):
                        parts = parts + more
                        text = " ".join([text, *(_part_text(pieces, m) for m in used)])
                        consumed.update(used)
                record = ctx.record(
                    "decision",
                    piece.page,
                    text,
                    date=date,
                    outcome=found.outcome,
                    presenter=item.presenter,
                    subitem=subitem,
                    verbatim=found.verbatim,
                    parts=parts or None,
                    votes=[dict(votes)] if votes else None,
                    **common,
                )
                votes = {}
                decisions.append((n, found, record))
                continue
            if piece.column:
                continue
            undertaking = undertaking_in(sentence, forms)
            if undertaking is not None:
                owner = roster.resolve(undertaking.owner_raw, strict=True)
                if owner.kind != "none":
                    actions.append(
                        _action(
                            sentence,
                            undertaking.what,
                            undertaking,
                            piece.page,
                            date,
                            ctx,
                            roster,
                            forms,
                            common,
                        )
                    )
        for owner_raw in piece.column:
            form = ActionForm(owner_raw, piece.text, "column")
            actions.append(
                _action(piece.text, piece.text, form, piece.page, date, ctx, roster, forms, common)
            )
    return [*_fold_votes(decisions), *actions]


def _fold_votes(decisions: list[tuple[int, Found, Record]]) -> list[Record]:
    """A vote's outcome ("Motion carried.") followed by the RESOLVED that records it is one
    decision: the RESOLVED, carrying the vote."""
    out: list[Record] = []
    for k, (n, found, record) in enumerate(decisions):
        following = decisions[k + 1] if k + 1 < len(decisions) else None
        if (
            found.form == "vote"
            and found.outcome == "carried"
            and following is not None
            and following[1].form == "marker"
            and following[0] - n <= 2
        ):
            if record.fields.get("votes") and not following[2].fields.get("votes"):
                decisions[k + 1] = (
                    following[0],
                    following[1],
                    replace(following[2], fields=_with(following[2], votes=record.fields["votes"])),
                )
            continue
        out.append(decisions[k][2])
    return out


def _with(record: Record, **changes: Any) -> Any:
    return replace(record.fields, **changes)


def _names_list(text: str) -> bool:
    """The names under a recorded vote ("Mr Baker, Mr Baldock, ...")."""
    return text.count(",") >= 2 and bool(
        re.match(r"^(?:mr|mrs|ms|miss|dr|sir|cllr|councillor)s?\b", text, re.I)
    )


def _part_text(pieces: list[_Piece], m: int) -> str:
    return ("- " if pieces[m].bullet else "") + pieces[m].text


def _inline_parts(text: str) -> list[dict[str, str]]:
    marks = list(_INLINE_PART.finditer(text))
    if len(marks) < 2:
        return []
    out = []
    for k, mark in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out.append({"label": mark.group(1), "text": text[mark.end() : end].strip(" ;")})
    return out


def _following_parts(pieces: list[_Piece], n: int) -> tuple[list[dict[str, str]], list[int]]:
    """The lettered or numbered parts printed under a decision (a-, (b), 1., i)), and which
    pieces they are."""
    parts: list[dict[str, str]] = []
    used: list[int] = []
    lettered = [m for m in range(n + 1, len(pieces)) if _LETTERED.match(pieces[m].text)]
    if lettered and _LETTERED.match(pieces[lettered[0]].text).group(1) == "A":  # type: ignore[union-attr]
        expected = "A"
        for m in lettered:
            match = _LETTERED.match(pieces[m].text)
            if match is None or match.group(1) != expected:
                break
            parts.append({"label": expected, "text": pieces[m].text[match.end() :].strip()})
            used.append(m)
            expected = chr(ord(expected) + 1)
        return parts, used
    for m in range(n + 1, min(len(pieces), n + 30)):
        text = pieces[m].text
        match = _LETTERED.match(text)
        if match:
            parts.append({"label": match.group(1), "text": text[match.end() :].strip()})
            used.append(m)
            continue
        match = _PART.match(text)
        if match and not pieces[m].ref:
            parts.append({"label": match.group(1), "text": match.group(2).strip()})
            used.append(m)
            continue
        if pieces[m].bullet and parts:
            parts[-1]["text"] += " - " + text
            used.append(m)
            continue
        break
    return parts, used


def _is_subheading(unit: Unit, pieces: list[_Piece], n: int) -> bool:
    text = unit.text
    if unit.bullet or len(text) > 70 or text.endswith((".", ":")) or text.lower() == "action":
        return False
    if not re.match(r"^(priority \d|update\b|state of\b)", text, re.I):
        return False
    return n + 1 < len(pieces) and len(pieces[n + 1].text) < 70


def _action(
    sentence: str,
    what: str,
    form: ActionForm,
    page: int,
    date: str | None,
    ctx: DocContext,
    roster: Roster,
    forms: Forms,
    common: dict[str, str | None],
) -> Record:
    owner_raw = form.owner_raw
    owner = roster.resolve(owner_raw)
    if owner.kind == "none" and owner_raw and not name_key(owner_raw):
        found = language.people(owner_raw, roster.people)
        if found:
            owner = roster.resolve(found[0])
    name = owner.name if owner.kind != "several" else None
    text = re.sub(
        r"^\s*(?:further\s+)?action(?:\s+point)?s?(?:\s+agreed)?\s*\d*\s*[:\-–]\s*",
        "",
        sentence,
        flags=re.I,
    )
    return ctx.record(
        "action",
        page,
        text if form.form != "column" else f"{what} ({owner_raw})",
        date=date,
        owner=name,
        owner_raw=owner_raw,
        action=what or None,
        due=due_in(what or sentence, forms),
        owner_kind=owner.kind,
        owners=[{"name": n, "kind": k} for n, k in owner.owners] or None,
        form=form.form,
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
