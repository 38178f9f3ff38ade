"""The seams of the house hold: SQL only in the store, interpreters that do not import one
another and cover every record type, readers and renderers declared once and loadable."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from cdrp_archive.archive.records import RECORD_TYPES
from cdrp_archive.cli.report import RENDERERS, for_extension
from cdrp_archive.extract.interpreter import Interpreter, ordered
from cdrp_archive.extract.pipeline import INTERPRETERS
from cdrp_archive.extract.readers import READERS, SUPPORTED_SUFFIXES, reader_for

from conftest import ROOT

PACKAGE = [p for d in ("archive", "extract", "index", "cli") for p in (ROOT / d).rglob("*.py")]
STORE = {ROOT / "archive" / n for n in ("store.py", "rows.py", "migrations.py")}
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|CREATE\s+TABLE|"
                 r"UPDATE\s+\w+\s+SET|ALTER\s+TABLE|PRAGMA)\b")  # fmt: skip


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE), ids=lambda p: str(p.relative_to(ROOT)))
def test_sql_lives_in_the_store(path: Path) -> None:
    if path in STORE:
        return
    assert "sqlite3" not in {m.split(".")[0] for m in imports(path)}
    assert not SQL.search(path.read_text(encoding="utf-8")), "SQL outside archive/store"


def test_no_interpreter_imports_another() -> None:
    modules = {it.run.__module__ for it in INTERPRETERS}
    for module in modules:
        path = ROOT / "extract" / f"{module.rsplit('.', 1)[1]}.py"
        assert not (imports(path) & (modules - {module})), module


def test_every_record_type_has_an_interpreter_and_readers_come_after_writers() -> None:
    assert {t for it in INTERPRETERS for t in it.emits} == set(RECORD_TYPES)
    for n, it in enumerate(INTERPRETERS):
        for kind in it.reads:
            assert any(kind in earlier.emits for earlier in INTERPRETERS[:n]), it.name


def test_interpreters_that_read_each_other_are_refused() -> None:
    a = Interpreter("a", ("decision",), lambda v, c, e: [], reads=("funding",))
    b = Interpreter("b", ("funding",), lambda v, c, e: [], reads=("decision",))
    with pytest.raises(ValueError, match="read each other"):
        ordered([a, b])
    assert [i.name for i in ordered([a, Interpreter("c", ("funding",), a.run)])] == ["c", "a"]


def test_readers_are_declared_once_and_chosen_by_suffix_then_content() -> None:
    assert len(SUPPORTED_SUFFIXES) == len(set(SUPPORTED_SUFFIXES))
    assert {r.name for r in READERS} == {"pdf", "text", "html"}
    assert reader_for(Path("minutes.PDF"), b"%PDF-1.7").name == "pdf"  # type: ignore[union-attr]
    assert reader_for(Path("not-a-pdf.pdf"), b"<html>").name == "pdf"  # type: ignore[union-attr]
    assert reader_for(Path("minutes.docx"), b"PK\x03\x04") is None
    assert all(callable(r.function()) for r in READERS)


def test_renderers_are_declared_once_and_load() -> None:
    for renderer in RENDERERS:
        module = renderer.load()
        assert hasattr(module, "write" if renderer.writes_file else "render"), renderer.name
        assert not renderer.shows or hasattr(module, "show")
    assert for_extension(Path("assessment.HTML")).name == "html"  # type: ignore[union-attr]
    assert for_extension(Path("assessment.xlsx")) is None
