"""Scorecard tables: where a paper lists its indicators, and which column holds what.

A scorecard has one row per measure with its latest value, a target (or limit, floor), a
rating, often the previous period's rating and a direction of travel. Columns are named by
their header text under the vocabulary of the paper's conventions (``scorecards.headers`` in
the profile: role -> regular expressions), never by position. A table is a scorecard when it
names an indicator column and at least ``scorecards.min_roles`` of the measuring roles (value,
target, floor, status, previous status, direction), and no milestone column (action plans are
``extract.milestones``'s).

Columns tagged with a quarter ("Q2 RAG", "Q3 RAG"; "Q2 Actual", "Q3 Actual") are a history:
the latest quarter is the current status or value, the one before it the previous.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cdrp_archive.extract.conventions import Profile
from cdrp_archive.extract.readers.model import Cell
from cdrp_archive.extract.tables import (
    Column,
    HeaderRule,
    LogicalTable,
    TableRules,
    normalise_header,
    role_of,
)

MEASURING = ("value", "target", "floor", "status", "previous_status", "direction", "previous_value")
_MILESTONE = re.compile(r"\bmilestones?\b")


@dataclass(frozen=True)
class Vocabulary:
    rules: tuple[HeaderRule, ...]
    min_roles: int
    not_indicators: tuple[re.Pattern[str], ...]

    @property
    def table_rules(self) -> TableRules:
        return _table_rules(self)


@functools.lru_cache(maxsize=32)
def _table_rules(vocab: Vocabulary) -> TableRules:
    def header(row: Sequence[Cell | None]) -> bool:
        return is_scorecard_header([c.text if c else "" for c in row], vocab)

    return TableRules(vocab.rules, preamble=2, header_test=header)


_CACHE: dict[int, Vocabulary] = {}


def vocabulary(profile: Profile) -> Vocabulary:
    """The scorecard header vocabulary of a profile (cached per profile object)."""
    found = _CACHE.get(id(profile))
    if found is None:
        rules: list[HeaderRule] = []
        for role, patterns in profile.mapping("scorecards.headers").items():
            for pattern in patterns if isinstance(patterns, list) else [patterns]:
                rules.append((re.compile(str(pattern)), str(role)))
        found = Vocabulary(
            tuple(rules),
            int(profile.value("scorecards.min_roles", 2)),
            profile.patterns("scorecards.not_indicators"),
        )
        _CACHE[id(profile)] = found
    return found


def roles(header: Sequence[str], vocab: Vocabulary) -> list[Column]:
    """Every header cell's role (cells no rule names are left out)."""
    out = []
    for index, text in enumerate(header):
        found = role_of(text, vocab.rules)
        if found:
            out.append(Column(index, found[0], found[1], normalise_header(text)))
    return out


def is_scorecard_header(header: Sequence[str], vocab: Vocabulary) -> bool:
    if any(_MILESTONE.search(normalise_header(h)) for h in header):
        return False
    found = roles(header, vocab)
    names = {c.role for c in found}
    if "indicator" not in names:
        return False
    measuring = [c for c in found if c.role in MEASURING]
    return len(measuring) >= vocab.min_roles and bool({"value", "status"} & names)


@dataclass
class Layout:
    """Where a scorecard keeps each kind of cell (column indexes); ``targets`` may be several
    (upper and lower limits), each with its header."""

    indicator: int
    ref: int | None = None
    service: int | None = None
    value: int | None = None
    previous_value: int | None = None
    targets: list[tuple[int, str]] = field(default_factory=list)
    floor: int | None = None
    status: int | None = None
    previous_status: int | None = None
    direction: int | None = None
    comment: int | None = None
    quarter: str | None = None  # the quarter the current columns are tagged with
    period_header: str = ""  # the current value's header text ("Actual 30/11/2024")


def layout_of(table: LogicalTable, vocab: Vocabulary) -> Layout | None:
    """The scorecard layout of a joined table, or None when it is not a scorecard."""
    if not is_scorecard_header(table.header, vocab):
        return None
    columns = roles(table.header, vocab)
    first: dict[str, int] = {}
    tagged: dict[str, list[Column]] = {}
    targets: list[tuple[int, str]] = []
    for col in columns:
        if col.quarter and col.role in ("status", "value"):
            tagged.setdefault(col.role, []).append(col)
            continue
        if col.role == "target":
            targets.append((col.index, table.header[col.index]))
            continue
        first.setdefault(col.role, col.index)
    layout = Layout(indicator=first["indicator"], targets=targets)
    for role in ("ref", "service", "value", "previous_value", "floor", "status",
                 "previous_status", "direction", "comment"):  # fmt: skip
        if role in first:
            setattr(layout, role, first[role])
    for role, cols in tagged.items():
        cols.sort(key=lambda c: c.quarter or "")
        latest = cols[-1]
        if getattr(layout, role) is None:
            setattr(layout, role, latest.index)
            layout.quarter = layout.quarter or latest.quarter
        previous = f"previous_{role}"
        if len(cols) > 1 and getattr(layout, previous) is None:
            setattr(layout, previous, cols[-2].index)
    if layout.value is not None:
        layout.period_header = table.header[layout.value]
    return layout
