"""Reading an archive's SQLite file directly, to check it against a reference (no project code)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(home: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{home / 'archive.sqlite3'}?mode=ro", uri=True)


def integrity(home: Path) -> str:
    with connect(home) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


def records_per_document(home: Path) -> dict[str, int]:
    """Every stored document's sha256 and how many records it holds (0 for none)."""
    with connect(home) as db:
        rows = db.execute(
            "SELECT d.sha256, count(r.id) FROM documents d "
            "LEFT JOIN records r ON r.sha256 = d.sha256 GROUP BY d.sha256"
        )
        return dict(rows.fetchall())


def record_ids(home: Path) -> set[str]:
    with connect(home) as db:
        return {row[0] for row in db.execute("SELECT id FROM records")}
