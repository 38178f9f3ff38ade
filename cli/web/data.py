"""What each page shows, as plain data: the same dictionaries feed the HTML templates, the
``/api/`` JSON and the CSV downloads. Reads the store and the index; writes nothing."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from cdrp_archive.archive.analysis.decisions import decision_events
from cdrp_archive.archive.analysis.facts import Fact, distinct, fact_key, source_label
from cdrp_archive.archive.analysis.milestones import Threads, build_threads, find
from cdrp_archive.archive.errors import ArchiveError
from cdrp_archive.archive.store import Store
from cdrp_archive.archive.values import FinancialYear, period_key

PAGE_SIZE = 20


def doc_index(store: Store) -> dict[str, str]:
    """Document name -> sha256 (the first document of that name)."""
    found: dict[str, str] = {}
    for d in store.documents():
        found.setdefault(d.name, d.sha256)
    return found


def sources(fact: Fact, docs: dict[str, str]) -> list[dict[str, Any]]:
    printed = dict(fact.printed)
    return [
        {
            "document": name,
            "page": page,
            "printed_page": printed.get((name, page)),
            "label": source_label(name, page, printed.get((name, page))),
            "sha256": docs.get(name),
        }
        for name, page in fact.sources
    ]


def fact_row(fact: Fact, docs: dict[str, str]) -> dict[str, Any]:
    row = fact.record.to_dict()
    row["sources"] = sources(fact, docs)
    return row


def overview(store: Store) -> dict[str, Any]:
    documents = store.documents()
    by_year: dict[str, Counter[str]] = {}
    for d in documents:
        by_year.setdefault(d.financial_year or "undated", Counter())[d.kind] += 1
    meetings = sorted(
        {
            r.meeting_date or r.date
            for r in store.records(type="meeting")
            if r.meeting_date or r.date
        },
        reverse=True,
    )[:8]
    view = build_threads(store.records(type="milestone_status"), store.links())
    red = []
    for key, m in view.milestones.items():
        quarters = m.quarters()
        if quarters and quarters[-1].status == "red":
            last = quarters[-1]
            red.append(
                {
                    "key": key,
                    "thread": view.thread_of[key],
                    "ref": m.ref,
                    "text": m.text,
                    "year": last.financial_year,
                    "quarter": last.quarter,
                }
            )
    red.sort(key=lambda r: period_key(r["year"], r["quarter"]), reverse=True)
    return {
        "documents": len(documents),
        "by_year": {y: dict(c) for y, c in sorted(by_year.items())},
        "counts": store.counts_by_type(),
        "meetings": meetings,
        "red": red[:20],
    }


def search(
    store: Store,
    home: Path,
    q: str,
    types: list[str],
    year: str | None,
    date_from: str | None,
    date_to: str | None,
    sort: str,
    page: int,
    all_copies: bool = False,
) -> dict[str, Any]:
    from cdrp_archive.index import SearchIndex

    fy = str(FinancialYear.parse(year)) if year else None
    result = SearchIndex(home).search(q, types, fy, date_from, date_to, 2000, sort)
    records = {r.id: r for r in store.records(ids=[h.id for h in result.hits])}
    snippets = {h.id: h.snippet for h in result.hits}
    ordered = [records[h.id] for h in result.hits if h.id in records]
    docs = doc_index(store)
    if all_copies:
        facts = [Fact(r, ((r.document, r.page),)) for r in ordered]
    else:  # one hit per fact, in the order of its best copy
        grouped = {f.record.id: f for f in distinct(ordered)}
        first: dict[Any, Fact] = {}
        by_key = {fact_key(f.record): f for f in grouped.values()}
        for r in ordered:
            first.setdefault(fact_key(r), by_key[fact_key(r)])
        facts = list(first.values())
    facet_type = Counter(f.record.type for f in facts)
    facet_year = Counter(f.record.financial_year or "undated" for f in facts)
    start = (page - 1) * PAGE_SIZE
    shown = facts[start : start + PAGE_SIZE]
    hits = []
    for f in shown:
        row = fact_row(f, docs)
        row["snippet"] = snippets.get(f.record.id) or f.record.text
        hits.append(row)
    return {
        "q": q,
        "total": len(facts),
        "page": page,
        "pages": max(1, -(-len(facts) // PAGE_SIZE)),
        "corrected": result.corrected,
        "hits": hits,
        "facets": {
            "type": dict(facet_type.most_common()),
            "year": dict(sorted(facet_year.items())),
        },
    }


def document(store: Store, sha: str) -> dict[str, Any] | None:
    doc = store.document(sha)
    if doc is None:
        return None
    records = store.records(sha256=sha)
    counts = Counter(r.type for r in records)
    return {
        "document": doc.to_dict(),
        "counts": dict(counts),
        "records": [r.to_dict() for r in records if r.type != "passage"][:500],
    }


def _thread_rows(view: Threads, thread: str, docs: dict[str, str]) -> dict[str, Any]:
    members = view.members(thread)
    periods = sorted(
        {(q.financial_year, q.quarter) for m in members for q in m.quarters()},
        key=lambda p: period_key(*p),
    )
    rows = []
    for m in members:
        cells = {(q.financial_year, q.quarter): q for q in m.quarters()}
        link = next((lk for lk in view.links if lk.later == m.key), None)
        rows.append(
            {
                "key": m.key,
                "year": m.financial_year,
                "ref": m.ref,
                "text": m.text,
                "follows": link.earlier if link else None,
                "quarters": [
                    None
                    if p not in cells
                    else {
                        "year": p[0],
                        "quarter": p[1],
                        "status": cells[p].status,
                        "statuses": cells[p].statuses,
                        "conflict": cells[p].conflict,
                        "progress": cells[p].progress,
                        "sources": [
                            {
                                "document": r.document,
                                "page": r.page,
                                "label": source_label(r.document, r.page, r.printed_page),
                                "sha256": r.sha256,
                            }
                            for r in cells[p].sources
                        ],
                    }
                    for p in periods
                ],
            }
        )
    head = view.milestones[thread]
    return {
        "thread": thread,
        "text": head.text,
        "ref": head.ref,
        "periods": [f"{y} {q}" for y, q in periods],
        "milestones": rows,
    }


def milestone(store: Store, thread: str) -> dict[str, Any] | None:
    view = build_threads(store.records(type="milestone_status"), store.links())
    if thread not in view.milestones:
        return None
    return _thread_rows(view, view.thread_of.get(thread, thread), doc_index(store))


def trace(store: Store, q: str) -> dict[str, Any]:
    view = build_threads(store.records(type="milestone_status"), store.links())
    try:
        matched = find(view, q) if view.milestones and q else []
    except ValueError:
        matched = []
    threads = list(dict.fromkeys(view.thread_of[m.key] for m in matched))
    docs = doc_index(store)
    events = decision_events(store, q) if q else []
    return {
        "q": q,
        "threads": [_thread_rows(view, t, docs) for t in threads[:10]],
        "events": [
            {
                "date": e.when,
                "type": e.record.type,
                "text": e.record.text,
                "status": e.record.status,
                "via": e.via,
                "sources": sources(
                    Fact(
                        e.record,
                        e.sources or ((e.record.document, e.record.page),),
                        tuple(e.printed.items()),
                    ),
                    docs,
                ),
            }
            for e in events
        ],
    }


LISTINGS = {
    "decisions": ("decision", ["meeting_date", "minute_ref", "status", "text"]),
    "actions": ("action", ["meeting_date", "owner", "text"]),
    "funding": ("funding", ["financial_year", "fund", "status", "amount", "text"]),
}


def listing(store: Store, name: str, params: dict[str, str]) -> dict[str, Any]:
    kind, columns = LISTINGS[name]
    year = params.get("year") or None
    fy = str(FinancialYear.parse(year)) if year else None
    records = store.records(
        type=kind,
        year=fy if name == "funding" else None,
        held_in=fy if name != "funding" else None,
        meeting_date=params.get("meeting") or None,
        status=(params.get("status") or params.get("outcome") or "").lower() or None,
    )
    owner = (params.get("owner") or "").lower()
    if owner:
        records = [r for r in records if owner in str(r.to_dict().get("owner") or "").lower()]
    fund = (params.get("fund") or "").lower()
    if fund:
        records = [r for r in records if fund in (r.fund or "").lower()]
    docs = doc_index(store)
    rows = [fact_row(f, docs) for f in distinct(records)]
    return {
        "name": name,
        "columns": columns,
        "rows": rows,
        "total": len(rows),
        "filters": {k: v for k, v in params.items() if v and k != "format"},
    }


def people(store: Store, name: str | None) -> dict[str, Any]:
    """One row per person however the papers spell them; appearances count facts."""
    from cdrp_archive.archive.people import canonical, known_people, person_matcher

    known = known_people(store.person_names())
    wanted = person_matcher(name, known) if name else None
    rows: dict[str, dict[str, Any]] = {}
    for r in store.records(has_person=True):
        if not r.person:
            continue
        person = canonical(r.person, known)
        if wanted and not wanted(person):
            continue
        entry = rows.setdefault(
            person, {"facts": set(), "types": Counter(), "first": None, "last": None}
        )
        key = fact_key(r)
        if key in entry["facts"]:
            continue
        entry["facts"].add(key)
        entry["types"][r.type] += 1
        when = r.meeting_date or r.date
        if when:
            entry["first"] = min(filter(None, (entry["first"], when)))
            entry["last"] = max(filter(None, (entry["last"], when)))
    found = [
        {"person": p, "appearances": len(e["facts"]), "types": dict(e["types"]),
         "first": e["first"], "last": e["last"]}
        for p, e in rows.items()
    ]
    found.sort(key=lambda e: (-e["appearances"], e["person"]))
    return {"people": found, "total": len(found)}


def meetings(store: Store) -> dict[str, Any]:
    found: dict[str, dict[str, Any]] = {}
    undated = 0
    for r in store.records(type="meeting"):
        when = r.meeting_date or r.date
        if not when:
            undated += 1
            continue
        entry = found.setdefault(when, {"date": when, "documents": set(), "text": r.text})
        entry["documents"].add(r.document)
    rows = [{**e, "documents": sorted(e["documents"])} for e in found.values()]
    rows.sort(key=lambda e: e["date"], reverse=True)
    counts = Counter(
        r.meeting_date for r in store.records(type=("decision", "action")) if r.meeting_date
    )
    for row in rows:
        row["minuted"] = counts.get(row["date"], 0)
    return {"meetings": rows, "undated": undated}


def meeting(store: Store, day: str) -> dict[str, Any] | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        return None
    docs = doc_index(store)
    got = {}
    for kind in ("meeting", "attendance", "decision", "action", "funding"):
        got[kind] = [
            fact_row(f, docs) for f in distinct(store.records(type=kind, meeting_date=day))
        ]
    if not any(got.values()):
        return None
    items: list[dict[str, Any]] = []
    for m in got["meeting"]:
        items.extend(m.get("items") or [])
    return {
        "date": day,
        "items": items,
        "attendance": got["attendance"],
        "decisions": got["decision"],
        "actions": got["action"],
        "funding": got["funding"],
    }


def check_year(year: str) -> str:
    try:
        return str(FinancialYear.parse(year))
    except ArchiveError:
        raise
