"""The RAG decision, in one place: a status word, a cell's fill colour, a paper's own key.

Readers only report what is printed (a cell's text, the colour drawn under it); this module
decides what status that is, for every interpreter:

- a word: Green/Amber/Red, G/A/R, any case, "Green - on track"; a stray character is no status;
- a fill colour: green, amber (yellow, orange) and red hues; white, grey, black, blue and purple
  are decoration, not status;
- a key: a paper that prints its own legend ("dark green: completed") can be read with a
  ``Key`` of its colours; colours the key does not name fall back to the generic reading.

``status_of`` combines them for one quarter of one table row: the status cell's word wins,
else its fill; in layouts with no status column, the progress cell's fill (or a lone G/A/R
letter typed into it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cdrp_archive.extract.readers.model import RGB, Cell

RAG = ("green", "amber", "red")
_WORDS = {
    "green": "green",
    "g": "green",
    "amber": "amber",
    "a": "amber",
    "yellow": "amber",
    "orange": "amber",
    "red": "red",
    "r": "red",
}


def parse_rag(text: str | None) -> str | None:
    """A status word (Green, G, AMBER, red ...) or None: a stray character is no status."""
    if text is None:
        return None
    cleaned = re.sub(r"[\s.:*()\[\]]+", " ", text).strip().lower()
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    # "Green - on track", "Amber/at risk": the first word decides when it is a full word.
    first = cleaned.split(" ", 1)[0].split("/", 1)[0].split("-", 1)[0]
    if len(first) > 1 and first in _WORDS:
        return _WORDS[first]
    return None


def rag_of_colour(rgb: RGB | None) -> str | None:
    """Map a fill colour (0-1 floats) to a RAG status; white, grey and blue are none."""
    if rgb is None:
        return None
    r, g, b = rgb
    high, low = max(r, g, b), min(r, g, b)
    if high < 0.25 or high - low < 0.25:  # black, grey, white: no status
        return None
    if b > 0.55 and b >= r and b >= g:  # blues and purples are decoration
        return None
    if g >= 0.45 and r < 0.45 * g:
        return "green"
    if r >= 0.6 and g >= 0.45 * r:
        return "amber"
    if r >= 0.6 and g < 0.45 * r:
        return "red"
    return None


@dataclass(frozen=True)
class Key:
    """A paper's own colour key: (colour, status) pairs; a fill within ``tolerance`` (the
    largest difference of one channel) of a key colour has its status, others are read by
    ``rag_of_colour``. The default key is empty."""

    colours: tuple[tuple[RGB, str], ...] = ()
    tolerance: float = 0.08

    def status_of_fill(self, rgb: RGB | None) -> str | None:
        if rgb is None:
            return None
        for colour, status in self.colours:
            if max(abs(a - b) for a, b in zip(rgb, colour, strict=True)) <= self.tolerance:
                return status
        return rag_of_colour(rgb)


DEFAULT_KEY = Key()


def status_of(
    status_cell: Cell | None, progress_cell: Cell | None, has_column: bool, key: Key = DEFAULT_KEY
) -> tuple[str | None, str | None, str | None]:
    """(status, source, fill status) of one quarter of one row: ``source`` is ``word`` or
    ``shading``, the fill status what the shading alone said (so a word and a fill that
    disagree can be flagged; the word wins)."""
    shaded = status_cell if has_column else progress_cell
    fill = key.status_of_fill(shaded.fill) if shaded is not None else None
    worded = status_cell if has_column else progress_cell
    text = worded.text.strip() if worded is not None else ""
    word = parse_rag(text) if has_column or " " not in text else None
    if word:
        return word, "word", fill
    if fill:
        return fill, "shading", fill
    return None, None, None


def is_shaded(cell: Cell | None, key: Key = DEFAULT_KEY) -> bool:
    """Whether a cell's fill gives a status."""
    return cell is not None and key.status_of_fill(cell.fill) is not None
