"""One reader per format: each turns a file into a ``Paper`` (pages of paragraphs and tables).

Readers do I/O and layout; they know nothing of milestones or minutes. Each declares, in
``READERS``, the suffixes and MIME types it takes, the opening bytes that mark its format, and
where its function lives (imported only when a file is read with it: pdfplumber is slow to
import). ``read_paper`` asks every reader how well it matches a file (``Reader.match``, as
alephdata/ingest-file's ingestors score a file) and reads it with the best; a file no reader
takes is one clear error.

Adding a reader: write its module (``read_x(path, data) -> Paper``) and add one ``Reader`` to
``READERS``; ingest finds its files by the suffixes declared here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.extract.readers.model import Paper

ReadFunction = Callable[[Path, bytes], Paper]


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot
    mime_types: tuple[str, ...]
    load: str  # "module:function", imported when a file is read with it
    magic: tuple[bytes, ...] = ()  # opening bytes (after white space) that mark the format

    def match(self, path: Path, head: bytes) -> float:
        """How well the reader fits a file: 1 for its suffix, plus 0.5 when the file opens as
        its format does; 0.5 for the opening bytes alone; 0 when it cannot read it."""
        by_suffix = 1.0 if path.suffix.lower() in self.suffixes else 0.0
        by_content = 0.5 if self.magic and head.lstrip().startswith(self.magic) else 0.0
        return by_suffix + by_content

    def function(self) -> ReadFunction:
        module, name = self.load.split(":")
        found: ReadFunction = getattr(importlib.import_module(module), name)
        return found


READERS: tuple[Reader, ...] = (
    Reader(
        "pdf",
        (".pdf",),
        ("application/pdf",),
        "cdrp_archive.extract.readers.pdf:read_pdf",
        magic=(b"%PDF",),
    ),
    Reader(
        "text",
        (".txt", ".md"),
        ("text/plain", "text/markdown"),
        "cdrp_archive.extract.readers.text:read_text",
    ),
    Reader(
        "html",
        (".html", ".htm"),
        ("text/html",),
        "cdrp_archive.extract.readers.html:read_html",
    ),
)

SUPPORTED_SUFFIXES = tuple(s for reader in READERS for s in reader.suffixes)


def reader_for(path: Path, data: bytes) -> Reader | None:
    """The reader that matches a file best (the first declared among equals), or None."""
    head = data[:1024]
    scored = [(reader.match(path, head), -n, reader) for n, reader in enumerate(READERS)]
    score, _, best = max(scored, key=lambda s: s[:2])
    return best if score > 0 else None


def read_paper(path: Path, data: bytes) -> Paper:
    """Read a file's bytes with the reader that matches it best."""
    reader = reader_for(path, data)
    if reader is None:
        raise DocumentError(str(path), f"unsupported file type {path.suffix.lower() or '(none)'}")
    return reader.function()(path, data)
