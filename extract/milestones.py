"""Milestone statuses from the action-plan tables of performance reports and plans.

One ``milestone_status`` record per milestone row and per quarter the table reports on.
Columns are named by header text (see ``RULES``); a table is an action plan when it has a
milestone column and at least one status or progress column.

Status, for each quarter: the status cell's word (Green, G, AMBER ...) if it has one; else the
status cell's fill colour; in layouts with no status column, the fill of the quarter's
progress cell (Key Support Indicator papers). A stray character or an empty unshaded cell is
no status (null): a status is never invented. ``status_source`` says which it was (``word``,
``shading`` or null) and ``fill_status`` keeps what the shading said, so a word and a fill
that disagree can be flagged (the word wins). The decision itself is ``extract.rag``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.conventions import Profile
from cdrp_archive.extract.flow import Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.milestone_forms import is_ref, paper_key, ref_at_start, status_word
from cdrp_archive.extract.rag import DEFAULT_KEY, Key, is_shaded, parse_rag, status_of
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.tables import (
    Column,
    HeaderRule,
    LogicalTable,
    Row,
    TableRules,
    carry_down,
    map_columns,
    merge_continuations,
)
from cdrp_archive.extract.view import PaperView, view_of

_Q = r"q(?P<q>[1-4])"
RULES: list[HeaderRule] = [
    (re.compile(p), role)
    for p, role in (
        (r"(priority|priorities|priority (theme|area)|theme|key support indicator)",
         "priority"),
        (r"(number|no|ref|ref no|reference|action no|action ref|action number)", "action_ref"),
        (r"(action|actions|action plan item|action plan items)", "action"),
        (r"(milestones?|milestone/target|milestones/targets)", "milestone"),
        (rf"{_Q} (status|rag|rag status)", "status"),
        (rf"{_Q} (progress|update|updates|comments?|progress update)", "progress"),
        (r"(status|rag|rag status)", "status"),
        (r"(quarterly progress|progress|update|quarterly update|comments?|progress update)",
         "progress"),
        (r"(lead|lead agency|lead officer|lead partner)", "lead"),
        (r"(other partners|partners|partner agencies)", "partners"),
    )
]  # fmt: skip
TABLES = TableRules(tuple(RULES), min_roles=2)

REF = re.compile(r"^\s*(\d{1,2}\.\d{1,2}[a-z])\b\.?\s*")
_REFS = re.compile(r"(?:(?<=\s)|^)(\d{1,2}\.\d{1,2}[a-z])\b")
_CROSS_REF = re.compile(r"^see action\b", re.IGNORECASE)


@dataclass(frozen=True)
class Layout:
    """Where an action-plan table keeps each kind of cell."""

    priority: int | None
    action_ref: int | None
    action: int | None
    milestone: int
    lead: int | None
    partners: int | None
    quarters: dict[str, tuple[int | None, int | None]]  # quarter -> (status, progress)


def layout_of(table: LogicalTable, quarter: str | None) -> Layout | None:
    """The table's layout, or None when it is not an action-plan table."""
    columns = map_columns(table.header, RULES)
    columns += _blank_progress(table.header, columns)
    first = {c.role: c.index for c in reversed(columns)}
    if "milestone" not in first:
        return None
    quarters: dict[str, list[int | None]] = {}
    for col in columns:
        if col.role in ("status", "progress"):
            q = col.quarter or quarter or ""  # "": the paper does not say which quarter
            slot = quarters.setdefault(q, [None, None])
            slot[col.role == "progress"] = slot[col.role == "progress"] or col.index
    if not quarters:
        return None
    return Layout(
        priority=first.get("priority"),
        action_ref=first.get("action_ref"),
        action=first.get("action"),
        milestone=first["milestone"],
        lead=first.get("lead"),
        partners=first.get("partners"),
        quarters={q: (s[0], s[1]) for q, s in sorted(quarters.items())},
    )


