"""One paper view, built once per paper and handed to every interpreter.

The pipeline reads a paper, and the view builds from it, once each and only when asked: its
stream of text units and tables in reading order (``items``), its meeting segmentation
(``meetings``: where each set of minutes starts and ends, with its items and attendance), its
logical tables under a set of header rules (``tables(rules)``, cached per rule set), the page
numbers it prints (``labels``) and its colour key for RAG statuses (``rag_key``).
Interpreters read the view and never rebuild any of it.
"""

from __future__ import annotations

from functools import cached_property

from cdrp_archive.extract.conventions import Profile, default_profile
from cdrp_archive.extract.flow import Item, items
from cdrp_archive.extract.rag import DEFAULT_KEY, Key
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.segments import Meeting, find_meetings, rules_of
from cdrp_archive.extract.tables import LogicalTable, TableRules, join_tables


class PaperView:
    def __init__(
        self, paper: Paper, rag_key: Key = DEFAULT_KEY, conventions: Profile | None = None
    ) -> None:
        self.paper = paper
        self.rag_key = rag_key
        self.conventions = conventions or default_profile()
        self._tables: dict[TableRules, list[LogicalTable]] = {}

    @cached_property
    def items(self) -> list[Item]:
        """Every text unit and table of the paper, in reading order."""
        return items(self.paper)

    @cached_property
    def meetings(self) -> list[tuple[int, int, Meeting]]:
        """(start, end, meeting) for every set of minutes in ``items``; end is exclusive."""
        return find_meetings(self.items, rules_of(self.conventions))

    @cached_property
    def in_minutes(self) -> frozenset[int]:
        """The positions in ``items`` that belong to a set of minutes."""
        return frozenset(n for start, end, _ in self.meetings for n in range(start, end))

    @cached_property
    def labels(self) -> dict[int, str]:
        """The page number the paper prints on a page, by page number, where known."""
        return {p.number: p.label for p in self.paper.pages if p.label}

    def tables(self, rules: TableRules) -> list[LogicalTable]:
        """The paper's logical tables under ``rules`` (joined once per rule set; callers
        must not change them)."""
        if rules not in self._tables:
            self._tables[rules] = join_tables(self.items, rules)
        return self._tables[rules]


def view_of(source: Paper | PaperView, conventions: Profile | None = None) -> PaperView:
    """The view of a paper (interpreters take either, so they can be tried on a bare Paper),
    read with ``conventions`` when it is built here."""
    return source if isinstance(source, PaperView) else PaperView(source, conventions=conventions)
