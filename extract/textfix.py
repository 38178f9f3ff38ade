"""Text as one clean line: the one line cleaner, the one heading test, and mending words that
narrow columns and page layout broke."""

from __future__ import annotations

import re

# Real one- and two-letter words: a fragment that is not one of these was cut off its word.
_SHORT_WORDS = set(
    [
        "a",
        "i",
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "oh",
        "ok",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
        "pc",
        "st",
        "re",
    ]
)
_BROKEN_TAIL = re.compile(r"\b([A-Za-z]{3,}) ([a-z]{1,2})(?![-\w'’])")
_BROKEN_HYPHEN = re.compile(r"\b([A-Za-z]{2,})- ([A-Za-z]{2,})")
_SPACES = re.compile(r"[ \t\u00a0]+")


def mend_words(text: str) -> str:
    """Join words split by a narrow column: ``responsivenes s``, ``Anti- Social``."""

    def tail(match: re.Match[str]) -> str:
        word, frag = match.group(1), match.group(2)
        if frag in _SHORT_WORDS:
            return match.group(0)
        return word + frag

    text = _BROKEN_TAIL.sub(tail, text)
    return _BROKEN_HYPHEN.sub(r"\1-\2", text)


def clean_line(line: str) -> str:
    """A printed line as text: no-break spaces and runs of spaces become one space, an unmapped
    bullet glyph (``(cid:127)``) a bullet, emphasis markers a reader left (``**``, ``__``) go."""
    line = line.replace("\u00a0", " ").replace("(cid:127)", "•")
    line = line.replace("**", "").replace("__", "")
    return _SPACES.sub(" ", line).strip()


def is_heading(text: str, min_letters: int = 1) -> bool:
    """A heading in capitals: more than 80% of its (at least ``min_letters``) letters upper case."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= min_letters and sum(c.isupper() for c in letters) / len(letters) > 0.8


def one_line(text: str) -> str:
    """Cell or paragraph text as one line: newlines and runs of spaces become one space."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def clean(text: str) -> str:
    """One line, with broken words mended."""
    return mend_words(one_line(text))
