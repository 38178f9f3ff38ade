"""The SQLite store: documents, their records, failures, and the user's milestone links.

Each document is written in one transaction (its row and all its records together), so a
crash leaves the archive as it was or with whole documents added. ``generation`` counts
committed changes; the search index remembers the generation it reflects, and is rebuilt or
brought up to date when it is behind.

Every query the commands need is a method here, run in SQL on indexed columns; no SQL lives
outside this module and ``archive.migrations`` (which owns the schema and its upgrades).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cdrp_archive.archive import lock, rows
from cdrp_archive.archive.errors import StoreError
from cdrp_archive.archive.migrations import LATEST, migrate, version_of
from cdrp_archive.archive.models import Document, Record
from cdrp_archive.archive.values import FinancialYear


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
            self.upgraded_from = self._upgrade()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a cdrp-archive database ({exc})") from None

    def _upgrade(self) -> int:
        """Migrate under the writer lock, never waiting for it: a reader that finds the schema
        behind while another process writes says so and stops (that writer is upgrading it,
        or is an older cdrp-archive)."""
        found = version_of(self.db)
        if found >= LATEST or lock.holds(self.home):
            return migrate(self.db, str(self.path))
        with lock.try_writer_lock(self.home) as free:
            if free:
                return migrate(self.db, str(self.path))
        writer = lock.holder(self.home)
        by = f"pid {writer.pid}" if writer else "another process"
        doing = "created" if found == 0 else f"upgraded (schema {found} to {LATEST})"
        self.db.close()
        raise StoreError(
            f"{self.home}: the archive is being {doing} by {by}; try again when it finishes"
        )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return LATEST

    # --- meta ---------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def begin_writing(self) -> None:
        """Say in the archive that this process is writing to it (an ingest, until
        ``end_writing``): if it is killed, readers know the archive and its index are
        unfinished and leave them to the next ingest instead of repairing them themselves."""
        self.set_meta("writer", lock.Holder.me().line().strip())

    def end_writing(self) -> None:
        self.db.execute("DELETE FROM meta WHERE key = 'writer'")

    def interrupted_writer(self) -> lock.Holder | None:
        """The process that began writing and was stopped before it ended, if any."""
        found = lock.Holder.parse(self.meta("writer") or "")
        if found is None or found.pid == os.getpid() or found.alive():
            return None
        return found

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
                rows.INSERT, (rows.values(rec, seq) for seq, rec in enumerate(records))
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
        type: str | Iterable[str] | None = None,
        *,
        sha256: str | Iterable[str] | None = None,
        document: str | None = None,
        year: str | None = None,
        quarter: str | None = None,
        meeting_date: str | None = None,
        held_in: str | None = None,
        status: str | None = None,
        fund: str | None = None,
        surname: str | None = None,
        has_person: bool = False,
        date_from: str | None = None,
        date_to: str | None = None,
        after: str | None = None,
        contains: str | None = None,
        ids: Iterable[str] | None = None,
    ) -> list[Record]:
        """Records matching every filter given, in date, document and paper order.

        ``type`` and ``sha256`` take one value or several; ``year`` is the financial year the
        record speaks of, ``held_in`` the financial year its meeting was held in (the meeting
        date, else the record's date, else its year); ``status`` is the type's status word
        (a decision's outcome); ``fund`` matches part of the fund's name in any case;
        ``surname`` the person a record names (``people.name_key(...).last``); ``date_from``
        and ``date_to`` are inclusive, ``after`` is not; ``contains`` is part of the text.
        """
        where: list[str] = []
        args: list[Any] = []

        def many(column: str, value: str | Iterable[str] | None) -> None:
            if value is None:
                return
            found = [value] if isinstance(value, str) else list(value)
            where.append(f"{column} IN ({','.join('?' * len(found))})")
            args.extend(found)

        def equal(column: str, value: str | None) -> None:
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)

        many("type", type)
        many("sha256", sha256)
        many("id", ids)
        equal("document", document)
        equal("financial_year", year)
        equal("quarter", quarter)
        equal("meeting_date", meeting_date)
        equal("status", status)
        equal("person_key", surname)
        if held_in is not None:
            first, last = _year_days(held_in)
            where.append(
                "CASE WHEN COALESCE(meeting_date, date) IS NOT NULL "
                "THEN COALESCE(meeting_date, date) BETWEEN ? AND ? "
                "ELSE financial_year = ? END"
            )
            args.extend([first, last, held_in])
        if fund is not None:
            where.append("instr(lower(fund), ?) > 0")
            args.append(fund.lower())
        if has_person:
            where.append("person IS NOT NULL")
        for op, value in ((">=", date_from), ("<=", date_to), (">", after)):
            if value is not None:
                where.append(f"date {op} ?")
                args.append(value)
        if contains is not None:
            where.append("instr(lower(text), ?) > 0")
            args.append(contains.lower())
        sql = "SELECT * FROM records"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date, document, seq"
        return [rows.record(r) for r in self.db.execute(sql, args)]

    def person_names(self) -> list[tuple[str, str]]:
        """(record type, name) of every record that names a person, in store order."""
        sql = "SELECT type, person FROM records WHERE person IS NOT NULL"
        return [(r[0], r[1]) for r in self.db.execute(sql + " ORDER BY date, document, seq")]

    def iter_records(self, batch: int = 2000) -> Iterator[Record]:
        cursor = self.db.execute("SELECT * FROM records ORDER BY sha256, seq")
        while found := cursor.fetchmany(batch):
            yield from (rows.record(r) for r in found)

    def count(self, type: str | None = None) -> int:
        if type:
            return self.db.execute(
                "SELECT count(*) FROM records WHERE type = ?", (type,)
            ).fetchone()[0]
        return self.db.execute("SELECT count(*) FROM records").fetchone()[0]

    def counts_by_type(self) -> dict[str, int]:
        found = self.db.execute("SELECT type, count(*) FROM records GROUP BY type ORDER BY type")
        return {r[0]: r[1] for r in found}

    def counts_by_document(self) -> dict[str, int]:
        """Each document's sha256 and how many records it holds (documents with none absent)."""
        found = self.db.execute("SELECT sha256, count(*) FROM records GROUP BY sha256")
        return {r[0]: r[1] for r in found}

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

    # --- where imported papers came from --------------------------------------------------

    def source(self, url: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM document_sources WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def save_sources(self, sources: Iterable[dict[str, Any]], meetings: Iterable[dict[str, Any]]
                     ) -> None:
        """Record fetched papers and the meetings seen, in one transaction."""
        with self.transaction():
            for src in sources:
                self.db.execute(
                    "INSERT OR REPLACE INTO document_sources(url, site, committee, meeting_id, "
                    "meeting_date, item, title, kind, published, etag, last_modified, path, "
                    "sha256, fetched_at) VALUES (:url, :site, :committee, :meeting_id, "
                    ":meeting_date, :item, :title, :kind, :published, :etag, :last_modified, "
                    ":path, :sha256, :fetched_at)",
                    {"fetched_at": now(), **src},
                )
            for meeting in meetings:
                self.db.execute(
                    "INSERT OR REPLACE INTO imported_meetings(site, meeting_id, committee, "
                    "meeting_date, status, complete, seen_at) VALUES (:site, :meeting_id, "
                    ":committee, :meeting_date, :status, :complete, :seen_at)",
                    {"seen_at": now(), **meeting},
                )

    def imported_meeting(self, site: str, meeting_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT * FROM imported_meetings WHERE site = ? AND meeting_id = ?", (site, meeting_id)
        ).fetchone()
        return dict(row) if row else None

    def source_urls(self) -> dict[str, str]:
        """Each imported document's sha256 and the council's URL it was fetched from."""
        found = self.db.execute(
            "SELECT sha256, url FROM document_sources WHERE sha256 IS NOT NULL ORDER BY fetched_at"
        )
        return {r[0]: r[1] for r in found}

    def sources(self) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM document_sources ORDER BY meeting_date, url")
        return [dict(r) for r in rows]


def _document(row: sqlite3.Row) -> Document:
    data = dict(row)
    data.pop("ingested_at", None)
    return Document(**data)


def _year_days(year: str) -> tuple[str, str]:
    fy = FinancialYear.parse(year)
    return fy.first_day.isoformat(), fy.last_day.isoformat()
