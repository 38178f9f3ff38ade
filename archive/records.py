"""The record types: one declaration each, with its fields and their types, in one place.

A record type is a frozen dataclass of ``Fields`` registered with ``@record_type``. Each field
says its value type (``str``, ``int``, ``Decimal``, ``IsoDate`` — an ISO 8601 day such as
``2011-04-26`` —, or a list of JSON objects), always optional (``None``: the paper does not
say), and, through ``spec(...)``, what it means and the roles it plays elsewhere:

- ``column``: the store keeps it in an indexed column of that name, so commands filter by it
  in SQL (``meeting_date``, ``person``, ``status``, ``fund``); a new column needs a migration
  step (``archive.migrations``);
- ``index``: the search index's field it feeds (``ref``, ``status``, ``who``, ``priority``,
  ``fund``, ``kind``, or ``more`` for extra searchable text);
- ``person``: it names a person (the ``people`` command, the name resolver).

A value of the wrong type, or a field the type does not declare, is a bug and raises
``TypeError`` when the record is made. ``encode``/``decode`` give the store's JSON, exactly
(a ``Decimal`` comes back a ``Decimal`` with its digits, a date as the same ISO string).

Adding a record type: declare its class here, with ``@record_type``; nothing else in the
archive changes (the README's record table is tested against these declarations).
"""

from __future__ import annotations

import json
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, TypeVar

IsoDate = Annotated[str, "iso-date"]  # a day as ISO 8601 text: 2011-04-26

JsonList = list[dict[str, Any]]


def spec(
    doc: str = "",
    *,
    column: str | None = None,
    index: str | None = None,
    person: bool = False,
) -> Any:
    """A declared field: optional (default None), with what it means and its roles."""
    return field(
        default=None, metadata={"doc": doc, "column": column, "index": index, "person": person}
    )


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str  # str | int | decimal | date | list
    doc: str
    column: str | None
    index: str | None
    person: bool


class Fields:
    """The fields of one record type (subclasses are frozen dataclasses)."""

    record_type: ClassVar[str]
    found_in: ClassVar[str]  # where records of this type come from
    specs: ClassVar[tuple[FieldSpec, ...]]

    def __getitem__(self, name: str) -> Any:
        if name in self.names():
            return getattr(self, name)
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:
        value = getattr(self, name, None) if name in self.names() else None
        return default if value is None else value

    def __contains__(self, name: object) -> bool:
        return name in self.names()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(s.name for s in cls.specs)

    def as_dict(self) -> dict[str, Any]:
        return {s.name: getattr(self, s.name) for s in self.specs}

    def feeding(self, index: str) -> list[Any]:
        """The values of the fields that feed the index field ``index``, in declared order."""
        return [getattr(self, s.name) for s in self.specs if s.index == index]

    def column(self, name: str) -> Any:
        """The value the store keeps in column ``name`` (None when no field fills it)."""
        for s in self.specs:
            if s.column == name:
                return getattr(self, s.name)
        return None

    @classmethod
    def person_fields(cls) -> tuple[str, ...]:
        return tuple(s.name for s in cls.specs if s.person)

    def __post_init__(self) -> None:
        for s in self.specs:
            value = getattr(self, s.name)
            if value is not None and not _CHECKS[s.kind](value):
                raise TypeError(
                    f"{self.record_type}.{s.name}: expected {s.kind}, got {value!r} "
                    f"({type(value).__name__})"
                )


RECORD_FIELDS: dict[str, type[Fields]] = {}
F = TypeVar("F", bound=type[Fields])


def record_type(name: str, found_in: str) -> Callable[[F], F]:
    """Register a Fields dataclass as the declaration of record type ``name``."""

    def register(cls: F) -> F:
        if name in RECORD_FIELDS:
            raise ValueError(f"record type {name!r} declared twice")
        cls.record_type = name
        cls.found_in = found_in
        hints = typing.get_type_hints(cls, include_extras=True)
        cls.specs = tuple(
            FieldSpec(
                f.name,
                _kind(hints[f.name], f"{name}.{f.name}"),
                f.metadata.get("doc", ""),
                f.metadata.get("column"),
                f.metadata.get("index"),
                bool(f.metadata.get("person")),
            )
            for f in fields(cls)  # type: ignore[arg-type]
        )
        RECORD_FIELDS[name] = cls
        return cls

    return register


def _kind(hint: Any, where: str) -> str:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if len(args) != 1:
        raise TypeError(f"{where}: declare one type or None, not {hint!r}")
    inner = args[0]
    if typing.get_origin(inner) is Annotated and typing.get_args(inner)[1:] == ("iso-date",):
        return "date"
    if typing.get_origin(inner) is list:
        return "list"
    kinds = {str: "str", int: "int", Decimal: "decimal"}
    if inner not in kinds:
        raise TypeError(f"{where}: unsupported field type {inner!r}")
    return kinds[inner]


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


_CHECKS: dict[str, Callable[[object], bool]] = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "decimal": lambda v: isinstance(v, Decimal),
    "date": _is_date,
    "list": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
}


