"""Decision trace: a topic's recommendations, decisions, actions, funding and updates in time
order across meetings, each with its document and page. Pure functions over records.

A record is about the topic when its text (or its item's title) contains the topic's words
("Tasking and Co-ordination" matches "Tasking & Co-Ordination"). A recommendation that cites an
earlier minute ("see minute 95, CDRP Board minutes, 26/04/2011") brings in that minute's
decisions, actions and funding: the path a proposal took from the decision that started it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from cdrp_archive.archive.analysis.facts import distinct, source_rows
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import Meeting, Recommendation
from cdrp_archive.archive.store import Store
from cdrp_archive.archive.values import FinancialYear

TRACE_TYPES = ("recommendation", "decision", "action", "funding", "update", "meeting")


@dataclass(frozen=True)
class DecisionEvent:
    record: Record
    via: str | None = None  # why it is here when its own text does not match the topic
    sources: tuple[tuple[str, int | None], ...] = ()  # every paper printing this fact
    printed: dict[tuple[str, int | None], str] = field(default_factory=dict, compare=False)

    @property
    def when(self) -> str:
        date = self.record.meeting_date or self.record.date
        if date:
            return str(date)
        fy = self.record.financial_year
        return FinancialYear.parse(fy).first_day.isoformat() if fy else ""

    def to_dict(self) -> dict[str, Any]:
        row = self.record.to_dict()
        row["when"] = self.when
        row["via"] = self.via
        row["sources"] = source_rows(self.sources, self.printed)
        return row


def normalise(text: str) -> str:
    text = text.lower().replace("&", " and ")
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def mentions(record: Record, topic: str) -> bool:
    wanted = normalise(topic)
    titles = [str(record.fields.get("item") or "")]
    if isinstance(record.fields, Meeting):
        titles += [str(i.get("title") or "") for i in record.fields.items or []]
    return any(wanted in normalise(t) for t in [record.text, *titles] if t)


def decision_events(store: Store, topic: str, year: str | None = None) -> list[DecisionEvent]:
    return events_for(store.records(type=TRACE_TYPES), topic, year)


def events_for(
    records: Iterable[Record], topic: str, year: str | None = None
) -> list[DecisionEvent]:
    records = list(records)
    events: dict[str, DecisionEvent] = {}
    for record in records:
        if record.type != "meeting" and mentions(record, topic):
            events.setdefault(record.id, DecisionEvent(record))
    for record in records:  # a matching minute page brings its updates
        minutes = isinstance(record.fields, Meeting) and record.fields.source == "minutes"
        if minutes and mentions(record, topic):
            events.setdefault(record.id, DecisionEvent(record))
            for other in records:
                if other.sha256 == record.sha256 and other.type == "update":
                    events.setdefault(other.id, DecisionEvent(other, "reported at this item"))
    for event in list(events.values()):
        cited = event.record.fields
        for ref in (cited.refers_to if isinstance(cited, Recommendation) else None) or []:
            for other in records:
                if (
                    other.type in ("decision", "action", "funding")
                    and other.fields.get("minute_ref") == ref.get("minute_ref")
                    and other.meeting_date == ref.get("meeting_date")
                ):
                    via = f"minute {ref['minute_ref']} of {ref['meeting_date']}, cited by a report"
                    events.setdefault(other.id, DecisionEvent(other, via))
    found = [e for e in events.values() if not year or e.record.financial_year == year]
    order = {t: i for i, t in enumerate(TRACE_TYPES)}
    found.sort(key=lambda e: (e.when, order[e.record.type], e.record.page or 0))
    return _one_per_fact(found)


def _one_per_fact(events: list[DecisionEvent]) -> list[DecisionEvent]:
    """The same minute printed in two papers is one event citing both (``facts.distinct``)."""
    by_id = {e.record.id: e for e in events}
    return [
        replace(by_id[fact.record.id], sources=fact.sources, printed=dict(fact.printed))
        for fact in distinct(e.record for e in events)
    ]
