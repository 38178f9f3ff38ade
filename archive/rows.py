"""How a record lies in the store's ``records`` table, and how it comes back.

The type's fields are kept whole as JSON (``records.encode``: exact decimals, ISO dates); the
fields commands filter by are kept again in indexed columns, named by the declarations'
``column`` roles (``records.COLUMNS``), plus ``person_key``, the surname of the person column
(lower case), so a person asked for in any spelling is found through an index.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.people import name_key
from cdrp_archive.archive.records import COLUMNS, decode, encode

# Every column of the records table, in the order ``values`` gives them.
RECORD_COLUMNS = (
    "id",
    "seq",
    "type",
    "sha256",
    "document",
    "page",
    "printed_page",
    "tbl",
    "row",
    "date",
    "financial_year",
    "quarter",
    "text",
    "fields",
    *COLUMNS,
    "person_key",
)
INSERT = (
    f"INSERT OR IGNORE INTO records ({', '.join(RECORD_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(RECORD_COLUMNS))})"
)


def values(record: Record, seq: int) -> tuple[Any, ...]:
    """The row for a record, column by column (``RECORD_COLUMNS``)."""
    person = record.fields.column("person")
    key = name_key(person) if isinstance(person, str) else None
    return (
        record.id,
        seq,
        record.type,
        record.sha256,
        record.document,
        record.page,
        record.printed_page,
        record.table,
        record.row,
        record.date,
        record.financial_year,
        record.quarter,
        record.text,
        encode(record.fields),
        *(record.fields.column(c) for c in COLUMNS),
        key.last if key else None,
    )


def record(row: sqlite3.Row) -> Record:
    return Record(
        type=row["type"],
        document=row["document"],
        sha256=row["sha256"],
        page=row["page"],
        printed_page=row["printed_page"],
        text=row["text"],
        date=row["date"],
        financial_year=row["financial_year"],
        quarter=row["quarter"],
        table=row["tbl"],
        row=row["row"],
        fields=decode(row["type"], row["fields"]),
    )
