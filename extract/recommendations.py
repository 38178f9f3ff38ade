"""Report recommendations: what a report asks the board to do, linked to the meeting it goes to.

A report ("REPORT TO: CDRP Board / 26 July 2011 / AUTHOR/S: Philip Aldis, ...") ends with a
Recommendation(s) section ("12. The Board is recommended to approve the following proposals:
- Establish ..."); elsewhere a sentence says "It is recommended that the Board approve ...".
Each becomes a ``recommendation`` record with the meeting date, the report's title and author,
and the outcome asked for (approve, note, agree ... normalised like decisions).
"""

from __future__ import annotations

import re
from typing import Any

from cdrp_archive.archive.models import Record
from cdrp_archive.archive.people import display_name, name_key
from cdrp_archive.archive.values import find_dates
from cdrp_archive.extract import language
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.flow import Unit
from cdrp_archive.extract.interpreter import Earlier, Interpreter
from cdrp_archive.extract.readers.model import Paper
from cdrp_archive.extract.textfix import is_heading
from cdrp_archive.extract.view import PaperView, view_of

_SECTION = re.compile(r"^(?:\d+\.\s*)?recommendations?:?$", re.I)
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")
_AUTHOR = re.compile(r"^(?:author/?s?|from)\s*:\s*([^,]+)", re.I)
_REPORT_TO = re.compile(r"^(?:report to|to)\s*:", re.I)
_MINUTE_REF = re.compile(r"minute\s+(\d{1,3})\b[^)]{0,60}?(\d{1,2}/\d{1,2}/\d{4})", re.I)


def _ends_section(unit: Unit) -> bool:
    text = unit.text
    if _REPORT_TO.match(text) or _AUTHOR.match(text):
        return True
    if is_heading(text) or name_key(unit.lines[0]) or re.match(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]", text):
        return True
    if unit.bullet or _NUMBERED.match(text) or text.startswith("That "):
        return False
    return len(text) < 80 and not text.endswith((".", ":", ";"))


def recommendations(
    source: Paper | PaperView, ctx: DocContext, earlier: Earlier | None = None
) -> list[Record]:
    view = view_of(source)
    stream, skip = view.items, view.in_minutes
    report: dict[str, Any] = {"title": None, "author": None, "date": ctx.date, "refs": []}
    out: list[Record] = []
    in_section = False
    pending: list[Unit] = []

    def emit() -> None:
        if pending:
            text = " ".join(("- " if u.bullet else "") + u.text for u in pending)
            out.append(_record(text, pending[0].page, report, ctx))
            pending.clear()

    for n, unit in enumerate(stream):
        if not isinstance(unit, Unit) or n in skip:
            continue
        text = unit.text
        if _REPORT_TO.match(text):
            emit()
            in_section = False
            report = {"title": None, "author": None, "date": report["date"], "refs": []}
            dates = find_dates(text)
            report["date"] = dates[0][1].isoformat() if dates else report["date"]
            continue
        if match := _AUTHOR.match(text):
            report["author"] = display_name(match.group(1)) if name_key(match.group(1)) else None
            continue
        for ref in _MINUTE_REF.finditer(text):
            dates = find_dates(ref.group(2))
            if dates:
                report["refs"].append(
                    {"minute_ref": ref.group(1), "meeting_date": dates[0][1].isoformat()}
                )
        if report["title"] is None and is_heading(text) and len(text) < 100:
            report["title"] = text
        if _SECTION.match(text):
            emit()
            in_section = True
            continue
        if in_section:
            if _ends_section(unit):
                emit()
                in_section = False
                continue
            if (unit.bullet and pending and pending[-1].text.endswith(":")) or (
                pending and pending[0].text.endswith(":") and (unit.bullet or _NUMBERED.match(text))
            ):
                pending.append(unit)
                continue
            emit()
            pending.append(unit)
            continue
        for phrase in language.phrases(text, ctx.conventions):
            if phrase.kind == "RECOMMEND":
                pending.append(unit)
                following = stream[n + 1 : n + 8]
                if text.endswith(":"):
                    for nxt in following:
                        if not isinstance(nxt, Unit) or not nxt.bullet:
                            break
                        pending.append(nxt)
                emit()
                break
    emit()
    return _dedupe(out)


def _dedupe(records: list[Record]) -> list[Record]:
    seen: set[str] = set()
    out = []
    for record in records:
        if not any(record.text in s for s in seen):  # the same text, or part of one kept
            seen.add(record.text)
            out.append(record)
    return out


def _record(text: str, page: int, report: dict[str, Any], ctx: DocContext) -> Record:
    return ctx.record(
        "recommendation",
        page,
        text,
        date=report["date"],
        meeting_date=report["date"],
        item=report["title"],
        author=report["author"],
        outcome=language.recommended_outcome(text, ctx.conventions),
        refers_to=list(report["refs"]),
    )


INTERPRETER = Interpreter("recommendations", emits=("recommendation",), run=recommendations)
