"""A paper as one stream of text units and tables, in reading order, with page numbers.

Readers differ in how they break text: a PDF paragraph may hold a heading, a footnote marker
and the next heading on separate lines; a text file may hold ``Action**87. HEADING**`` on one
line. ``units`` evens this out: every paragraph becomes one or more ``Unit``s (a bullet starts a
new unit), emphasis markers are dropped, page furniture ("Page 3") is skipped, and each unit
keeps its raw lines for the interpreters that read line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias

from cdrp_archive.extract.readers.model import Paper, Paragraph, Table
from cdrp_archive.extract.textfix import clean_line, is_heading, mend_words

_BULLET = re.compile(r"^\s*(?:(?:\(cid:\d+\)|[•▪◦●■\-–—*]|o(?=\s)|[a-z]\)\s|[ivx]+\)\s)\s*)+")
_INNER_EMPHASIS = re.compile(r"(?<=\S)\*{2,}(?=\S)")
_FURNITURE = re.compile(r"^(?:page\s+\d+|\d{1,3}|this page is left blank intentionally\.?)$", re.I)


@dataclass(frozen=True)
class Unit:
    """A paragraph (or one bullet of a list) on a page; ``lines`` as printed, cleaned."""

    page: int
    lines: tuple[str, ...]
    bullet: bool = False

    @property
    def text(self) -> str:
        return mend_words(" ".join(self.lines))


Item: TypeAlias = Unit | Table


def is_furniture(line: str) -> bool:
    return bool(_FURNITURE.match(line.strip()))


def split_lines(text: str) -> list[str]:
    """Raw lines of a paragraph; ``a**b`` (emphasis run into the next heading) splits."""
    out: list[str] = []
    for raw in text.split("\n"):
        out.extend(part for part in _INNER_EMPHASIS.split(raw))
    return [clean_line(x) for x in out if clean_line(x)]


def units_of(paragraph: Paragraph) -> list[Unit]:
    units: list[Unit] = []
    current: list[str] = []
    bullet = False
    for line in split_lines(paragraph.text):
        if is_furniture(line):
            continue
        match = _BULLET.match(line)
        if bullet and current and not match and _starts_block(line):
            units.append(Unit(paragraph.page, tuple(current), bullet))
            current, bullet = [line], False
        elif match and len(line) > match.end():
            if current:
                units.append(Unit(paragraph.page, tuple(current), bullet))
            current, bullet = [line[match.end() :].strip()], True
        else:
            current.append(line)
    if current:
        units.append(Unit(paragraph.page, tuple(current), bullet))
    return units


def _starts_block(line: str) -> bool:
    """A heading in capitals ("91. CDRP RESPONSIBILITY ...") or a lettered part ("D- To
    explore ...") that a PDF ran into the list before it."""
    return bool(re.match(r"^[A-H]\s*[-–)]\s+[A-Z]", line)) or is_heading(line, min_letters=6)


def items(paper: Paper) -> list[Item]:
    """Every unit and table of the paper, in reading order."""
    out: list[Item] = []
    for page in paper.pages:
        for block in page.blocks:
            if isinstance(block, Paragraph):
                out.extend(units_of(block))
            else:
                out.append(block)
    return out
