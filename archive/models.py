"""The one record model: every fact the archive holds is a ``Record`` of some ``type``.

A record says where it came from (``document``, its ``sha256``, ``page`` and, where the paper
prints another page number, ``printed_page``; for table rows ``table`` and ``row``), when it
speaks of (``date``, ``financial_year``, ``quarter``), its ``text``, and the fields of its type
in ``fields``: an instance of the type's declaration in ``archive.records`` (made from a dict
when given one, and validated: an undeclared field or a value of the wrong type raises).

Ids are derived from content, so re-ingesting a document gives the same ids.
"""

from __future__ import annotations

import builtins
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date as _date
from decimal import Decimal
from typing import Any, TypeVar

from cdrp_archive.archive.records import (
    RECORD_FIELDS,
    RECORD_TYPES,
    Fields,
    decode,
    make_fields,
)

__all__ = ["DOCUMENT_KINDS", "RECORD_FIELDS", "RECORD_TYPES", "Document", "Fields", "Record"]

DOCUMENT_KINDS = (
    "agenda",
    "minutes",
    "performance_report",
    "funding_report",
    "plan_report",
    "other",
)

COMMON = (
    "type",
    "document",
    "sha256",
    "page",
    "printed_page",
    "table",
    "row",
    "date",
    "financial_year",
    "quarter",
    "text",
)

T = TypeVar("T", bound=Fields)


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
    """One fact with its provenance. ``fields`` holds the type's own fields (typed)."""

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
    fields: Fields = field(default_factory=dict, hash=False, compare=False)  # type: ignore[assignment]
    printed_page: str | None = None  # the page number the paper prints, where it differs

    def __post_init__(self) -> None:
        if self.type not in RECORD_FIELDS:
            raise ValueError(f"unknown record type {self.type!r}")
        object.__setattr__(self, "fields", make_fields(self.type, self.fields))
        for name, kind in _COMMON_TYPES.items():
            value = getattr(self, name)
            if value is not None and not isinstance(value, kind):
                raise TypeError(f"record {name}: expected {kind.__name__}, got {value!r}")
        if self.date is not None:
            _date.fromisoformat(self.date)

    def typed(self, kind: builtins.type[T]) -> T:
        """The fields as their declared class (``record.typed(Funding).amount``)."""
        if not isinstance(self.fields, kind):
            raise TypeError(f"a {self.type} record has no {kind.__name__} fields")
        return self.fields

    @property
    def meeting_date(self) -> str | None:
        """The date of the meeting the record belongs to, for the types that have one."""
        value = self.fields.column("meeting_date")
        return value if isinstance(value, str) else None

    @property
    def person(self) -> str | None:
        """The person the record names (an action's owner, an attendee ...), if any."""
        value = self.fields.column("person")
        return value if isinstance(value, str) else None

    @property
    def status(self) -> str | None:
        """The type's status word (a milestone's RAG status, a decision's outcome ...)."""
        value = self.fields.column("status")
        return value if isinstance(value, str) else None

    @property
    def id(self) -> str:
        """A stable id from the record's source and content (fields left unset do not count,
        so declaring a new field does not change the ids of records that do not use it)."""
        parts: list[Any] = [
            self.type,
            self.sha256,
            self.page,
            self.table,
            self.row,
            self.date,
            self.financial_year,
            self.quarter,
            self.text,
            {k: v for k, v in self.fields.as_dict().items() if v is not None},
        ]
        if self.printed_page is not None:
            parts.append(self.printed_page)
        key = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """Flat, JSON-ready: common fields first, then the type's fields (Decimals as text)."""
        flat: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "document": self.document,
            "sha256": self.sha256,
            "page": self.page,
            "printed_page": self.printed_page,
            "table": self.table,
            "row": self.row,
            "date": self.date,
            "financial_year": self.financial_year,
            "quarter": self.quarter,
            "text": self.text,
        }
        for name, value in self.fields.as_dict().items():
            flat[name] = str(value) if isinstance(value, Decimal) else value
        return flat

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        """The record ``to_dict`` gave (its type's fields read back exactly)."""
        rest = {k: v for k, v in data.items() if k not in COMMON and k != "id"}
        return cls(
            type=data["type"],
            document=data["document"],
            sha256=data["sha256"],
            page=data.get("page"),
            printed_page=data.get("printed_page"),
            text=data["text"],
            date=data.get("date"),
            financial_year=data.get("financial_year"),
            quarter=data.get("quarter"),
            table=data.get("table"),
            row=data.get("row"),
            fields=decode(data["type"], rest),
        )


_COMMON_TYPES: dict[str, type] = {
    "document": str,
    "sha256": str,
    "page": int,
    "text": str,
    "date": str,
    "financial_year": str,
    "quarter": str,
    "table": int,
    "row": int,
    "printed_page": str,
}
