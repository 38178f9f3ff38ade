"""An archive made by the schema-1 version opens with today's code, is upgraded in place, and
answers as it did (tests/fixtures/archives/schema-v1: the archive and what that version said)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cdrp_archive.archive.errors import StoreError
from cdrp_archive.archive.migrations import LATEST
from cdrp_archive.archive.store import Store

from conftest import FIXTURES, run_cli

V1 = FIXTURES / "archives" / "schema-v1"
ANSWERS = {
    "actions": ["actions", "--json"],
    "decisions": ["decisions", "--json"],
    "recommendations": ["decisions", "--recommendations", "--json"],
    "funding": ["funding", "--json"],
    "meetings": ["meetings", "--json"],
    "meeting-2011-04-26": ["meetings", "2011-04-26", "--json"],
    "people": ["people", "--all-copies", "--json"],  # one row per copy, as schema 1 gave
    "search-homeshield": ["search", "Homeshield", "--all-copies", "--json"],
    "search-owner": ["search", "owner:turner", "--all-copies", "--json"],
    "trace-4.3d": ["trace", "4.3d", "--json"],
    "docs": ["docs", "--json"],
    "failed": ["docs", "--failed", "--json"],
    "export-funding": ["export", "--type", "funding"],
}


def v1_copy(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(V1 / "archive.sqlite3", home / "archive.sqlite3")
    return home


def raw(home: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(home / "archive.sqlite3") as db:
        return db.execute(sql).fetchall()


def test_a_v1_archive_is_upgraded_in_place(tmp_path: Path) -> None:
    home = v1_copy(tmp_path)
    before = raw(home, "SELECT type, document, page, text, fields FROM records")
    links = raw(home, "SELECT * FROM links")
    failures = raw(home, "SELECT * FROM failures")
    documents = raw(home, "SELECT * FROM documents")
    with Store(home) as store:
        assert store.upgraded_from == 1
        assert store.meta("schema_version") == str(LATEST)
    after = raw(home, "SELECT type, document, page, text, fields FROM records")
    assert len(after) == len(before) == 1177
    assert {r[:4] for r in after} == {r[:4] for r in before}
    assert raw(home, "SELECT * FROM links") == links
    assert raw(home, "SELECT * FROM failures") == failures
    assert raw(home, "SELECT * FROM documents") == documents
    with Store(home) as again:  # upgraded once: nothing left to do
        assert again.upgraded_from == LATEST


def test_the_new_columns_are_filled_from_the_old_json(tmp_path: Path) -> None:
    home = v1_copy(tmp_path)
    old = raw(home, "SELECT type, text, fields FROM records WHERE type != 'passage'")
    Store(home).close()
    new = {
        (t, text): (meeting, person, key, status, fund)
        for t, text, meeting, person, key, status, fund in raw(
            home,
            "SELECT type, text, meeting_date, person, person_key, status, fund FROM records "
            "WHERE type != 'passage'",
        )
    }
    person_field = {
        "action": "owner",
        "attendance": "name",
        "update": "lead_officer",
        "decision": "presenter",
        "recommendation": "author",
    }
    status_field = {"decision": "outcome", "recommendation": "outcome"}
    for kind, text, fields_json in old:
        fields = json.loads(fields_json)
        meeting, person, key, status, fund = new[(kind, text)]
        assert meeting == fields.get("meeting_date")
        assert person == fields.get(person_field.get(kind, "-"))
        assert status == fields.get(status_field.get(kind, "status"))
        assert fund == fields.get("fund")
        if person and kind == "action":
            assert key == person.split()[-1].lower()
    filled = raw(home, "SELECT count(*) FROM records WHERE meeting_date = '2011-04-26'")
    assert filled == [(38,)]


def _contains(new: Any, old: Any) -> bool:
    """Every field the old answer gave, with the same value (a newer version may add fields;
    record ids are recomputed by the upgrade)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            k == "id" or (k in new and _contains(new[k], v)) for k, v in old.items()
        )
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(new) == len(old)
            and all(_contains(n, o) for n, o in zip(new, old, strict=True))
        )
    return new == old


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return v1_copy(tmp_path_factory.mktemp("v1"))


@pytest.mark.parametrize("name", list(ANSWERS))
def test_the_upgraded_archive_answers_as_before(upgraded: Path, name: str) -> None:
    result = run_cli(upgraded, *ANSWERS[name])
    assert result.code == 0, result.stderr
    old = [json.loads(line) for line in (V1 / "answers" / f"{name}.jsonl").read_text().splitlines()]
    new = result.json_lines()
    if name == "people":  # appearances of one person on one day: listed in archive order now
        key = json.dumps
        old = sorted(old, key=lambda r: key(r, sort_keys=True))
        new = sorted(new, key=lambda r: key({k: r[k] for k in r if k in old[0]}, sort_keys=True))
    if name.startswith("search"):  # equal scores come in id order, and ids are recomputed

        def rank(r: dict) -> tuple:
            return (-r["score"], r["document"], r["page"] or 0, r["text"])

        old, new = sorted(old, key=rank), sorted(new, key=rank)
    assert len(new) == len(old)
    for n, o in zip(new, old, strict=True):
        assert _contains(n, o), (n, o)


def test_the_upgraded_archive_assesses_as_before(upgraded: Path) -> None:
    result = run_cli(upgraded, "assess", "2009-10", "--format", "json")
    assert result.code == 0, result.stderr
    old = json.loads((V1 / "answers" / "assess-2009-10.json").read_text())
    assert _contains(json.loads(result.stdout), old)


def test_a_new_archive_has_the_schema_an_upgraded_one_has(tmp_path: Path) -> None:
    home = v1_copy(tmp_path)
    Store(home).close()
    Store(tmp_path / "fresh").close()

    def schema(where: Path) -> list[tuple[Any, ...]]:
        tables = raw(where, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        columns = [(t, *c[1:3]) for (t,) in tables for c in raw(where, f"PRAGMA table_info({t})")]
        indexes = raw(where, "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'")
        return sorted(columns) + sorted(indexes)

    assert schema(home) == schema(tmp_path / "fresh")


def test_an_archive_of_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    home = v1_copy(tmp_path)
    with sqlite3.connect(home / "archive.sqlite3") as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    before = (home / "archive.sqlite3").read_bytes()
    with pytest.raises(StoreError, match="archive schema 99 is newer"):
        Store(home)
    assert raw(home, "SELECT value FROM meta WHERE key = 'schema_version'") == [("99",)]
    assert len(before) == (home / "archive.sqlite3").stat().st_size
