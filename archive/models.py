"""The one record model: every fact the archive holds is a ``Record`` of some ``type``.

A record says where it came from (``document``, its ``sha256``, ``page`` and, for table rows,
``table`` and ``row``), when it speaks of (``date``, ``financial_year``, ``quarter``), its
``text``, and the fields of its type in ``fields``. Types and their fields:

=================  ==========================================================================
passage            a paragraph or table row of a paper (``kind``: paragraph, table_row)
milestone_status   priority, action_ref, action, milestone_ref, milestone, status, progress
decision           meeting_date, minute_ref, item, outcome
recommendation     meeting_date, item, outcome (what is proposed)
action             meeting_date, minute_ref, owner, due
funding            amount, currency, fund, project, status
update             priority, lead_officer, section (key achievements, areas of concern ...)
meeting            meeting_date, body, source (minutes | agenda), items [{minute_ref, title,
                   presenter, page}]: one per set of minutes and one per agenda
attendance         meeting_date, name (resolved), name_raw, role, organisation, status
                   (present | apologies)
=================  ==========================================================================

Ids are derived from content, so re-ingesting a document gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SCHEMA_VERSION = 1

RECORD_TYPES = (
    "passage",
    "milestone_status",
    "decision",
    "recommendation",
    "action",
    "funding",
    "update",
    "meeting",
    "attendance",
)

DOCUMENT_KINDS = (
    "agenda",
    "minutes",
    "performance_report",
    "funding_report",
    "plan_report",
    "other",
)


@dataclass(frozen=True)
class Document:
    """One ingested file, identified by the sha256 of its bytes."""

    sha256: str
    path: str
    name: str
    kind: str
    title: str | None
    date: str | None
    financial_year: str | None
    quarter: str | None
    pages: int
    extractor_version: str
    status: str = "ok"  # ok | no_text
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Record:
    """One fact with its provenance. ``fields`` holds the type's own fields."""

    type: str
    document: str
    sha256: str
    page: int | None
    text: str
    date: str | None = None
    financial_year: str | None = None
    quarter: str | None = None
    table: int | None = None
    row: int | None = None
    fields: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if self.type not in RECORD_TYPES:
            raise ValueError(f"unknown record type {self.type!r}")

    @property
    def id(self) -> str:
        """A stable id from the record's source and content."""
        key = json.dumps(
            [
                self.type,
                self.sha256,
                self.page,
                self.table,
                self.row,
                self.date,
                self.financial_year,
                self.quarter,
                self.text,
                self.fields,
            ],
            sort_keys=True,
            default=str,
            ensure_ascii=False,
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def get(self, name: str, default: Any = None) -> Any:
        if name in self.fields:
            return self.fields[name]
        return getattr(self, name, default)

    def to_dict(self) -> dict[str, Any]:
        """Flat, JSON-ready: common fields first, then the type's fields."""
        flat: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "document": self.document,
            "sha256": self.sha256,
            "page": self.page,
            "table": self.table,
            "row": self.row,
            "date": self.date,
            "financial_year": self.financial_year,
            "quarter": self.quarter,
            "text": self.text,
        }
        for name, value in self.fields.items():
            flat[name] = str(value) if isinstance(value, Decimal) else value
        return flat

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        common = {
            "type",
            "document",
            "sha256",
            "page",
            "text",
            "date",
            "financial_year",
            "quarter",
            "table",
            "row",
        }
        fields = {k: v for k, v in data.items() if k not in common and k != "id"}
        if "amount" in fields and fields["amount"] is not None:
            fields["amount"] = Decimal(str(fields["amount"]))
        return cls(
            type=data["type"],
            document=data["document"],
            sha256=data["sha256"],
            page=data.get("page"),
            text=data["text"],
            date=data.get("date"),
            financial_year=data.get("financial_year"),
            quarter=data.get("quarter"),
            table=data.get("table"),
            row=data.get("row"),
            fields=fields,
        )


def fields_json(fields: dict[str, Any]) -> str:
    return json.dumps(
        {k: (str(v) if isinstance(v, Decimal) else v) for k, v in fields.items()},
        ensure_ascii=False,
        sort_keys=True,
    )
