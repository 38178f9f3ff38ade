"""Action logs and trackers: one ``action_update`` per row of a table of actions with a status.

Two forms, both common:

- **a headed table**: an action column and a status or progress column, named by header text
  (``[action_logs]`` ``action_headers``, ``status_headers``; owner, due date, ref and date
  raised where the table has them). A row whose only text is a section heading ("Completed
  actions") sets the section for the rows below it;
- **a log of headings and two-column tables** (action | status) with no header row, in a paper
  whose title says it is a log (``[action_logs] titles``): a table counts when most of its
  rows end in a status word the profile knows. Each table's section is the heading printed
  above it (running page headers and footers are not headings); a table opening a page under
  no new heading continues the section before.

Owner: the owner cell; else the doer the action names ("GS and JT to meet …"); else the lead
its heading names ("… – Lead HS/BB"); else a heading that is a role ("Secretariat"). It is
resolved to one person through the names the paper prints (initials keyed "Kieron O'Hara
(KO)", attendance lines) and the attendance records of the paper; several owners give owner
null with ``owner_raw`` as printed. ``as_of``: the paper's date — the log's own (``paper``) or,
for an action table in a meeting's notes, the meeting's (``meeting``).
Action-plan tables with a milestone column are the milestones interpreter's, not this one's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.action_fields import (
    doer_of,
    due_of,
    is_role,
    lead_of,
    names_in,
    norm,
    printed,
    resolve_owner,
    state_of,
    status_state,
)
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.conventions import Profile
from cdrp_archive.extract.flow import Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.rag import rag_of_colour
from cdrp_archive.extract.readers.model import Cell, Table
from cdrp_archive.extract.tables import (
    Row,
    TableRules,
    cell_text,
    map_columns,
    merge_continuations,
    normalise_header,
)
from cdrp_archive.extract.view import PaperView

_ROLES = ("action", "status", "owner", "due", "ref", "raised")


@functools.lru_cache(maxsize=32)
def _rules(words: tuple[tuple[str, tuple[str, ...]], ...]) -> TableRules:
    rules = []
    for role, listed in words:
        if listed:
            alts = "|".join(re.escape(normalise_header(w)) for w in listed)
            rules.append((re.compile(f"(?:{alts})"), role))
    return TableRules(tuple(rules), min_roles=2)


def table_rules(profile: Profile, in_log: bool) -> TableRules:
    """The header rules of action tables under a profile (weaker action headers in a log)."""
    action = profile.words("action_logs.action_headers")
    if in_log:
        action += profile.words("action_logs.log_action_headers")
    words = [("action", action)]
    words += [(r, profile.words(f"action_logs.{r}_headers")) for r in _ROLES[1:]]
    return _rules(tuple(words))


def is_log(view: PaperView, profile: Profile) -> bool:
    """Whether the paper's title or opening lines say it is a log of actions."""
    head = [u.text for u in view.items[:6] if isinstance(u, Unit)]
    title = view.paper.title or ""
    return any(p.search(t) for p in profile.patterns("action_logs.titles") for t in [title, *head])


@dataclass
class _Context:
    ctx: DocContext
    profile: Profile
    names: list[str]
    as_of_source: str


def action_logs(view: PaperView, ctx: DocContext, earlier: Earlier) -> list[Record]:
    """Every action_update of the paper's action tables."""
    profile = ctx.conventions
    in_log = is_log(view, profile)
    lines = [u.text for u in view.items if isinstance(u, Unit)]
    attended = [n for r in earlier.get("attendance", ()) if (n := r.fields.get("name"))]
    names = [*attended, *names_in(lines, profile)]
    here = _Context(ctx, profile, names, "paper" if in_log else "meeting")
    records: list[Record] = []
    used: set[tuple[int, int]] = set()
    for table in view.tables(table_rules(profile, in_log)):
        columns = {
            c.role: c.index
            for c in reversed(map_columns(table.header, table_rules(profile, in_log).rules))
        }
        if "action" not in columns or "status" not in columns:
            continue
        if any("milestone" in normalise_header(h) for h in table.header):
            continue
        used.update((r.page, r.table) for r in table.rows)
        heading = _heading_before(view, table.position, profile)
        rows = merge_continuations(table.rows, lambda row, c=columns: _continues(row, c))
        records.extend(_table_records(rows, columns, heading, table.index, here))
    if in_log:
        records.extend(_bare_tables(view, used, here, len(records)))
    return records


INTERPRETER = Interpreter(
    "action_logs", emits=("action_update",), reads=("attendance",), run=action_logs
)


def _continues(row: Row, columns: dict[str, int]) -> bool:
    """A wrapped line: action text only, no status, owner, ref or due."""
    others = [row.text(columns.get(r)) for r in _ROLES[1:]]
    return bool(row.text(columns["action"])) and not any(others)


