"""Searching the archive itself, for when the Whoosh index cannot be read right now (missing,
torn by a killed writer, of an older schema) and rebuilding it is not a quick job: every
record whose text holds every word (a word matches the start of a word: ``burglar`` finds
``burglaries``), or any of them with OR, without those after NOT. Unranked: most matches first,
then by date. The index's field names are read as words (``ref:4.3d`` looks for ``4.3d``),
except ``type:``, ``year:`` and ``quarter:``, which filter."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cdrp_archive.archive.errors import QueryError
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.store import Store
from cdrp_archive.index.search_index import FIELD_ALIASES, Hit, SearchResult

SNIPPET = 220
_TOKEN = re.compile(r'"([^"]*)"|(\w+):("[^"]*"|\S+)|(\S+)')


@dataclass
class PlainQuery:
    terms: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    any_of: bool = False
    types: list[str] = field(default_factory=list)
    year: str | None = None
    quarter: str | None = None


def parse(text: str) -> PlainQuery:
    """The words, phrases, exclusions and filters of a query (pure)."""
    parsed = PlainQuery()
    negate = False
    for phrase, name, value, word in _TOKEN.findall(text):
        if word.upper() in ("AND", "OR", "NOT"):
            parsed.any_of |= word.upper() == "OR"
            negate = word.upper() == "NOT"
            continue
        term = phrase or word
        if name:
            value = value.strip('"')
            target = FIELD_ALIASES.get(name.lower())
            if target == "type":
                parsed.types.append(value.lower())
                continue
            if target == "fy":
                parsed.year = value
                continue
            if target == "quarter":
                parsed.quarter = value.upper()
                continue
            term = value
        term = " ".join(re.findall(r"[\w.'&/-]+", term)).strip(".")
        if term:
            (parsed.excluded if negate else parsed.terms).append(term.lower())
        negate = False
    if not parsed.terms:
        raise QueryError(f"nothing to search for in {text!r}")
    return parsed


def search_archive(
    store: Store,
    text: str,
    types: Iterable[str] = (),
    year: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = 20,
    sort: str = "relevance",
) -> SearchResult:
    """The records matching ``text`` under the filters, as the index's search would list them."""
    q = parse(text)
    wanted = list(types) + q.types
    candidates = store.records(
        type=wanted or None,
        year=year or q.year,
        quarter=q.quarter,
        date_from=date_from,
        date_to=date_to,
        contains=None if q.any_of else q.terms[0],
    )
    patterns = [_pattern(t) for t in q.terms]
    excluded = [_pattern(t) for t in q.excluded]
    scored: list[tuple[int, Record]] = []
    for record in candidates:
        body = _searchable(record)
        counts = [len(p.findall(body)) for p in patterns]
        matched = any(counts) if q.any_of else all(counts)
        if matched and not any(p.search(body) for p in excluded):
            scored.append((sum(counts), record))
    if sort == "relevance":
        scored.sort(key=lambda pair: (-pair[0], pair[1].date or "", pair[1].document))
    hits = [
        Hit(id=record.id, score=None, snippet=_snippet(record.text, patterns))
        for _, record in scored[:limit]
    ]
    return SearchResult(hits=hits, total=len(scored))


def _pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words), re.IGNORECASE)


def _searchable(record: Record) -> str:
    extra = " ".join(str(v) for v in record.to_dict().values() if isinstance(v, str))
    return f"{record.text} {extra}"


def _snippet(text: str, patterns: list[re.Pattern[str]]) -> str:
    """Up to ``SNIPPET`` characters around the first match, matches between \\x01 and \\x02."""
    first = min((m.start() for p in patterns if (m := p.search(text))), default=0)
    start = max(0, first - SNIPPET // 4)
    window = text[start : start + SNIPPET]
    for p in patterns:
        window = p.sub(lambda m: "\x01" + m.group(0) + "\x02", window)
    return ("…" if start else "") + window + ("…" if start + SNIPPET < len(text) else "")
