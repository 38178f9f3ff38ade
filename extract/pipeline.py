"""From a file's bytes to a Document and its records: read, describe, interpret.

Pure apart from the reader: the same bytes always give the same records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.archive.models import Document, Record
from cdrp_archive.extract import EXTRACTOR_VERSION
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.funding import funding
from cdrp_archive.extract.metadata import describe
from cdrp_archive.extract.milestones import milestones
from cdrp_archive.extract.minutes import minutes
from cdrp_archive.extract.passages import passages
from cdrp_archive.extract.readers import read_paper
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.recommendations import recommendations
from cdrp_archive.extract.updates import updates

Interpreter = Callable[[Paper, DocContext], list[Record]]


def interpreters() -> list[Interpreter]:
    """Every interpreter run on every paper, in order."""
    return [passages, milestones, minutes, recommendations, funding, updates]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract(path: Path, data: bytes) -> tuple[Document, list[Record]]:
    """Read one file and interpret it. Raises DocumentError for a file that cannot be read."""
    sha = sha256_of(data)
    paper = read_paper(path, data)
    return interpret(paper, path, sha)


def interpret(paper: Paper, path: Path, sha: str) -> tuple[Document, list[Record]]:
    head = "\n".join(p.text for p in paper.pages[:2])[:6000]
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
    ctx = DocContext(
        sha256=sha,
        name=path.name,
        kind=meta.kind,
        date=document.date,
        financial_year=meta.financial_year,
        quarter=meta.quarter,
        labels={p.number: p.label for p in paper.pages if p.label},
    )
    records: list[Record] = []
    for interpreter in interpreters():
        records.extend(interpreter(paper, ctx))
    return document, records


def extract_file(path: Path) -> tuple[Document, list[Record]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(str(path), exc.strerror or type(exc).__name__) from None
    return extract(path, data)
