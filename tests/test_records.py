"""The record model and its SQLite store: round-trips, stable ids, whole-document writes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdrp_archive.archive.errors import StoreError
from cdrp_archive.archive.models import RECORD_TYPES, Document, Record
from cdrp_archive.archive.store import Store

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
records = st.builds(
    Record,
    type=st.sampled_from(RECORD_TYPES),
    document=st.just("paper.pdf"),
    sha256=st.just("a" * 64),
    page=st.none() | st.integers(1, 500),
    text=text,
    date=st.none() | st.dates().map(lambda d: d.isoformat()),
    financial_year=st.none() | st.just("2009-10"),
    quarter=st.none() | st.sampled_from(["Q1", "Q2", "Q3", "Q4"]),
    table=st.none() | st.integers(0, 9),
    row=st.none() | st.integers(0, 99),
    fields=st.dictionaries(
        st.sampled_from(["owner", "status", "milestone_ref", "note"]), st.none() | text, max_size=3
    ),
)


def doc(sha: str = "a" * 64, path: str = "/papers/paper.pdf") -> Document:
    return Document(
        sha256=sha,
        path=path,
        name=Path(path).name,
        kind="minutes",
        title=None,
        date="2011-04-26",
        financial_year="2011-12",
        quarter="Q1",
        pages=3,
        extractor_version="1",
    )


@given(records)
def test_dict_round_trip_keeps_record_and_id(record: Record) -> None:
    again = Record.from_dict(record.to_dict())
    assert again == record
    assert again.fields == record.fields
    assert again.id == record.id


@settings(max_examples=30, deadline=None)
@given(st.lists(records, max_size=5))
def test_store_round_trip(tmp_path_factory: pytest.TempPathFactory, batch: list[Record]) -> None:
    home = tmp_path_factory.mktemp("store")
    with Store(home) as store:
        store.replace_document(doc(), batch)
        stored = store.records()
    assert {r.id for r in stored} == {r.id for r in batch}
    by_id = {r.id: r for r in stored}
    for record in batch:
        assert by_id[record.id].fields == record.fields


def test_money_survives_as_exact_decimal(tmp_path: Path) -> None:
    record = Record(
        type="funding",
        document="p.pdf",
        sha256="a" * 64,
        page=1,
        text="£23,167",
        fields={"amount": Decimal("23167.00"), "fund": "priority fund"},
    )
    with Store(tmp_path) as store:
        store.replace_document(doc(), [record])
        (back,) = store.records(type="funding")
    assert Record.from_dict(back.to_dict()).fields["amount"] == Decimal("23167.00")
    assert back.to_dict()["amount"] == "23167.00"


def test_changed_file_replaces_its_records(tmp_path: Path) -> None:
    old = Record(type="passage", document="p.pdf", sha256="a" * 64, page=1, text="old")
    new = Record(type="passage", document="p.pdf", sha256="b" * 64, page=1, text="new")
    with Store(tmp_path) as store:
        store.replace_document(doc("a" * 64), [old])
        removed = store.replace_document(doc("b" * 64), [new])
        assert removed == ["a" * 64]
        assert [r.text for r in store.records()] == ["new"]
        assert [d.sha256 for d in store.documents()] == ["b" * 64]


def test_failed_write_leaves_archive_as_it_was(tmp_path: Path) -> None:
    good = Record(type="passage", document="p.pdf", sha256="a" * 64, page=1, text="kept")

    def exploding():
        yield Record(type="passage", document="q.pdf", sha256="c" * 64, page=1, text="half")
        raise RuntimeError("crash in the middle of a document")

    with Store(tmp_path) as store:
        store.replace_document(doc("a" * 64), [good])
        generation = store.generation
        with pytest.raises(RuntimeError):
            store.replace_document(doc("c" * 64, "/papers/q.pdf"), exploding())
        assert [r.text for r in store.records()] == ["kept"]
        assert store.document("c" * 64) is None
        assert store.generation == generation


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "archive.sqlite3").write_text("this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a cdrp-archive database"):
        Store(tmp_path)