def _blank_progress(header: list[str], columns: list[Column]) -> list[Column]:
    """A blank header cell right after a ``Qn Status`` column is that quarter's progress."""
    named = {c.index for c in columns}
    extra = []
    for col in columns:
        nxt = col.index + 1
        blank = nxt < len(header) and nxt not in named and not header[nxt].strip()
        if col.role == "status" and col.quarter and blank:
            extra.append(Column(nxt, "progress", col.quarter, ""))
    return extra


def milestones(
    source: Paper | PaperView, ctx: DocContext, earlier: Earlier | None = None
) -> list[Record]:
    """Every milestone_status record of the paper's action-plan tables."""
    view = view_of(source)
    records: list[Record] = []
    profile = ctx.conventions
    words = _Words(profile, paper_key((u.text for u in view.items if isinstance(u, Unit)), profile))
    for table in view.tables(TABLES):
        layout = layout_of(table, ctx.quarter)
        if layout is None:
            continue
        rows = merge_continuations(table.rows, lambda row, lay=layout: _continues(row, lay, words))
        groups = [[i] for i in (layout.priority,) if i is not None]
        groups.append([i for i in (layout.action_ref, layout.action) if i is not None])
        rows = carry_down(rows, [g for g in groups if g])
        for number, row in enumerate(rows):
            records.extend(_row_records(row, layout, ctx, table.index, number, view.rag_key, words))
    return records


@dataclass(frozen=True)
class _Words:
    """The paper's conventions for refs and status words, and its own status key."""

    profile: Profile
    key: dict[str, str]

    def status(self, text: str) -> str | None:
        return status_word(text, self.key, self.profile)[0] if text else None


INTERPRETER = Interpreter("milestones", emits=("milestone_status",), run=milestones)


def _continues(row: Row, layout: Layout, words: _Words | None = None) -> bool:
    """A row that continues the one above: no milestone ref, no action number, no status
    word, and not a cross-reference ("See Action 2.1 for more information")."""
    milestone = row.text(layout.milestone)
    if REF.match(milestone) or _CROSS_REF.match(milestone) or row.text(layout.action_ref):
        return False
    if words is not None and ref_at_start(milestone, words.profile):
        return False
    statuses = [row.text(s) for s, _p in layout.quarters.values()]
    if words is not None and any(
        words.status(t) or status_word(t, words.key, words.profile)[2]
        for t in statuses
        if t and not parse_rag(t)
    ):
        return False
    return not any(parse_rag(t) for t in statuses)


def _row_records(
    row: Row,
    layout: Layout,
    ctx: DocContext,
    table: int,
    number: int,
    key: Key = DEFAULT_KEY,
    words: _Words | None = None,
) -> list[Record]:
    text = row.text(layout.milestone)
    reports = any(_has_report(row, s, p, key) for s, p in layout.quarters.values())
    if words is not None:
        reports = reports or any(row.text(s) for s, _p in layout.quarters.values())
    if (not text and not reports) or (_CROSS_REF.match(text) and not reports):
        return []
    profile = words.profile if words is not None else None
    parts = split_milestones(text, profile)
    own_ref = _own_ref(row, layout, parts, profile)
    records = []
    for part, (ref, milestone) in enumerate(parts):
        ref = ref or own_ref
        for quarter, (s, p) in layout.quarters.items():
            status, source, fill = status_of(row.cell(s), row.cell(p), s is not None, key)
            printed = None
            if status is None and words is not None and s is not None and row.text(s):
                status, source, printed = status_word(row.text(s), words.key, words.profile)
                status, source = status or fill, source or ("shading" if fill else None)
            progress = _part(_note(row.text(p)), part, len(parts))
            if s is None and progress and parse_rag(progress) and " " not in progress:
                progress = None  # a G/A/R letter typed into the progress cell
            fields = _fields(row, layout, ref, milestone, status, progress, source, fill)
            if own_ref and ref == own_ref:
                fields["action_ref"] = None  # the ref column is the milestone's own
            fields["status_word"] = printed
            records.append(
                ctx.record(
                    "milestone_status",
                    row.page,
                    _line(ref, milestone, quarter, status, progress),
                    table=table,
                    row=number,
                    quarter=quarter or None,
                    **fields,
                )
            )
    return records