def _running_lines(view: PaperView) -> set[str]:
    """Texts printed on three or more pages, or on every page of a short paper: running
    headers and footers ("UNCLASSIFIED"), never headings."""
    pages: dict[str, set[int]] = {}
    for unit in view.items:
        if isinstance(unit, Unit):
            pages.setdefault(unit.text.strip(), set()).add(unit.page)
    total = len(view.paper.pages)
    return {t for t, p in pages.items() if len(p) >= 3 or (total > 1 and len(p) == total)}


def _is_heading(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= 140 and not text.endswith((".", ";", ",")) and "\n" not in text


def _heading_before(view: PaperView, position: int, profile: Profile) -> str | None:
    running = _running_lines(view)
    for item in reversed(view.items[max(0, position - 3) : position]):
        if not isinstance(item, Unit):
            return None
        if item.text.strip() in running:
            continue
        return item.text.strip().rstrip(":").strip() if _is_heading(item.text) else None
    return None


def _bare_tables(
    view: PaperView, used: set[tuple[int, int]], here: _Context, first: int
) -> list[Record]:
    """The headerless two-column tables of a log, each under the heading above it."""
    running = _running_lines(view)
    records: list[Record] = []
    heading: str | None = None
    pending: list[str] = []
    number = first
    for item in view.items:
        if isinstance(item, Unit):
            text = item.text.strip()
            if text in running:
                continue
            pending.append(text)
            continue
        if pending:
            last = pending[-1]
            heading = last.rstrip(":").strip() if _is_heading(last) else heading
            pending = []
        if (item.page, item.index) in used or not _is_status_table(item, here.profile):
            continue
        rows = [
            Row(cells=list(cells), page=item.page, table=item.index, number=n)
            for n, cells in enumerate(item.rows)
        ]
        width = max(len(r.cells) for r in rows)
        columns = {"action": 0, "status": width - 1}
        records.extend(_table_records(rows, columns, heading, number, here))
        number += 1
    return records


def _is_status_table(table: Table, profile: Profile) -> bool:
    rows = [r for r in table.rows if any(c is not None and c.text.strip() for c in r)]
    if not rows or max(len(r) for r in rows) < 2:
        return False
    known = sum(1 for r in rows if status_state(cell_text(r[-1]), profile))
    return known * 2 > len(rows)


def _table_records(
    rows: Sequence[Row], columns: dict[str, int], heading: str | None, table: int, here: _Context
) -> list[Record]:
    profile = here.profile
    section = heading
    records = []
    for number, row in enumerate(rows):
        action = printed(row.text(columns["action"]))
        status_cell = row.cell(columns["status"])
        status = printed(row.text(columns["status"]))
        filled = [row.text(i) for i in range(len(row.cells)) if row.text(i)]
        if len(filled) == 1 and _section_word(filled[0], profile):
            section = filled[0]  # "Completed actions": a heading row inside the table
            continue
        if not action:
            continue
        records.append(
            _record(row, columns, action, status, status_cell, section, table, number, here)
        )
    return records


def _section_word(text: str, profile: Profile) -> str | None:
    low = norm(text)
    if any(p.search(low) for p in profile.patterns("action_logs.done_sections")):
        return "done"
    if any(p.search(low) for p in profile.patterns("action_logs.open_sections")):
        return "open"
    return None


def _record(
    row: Row,
    columns: dict[str, int],
    action: str,
    status: str | None,
    status_cell: Cell | None,
    section: str | None,
    table: int,
    number: int,
    here: _Context,
) -> Record:
    profile, ctx = here.profile, here.ctx
    raw = printed(row.text(columns.get("owner"))) if "owner" in columns else None
    raw = raw or doer_of(action) or lead_of(section, profile)
    if raw is None and section and is_role(section, profile):
        raw = section
    due = due_of(row.text(columns.get("due"))) if "due" in columns else None
    state = state_of(status, profile, due, ctx.date)
    if status is None:
        shade = rag_of_colour(status_cell.fill) if status_cell is not None else None
        state = status_state(shade, profile) or _section_word(section or "", profile) or "unknown"
    ref = printed(row.text(columns.get("ref"))) if "ref" in columns else None
    owner = resolve_owner(raw, here.names, profile)
    text = f"{action} — {status or 'no status'} ({state})" + (f"; {raw}" if raw else "")
    return ctx.record(
        "action_update",
        row.page,
        text,
        table=table,
        row=number,
        ref=ref,
        action=action,
        owner=owner,
        owner_raw=raw,
        due=due,
        status=status,
        state=state,
        section=section,
        as_of=ctx.date,
        as_of_source=here.as_of_source if ctx.date else None,
    )
