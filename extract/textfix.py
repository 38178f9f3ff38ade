"""Mending text as narrow columns and page layout broke it."""

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


def one_line(text: str) -> str:
    """Cell or paragraph text as one line: newlines and runs of spaces become one space."""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def clean(text: str) -> str:
    """One line, with broken words mended."""
    return mend_words(one_line(text))
