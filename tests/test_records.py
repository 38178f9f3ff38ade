"""The record model and its SQLite store: round-trips, stable ids, whole-document writes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdrp_archive.archive.errors import StoreError
from cdrp_archive.archive.models import RECORD_TYPES, Document, Record
from cdrp_archive.archive.records import RECORD_FIELDS
from cdrp_archive.archive.store import Store

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# A value of each declared field type: exact decimals (any exponent), ISO days, JSON objects.
VALUES = {
    "str": text,
    "int": st.integers(-(2**31), 2**31),
    "decimal": st.decimals(allow_nan=False, allow_infinity=False, places=2)
    | st.decimals(allow_nan=False, allow_infinity=False),
    "date": st.dates().map(lambda d: d.isoformat()),
    "list": st.lists(st.dictionaries(st.sampled_from(["minute_ref", "title"]), text), max_size=2),
}


def fields_of(record_type: str) -> st.SearchStrategy[dict]:
    """Some of a type's declared fields, each with a value of its declared type (or None)."""
    specs = RECORD_FIELDS[record_type].specs
    return st.fixed_dictionaries({}, optional={s.name: st.none() | VALUES[s.kind] for s in specs})


def _record(record_type: str) -> st.SearchStrategy[Record]:
    return st.builds(
        Record,
        type=st.just(record_type),
        document=st.just("paper.pdf"),
        sha256=st.just("a" * 64),
        page=st.none() | st.integers(1, 500),
        text=text,
        date=st.none() | st.dates().map(lambda d: d.isoformat()),
        financial_year=st.none() | st.just("2009-10"),
        quarter=st.none() | st.sampled_from(["Q1", "Q2", "Q3", "Q4"]),
        table=st.none() | st.integers(0, 9),
        row=st.none() | st.integers(0, 99),
        printed_page=st.none() | st.sampled_from(["12", "iv", "A-3"]),
        fields=fields_of(record_type),
    )


records = st.sampled_from(RECORD_TYPES).flatmap(_record)


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


@settings(max_examples=40, deadline=None)
@given(st.lists(records, max_size=4))
def test_store_gives_back_every_value_exactly(
    tmp_path_factory: pytest.TempPathFactory, batch: list[Record]
) -> None:
    """A Decimal comes back a Decimal with the same digits (not just an equal number), a date
    the same ISO day, every field of its declared type."""
    home = tmp_path_factory.mktemp("exact")
    with Store(home) as store:
        store.replace_document(doc(), batch)
        by_id = {r.id: r for r in store.records()}
    for record in batch:
        back = by_id[record.id]
        assert back.printed_page == record.printed_page
        for name in record.fields:
            want, got = record.fields[name], back.fields[name]
            assert (type(got), str(got)) == (type(want), str(want)), name


def test_a_field_the_type_does_not_declare_is_a_bug() -> None:
    with pytest.raises(TypeError, match="no field colour"):
        Record(type="action", document="p.pdf", sha256="a" * 64, page=1, text="x",
               fields={"owner": "Helen Turner", "colour": "red"})  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("funding", {"amount": 1500.0}),  # money is never a float
        ("funding", {"amount": "1500"}),
        ("action", {"due": "26 April 2011"}),  # dates are ISO days
        ("meeting", {"present": "4"}),
        ("recommendation", {"refers_to": "minute 95"}),
    ],
)
def test_a_value_of_the_wrong_type_is_a_bug(kind: str, fields: dict) -> None:
    with pytest.raises(TypeError, match="expected"):
        Record(type=kind, document="p.pdf", sha256="a" * 64, page=1, text="x", fields=fields)


def test_fields_are_read_by_name_and_typed() -> None:
    from cdrp_archive.archive.records import Funding

    record = Record(type="funding", document="p.pdf", sha256="a" * 64, page=1, text="£5k",
                    fields={"amount": Decimal("5000"), "status": "awarded"})  # fmt: skip
    assert record.typed(Funding).amount == Decimal("5000")
    assert record.status == "awarded"
    with pytest.raises(TypeError):
        record.typed(RECORD_FIELDS["action"])
