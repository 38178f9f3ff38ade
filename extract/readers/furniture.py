"""Running headers and footers, found by their repetition across pages, and the page numbers
they print.

A producer prints the paper's title, its date or "Page 3 of 15" at the top or foot of every
page; none of it is the paper's text. No phrase is fixed: a line is furniture when it is the
first or last line of its page and the same line stands in that place on enough of the
paper's pages (a page number counts with its numbers blanked). A furniture line that prints a
page number ("Page 3", "Page 3 of 15", "- 3 -", "3") gives the page its label, the printed
page number, which records cite beside the page's place in the file where the two differ.

Pure: pages in, pages out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from cdrp_archive.extract.readers.model import Page, Paragraph

MIN_PAGES = 3  # a line on fewer pages than this is never taken for furniture
MIN_SHARE = 0.4  # ... nor one on fewer than this share of the paper's pages

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+(\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?|[-–]?\s*(\d{1,4})\s*[-–]?)\s*$", re.I
)


def page_number(line: str) -> str | None:
    """The page number a furniture line prints ("Page 3 of 15" -> "3"), or None."""
    match = _PAGE_NUMBER.match(line)
    return (match.group(1) or match.group(2)) if match else None


def _shape(line: str) -> str:
    """What must repeat: the line itself, or a page number with its numbers blanked ("Page 3
    of 15" and "Page 4 of 15" are one line; "Appendix 1" and "Appendix 2" are not)."""
    text = " ".join(line.split()).casefold()
    return _DIGITS.sub("#", text) if page_number(line) else text


def _edges(page: Page) -> list[tuple[str, Paragraph, str]]:
    """(place, paragraph, line) for the first line of the page's first paragraph and the last
    line of its last: where running headers and footers stand."""
    paragraphs = [b for b in page.blocks if isinstance(b, Paragraph) and b.text.strip()]
    if not paragraphs or len(page.blocks) < 2:
        return []
    first, last = page.blocks[0], page.blocks[-1]
    out = []
    if isinstance(first, Paragraph) and first.text.strip():
        out.append(("head", first, first.text.strip().split("\n")[0]))
    if isinstance(last, Paragraph) and last.text.strip() and last is not first:
        out.append(("foot", last, last.text.strip().split("\n")[-1]))
    return out


def running_lines(pages: list[Page]) -> set[tuple[str, str]]:
    """(place, shape) of every line that runs over the paper's pages."""
    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        counts.update({(place, _shape(line)) for place, _p, line in _edges(page)})
    needed = max(MIN_PAGES, MIN_SHARE * len(pages))
    return {key for key, n in counts.items() if n >= needed}


def strip_furniture(pages: list[Page]) -> list[Page]:
    """The pages without their running headers and footers, each labelled with the page
    number its furniture prints (a label the page already has is kept)."""
    running = running_lines(pages)
    if not running:
        return pages
    out = []
    for page in pages:
        blocks = list(page.blocks)
        label = page.label
        for place, paragraph, line in _edges(page):
            if (place, _shape(line)) not in running:
                continue
            label = label or page_number(line)
            lines = paragraph.text.strip().split("\n")
            rest = lines[1:] if place == "head" else lines[:-1]
            at = blocks.index(paragraph)
            if rest:
                blocks[at] = replace(paragraph, text="\n".join(rest))
            else:
                del blocks[at]
        out.append(replace(page, blocks=blocks, label=label))
    return out
