"""The SQLite store: documents, their records, failures, and the user's milestone links.

Each document is written in one transaction (its row and all its records together), so a
crash leaves the archive as it was or with whole documents added. ``generation`` counts
committed changes; the search index remembers the generation it reflects, and is rebuilt or
brought up to date when it is behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cdrp_archive.archive.errors import StoreError
from cdrp_archive.archive.models import SCHEMA_VERSION, Document, Record, fields_json

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT,
    date TEXT,
    financial_year TEXT,
    quarter TEXT,
    pages INTEGER NOT NULL,
    extractor_version TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    document TEXT NOT NULL,
    page INTEGER,
    tbl INTEGER,
    row INTEGER,
    date TEXT,
    financial_year TEXT,
    quarter TEXT,
    text TEXT NOT NULL,
    fields TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_type ON records(type);
CREATE INDEX IF NOT EXISTS records_sha ON records(sha256);
CREATE TABLE IF NOT EXISTS failures (
    path TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS links (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('link', 'unlink')),
    at TEXT NOT NULL,
    PRIMARY KEY (a, b)
);
"""


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Store:
    """The archive's SQLite database in ``home/archive.sqlite3``."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.path = home / "archive.sqlite3"
        try:
            home.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{home}: cannot open the archive ({exc})") from None
        self.db.row_factory = sqlite3.Row
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a cdrp-archive database ({exc})") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        self.db.executescript(_SCHEMA)
        version = self.meta("schema_version")
        if version is None:
            self.set_meta("schema_version", str(SCHEMA_VERSION))
            self.set_meta("generation", "0")
        elif int(version) > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: archive schema {version} is newer than this cdrp-archive "
                f"({SCHEMA_VERSION}); upgrade cdrp-archive"
            )

    # --- meta ---------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            gen = self.generation + 1
            self.set_meta("generation", str(gen))
            self.db.execute("COMMIT")

    # --- documents ----------------------------------------------------------------------

    def document(self, sha256: str) -> Document | None:
        row = self.db.execute("SELECT * FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return _document(row) if row else None

    def documents(self) -> list[Document]:
        rows = self.db.execute("SELECT * FROM documents ORDER BY date, name").fetchall()
        return [_document(r) for r in rows]

    def documents_at(self, path: str) -> list[Document]:
        rows = self.db.execute("SELECT * FROM documents WHERE path = ?", (path,)).fetchall()
        return [_document(r) for r in rows]

    def replace_document(self, document: Document, records: Iterable[Record]) -> list[str]:
        """Store a document and its records in one transaction, replacing what was at its path.

        Returns the sha256 of every document removed: an older version of the same file, or
        this very file read by an older extractor.
        """
        with self.transaction():
            removed = [
                r[0]
                for r in self.db.execute(
                    "SELECT sha256 FROM documents WHERE path = ? OR sha256 = ?",
                    (document.path, document.sha256),
                )
            ]
            self.db.executemany("DELETE FROM documents WHERE sha256 = ?", [(s,) for s in removed])
            self.db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    document.sha256,
                    document.path,
                    document.name,
                    document.kind,
                    document.title,
                    document.date,
                    document.financial_year,
                    document.quarter,
                    document.pages,
                    document.extractor_version,
                    document.status,
                    document.note,
                    now(),
                ),
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (
                        rec.id,
                        seq,
                        rec.type,
                        rec.sha256,
                        rec.document,
                        rec.page,
                        rec.table,
                        rec.row,
                        rec.date,
                        rec.financial_year,
                        rec.quarter,
                        rec.text,
                        fields_json(rec.fields),
                    )
                    for seq, rec in enumerate(records)
                ),
            )
            self.db.execute("DELETE FROM failures WHERE path = ?", (document.path,))
        return removed

    def record_failure(self, path: str, reason: str) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO failures(path, reason, at) VALUES (?, ?, ?)",
                (path, reason, now()),
            )

    def failures(self) -> list[dict[str, str]]:
        rows = self.db.execute("SELECT path, reason, at FROM failures ORDER BY at, path")
        return [dict(r) for r in rows]

    # --- records ------------------------------------------------------------------------

    def records(
        self,
        type: str | None = None,
        sha256: str | None = None,
        financial_year: str | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Record]:
        sql = "SELECT * FROM records WHERE 1=1"
        args: list[Any] = []
        if type:
            sql += " AND type = ?"
            args.append(type)
        if sha256:
            sql += " AND sha256 = ?"
            args.append(sha256)
        if financial_year:
            sql += " AND financial_year = ?"
            args.append(financial_year)
        if ids is not None:
            id_list = list(ids)
            if not id_list:
                return []
            sql += f" AND id IN ({','.join('?' * len(id_list))})"
            args.extend(id_list)
        sql += " ORDER BY date, document, seq"
        return [_record(r) for r in self.db.execute(sql, args)]

    def iter_records(self, batch: int = 2000) -> Iterator[Record]:
        cursor = self.db.execute("SELECT * FROM records ORDER BY sha256, seq")
        while rows := cursor.fetchmany(batch):
            yield from (_record(r) for r in rows)

    def count(self, type: str | None = None) -> int:
        if type:
            return self.db.execute(
                "SELECT count(*) FROM records WHERE type = ?", (type,)
            ).fetchone()[0]
        return self.db.execute("SELECT count(*) FROM records").fetchone()[0]

    def counts_by_type(self) -> dict[str, int]:
        rows = self.db.execute("SELECT type, count(*) FROM records GROUP BY type ORDER BY type")
        return {r[0]: r[1] for r in rows}

    # --- the user's milestone links -----------------------------------------------------

    def set_link(self, a: str, b: str, kind: str) -> None:
        a, b = sorted((a, b))
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO links(a, b, kind, at) VALUES (?, ?, ?, ?)",
                (a, b, kind, now()),
            )

    def links(self) -> list[dict[str, str]]:
        return [dict(r) for r in self.db.execute("SELECT a, b, kind, at FROM links ORDER BY at")]


def _document(row: sqlite3.Row) -> Document:
    data = dict(row)
    data.pop("ingested_at", None)
    return Document(**data)


def _record(row: sqlite3.Row) -> Record:
    fields = json.loads(row["fields"])
    record = Record(
        type=row["type"],
        document=row["document"],
        sha256=row["sha256"],
        page=row["page"],
        text=row["text"],
        date=row["date"],
        financial_year=row["financial_year"],
        quarter=row["quarter"],
        table=row["tbl"],
        row=row["row"],
        fields=fields,
    )
    return record
