"""What every interpreter knows of the document it reads, and the one way to make a record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cdrp_archive.archive.models import Record


@dataclass(frozen=True)
class DocContext:
    sha256: str
    name: str
    kind: str
    date: str | None
    financial_year: str | None
    quarter: str | None

    def record(
        self,
        type: str,
        page: int | None,
        text: str,
        *,
        table: int | None = None,
        row: int | None = None,
        date: str | None = None,
        financial_year: str | None = None,
        quarter: str | None = None,
        **fields: Any,
    ) -> Record:
        """A record with this document's provenance; period fields default to the paper's."""
        return Record(
            type=type,
            document=self.name,
            sha256=self.sha256,
            page=page,
            text=text,
            date=date or self.date,
            financial_year=financial_year or self.financial_year,
            quarter=quarter if quarter is not None else self.quarter,
            table=table,
            row=row,
            fields=fields,
        )
