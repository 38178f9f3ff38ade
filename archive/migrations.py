"""The store's schema, as numbered steps: a new archive runs them all, an older one the steps
it has not had. All pending steps run in one transaction and the version reached is recorded
in ``meta.schema_version``, so an archive is upgraded whole, in place, or not at all.

A step is SQL (a string run as a script) or a function of the connection. Adding one: append
it to ``STEPS`` (its number is its place in the list); if it adds a column filled from the
records' fields, declare the column on the field (``spec(column=...)`` in
``archive.records``), add the column here, and end the step with ``rewrite_records``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from cdrp_archive.archive import rows
from cdrp_archive.archive.errors import StoreError

Step = str | Callable[[sqlite3.Connection], None]

_V1 = """
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
INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', '0');
"""

_V2_COLUMNS = """
ALTER TABLE records ADD COLUMN printed_page TEXT;
ALTER TABLE records ADD COLUMN meeting_date TEXT;
ALTER TABLE records ADD COLUMN person TEXT;
ALTER TABLE records ADD COLUMN person_key TEXT;
ALTER TABLE records ADD COLUMN status TEXT;
ALTER TABLE records ADD COLUMN fund TEXT;
DROP INDEX IF EXISTS records_type;
CREATE INDEX records_type_year ON records(type, financial_year, quarter);
CREATE INDEX records_type_date ON records(type, date);
CREATE INDEX records_meeting ON records(meeting_date);
CREATE INDEX records_person ON records(person_key);
CREATE INDEX records_status ON records(type, status);
"""


def rewrite_records(db: sqlite3.Connection) -> None:
    """Read every record back through today's model and write it again: typed fields, the
    filter columns filled from them, ids of today's scheme (the search index sees a new schema
    version and rebuilds itself)."""
    db.row_factory = sqlite3.Row
    found = db.execute("SELECT * FROM records ORDER BY sha256, seq").fetchall()
    again = [rows.values(rows.record(row), row["seq"]) for row in found]
    db.execute("DELETE FROM records")
    db.executemany(rows.INSERT, again)


def _v2(db: sqlite3.Connection) -> None:
    """Typed records: printed page numbers, and the columns commands filter by."""
    _script(db, _V2_COLUMNS)
    rewrite_records(db)


# Step 5 (numbered for its issue; the steps before it are other issues'): where imported papers
# came from, and which meetings of a site are fully imported, so a second import fetches only
# what is new. Written to run whether or not the steps between ran.
_V5_SOURCES = """
CREATE TABLE IF NOT EXISTS document_sources (
    url TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    committee TEXT,
    meeting_id TEXT,
    meeting_date TEXT,
    item TEXT,
    title TEXT,
    kind TEXT,
    published TEXT,
    etag TEXT,
    last_modified TEXT,
    path TEXT NOT NULL,
    sha256 TEXT,
    fetched_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_sources_sha ON document_sources(sha256);
CREATE INDEX IF NOT EXISTS document_sources_path ON document_sources(path);
CREATE TABLE IF NOT EXISTS imported_meetings (
    site TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    committee TEXT,
    meeting_date TEXT,
    status TEXT,
    complete INTEGER NOT NULL DEFAULT 0,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (site, meeting_id)
)
"""

STEPS: list[Step] = [_V1, _v2, _V5_SOURCES]
LATEST = len(STEPS)


def version_of(db: sqlite3.Connection) -> int:
    has_meta = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:  # a v1 archive being made when it was killed: start again, harmlessly
        return 0
    return int(row[0])


def migrate(db: sqlite3.Connection, where: str) -> int:
    """Bring the schema to ``LATEST``; returns the version the archive was at."""
    found = version_of(db)
    if found > LATEST:
        raise StoreError(
            f"{where}: archive schema {found} is newer than this cdrp-archive ({LATEST}); "
            "upgrade cdrp-archive"
        )
    if found == LATEST:
        return found
    db.execute("BEGIN IMMEDIATE")
    try:
        found = version_of(db)  # another process may have upgraded it meanwhile
        for number, step in enumerate(STEPS[found:], start=found + 1):
            if isinstance(step, str):
                _script(db, step)
            else:
                step(db)
            db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                (str(number),),
            )
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return found


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)
