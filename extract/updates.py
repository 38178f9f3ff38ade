"""Task-group updates: the narrative sections of quarterly reports, per priority.

A task group's quarterly report is a form: "Priority Area:", "Lead Officer:", then Key
Achievements, Areas of Concern, Recommendations to the Partnership, Items for Publicity, and
often a table of case statistics. Each point of each section becomes an ``update`` record with
its priority, lead officer, financial year and quarter. The form's guidance text ("Please
ensure that you only highlight ...") and footnote markers are not content. ModernGov minutes
that give updates per priority ("Business Crime (update by DI Darren Alderson):") are read the
same way, as section "update".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.people import display_name
from cdrp_archive.archive.values import FinancialYear
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.flow import Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.readers.model import Paper, Table
from cdrp_archive.extract.tables import cell_text
from cdrp_archive.extract.view import PaperView, view_of

_MARK = r"[\s\d¹²³⁴⁵⁶⁷⁸⁹⁰]*"
SECTIONS = [
    (re.compile(r"^(?:\d\.\s*)?key achievements", re.I), "key achievements"),
    (re.compile(r"^(?:\d\.\s*)?areas? of concerns?", re.I), "areas of concern"),
    (
        re.compile(r"^(?:\d\.\s*)?(?:recommendations to|changes to be made)", re.I),
        "recommendations",
    ),
    (re.compile(r"^(?:\d\.\s*)?any items for publicity", re.I), "publicity"),
]
GUIDANCE = (
    "Please ensure that you only highlight those notable achievements recorded against your "
    "Task Group's Action Plan.",
    "Please ensure that you only highlight those concerns that your Task Group considers "
    "should be drawn to the attention of the Partnership.",
    "Please ensure that, in connection with the above Areas of Concern, your Task Group sets "
    "out its Recommendations to the Partnership to address these Concerns, so that agreement "
    "can be made (where appropriate).",
    "Please ensure that any items included here for Publicity are not protectively marked.",
)
_PRIORITY = re.compile(r"^priority\s+(\d+)\s*:\s*(.+)$", re.I)
_AREA = re.compile(r"^priority area\s*:\s*(.+)$", re.I)
_LEAD = re.compile(r"lead officer\s*:\s*(.+)$", re.I)
_QUARTER = re.compile(r"quarter\s*([1-4])\s*((?:19|20)\d\d\s*[-/]\s*\d\d)", re.I)
_UPDATE_BY = re.compile(r"^(.+?)\s*\(update by\s+(.+?)\)\s*:?$", re.I)
_END = re.compile(r"^(?:to:|from:|report to|supporting documents|[a-z]:\\)", re.I)
# Form labels run together on one line when emphasis was lost ("2011-12Lead Officer: ...").
_RUN_ON = re.compile(
    r"(?<=\S)(?=Lead [Oo]fficer:|Key Achievements|Areas? of [Cc]oncern|Recommendations to P"
    r"|Any Items for Publicity)|(?<=[¹²³⁴⁵⁶⁷⁸⁹⁰])(?=[A-Z])"
)
_EMPTY = re.compile(r"^(?:none(?: to report)?|nil|n/a)\.?$", re.I)


@dataclass
class Block:
    priority: str | None = None
    area: str | None = None
    lead: str | None = None
    fy: str | None = None
    quarter: str | None = None
    section: str | None = None
    points: list[tuple[str, int, str]] = field(default_factory=list)  # section, page, text


def is_guidance(line: str) -> bool:
    text = re.sub(rf"^{_MARK}", "", line).strip()
    if text.lower().startswith("please ensure"):
        return True
    return len(text) >= 10 and any(text in g for g in GUIDANCE)


def section_of(line: str) -> str | None:
    text = re.sub(rf"^{_MARK}", "", line).strip() if not re.match(r"^\d\.", line) else line
    for pattern, name in SECTIONS:
        if pattern.match(text):
            return name
    return None


class _Reader:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.blocks: list[Block] = []
        self.block: Block | None = None
        self.current: list[str] = []
        self.page = 0
        self.priority: str | None = None

    def flush(self) -> None:
        if self.block and self.block.section and self.current:
            text = " ".join(self.current).strip()
            if text and not _EMPTY.match(text):
                self.block.points.append((self.block.section, self.page, text))
        self.current = []

    def start(self, **values: Any) -> None:
        self.flush()
        if self.block and self.block.points:
            last = self.block.points[-1]
            if len(last[2]) < 60 and not last[2].endswith((".", ":")):  # next block's title
                self.block.points.pop()
        self.block = Block(
            priority=self.priority, fy=self.ctx.financial_year, quarter=self.ctx.quarter, **values
        )
        self.blocks.append(self.block)

    def line(self, line: str, page: int, new_point: bool) -> None:
        if is_guidance(line) or re.fullmatch(_MARK, line):
            return
        if _END.match(line):
            self.flush()
            self.block = None
            return
        if match := _PRIORITY.match(line):
            self.flush()
            self.priority = match.group(2).strip()
            self.block = None
            return
        if self._heading(line):
            return
        if self.block and self.block.section:
            if new_point:
                self.flush()
            self.page = self.page if self.current else page
            self.current.append(line)

    def _heading(self, line: str) -> bool:
        if match := _AREA.match(line):
            area = match.group(1)
            lead = _LEAD.search(area)
            if lead:
                area = area[: lead.start()]
            quarter = _QUARTER.search(area)
            area = _QUARTER.sub("", area).strip(" –-")
            lead_name = re.sub(r"\s*\(.*\)$", "", lead.group(1)) if lead else None
            self.start(area=area, lead=display_name(lead_name) if lead_name else None)
            if quarter and self.block:
                self.block.quarter = f"Q{quarter.group(1)}"
                self.block.fy = str(FinancialYear.parse(quarter.group(2).replace(" ", "")))
            return True
        if (match := _LEAD.match(line)) and self.block:
            self.block.lead = display_name(re.sub(r"\s*\(.*\)$", "", match.group(1)))
            return True
        if match := _UPDATE_BY.match(line):
            self.start(area=match.group(1), lead=display_name(match.group(2)))
            if self.block:
                self.block.priority = match.group(1)
                self.block.section = "update"
            return True
        section = section_of(line)
        if section and self.block:
            self.flush()
            self.block.section = section
            return True
        return False

    def table(self, table: Table) -> None:
        if not self.block or not self.block.section:
            return
        header = " ".join(cell_text(c) for c in table.rows[0])
        if re.search(r"milestone|action", header, re.I):
            self.flush()
            self.block = None
            return
        self.flush()
        for r in range(len(table.rows)):
            cells = [cell_text(c) for c in table.rows[r]]
            text = " | ".join(c for c in cells if c)
            if text:
                self.block.points.append(("case statistics", table.page, text))


def updates(
    source: Paper | PaperView, ctx: DocContext, earlier: Earlier | None = None
) -> list[Record]:
    reader = _Reader(ctx)
    for item in view_of(source).items:
        if isinstance(item, Table):
            reader.table(item)
            continue
        assert isinstance(item, Unit)
        lines = [part.strip() for line in item.lines for part in _RUN_ON.split(line)]
        for n, line in enumerate(x for x in lines if x):
            reader.line(line, item.page, new_point=(n == 0))
    reader.flush()
    records = []
    for block in reader.blocks:
        for section, page, text in block.points:
            records.append(
                ctx.record(
                    "update",
                    page,
                    text,
                    financial_year=block.fy,
                    quarter=block.quarter,
                    priority=block.priority or block.area,
                    priority_area=block.area,
                    lead_officer=block.lead,
                    section=section,
                )
            )
    return records


INTERPRETER = Interpreter("updates", emits=("update",), run=updates)
