"""The assessment's figures as one JSON object, for scripts. Amounts are exact decimal strings."""

from __future__ import annotations

import json
from typing import Any

from cdrp_archive.archive.analysis.assessment import Assessment, MilestoneRow
from cdrp_archive.archive.analysis.assessment_board import BoardItem, Source


def _sources(sources: list[Source]) -> list[dict[str, Any]]:
    return [s.to_dict() for s in sources]


def _row(row: MilestoneRow) -> dict[str, Any]:
    """What names a milestone and where it was printed, in every listing of milestones."""
    return {
        "key": row.key,
        "ref": row.ref,
        "priority": row.priority,
        "milestone": row.text,
        "carried_to": row.carried_to,
        "sources": _sources(row.sources),
    }


def _milestone(row: MilestoneRow) -> dict[str, Any]:
    return {
        **_row(row),
        "priority_number": row.priority_number,
        "action_ref": row.action_ref,
        "action": row.action,
        "quarters": {
            q: {
                "status": v.status,
                "progress": v.progress,
                "sources": _sources(v.sources),
                "conflicting": [{"status": s, **src.to_dict()} for s, src in v.conflicting],
            }
            for q, v in row.quarters.items()
        },
        "final": row.final,
        "persistently_red": row.persistently_red,
        "data_missing": row.data_missing,
    }


def _brief(row: MilestoneRow) -> dict[str, Any]:
    return {
        **_row(row),
        "statuses": {q: v.status for q, v in row.quarters.items()},
        "note": row.data_missing,
    }


def _item(item: BoardItem) -> dict[str, Any]:
    row = item.record.to_dict()
    for name in ("id", "sha256", "document", "page", "table", "row"):
        row.pop(name, None)
    row["priority"] = item.priority
    row["sources"] = _sources(item.sources)
    if item.record.type == "action":
        row["reported_done"] = item.done is not None
        row["done_text"] = item.done
        row["done_source"] = item.done_source.to_dict() if item.done_source else None
    return row


def to_data(a: Assessment) -> dict[str, Any]:
    board = a.board
    return {
        "year": a.year,
        "coverage": a.coverage(),
        "quarters_reported": a.quarters_reported,
        "quarters_missing": a.quarters_missing,
        "counted_from": [s.document for s in a.counted_from],
        "milestone_count": len(a.milestones),
        "quarters": {q: c.to_dict() for q, c in a.quarters.items()},
        "by_priority": {
            v.title: {
                "number": v.number,
                "name": v.name,
                "milestones": v.total,
                "achieved": v.achieved,
                "quarters": {q: c.to_dict() for q, c in v.quarters.items()},
            }
            for v in a.by_priority
        },
        "achieved": a.achieved,
        "achieved_share": round(a.achieved_share, 4) if a.achieved_share is not None else None,
        "persistently_red": [_brief(m) for m in a.persistently_red],
        "data_missing": [_brief(m) for m in a.data_missing],
        "next_year": a.next_year,
        "carried_assessed": a.next_plan_in_archive,
        "carried_statement": a.carried_statement(),
        "carried": [_brief(m) for m in a.carried],
        "dropped": [_brief(m) for m in a.dropped],
        "conflicts": [{"ref": m.ref, "key": m.key, "quarter": q} for m, q in a.conflicts],
        "milestones": [_milestone(m) for m in a.milestones],
        "decisions": [_item(i) for i in board.decisions],
        "recommendations": [_item(i) for i in board.recommendations],
        "actions": [_item(i) for i in board.actions],
        "funding": {
            "items": [_item(i) for i in board.funding],
            "totals": [
                {
                    "fund": t.fund,
                    "status": t.status,
                    "total": str(t.total),
                    "items": t.items,
                    "sources": _sources(t.sources),
                }
                for t in board.totals
            ],
        },
        "words": [
            {
                "priority": q.priority,
                "quarter": q.quarter,
                "section": q.section,
                "text": q.text,
                "lead_officer": q.lead_officer,
                "sources": _sources(q.sources),
            }
            for q in a.words.quotes
        ],
        "sources": [
            {"document": d.name, "kind": d.kind, "date": d.date, "pages": d.pages}
            for d in a.documents
        ],
    }


def render(a: Assessment) -> str:
    return json.dumps(to_data(a), ensure_ascii=False, indent=2) + "\n"
