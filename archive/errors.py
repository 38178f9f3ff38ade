"""One exception hierarchy for the project.

Data errors (a bad file, a bad query) are ``ArchiveError`` subclasses: the CLI turns them into
one red line and exit code 1. Anything else is a bug and propagates.
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Base class for every error the project raises on purpose."""


class DocumentError(ArchiveError):
    """A document could not be read; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ParseError(ArchiveError):
    """A value (a date, a year, a quarter, an amount) could not be parsed."""


class QueryError(ArchiveError):
    """A search or filter the user gave cannot be run."""


class StoreError(ArchiveError):
    """The archive on disk is missing, locked, or of an unknown schema."""
