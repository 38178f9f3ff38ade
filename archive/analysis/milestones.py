"""Milestone histories and threads: pure functions over milestone_status records and links.

**One history per milestone.** A milestone is identified by its plan year and its ref
(``2009-10:4.3d``), or, when the paper lost the ref, by its text (``2009-10:~set-up-...``).
Observations of one milestone from several documents (the worded PDF, the shading-only PDF
and a text copy of one paper, or the Q2 and Q3 reports of one year) merge into one timeline
with several sources per quarter. Two sources that give different statuses for one quarter
are a conflict: both are kept and the quarter is flagged. A null status next to a colour is
not a conflict (the paper gave no status, or the copy lost it).

**Threads across plan years.** Plans are refreshed each year and milestones renumbered and
reworded, so a milestone is linked to its successor in the next plan year by text similarity:
an IDF-weighted overlap coefficient over content words (stopwords dropped, plurals folded), so
a rare shared word (a scheme's own name) weighs far more than "scheme", and a successor that expands
its predecessor's wording is not punished for the added words. Links are one-to-one, best
score first (ties go to the closer length, by weighted Jaccard), and need ``THRESHOLD``.

``THRESHOLD = 0.6`` was measured on the corpus plus the renumbered 2010-11 fixture (504
cross-year pairs; ``score_distribution`` prints them): the six true successors score 0.73
(4.3d, setting up a named home-security scheme -> 1.4b, helping vulnerable people feel
safer in their homes through that scheme), 0.78 and 1.0 (four
times); the best wrong candidates score 0.525 (4.1a "Meeting held every 2 months" for 1.5a
"Task Group meets every 2 months", a near-twin of 5.1a), 0.457, 0.38, then below 0.3; 496 of
the 504 pairs score under 0.5. 0.6 sits in the gap. The threshold cannot tell near-twin
milestones of one plan apart (15 of the 84 2009-10 milestones have a same-plan twin scoring
0.6 or more, e.g. the Burglary and Vehicle Crime task groups' "identify and agree on
initiatives"): one-to-one matching settles those when both successors exist, and
``cdrp-archive unlink`` breaks a wrong link.

A user's ``link`` (confirm) and ``unlink`` (break) between two milestone keys override the
similarity either way; keys do not depend on a document's sha256, so the choice survives
re-ingesting the papers.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from cdrp_archive.archive.analysis.similarity import Similarity
from cdrp_archive.archive.errors import ParseError
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.records import MilestoneStatus
from cdrp_archive.archive.values import period_key

THRESHOLD = 0.6

_KEY = re.compile(r"^(?P<fy>\d{4}-\d{2}):(?P<rest>\S.*)$")


# --- identity ---------------------------------------------------------------------------


def slug(text: str | None, words: int = 10) -> str:
    """Lower-case words joined by hyphens: a key that survives mended or re-wrapped text."""
    found = re.findall(r"[a-z0-9]+", (text or "").lower())
    return "-".join(found[:words])


def milestone_key(record: Record) -> str:
    """``2009-10:4.3d``; without a ref ``2009-10:~<milestone words>`` (or the action's)."""
    fields = record.typed(MilestoneStatus)
    year = record.financial_year or "unknown"
    ref = fields.milestone_ref
    if ref:
        return f"{year}:{ref.lower()}"
    text = slug(fields.milestone)
    if text:
        return f"{year}:~{text}"
    return f"{year}:~{slug(fields.action) or slug(fields.priority)}/-"


def parse_key(text: str) -> str:
    """A user's milestone key, normalised (``2009-10:4.3D`` -> ``2009-10:4.3d``)."""
    match = _KEY.match(text.strip())
    if not match:
        raise ValueError(f"not a milestone key: {text!r} (expected e.g. 2009-10:4.3d)")
    return f"{match.group('fy')}:{match.group('rest').lower()}"


def _status(record: Record) -> MilestoneStatus:
    return record.typed(MilestoneStatus)


# --- histories --------------------------------------------------------------------------


@dataclass
class QuarterView:
    """What the sources say of one milestone in one quarter."""

    financial_year: str | None
    quarter: str | None
    sources: list[Record] = field(default_factory=list)

    @property
    def statuses(self) -> list[str]:
        return sorted({s for r in self.sources if (s := _status(r).status)})

    @property
    def status(self) -> str | None:
        found = self.statuses
        return found[0] if len(found) == 1 else None

    @property
    def conflict(self) -> bool:
        return len(self.statuses) > 1

    @property
    def progress(self) -> str | None:
        return next((p for r in self.sources if (p := _status(r).progress)), None)


@dataclass
class Milestone:
    key: str
    financial_year: str | None
    ref: str | None
    records: list[Record] = field(default_factory=list)

    @property
    def text(self) -> str:
        texts = Counter(_status(r).milestone for r in self.records)
        texts.pop(None, None)
        return texts.most_common(1)[0][0] if texts else ""

    @property
    def priority(self) -> str | None:
        return next((p for r in self.records if (p := _status(r).priority)), None)

    def quarters(self) -> list[QuarterView]:
        """The timeline: one view per quarter, in time order."""
        views: dict[tuple[str | None, str | None], QuarterView] = {}
        for record in self.records:
            period = (record.financial_year, record.quarter)
            views.setdefault(period, QuarterView(*period)).sources.append(record)
        return [views[p] for p in sorted(views, key=lambda p: period_key(*p))]


def histories(records: Iterable[Record]) -> dict[str, Milestone]:
    """One Milestone per key, from every milestone_status record."""
    found: dict[str, Milestone] = {}
    for record in records:
        if record.type != "milestone_status":
            continue
        key = milestone_key(record)
        if key not in found:
            ref = _status(record).milestone_ref
            found[key] = Milestone(key, record.financial_year, ref)
        found[key].records.append(record)
    return found


# --- similarity: archive.analysis.similarity (content_words, Similarity) ---------------


@dataclass(frozen=True)
class Link:
    earlier: str
    later: str
    score: float
    kind: str  # auto | user


def _years(milestones: Mapping[str, Milestone]) -> list[str]:
    years = {m.financial_year for m in milestones.values() if m.financial_year}
    return sorted(years, key=lambda y: period_key(y, None))


def scored_pairs(milestones: Mapping[str, Milestone], sim: Similarity | None = None) -> list[Link]:
    """Every (milestone, milestone of the next plan year) pair with its score, best first."""
    sim = sim or Similarity(m.text for m in milestones.values())
    by_year: dict[str, list[Milestone]] = {}
    for m in milestones.values():
        by_year.setdefault(m.financial_year or "", []).append(m)
    years = _years(milestones)
    pairs = []
    for year, nxt in itertools.pairwise(years):
        for a in by_year[year]:
            for b in by_year[nxt]:
                link = Link(a.key, b.key, round(sim.score(a.text, b.text), 4), "auto")
                pairs.append((-link.score, -sim.jaccard(a.text, b.text), a.key, b.key, link))
    return [p[-1] for p in sorted(pairs, key=lambda p: p[:4])]


def auto_links(milestones: Mapping[str, Milestone], threshold: float = THRESHOLD) -> list[Link]:
    """Best successor links above the threshold, one-to-one, best score first."""
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    links = []
    for pair in scored_pairs(milestones):
        if pair.score < threshold:
            break
        if pair.earlier in taken_a or pair.later in taken_b:
            continue
        taken_a.add(pair.earlier)
        taken_b.add(pair.later)
        links.append(pair)
    return links


def thread_links(
    milestones: Mapping[str, Milestone],
    user: Sequence[Mapping[str, str]] = (),
    threshold: float = THRESHOLD,
) -> list[Link]:
    """The links that make threads: automatic ones the user did not break, and the user's."""
    choices = {frozenset((u["a"], u["b"])): u["kind"] for u in user}
    links = [
        link
        for link in auto_links(milestones, threshold)
        if choices.get(frozenset((link.earlier, link.later))) != "unlink"
    ]
    known = {frozenset((lk.earlier, lk.later)) for lk in links}
    for pair, kind in choices.items():
        if kind == "link" and pair not in known and len(pair) == 2:
            a, b = sorted(pair, key=_key_order)
            links.append(Link(a, b, 1.0, "user"))
    return links


def _key_order(key: str) -> tuple[tuple[int, int], str]:
    year = key.split(":", 1)[0]
    try:
        return period_key(year, None), key
    except ParseError:  # a hand-made key with no financial year
        return (0, 0), key


def threads(milestones: Mapping[str, Milestone], links: Iterable[Link]) -> dict[str, str]:
    """Milestone key -> thread id: the earliest key of the thread (``2009-10:4.3d``)."""
    parent = {key: key for key in milestones}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for link in links:
        if link.earlier in parent and link.later in parent:
            a, b = root(link.earlier), root(link.later)
            if a != b:
                first, second = sorted((a, b), key=_key_order)
                parent[second] = first
    return {key: root(key) for key in milestones}


def score_distribution(milestones: Mapping[str, Milestone]) -> dict[str, list[float]]:
    """Scores that justify the threshold: ``successor`` pairs (best match of each milestone
    in the next plan year) and ``same_plan`` pairs (best match of each milestone to another
    milestone of its own plan, which must never be joined)."""
    sim = Similarity(m.text for m in milestones.values())
    best_next: dict[str, float] = {}
    for pair in scored_pairs(milestones, sim):
        best_next.setdefault(pair.earlier, pair.score)
    same_plan = []
    items = list(milestones.values())
    for a in items:
        others = [
            sim.score(a.text, b.text)
            for b in items
            if b.key != a.key and b.financial_year == a.financial_year
        ]
        if others:
            same_plan.append(round(max(others), 4))
    return {"successor": sorted(best_next.values()), "same_plan": sorted(same_plan)}


@dataclass
class Threads:
    """Every milestone's history, the links between plan years, and each one's thread."""

    milestones: dict[str, Milestone]
    links: list[Link]
    thread_of: dict[str, str]

    def members(self, thread: str) -> list[Milestone]:
        keys = [k for k, t in self.thread_of.items() if t == thread]
        return [self.milestones[k] for k in sorted(keys, key=_key_order)]

    def link_between(self, a: str, b: str) -> Link | None:
        pair = frozenset((a, b))
        return next((lk for lk in self.links if frozenset((lk.earlier, lk.later)) == pair), None)


def build_threads(
    records: Iterable[Record],
    user: Sequence[Mapping[str, str]] = (),
    threshold: float = THRESHOLD,
) -> Threads:
    """Histories, links and threads from milestone_status records and the user's links."""
    found = histories(records)
    links = thread_links(found, user, threshold)
    return Threads(found, links, threads(found, links))


_REF_QUERY = re.compile(r"^\d{1,2}\.\d{1,2}[a-z]$", re.IGNORECASE)


def find(view: Threads, query: str, year: str | None = None) -> list[Milestone]:
    """Milestones a query names: a ref (``4.3d``), a key (``2009-10:4.3d``), or free text
    whose every word is in the milestone's text, action or progress notes."""
    query = query.strip()
    found = list(view.milestones.values())
    if year:
        found = [m for m in found if m.financial_year == year]
    if _KEY.match(query):
        wanted = parse_key(query)
        return [m for m in found if m.key == wanted]
    if _REF_QUERY.match(query):
        return [m for m in found if (m.ref or "").lower() == query.lower()]
    words = re.findall(r"\w+", query.lower())
    return [m for m in found if words and all(w in _haystack(m) for w in words)]


def _haystack(milestone: Milestone) -> str:
    parts = [milestone.ref or "", milestone.text]
    for record in milestone.records:
        fields = _status(record)
        parts.extend((fields.action or "", fields.progress or ""))
    return " ".join(parts).lower()
