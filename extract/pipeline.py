"""From a file's bytes to a Document and its records: read, describe, interpret.

The reader the file's format registers (``readers.read_paper``) makes a Paper; the paper's
view is built once (``view.PaperView``) and handed, with the document's context, to every
interpreter listed in ``INTERPRETERS``, in the order of what each reads (``interpreter``).
Pure apart from the reader: the same bytes always give the same records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.archive.models import Document, Record
from cdrp_archive.extract import (
    EXTRACTOR_VERSION,
    action_logs,
    funding,
    indicators,
    matters_arising,
    milestones,
    minutes,
    passages,
    recommendations,
    updates,
)
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.conventions import Profile, builtin_profiles, choose
from cdrp_archive.extract.interpreter import Interpreter, ordered, run_all
from cdrp_archive.extract.metadata import describe
from cdrp_archive.extract.readers import read_paper
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.view import PaperView

# Every interpreter run on every paper: each module declares its INTERPRETER.
INTERPRETERS: tuple[Interpreter, ...] = tuple(
    ordered(
        m.INTERPRETER
        for m in (
            passages,
            milestones,
            minutes,
            recommendations,
            funding,
            updates,
            action_logs,
            matters_arising,
            indicators,
        )
    )
)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract(path: Path, data: bytes) -> tuple[Document, list[Record]]:
    """Read one file and interpret it. Raises DocumentError for a file that cannot be read."""
    sha = sha256_of(data)
    paper = read_paper(path, data)
    return interpret(paper, path, sha)


def interpret(
    paper: Paper,
    path: Path,
    sha: str,
    profiles: Mapping[str, Profile] | None = None,
    profile: str | None = None,
) -> tuple[Document, list[Record]]:
    """The document and records of a paper read with the named profile, else the one its
    opening text selects (``conventions.choose``) among ``profiles`` (default: the installed)."""
    head = "\n".join(p.text for p in paper.pages[:2])[:6000]
    conventions = choose(profiles or builtin_profiles(), head, profile)
    meta = describe(head, paper.title)
    document = Document(
        sha256=sha,
        path=str(path),
        name=path.name,
        kind=meta.kind,
        title=meta.title or paper.title,
        date=meta.date.isoformat() if meta.date else None,
        financial_year=meta.financial_year,
        quarter=meta.quarter,
        pages=len(paper.pages),
        extractor_version=EXTRACTOR_VERSION,
        status="ok" if paper.has_text else "no_text",
        note=paper.note,
    )
    if not paper.has_text:
        return document, []
    view = PaperView(paper, conventions=conventions)
    ctx = DocContext(
        sha256=sha,
        name=path.name,
        kind=meta.kind,
        date=document.date,
        financial_year=meta.financial_year,
        quarter=meta.quarter,
        labels=view.labels,
        conventions=conventions,
    )
    return document, run_all(INTERPRETERS, view, ctx)


def extract_file(path: Path) -> tuple[Document, list[Record]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), exc.strerror or type(exc).__name__) from None
    return extract(path, data)
