"""Actions followed through time: the minutes that set an action and the logs that report it.

An action set in minutes ("Action: WM to circulate …") and the rows of successive action logs
that report it ("Circulate minutes …  Carried forward", then "… Completed") are one action
with one ``action_key``. Observations (``action`` and ``action_update`` records) are taken in
date order, one paper at a time — a paper's own actions before its own log rows, so a meeting
note's action table joins the actions it sets — and each is matched, one-to-one, to the
action whose latest text is most like its own (``similarity``: IDF-weighted overlap of
content words, ``THRESHOLD``), among the actions not yet seen in that paper; a pair is ruled
out when both name a different owner, or both give a different section heading. What nothing
matches starts a new action.

``THRESHOLD = 0.6``, as for milestone threads, measured on the fixtures' successive logs and
the minutes that set their actions (``tests/fixtures/logs``): true successors score 0.67-1.0
(a reworded row keeps its rare words), the best wrong candidates 0.33-0.5 (actions that share
only "benefits case" or "meeting").

An action's last known state is its latest observation's: an action only set, with no later
report, is ``open`` since the meeting that set it. Pure functions; no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cdrp_archive.archive.analysis.facts import source_label
from cdrp_archive.archive.analysis.milestones import slug
from cdrp_archive.archive.analysis.similarity import Similarity, content_words, match
from cdrp_archive.archive.models import Record

THRESHOLD = 0.6
CLOSED = ("done", "dropped")


def observed_on(record: Record) -> str | None:
    """The day an observation speaks of: an update's ``as_of``, an action's meeting."""
    key = "as_of" if record.type == "action_update" else "meeting_date"
    return record.fields.get(key) or record.date


def action_text(record: Record) -> str:
    return record.fields.get("action") or record.text


def state_of(record: Record) -> str:
    """``open`` for an action set at a meeting; an update's state."""
    if record.type == "action":
        return "open"
    return record.fields.get("state") or "unknown"


@dataclass
class ActionHistory:
    """One action: its observations in time order, under one key."""

    key: str
    observations: list[Record] = field(default_factory=list)

    @property
    def text(self) -> str:
        return action_text(self.observations[0])

    @property
    def latest(self) -> Record:
        return self.observations[-1]

    @property
    def state(self) -> str:
        return state_of(self.latest)

    @property
    def as_of(self) -> str | None:
        return observed_on(self.latest)

    @property
    def owner(self) -> str | None:
        for record in reversed(self.observations):
            if owner := record.fields.get("owner") or record.fields.get("owner_raw"):
                return str(owner)
        return None

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED

    def to_dict(self) -> dict[str, Any]:
        return {
            "action_key": self.key,
            "action": self.text,
            "owner": self.owner,
            "state": self.state,
            "as_of": self.as_of,
            "history": [observation_dict(r) for r in self.observations],
        }


def observation_dict(record: Record) -> dict[str, Any]:
    f = record.fields
    return {
        "type": record.type,
        "date": observed_on(record),
        "action": action_text(record),
        "status": f.get("status") if record.type == "action_update" else "set",
        "state": state_of(record),
        "owner": f.get("owner"),
        "owner_raw": f.get("owner_raw"),
        "due": f.get("due"),
        "section": f.get("section") or f.get("item"),
        "document": record.document,
        "page": record.page,
        "source": source_label(record.document, record.page, record.printed_page),
    }


def _order(record: Record) -> tuple[str, str, int, str, int, int]:
    kind = 0 if record.type == "action" else 1
    return (
        observed_on(record) or "",
        record.sha256,
        kind,
        record.document,
        record.page or 0,
        record.row or 0,
    )


# Words of headings that sort a log by state ("Open actions", "Completed actions"), not topic.
_STATE_WORDS = frozenset(
    [
        "action",
        "open",
        "completed",
        "complete",
        "closed",
        "outstanding",
        "current",
        "live",
        "ongoing",
        "done",
        "new",
        "point",
    ]
)


def _section(record: Record) -> str:
    """A section heading's topic words ('' for a heading that only sorts by state)."""
    return " ".join(sorted(content_words(record.fields.get("section")) - _STATE_WORDS))


def _compatible(history: ActionHistory, record: Record) -> bool:
    last = history.latest
    a, b = last.fields.get("owner"), record.fields.get("owner")
    if a and b and a != b:
        return False
    sa, sb = _section(last), _section(record)
    same_kind = last.type == record.type == "action_update"
    return not (same_kind and sa and sb and sa != sb)


def histories(
    records: Iterable[Record], threshold: float = THRESHOLD, sim: Similarity | None = None
) -> list[ActionHistory]:
    """Every action's history from action and action_update records (other types ignored)."""
    found = sorted((r for r in records if r.type in ("action", "action_update")), key=_order)
    sim = sim or Similarity(action_text(r) for r in found)
    out: list[ActionHistory] = []
    groups: dict[tuple[str, str, int], list[Record]] = {}
    for record in found:
        kind = 0 if record.type == "action" else 1
        groups.setdefault((observed_on(record) or "", record.sha256, kind), []).append(record)
    for (_, sha, _), group in groups.items():
        kind = group[0].type
        open_ = [h for h in out if all(o.sha256 != sha or o.type != kind for o in h.observations)]
        pairs = match(
            open_,
            group,
            lambda x: action_text(x.latest) if isinstance(x, ActionHistory) else action_text(x),
            threshold,
            sim,
            allowed=lambda h, r: isinstance(h, ActionHistory) and _compatible(h, r),
        )
        taken = {id(p.later) for p in pairs}
        for pair in pairs:
            pair.earlier.observations.append(pair.later)
        for record in group:
            if id(record) not in taken:
                out.append(ActionHistory(_key(record, out), [record]))
    return out


def _key(record: Record, existing: Sequence[ActionHistory]) -> str:
    """``2013-05-14:circulate-minutes-and-actions-from-thirteenth``; a number is added when
    two actions of one day share their first words."""
    base = f"{observed_on(record) or 'undated'}:{slug(action_text(record), 6) or 'action'}"
    taken = {h.key for h in existing}
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def open_actions(found: Iterable[ActionHistory]) -> list[ActionHistory]:
    """Actions whose last known state is not done (nor dropped), oldest report first."""
    return sorted((h for h in found if h.is_open), key=lambda h: (h.as_of or "", h.key))


def find(found: Iterable[ActionHistory], query: str) -> list[ActionHistory]:
    """Actions a query names: a key, or free text whose every word is in one of the action's
    texts, its owners or sections."""
    query = query.strip()
    found = list(found)
    exact = [h for h in found if h.key == query]
    if exact:
        return exact
    words = [w for w in slug(query, 50).split("-") if w]
    if not words:
        return []

    def haystack(h: ActionHistory) -> set[str]:
        parts = []
        for r in h.observations:
            f = r.fields
            parts += [action_text(r), f.get("owner") or "", f.get("owner_raw") or ""]
            parts += [f.get("section") or "", f.get("status") or ""]
        return set(slug(" ".join(parts), 10_000).split("-"))

    return [h for h in found if all(w in haystack(h) for w in words)]
