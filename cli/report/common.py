"""Wording shared by every format of the assessment: labels, key figures, trends, sources."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from cdrp_archive.archive.analysis.assessment import STATUSES, Assessment, MilestoneRow
from cdrp_archive.archive.analysis.assessment_board import BoardItem, Quote, Source
from cdrp_archive.archive.analysis.facts import source_label

LABELS = {
    "green": "Green",
    "amber": "Amber",
    "red": "Red",
    "none": "No status",
    "conflict": "Conflict",
}
TITLE = "Assessment of the implementation of the {year} plan"


def title(assessment: Assessment) -> str:
    return TITLE.format(year=assessment.year)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else ("±0" if value == 0 else str(value))


def doc_keys(assessment: Assessment) -> dict[str, str]:
    """Short keys for the documents (A, B, ...), listed under Sources."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return {
        d.name: letters[i] if i < len(letters) else f"D{i + 1}"
        for i, d in enumerate(assessment.documents)
    }


def cite(sources: Iterable[Source], keys: dict[str, str] | None = None) -> str:
    """``A p.2; B p.2; C p.1`` with document keys, else full document names."""
    keys = keys or {}
    return "; ".join(
        source_label(keys.get(s.document, s.document), s.page, s.printed_page) for s in sources
    )


def counted_from(assessment: Assessment) -> str:
    docs = [s.document for s in assessment.counted_from]
    if not docs:
        return "no milestone statuses"
    copies = "copy" if len(docs) == 1 else "copies"
    return f"{len(docs)} {copies} ({', '.join(docs)}); each milestone counted once"


def pairs(assessment: Assessment) -> list[tuple[str, str]]:
    return list(itertools.pairwise(assessment.quarters_reported))


def trend_text(assessment: Assessment, a: str, b: str) -> str:
    deltas = ", ".join(
        f"{LABELS[s].lower()} {signed(assessment.trend(s, a, b))}" for s in STATUSES[:4]
    )
    moves = assessment.movement(a, b)
    return (
        f"{a} → {b}: {deltas}. Milestone by milestone: {moves['improved']} improved, "
        f"{moves['worsened']} worsened, {moves['unchanged']} unchanged, "
        f"{moves['not comparable']} without a RAG status in one of the two quarters."
    )


def key_figures(assessment: Assessment) -> list[str]:
    """The headline figures, in the order a board reads them."""
    a = assessment
    total = len(a.milestones)
    if not total:
        return [a.coverage()]
    last = a.quarters_reported[-1]
    lines = [
        f"{total} milestones in the {a.year} plan, counted from {counted_from(a)}.",
        f"Achieved (final status green at {last}): {a.achieved} of {total} "
        f"({pct(a.achieved, total)}).",
        f"Persistently red (red in two or more consecutive quarters): "
        f"{len(a.persistently_red)} — {', '.join(m.label for m in a.persistently_red) or 'none'}.",
        f"Data missing at {last} (the note says figures are awaited or unavailable): "
        f"{len(a.data_missing)} milestones, "
        f"{sum(1 for m in a.data_missing if m.final == 'red')} of them marked red — "
        "counted apart, not as progress.",
    ]
    lines += [trend_text(a, x, y) for x, y in pairs(a)]
    conflicts = a.conflicts
    lines.append(
        f"Conflicting statuses between copies of a paper: {len(conflicts)}."
        if conflicts
        else "No conflicting statuses between the copies of the papers."
    )
    lines.append(a.carried_statement())
    return lines


def milestone_note(row: MilestoneRow, assessment: Assessment) -> str:
    last = assessment.quarters_reported[-1] if assessment.quarters_reported else None
    notes = []
    if row.persistently_red:
        notes.append("persistently red")
    if row.data_missing:
        notes.append("data missing")
    if row.carried_to:
        notes.append("carried as " + ", ".join(k.split(":", 1)[1] for k in row.carried_to))
    elif row.carried_to == []:
        notes.append("dropped")
    for q, view in row.quarters.items():
        if view.status == "conflict":
            notes.append(
                f"{q} conflict: " + "; ".join(f"{s} in {src}" for s, src in view.conflicting)
            )
    progress = row.quarters[last].progress if last else None
    return "; ".join(notes + ([f"{last}: {progress}"] if progress else []))


def actions_of(rows: list[MilestoneRow]) -> list[tuple[str, list[MilestoneRow]]]:
    """Milestones grouped by action, in paper order."""
    groups: dict[str, list[MilestoneRow]] = {}
    for row in rows:
        name = " ".join(x for x in (row.action_ref, row.action) if x) or "(action not stated)"
        groups.setdefault(name, []).append(row)
    return list(groups.items())


def item_text(item: BoardItem) -> str:
    return " ".join(item.record.text.split())


def when(item: BoardItem) -> str:
    return item.record.meeting_date or item.record.date or ""


def done_text(item: BoardItem) -> str:
    if item.done and item.done_source:
        return f"reported done: “{item.done[:160]}” ({item.done_source})"
    return "no later report found"


def quotes_by_priority(quotes: list[Quote]) -> list[tuple[str, list[Quote]]]:
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(quote.priority, []).append(quote)
    return list(groups.items())
