"""One reader per format: each turns a file into a ``Paper`` (pages of paragraphs and tables).

Readers do I/O and layout; they know nothing of milestones or minutes.
"""

from __future__ import annotations

from pathlib import Path

from cdrp_archive.archive.errors import DocumentError
from cdrp_archive.extract.readers.model import Paper

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".html", ".htm")


def read_paper(path: Path, data: bytes) -> Paper:
    """Read a file's bytes with the reader for its format."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from cdrp_archive.extract.readers.pdf import read_pdf

        return read_pdf(path, data)
    if suffix in (".txt", ".md"):
        from cdrp_archive.extract.readers.text import read_text

        return read_text(path, data)
    if suffix in (".html", ".htm"):
        from cdrp_archive.extract.readers.html import read_html

        return read_html(path, data)
    raise DocumentError(str(path), f"unsupported file type {suffix or '(none)'}")
