"""Plain text and Markdown: pages split at form feeds, tab-separated lines become tables."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from cdrp_archive.extract.readers.model import Block, Cell, Page, Paper, Paragraph, Table

_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """UTF-16 or UTF-32 by their byte-order mark (Windows Notepad's "Unicode"), else UTF-8
    (with or without BOM), else Windows-1252, the usual council fallback."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_text(path: Path, data: bytes) -> Paper:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    markdown = path.suffix.lower() == ".md"
    pages = [
        Page(number=n, blocks=text_blocks(chunk, n, markdown))
        for n, chunk in enumerate(text.split("\f"), start=1)
    ]
    title = next(
        (b.text.split("\n", 1)[0] for p in pages for b in p.blocks if isinstance(b, Paragraph)),
        None,
    )
    return Paper(name=path.name, pages=pages, title=title, has_text=any(p.blocks for p in pages))


def strip_markup(line: str, markdown: bool) -> str:
    """A text file's line without the markup council text copies keep (tags, entities,
    Markdown emphasis and headings): the reader's part; cleaning the text is the
    interpreters' (``textfix.clean_line``)."""
    line = _TAG.sub(" ", line).replace("&nbsp;", " ").replace("&amp;", "&")
    # Text extracted from council pages often keeps Markdown-style bold: **NOTED**.
    line = _MD_EMPHASIS.sub(r"\2", line).replace("**", "")
    if markdown:
        line = _MD_HEADING.sub("", line)
        if line.strip() == "---":
            return ""
    return line.rstrip()


def text_blocks(text: str, page: int, markdown: bool = False) -> list[Block]:
    """Blank lines end paragraphs; a run of tab-separated lines is a table."""
    blocks: list[Block] = []
    para: list[str] = []
    rows: list[list[Cell | None]] = []

    def flush_para() -> None:
        if para:
            blocks.append(Paragraph(page=page, top=float(len(blocks)), text="\n".join(para)))
            para.clear()

    def flush_rows() -> None:
        if rows:
            index = sum(isinstance(b, Table) for b in blocks)
            blocks.append(
                Table(
                    page=page,
                    index=index,
                    top=float(len(blocks)),
                    bottom=float(len(blocks)),
                    rows=list(rows),
                )
            )
            rows.clear()

    for raw in text.split("\n"):
        if "\t" in raw and raw.strip():
            flush_para()
            cells = [strip_markup(c, markdown).strip() for c in raw.rstrip("\t").split("\t")]
            rows.append([Cell(c) for c in cells])
            continue
        line = strip_markup(raw, markdown)
        flush_rows()
        if not line.strip():
            flush_para()
        else:
            para.append(line.strip())
    flush_para()
    flush_rows()
    return blocks
