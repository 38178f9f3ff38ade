"""A search while an ingest holds the archive: it reads the index as it is and says so, instead
of racing the ingest to update it."""

from __future__ import annotations

from pathlib import Path

from cdrp_archive.archive.lock import writer_lock
from cdrp_archive.archive.models import Document, Record
from cdrp_archive.archive.store import Store

from conftest import CORPUS, run_cli


def test_search_reads_the_index_as_it_is_while_an_ingest_writes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    paper = CORPUS / "originals" / "2012-13-tasking-and-coordination-update.txt"
    assert run_cli(home, "ingest", str(paper)).code == 0
    with Store(home) as store:  # an ingest in progress has committed one more document
        store.replace_document(
            Document(
                sha256="f" * 64,
                path="/papers/new.txt",
                name="new.txt",
                kind="minutes",
                title=None,
                date="2013-01-01",
                financial_year="2012-13",
                quarter="Q4",
                pages=1,
                extractor_version="1",
            ),
            [
                Record(
                    type="passage",
                    document="new.txt",
                    sha256="f" * 64,
                    page=1,
                    text="Zeppelin surveillance pilot",
                )
            ],
        )
    with writer_lock(home):
        during = run_cli(home, "search", "diesel", "--json")
    assert during.code == 0, during.stderr
    assert during.json_lines()
    assert "an ingest is running" in during.stderr
    assert "Traceback" not in during.stderr
    assert run_cli(home, "search", "Zeppelin", "--json").json_lines()  # lock free: updated