def _fields(
    row: Row,
    layout: Layout,
    ref: str | None,
    milestone: str | None,
    status: str | None,
    progress: str | None,
    source: str | None,
    fill: str | None,
) -> dict[str, str | None]:
    fields = {
        "priority": row.text(layout.priority) or None,
        "action_ref": row.text(layout.action_ref) or None,
        "action": row.text(layout.action) or None,
        "milestone_ref": ref,
        "milestone": milestone,
        "status": status,
        "progress": progress,
        "status_source": source,
        "fill_status": fill,
    }
    if layout.lead is not None:
        fields["lead"] = row.text(layout.lead) or None
    if layout.partners is not None:
        fields["partners"] = row.text(layout.partners) or None
    return fields


def _has_report(row: Row, status: int | None, progress: int | None, key: Key) -> bool:
    shaded = is_shaded(row.cell(status), key)
    return bool(parse_rag(row.text(status)) or shaded or _note(row.text(progress)))


def _note(text: str) -> str | None:
    """A progress note, or None for an empty cell or a stray character (a lone bullet)."""
    return text if re.search(r"[A-Za-z0-9]", text) else None


def _own_ref(
    row: Row, layout: Layout, parts: list[tuple[str | None, str | None]], profile: Profile | None
) -> str | None:
    """The milestone's ref from a ref column, where the table has no action column and the
    milestone's text gives none (``1.2.3``, ``SAC-01`` in a column of their own)."""
    if profile is None or layout.action is not None or len(parts) != 1 or parts[0][0]:
        return None
    cell = row.text(layout.action_ref)
    return cell if cell and is_ref(cell, profile) else None


def split_milestones(
    text: str, profile: Profile | None = None
) -> list[tuple[str | None, str | None]]:
    """(ref, text) for each milestone a cell holds: ``1.1a Do X 1.1b Do Y`` gives two; with a
    profile, a text opening with another ref form (``1.2.3 …``, ``SAC-01: …``) gives its ref."""
    starts = [m.start(1) for m in _REFS.finditer(text)]
    if len(starts) < 2 or starts[0] != 0:
        match = REF.match(text)
        if not match:
            found = ref_at_start(text, profile) if profile is not None else None
            if found:
                return [found]
            return [(None, text or None)]
        return [(match.group(1), text[match.end() :].strip() or None)]
    pieces = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    out: list[tuple[str | None, str | None]] = []
    for piece in pieces:
        match = REF.match(piece)
        assert match is not None
        out.append((match.group(1), piece[match.end() :].strip() or None))
    return out


def _part(note: str | None, part: int, parts: int) -> str | None:
    """The ``part``-th of ``parts`` updates in one cell (updates in milestone order)."""
    if note is None or parts == 1:
        return note
    pieces = [p for p in re.split(r"(?:^|\s)(?=\d{1,2}\.\d{1,2}[a-z]\b)|\s*•\s*", note) if p]
    if len(pieces) != parts:
        return note
    return REF.sub("", pieces[part]).strip(" :-–") or None


def _line(
    ref: str | None, milestone: str | None, quarter: str, status: str | None, note: str | None
) -> str:
    """``4.3d Set up Cambridgeshire Homeshield scheme — Q2 red: 25 Referrals in ...``."""
    head = " ".join(x for x in (ref, milestone) if x) or "(milestone text lost)"
    tail = f"{quarter or 'quarter unknown'} {status or 'no status'}"
    return f"{head} — {tail}: {note}" if note else f"{head} — {tail}"