def make_fields(record_type: str, values: Fields | dict[str, Any]) -> Fields:
    """The declared fields of a record type from a dict; unknown names raise TypeError."""
    cls = RECORD_FIELDS.get(record_type)
    if cls is None:
        raise ValueError(f"unknown record type {record_type!r}")
    if isinstance(values, cls):
        return values
    if isinstance(values, Fields):
        raise TypeError(f"{record_type}: fields of type {values.record_type!r}")
    unknown = set(values) - set(cls.names())
    if unknown:
        raise TypeError(f"{record_type}: no field {', '.join(sorted(unknown))}")
    return cls(**values)


def encode(values: Fields) -> str:
    """The store's JSON for a record's fields: set fields only, in declared order, Decimals as
    their digits (objects in lists keep their keys' order)."""
    return json.dumps(
        {
            s.name: str(v) if isinstance(v, Decimal) else v
            for s in values.specs
            if (v := getattr(values, s.name)) is not None
        },
        ensure_ascii=False,
    )


def decode(record_type: str, text: str | dict[str, Any]) -> Fields:
    """A record's fields from the store's JSON (or a JSON object): the exact values back."""
    data = json.loads(text) if isinstance(text, str) else dict(text)
    cls = RECORD_FIELDS[record_type]
    for s in cls.specs:
        if s.kind == "decimal" and data.get(s.name) is not None:
            data[s.name] = Decimal(str(data[s.name]))
    return make_fields(record_type, data)


# --- the record types ----------------------------------------------------------------------


@record_type("passage", found_in="every paragraph and table row, for search")
@dataclass(frozen=True)
class Passage(Fields):
    kind: str | None = spec("paragraph or table_row", index="kind")


@record_type("milestone_status", found_in="action-plan tables, one per milestone and quarter")
@dataclass(frozen=True)
class MilestoneStatus(Fields):
    priority: str | None = spec(index="priority")
    action_ref: str | None = spec()
    action: str | None = spec(index="more")
    milestone_ref: str | None = spec(index="ref")
    milestone: str | None = spec(index="more")
    status: str | None = spec("green, amber, red or null", column="status", index="status")
    status_word: str | None = spec("the status word as printed: Complete, On track, Blue …")
    status_source: str | None = spec("word, shading, or key: a word the paper's key maps")
    fill_status: str | None = spec("what the cell's shading said")
    progress: str | None = spec(index="more")
    lead: str | None = spec()
    partners: str | None = spec()


@record_type("decision", found_in="minutes")
@dataclass(frozen=True)
class Decision(Fields):
    meeting_date: IsoDate | None = spec(column="meeting_date")
    minute_ref: str | None = spec(index="ref")
    item: str | None = spec(index="more")
    subitem: str | None = spec()
    outcome: str | None = spec(
        "approved, noted, endorsed, agreed, …", column="status", index="status"
    )
    presenter: str | None = spec(column="person", index="who", person=True)
    verbatim: str | None = spec("the decision's word as printed (RESOLVED, agreed, CARRIED ...)")
    parts: JsonList | None = spec("its lettered or numbered parts: [{label, text}]")
    votes: JsonList | None = spec("a recorded vote: [{for, against, abstain, names_given}]")


@record_type("recommendation", found_in="reports to the board")
@dataclass(frozen=True)
class Recommendation(Fields):
    meeting_date: IsoDate | None = spec(column="meeting_date")
    item: str | None = spec(index="more")
    author: str | None = spec(column="person", person=True)
    outcome: str | None = spec("asked for", column="status", index="status")
    refers_to: JsonList | None = spec("minutes it cites: [{minute_ref, meeting_date}]")


@record_type("action", found_in='"Action: …" lines')
@dataclass(frozen=True)
class Action(Fields):
    meeting_date: IsoDate | None = spec(column="meeting_date")
    minute_ref: str | None = spec(index="ref")
    item: str | None = spec(index="more")
    owner: str | None = spec("resolved to one person", column="person", index="who", person=True)
    owner_raw: str | None = spec()
    action: str | None = spec(index="more")
    due: IsoDate | None = spec()
    owner_kind: str | None = spec("person, role, organisation, several or none")
    owners: JsonList | None = spec("every owner named: [{name, kind}]")
    form: str | None = spec("how the paper marks it: marker, inline, undertaking, column")


@record_type("action_update", found_in="action logs and trackers, matters arising in minutes")
@dataclass(frozen=True)
class ActionUpdate(Fields):
    ref: str | None = spec("the action's number, or the earlier minute it follows", index="ref")
    action: str | None = spec(index="more")
    owner: str | None = spec(
        "one person, role or body; null for several", column="person", index="who", person=True
    )
    owner_raw: str | None = spec("as printed, or the section's lead")
    due: IsoDate | None = spec()
    status: str | None = spec("exactly as printed", index="more")
    state: str | None = spec(
        "open, on track, done, overdue, dropped or unknown", column="status", index="status"
    )
    section: str | None = spec("the log's heading or section: open, completed …")
    as_of: IsoDate | None = spec("the date the status was given", column="meeting_date")
    as_of_source: str | None = spec(
        "paper: the log's own date; meeting: the meeting it was tabled at"
    )


