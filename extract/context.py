"""What every interpreter knows of the document it reads, and the one way to make a record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.values import FinancialYear, quarter_of
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
        """A record with this document's provenance, dated by what it speaks of (``period``);
        the printed page number is the page's label where it differs from the page's place."""
        label = self.labels.get(page) if page is not None else None
        date, financial_year, quarter = self.period(date, financial_year, quarter)
        return Record(
            type=type,
            document=self.name,
            sha256=self.sha256,
            page=page,
            text=text,
            date=date,
            financial_year=financial_year,
            quarter=quarter,
            table=table,
            row=row,
            fields=fields,  # type: ignore[arg-type]  # made into the type's Fields
            printed_page=label if label and label != str(page) else None,
        )

    def period(
        self, date: str | None, financial_year: str | None, quarter: str | None
    ) -> tuple[str | None, str | None, str | None]:
        """A record's date, financial year and quarter: what the interpreter gives, else those
        of the record's own day (the minutes of an April meeting printed in a July pack are of
        April's year and quarter), else the paper's. The paper's quarter belongs to its year:
        a record of another year (a funding table of last year) has the quarter it is given
        or none. The paper's date stays a record's date when it has none of its own."""
        own = _day(date) if date and date != self.date else None
        if own is not None:
            financial_year = financial_year or str(FinancialYear.of(own))
            if quarter is None and financial_year == str(FinancialYear.of(own)):
                quarter = quarter_of(own)
        financial_year = financial_year or self.financial_year
        if quarter is None and financial_year == self.financial_year:
            quarter = self.quarter
        return date or self.date, financial_year, quarter


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
