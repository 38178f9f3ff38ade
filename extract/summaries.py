"""Summary count tables of scorecards, checked against the rows read.

Reports often count their indicators by rating — a sentence ("17 green, 12 amber and 9 red"),
a small table (``Green | 17``), or a matrix of ratings by service (``Service | Green | Amber |
Red | Total``, or services across and ratings down). Each count is compared with the ratings
of the rows the interpreter read, for the whole paper or for the service the count names, as
funding totals are checked against their rows: ``ok``, or each count that differs, so a reader
can see a page was misread. Rating and total words are the conventions' (``scorecards.summary``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from cdrp_archive.extract.conventions import Profile
from cdrp_archive.extract.flow import Item, Unit
from cdrp_archive.extract.readers.model import Cell, Table
from cdrp_archive.extract.tables import cell_text, normalise_header

RATINGS = ("green", "amber", "red")


@dataclass(frozen=True)
class Words:
    ratings: dict[str, tuple[str, ...]]  # status -> words (lower case)
    totals: tuple[str, ...]

    @classmethod
    def of(cls, profile: Profile) -> Words:
        block = profile.mapping("scorecards.summary")
        ratings = {s: tuple(str(w).lower() for w in block.get(s, ())) for s in RATINGS}
        return cls(ratings, tuple(str(w).lower() for w in block.get("total", ())))

    def rating(self, text: str) -> str | None:
        norm = normalise_header(text)
        for status, words in self.ratings.items():
            if norm in words or (norm.split(" ", 1)[0] in words and len(norm.split(" ", 1)[0]) > 1):
                return status
        return None

    def is_total(self, text: str) -> bool:
        return normalise_header(text) in self.totals


@dataclass
class Summary:
    """One printed count of indicators by rating: for a service, or the whole paper
    (``service`` None)."""

    page: int
    text: str
    service: str | None
    counts: dict[str, int]  # status -> count as printed
    total: int | None = None
    table: int | None = None
    row: int | None = None
    check: str = ""
    counted: list[dict[str, object]] = field(default_factory=list)


_INT = re.compile(r"^\(?(\d{1,4})\)?(?:\s*\(\s*\d{1,3}(?:\.\d+)?\s*%\s*\))?$")


def _count(text: str) -> int | None:
    match = _INT.match(text.strip())
    return int(match.group(1)) if match else None


def _scope(text: str, words: Words) -> str | None:
    if not text or words.is_total(text):
        return None
    return text


def in_table(table: Table, words: Words) -> list[Summary]:
    """Counts in a table with ratings across its header or down its first column."""
    rows = [[cell_text(c) for c in r] for r in table.rows]
    if len(rows) < 2:
        return []
    header = rows[0]
    across = {i: s for i, h in enumerate(header) if (s := words.rating(h))}
    if len(set(across.values())) >= 2:
        total_col = next((i for i, h in enumerate(header) if i and words.is_total(h)), None)
        out = []
        for n, row in enumerate(rows[1:], start=1):
            counts = {
                s: c
                for i, s in across.items()
                if i < len(row) and (c := _count(row[i])) is not None
            }
            if len(counts) < 2:
                continue
            total = (
                _count(row[total_col]) if total_col is not None and total_col < len(row) else None
            )
            label = row[0] if 0 not in across else ""
            out.append(Summary(table.page, " | ".join(x for x in row if x), _scope(label, words),
                               counts, total, table.index, n))  # fmt: skip
        return out
    down = {n: s for n, r in enumerate(rows) if r and (s := words.rating(r[0]))}
    if len(set(down.values())) < 2:
        return []
    first = min(down)
    head = rows[first - 1] if first > 0 else [""] * len(rows[first])
    out = []
    for col in range(1, max(len(r) for r in rows)):
        counts = {
            s: c
            for n, s in down.items()
            if col < len(rows[n]) and (c := _count(rows[n][col])) is not None
        }
        if len(counts) < 2:
            continue
        total_row = next((r for r in rows[first:] if r and words.is_total(r[0])), None)
        total = _count(total_row[col]) if total_row and col < len(total_row) else None
        label = head[col] if col < len(head) else ""
        scope = (
            None
            if not label or re.search(r"\b(?:number|no|count|indicators?|%)\b", label, re.I)
            else _scope(label, words)
        )
        text = "; ".join(f"{s} {c}" for s, c in counts.items())
        out.append(
            Summary(
                table.page,
                f"{label}: {text}" if label else text,
                scope,
                counts,
                total,
                table.index,
                first,
            )
        )
    return out


def _sentence_pattern(words: Words) -> re.Pattern[str]:
    names = sorted(
        {w for ws in words.ratings.values() for w in ws if len(w) > 1}, key=len, reverse=True
    )
    alt = "|".join(re.escape(w) for w in names)
    return re.compile(
        rf"\b(\d{{1,4}})\s+(?:(?:indicators?|measures?|kpis?|pis?)\s+)?(?:(?:are|were|is|was|rated|at|as)\s+)*({alt})\b",
        re.IGNORECASE,
    )


def in_text(unit: Unit, words: Words) -> list[Summary]:
    """Counts in a sentence naming two or more ratings ("17 green, 12 amber, 9 red")."""
    pattern = _sentence_pattern(words)
    out = []
    for sentence in re.split(r"(?<=[.;])\s+", unit.text):
        counts: dict[str, int] = {}
        for match in pattern.finditer(sentence):
            status = words.rating(match.group(2))
            if status and status not in counts:
                counts[status] = int(match.group(1))
        if len(counts) >= 2:
            out.append(Summary(unit.page, sentence.strip(), None, counts))
    return out


def find(stream: Sequence[Item], skip: set[int], profile: Profile) -> list[Summary]:
    """Every summary count in a paper's stream; ``skip``: positions of scorecard tables."""
    words = Words.of(profile)
    out: list[Summary] = []
    for position, item in enumerate(stream):
        if position in skip:
            continue
        if isinstance(item, Table):
            out.extend(in_table(item, words))
        elif isinstance(item, Unit):
            out.extend(in_text(item, words))
    return out


def _same_service(a: str | None, b: str | None) -> bool:
    x, y = normalise_header(a or ""), normalise_header(b or "")
    return bool(x and y) and (x == y or x in y or y in x)


def check(summary: Summary, rows: Sequence[tuple[str | None, str | None]]) -> Summary:
    """``rows``: (service, status) of every indicator row read. Sets the summary's check."""
    mine = [s for svc, s in rows if summary.service is None or _same_service(summary.service, svc)]
    read = Counter(s for s in mine if s)
    problems = []
    summary.counted = []
    for status in RATINGS:
        printed = summary.counts.get(status)
        summary.counted.append({"status": status, "printed": printed, "read": read.get(status, 0)})
        if printed is not None and printed != read.get(status, 0):
            problems.append(f"{status}: table says {printed}, rows read {read.get(status, 0)}")
    if summary.total is not None and summary.total != len(mine):
        problems.append(f"total: table says {summary.total}, rows read {len(mine)}")
    where = f" for {summary.service}" if summary.service else ""
    if not mine:
        summary.check = f"no indicator rows read{where}"
    else:
        summary.check = "ok" if not problems else "; ".join(problems)
    return summary


def cell_is_count(cell: Cell | None) -> bool:
    return cell is not None and _count(cell.text) is not None