@record_type("funding", found_in="minutes, narrative, funding tables")
@dataclass(frozen=True)
class Funding(Fields):
    amount: Decimal | None = spec("exact")
    currency: str | None = spec()
    fund: str | None = spec(column="fund", index="fund")
    project: str | None = spec(index="more")
    status: str | None = spec(
        "requested, recommended, approved, allocated, awarded, spent; received for money "
        "coming to the partnership",
        column="status",
        index="status",
    )
    source: str | None = spec("minutes, narrative or table")
    meeting_date: IsoDate | None = spec(column="meeting_date")
    minute_ref: str | None = spec(index="ref")
    section: str | None = spec()
    flow: str | None = spec("income or expenditure")
    notes: str | None = spec()
    table_title: str | None = spec()
    table_check: str | None = spec()


@record_type("update", found_in="task-group sections of quarterly reports")
@dataclass(frozen=True)
class Update(Fields):
    priority: str | None = spec(index="priority")
    priority_area: str | None = spec()
    lead_officer: str | None = spec(column="person", index="who", person=True)
    section: str | None = spec("key achievements, areas of concern, …")


@record_type("meeting", found_in="minutes and agendas")
@dataclass(frozen=True)
class Meeting(Fields):
    meeting_date: IsoDate | None = spec(column="meeting_date")
    body: str | None = spec()
    source: str | None = spec("minutes or agenda")
    items: JsonList | None = spec("[{minute_ref or number, title, presenter, page}]")
    present: int | None = spec()
    apologies: int | None = spec()
    also_present: int | None = spec()
    in_attendance: int | None = spec()
    date_source: str | None = spec("where the date was read: opening, title block, file name")


@record_type("attendance", found_in="minutes")
@dataclass(frozen=True)
class Attendance(Fields):
    meeting_date: IsoDate | None = spec(column="meeting_date")
    name: str | None = spec("resolved", column="person", person=True)
    name_raw: str | None = spec()
    role: str | None = spec()
    organisation: str | None = spec()
    status: str | None = spec(
        "present, also_present, in_attendance, apologies or absent",
        column="status",
        index="status",
    )
    initials: str | None = spec("as the paper prints them beside the name")


@record_type("indicator_status", found_in="indicator scorecards, one per rated row")
@dataclass(frozen=True)
class IndicatorStatus(Fields):
    indicator: str | None = spec("the measure's name as printed", index="more")
    indicator_ref: str | None = spec("its number where the paper numbers them", index="ref")
    service: str | None = spec(
        "the table's heading or section (service, priority)", index="priority"
    )
    period: str | None = spec("the period the value covers, as printed")
    value: str | None = spec("as printed")
    value_number: Decimal | None = spec("the value as a number, where it is one")
    target: str | None = spec("target (or limit, minimum) as printed")
    target_number: Decimal | None = spec()
    floor: str | None = spec("floor standard as printed")
    previous_value: str | None = spec("the previous period's value as printed")
    status: str | None = spec("green, amber, red or null", column="status", index="status")
    status_source: str | None = spec("word, shading or mark")
    fill_status: str | None = spec("what the cell's shading said")
    previous_status: str | None = spec("the previous period's rating: green, amber, red or null")
    direction: str | None = spec("improving, worsening, no change or null")
    direction_raw: str | None = spec("what was printed: a word, a glyph, or a drawn shape")
    direction_source: str | None = spec("word, glyph or shape; by the paper's key or by default")
    comment: str | None = spec(index="more")
    table_check: str | None = spec("the paper's summary counts against the rows read")


@record_type("indicator_summary", found_in="summary count tables of scorecards")
@dataclass(frozen=True)
class IndicatorSummary(Fields):
    service: str | None = spec(
        "the summary row's service, null for the whole report", index="priority"
    )
    green: int | None = spec("as printed")
    amber: int | None = spec("as printed")
    red: int | None = spec("as printed")
    total: int | None = spec("as printed")
    counted: JsonList | None = spec("the rows read: [{status, printed, read}]")
    table_check: str | None = spec("ok, or each count that differs from the rows read")


RECORD_TYPES = tuple(RECORD_FIELDS)

# The store's columns filled from declared fields (see ``Fields.column``).
COLUMNS = tuple(
    dict.fromkeys(s.column for c in RECORD_FIELDS.values() for s in c.specs if s.column)
)


def records_table() -> str:
    """The README's table of record types, from these declarations (a field's type is shown
    where it is not text)."""
    lines = ["| type | fields | from |", "|---|---|---|"]
    for name, cls in RECORD_FIELDS.items():
        described = ", ".join(_describe(s) for s in cls.specs)
        lines.append(f"| `{name}` | {described} | {cls.found_in} |")
    return "\n".join(lines)


def _describe(field_spec: FieldSpec) -> str:
    notes = [x for x in (field_spec.kind if field_spec.kind != "str" else "", field_spec.doc) if x]
    return f"`{field_spec.name}`" + (f" ({': '.join(notes)})" if notes else "")
