"""What every interpreter knows of the document it reads, and the one way to make a record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.conventions import Profile, default_profile


@dataclass(frozen=True)
class DocContext:
    sha256: str
    name: str
    kind: str
    date: str | None
    financial_year: str | None
    quarter: str | None
    # The page number the paper prints on each page (``Page.label``), where a reader knows it.
    labels: Mapping[int, str] = field(default_factory=dict, hash=False, compare=False)
    # The conventions the paper is read with (``extract.conventions``): the body's vocabulary.
    conventions: Profile = field(default_factory=default_profile, hash=False, compare=False)

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
        """A record with this document's provenance; period fields default to the paper's, the
        printed page number is the page's label where it differs from the page's place."""
        label = self.labels.get(page) if page is not None else None
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
            fields=fields,  # type: ignore[arg-type]  # made into the type's Fields
            printed_page=label if label and label != str(page) else None,
        )
