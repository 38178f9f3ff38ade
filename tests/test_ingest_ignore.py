"""A folder holding `.cdrp-archive-ignore` is skipped when a folder above it is walked, and
read when it is named itself (corpus/prints/ is kept out of `ingest corpus` this way)."""

from __future__ import annotations

from pathlib import Path

from cdrp_archive.extract.ingest import IGNORE_MARKER, discover

from conftest import CORPUS


def test_a_marked_folder_is_skipped_below_and_read_when_named(tmp_path: Path) -> None:
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "a.txt").write_text("Minutes\n")
    marked = tmp_path / "prints"
    (marked / "deeper").mkdir(parents=True)
    (marked / IGNORE_MARKER).write_text("not with the corpus\n")
    (marked / "b.txt").write_text("Minutes\n")
    (marked / "deeper" / "c.txt").write_text("Minutes\n")
    found, errors = discover([tmp_path])
    assert [p.name for p in found] == ["a.txt"] and errors == []
    found, errors = discover([marked])
    assert sorted(p.name for p in found) == ["b.txt", "c.txt"] and errors == []


def test_the_corpus_prints_are_not_ingested_with_the_corpus() -> None:
    found, _ = discover([CORPUS])
    assert not [p for p in found if "prints" in p.relative_to(CORPUS.resolve()).parts]
    papers = [*CORPUS.glob("*.pdf"), *CORPUS.glob("*.html"), *(CORPUS / "originals").iterdir()]
    assert sorted(found) == sorted(p.resolve() for p in papers)
    prints, _ = discover([CORPUS / "prints"])
    assert len(prints) == 8
