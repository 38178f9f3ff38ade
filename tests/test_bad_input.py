"""Bad input, every class: one line naming the file and the reason, the batch goes on, the exit
code says something failed, and nothing already in the archive is lost."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, run_cli

BAD = FIXTURES / "bad"
GOOD = CORPUS / "originals" / "2012-13-tasking-and-coordination-update.txt"

REASONS = {
    "not-a-pdf.pdf": "not a PDF",
    "empty.pdf": "empty file",
    "truncated.pdf": "damaged or truncated PDF",
    "encrypted.pdf": "encrypted PDF",
    "image-only.pdf": "no text layer — OCR it first",
    "lazy-page-failure.pdf": "page 2:",
}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize(("name", "reason"), sorted(REASONS.items()))
def test_each_bad_pdf_gets_one_line_with_file_and_reason(
    tmp_path: Path, name: str, reason: str
) -> None:
    result = run_cli(tmp_path, "ingest", str(BAD / name))
    assert result.code == 1
    (line,) = error_lines(result.stderr)
    assert name in line and reason in line
    assert "Traceback" not in result.stderr


def test_batch_goes_on_and_archive_keeps_what_it_had(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run_cli(home, "ingest", str(GOOD))
    assert first.code == 0, first.stderr
    before = run_cli(home, "search", "diesel", "--json").json_lines()
    assert before

    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("not-a-pdf.pdf", "empty.pdf", "truncated.pdf", "encrypted.pdf"):
        shutil.copy(BAD / name, folder / name)
    shutil.copy(CORPUS / "2010-02-01-rolling-plan-refresh.pdf", folder / "good.pdf")
    result = run_cli(home, "ingest", str(folder))
    assert result.code == 1
    lines = error_lines(result.stderr)
    assert len(lines) == 4
    assert "1 new" in result.stderr and "4 failed" in result.stderr
    assert "Traceback" not in result.stderr

    after = run_cli(home, "search", "diesel", "--json")
    assert after.code == 0
    assert {h["id"] for h in after.json_lines()} == {h["id"] for h in before}
    assert run_cli(home, "search", '"rolling plan"', "--json").json_lines()

    failed = run_cli(home, "docs", "--failed", "--json").json_lines()
    assert {Path(f["path"]).name for f in failed} == {
        "not-a-pdf.pdf",
        "empty.pdf",
        "truncated.pdf",
        "encrypted.pdf",
    }
    assert all(f["reason"] and f["at"] for f in failed)


def test_replacing_a_good_file_with_a_broken_one_keeps_the_good_records(tmp_path: Path) -> None:
    paper = tmp_path / "papers" / "refresh.pdf"
    paper.parent.mkdir()
    shutil.copy(CORPUS / "2010-02-01-rolling-plan-refresh.pdf", paper)
    home = tmp_path / "home"
    assert run_cli(home, "ingest", str(paper)).code == 0
    shutil.copy(BAD / "truncated.pdf", paper)
    result = run_cli(home, "ingest", str(paper))
    assert result.code == 1
    assert "refresh.pdf" in result.stderr
    assert run_cli(home, "search", '"rolling plan"', "--json").json_lines()


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"PK")
    result = run_cli(tmp_path / "home", "ingest", str(tmp_path / "nope"), str(empty), str(GOOD))
    assert result.code == 1
    lines = error_lines(result.stderr)
    assert any("nope" in line and "no such file or folder" in line for line in lines)
    assert any("empty-folder" in line and "no supported papers" in line for line in lines)
    assert "1 new" in result.stderr


def test_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(GOOD, folder / "minutes.txt")
    os.symlink(folder, folder / "loop")
    result = run_cli(tmp_path / "home", "ingest", str(folder))
    assert result.code == 1
    assert "symlink loop" in result.stderr
    assert "1 new" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.copy(GOOD, folder / "minutes.txt")
    folder.chmod(0)
    try:
        result = run_cli(tmp_path / "home", "ingest", str(tmp_path))
    finally:
        folder.chmod(0o755)
    assert result.code == 1
    assert "cannot read folder" in result.stderr


def test_windows_1252_text_is_read(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "ingest", str(BAD / "windows-1252.txt"))
    assert result.code == 0, result.stderr
    rows = run_cli(tmp_path, "export").json_lines()
    text = " ".join(r["text"] for r in rows)
    assert "£" in text
    assert "\ufffd" not in text


def test_html_scripts_and_iframes_are_not_content(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "ingest", str(BAD / "scripts-and-iframes.html"))
    assert result.code == 0, result.stderr
    text = " ".join(r["text"] for r in run_cli(tmp_path, "export").json_lines())
    assert text.strip()
    assert "Business crime overall has seen a 6% reduction." in text
    for leak in (
        "MUST NOT BE READ",
        "IFRAME FALLBACK",
        "INLINE SCRIPT",
        "ONERROR",
        "Written by",
        "function",
        "document.",
        "onload",
        "{",
    ):
        assert leak not in text, leak


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_text_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    from cdrp_archive.extract.readers.model import Paragraph, Table
    from cdrp_archive.extract.readers.text import read_text

    bom = "\ufeff" if encoding.endswith("-be") else ""
    text = bom + "Milestone\tStatus\nCut crime by £5\tGreen\n\nHello world\n"
    paper = read_text(tmp_path / "unicode.txt", text.encode(encoding))
    table, paragraph = paper.pages[0].blocks
    assert isinstance(table, Table) and isinstance(paragraph, Paragraph)
    assert [[c.text for c in row if c] for row in table.rows] == [
        ["Milestone", "Status"],
        ["Cut crime by £5", "Green"],
    ]
    assert paragraph.text == "Hello world"
    assert paper.title == "Hello world"


def test_html_table_nested_in_a_table_cell_keeps_both(tmp_path: Path) -> None:
    from cdrp_archive.extract.readers.html import read_html
    from cdrp_archive.extract.readers.model import Paragraph, Table

    html = (
        b"<table><tr><th>Milestone</th><th>Status</th></tr>"
        b"<tr><td>Cut crime</td><td><table><tr><td>Q1</td><td>Green</td></tr>"
        b"<tr><td>Q2</td><td>Amber</td></tr></table></td></tr>"
        b"<tr><td>Open hub</td><td>Red</td></tr></table><p>After the table</p>"
    )
    table, paragraph = read_html(tmp_path / "nested.html", html).pages[0].blocks
    assert isinstance(table, Table) and isinstance(paragraph, Paragraph)
    assert [[c.text for c in row if c] for row in table.rows] == [
        ["Milestone", "Status"],
        ["Cut crime", "Q1 Green\nQ2 Amber"],
        ["Open hub", "Red"],
    ]
    assert paragraph.text == "After the table"
