"""Whoosh index of every record: build, bring up to date, search with corrections."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)  # Whoosh 2.7.4's invalid escapes
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import highlight, index, qparser, query
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
    from whoosh.index import EmptyIndexError

import itertools

from cdrp_archive.archive.errors import QueryError
from cdrp_archive.archive.models import Record
from cdrp_archive.archive.store import Store

log = logging.getLogger(__name__)

INDEX_SCHEMA_VERSION = 2  # 2: the fields of a record beyond its text go to `more`

# Whoosh writer options (benchmarks/bench.py --full compares them). A full rebuild of a large
# archive writes segments in parallel: 1.65x faster for 20,000 records on 2 cores.
WRITER_OPTIONS: dict[str, Any] = {"limitmb": 256}
PARALLEL_FROM = 2_000  # records; below this the worker processes cost as much as they save
MAX_SEGMENTS = 8  # an update that leaves more merges them, so searches stay quick


def _writer_options(total: int) -> dict[str, Any]:
    procs = min(os.cpu_count() or 1, 4)
    if total < PARALLEL_FROM or procs < 2 or "procs" in WRITER_OPTIONS:
        return WRITER_OPTIONS
    return {**WRITER_OPTIONS, "procs": procs, "multisegment": True}


# Fields a user may name in a query (`ref:4.3d`, `status:red`, `owner:turner`).
FIELD_ALIASES = {
    "ref": "ref",
    "milestone_ref": "ref",
    "minute": "ref",
    "status": "status",
    "outcome": "status",
    "owner": "who",
    "who": "who",
    "priority": "priority",
    "fund": "fund",
    "type": "type",
    "document": "document",
    "doc": "document",
    "year": "fy",
    "fy": "fy",
    "financial_year": "fy",
    "quarter": "quarter",
    "page": "page",
    "kind": "kind",
    "text": "text",
}


def _schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        sha256=ID(stored=True),
        type=ID(stored=True),
        document=ID(stored=True),
        page=NUMERIC(stored=True),
        date=ID(stored=True, sortable=True),
        fy=ID(stored=True),
        quarter=ID(stored=True),
        kind=ID,
        ref=ID(stored=True),
        status=ID,
        who=TEXT,
        priority=TEXT,
        fund=TEXT,
        text=TEXT(analyzer=StemmingAnalyzer(), stored=True, spelling=True),
        more=TEXT(analyzer=StemmingAnalyzer(), spelling=True),
        order=STORED,
    )


@dataclass(frozen=True)
class Hit:
    id: str
    score: float | None  # None when sorted by date
    snippet: str = ""  # text with matches between \x01 and \x02 (see SearchResult.snippet)


@dataclass
class SearchResult:
    """Every match, best (or newest) first; ``total`` is how many there are."""

    hits: list[Hit]
    total: int
    corrected: str | None = None
    notes: list[str] = field(default_factory=list)
    terms: frozenset[str] = frozenset()  # the query's words as indexed (stemmed, expanded)

    def snippet(self, text: str) -> str:
        """The passages of ``text`` around the query's words, the words between \x01 and
        \x02, parts joined by " … "; the text's start when none of them is in it."""
        if self.terms:
            marked = highlight.highlight(
                text,
                self.terms,
                StemmingAnalyzer(),
                highlight.ContextFragmenter(maxchars=220, surround=60),
                _Marker(),
                top=2,
            )
            if marked:
                return marked
        return text[:220]


class _Marker(highlight.Formatter):
    between = " … "

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return "\x01" + highlight.get_text(text, token, replace) + "\x02"


def _doc(record: Record) -> dict[str, Any]:
    """The index's document for a record: what each field feeds is declared by its type
    (``index=`` in ``archive.records``)."""
    fields = record.fields

    def first(role: str) -> str:
        return str(next((v for v in fields.feeding(role) if v), ""))

    searchable = " ".join(str(v) for v in fields.feeding("more") if v and str(v) not in record.text)
    return {
        "id": record.id,
        "sha256": record.sha256,
        "type": record.type,
        "document": record.document,
        "page": record.page or 0,
        "date": record.date or "",
        "fy": record.financial_year or "",
        "quarter": record.quarter or "",
        "kind": first("kind"),
        "ref": first("ref").lower(),
        "status": first("status").lower(),
        "who": " ".join(str(v or "") for v in fields.feeding("who")).strip(),
        "priority": first("priority"),
        "fund": first("fund"),
        "text": record.text,
        "more": searchable,
    }


class SearchIndex:
    """The Whoosh index in ``home/index`` with a state file saying what it reflects."""

    def __init__(self, home: Path) -> None:
        self.dir = home / "index"
        self.state_path = self.dir / "state.json"

    # --- state ------------------------------------------------------------------------

    def _state(self) -> dict[str, Any]:
        try:
            return json.loads(self.state_path.read_text())
        except (OSError, ValueError):
            return {}

    def _write_state(self, store: Store, generation: int) -> None:
        tmp = self.state_path.with_suffix(".tmp")
        state = {
            "schema": INDEX_SCHEMA_VERSION,
            "store_schema": store.schema_version,
            "generation": generation,
        }
        tmp.write_text(json.dumps(state))
        tmp.replace(self.state_path)

    def status(self, store: Store) -> str:
        """``current``, ``behind``, ``missing``, ``old-schema`` or ``broken``."""
        state = self._state()
        if not state:
            return "missing"
        if state.get("schema") != INDEX_SCHEMA_VERSION:
            return "old-schema"
        if state.get("store_schema") != store.schema_version:  # a migration rewrote records
            return "old-schema"
        try:  # a writer killed mid-commit can leave a torn table of contents
            index.open_dir(str(self.dir)).doc_count()
        except EmptyIndexError:
            return "missing"
        except Exception:
            return "broken"
        return "current" if state.get("generation") == store.generation else "behind"

    def pending(self, store: Store, status: str | None = None) -> int:
        """How many records bringing the index up to date would write (all of them when it
        must be rebuilt)."""
        status = status or self.status(store)
        if status == "current":
            return 0
        if status != "behind":
            return store.count()
        with index.open_dir(str(self.dir)).searcher() as searcher:
            indexed = {t.decode() for t in searcher.lexicon("sha256")}
        counts = store.counts_by_document()
        return sum(n for sha, n in counts.items() if sha not in indexed)

    # --- writing ----------------------------------------------------------------------

    def sync(
        self,
        store: Store,
        progress: Callable[[int, int], None] | None = None,
        status: str | None = None,
    ) -> str:
        """Bring the index up to date with the store; returns what was done.

        ``status`` is what ``status()`` has just said, under the same writer lock, so the
        index is not opened again to ask.
        """
        status = status or self.status(store)
        if status == "current":
            return "current"
        if status in ("missing", "old-schema", "broken"):
            self.rebuild(store, progress)
            return f"rebuilt ({status})"
        self._update(store, progress)
        return "updated"

    def rebuild(self, store: Store, progress: Callable[[int, int], None] | None = None) -> int:
        generation = store.generation
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        ix = index.create_in(str(self.dir), _schema())
        total = store.count()
        done = self._add(ix, store.iter_records(), total, progress, optimize=True)
        self._write_state(store, generation)
        return done

    def _update(self, store: Store, progress: Callable[[int, int], None] | None) -> None:
        generation = store.generation
        ix = index.open_dir(str(self.dir))
        with ix.searcher() as searcher:
            indexed = {t.decode() for t in searcher.lexicon("sha256")}
        stored = {d.sha256 for d in store.documents()}
        gone, new = indexed - stored, stored - indexed
        if gone:
            writer = ix.writer()
            for sha in gone:
                writer.delete_by_term("sha256", sha)
            writer.commit()
        records: list[Record] = []
        for sha in sorted(new):
            records.extend(store.records(sha256=sha))
        self._add(ix, records, len(records), progress, optimize=False)
        self._write_state(store, generation)

    def _add(
        self,
        ix: Any,
        records: Iterable[Record],
        total: int,
        progress: Callable[[int, int], None] | None,
        optimize: bool,
    ) -> int:
        writer = ix.writer(**_writer_options(total))
        done = 0
        for record in records:
            writer.add_document(**_doc(record))
            done += 1
            if progress and done % 500 == 0:
                progress(done, total)
        writer.commit(optimize=optimize)
        if not optimize and len(ix._segments()) > MAX_SEGMENTS:
            ix.optimize()
        if progress:
            progress(done, total)
        return done

    # --- reading ----------------------------------------------------------------------

    def search(
        self,
        text: str,
        types: Iterable[str] = (),
        year: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        sort: str = "relevance",
    ) -> SearchResult:
        """The records matching ``text`` under the filters, best first (``sort="date"``:
        newest first; ``"oldest"``: oldest first), all of them unless ``limit`` is given
        (``total`` counts all the same); corrected when nothing matches as typed."""
        try:
            ix = index.open_dir(str(self.dir))
        except (EmptyIndexError, OSError) as exc:
            raise QueryError(
                f"the search index is missing ({exc}); run `cdrp-archive reindex`"
            ) from None
        parser = qparser.MultifieldParser(["text", "more"], ix.schema, group=qparser.AndGroup)
        parser.add_plugin(qparser.FieldAliasPlugin(_aliases()))
        parser.remove_plugin_class(qparser.WildcardPlugin)
        parser.add_plugin(qparser.WildcardPlugin())
        q = self._parse(parser, text)
        filt = _filter(types, year, date_from, date_to)
        with ix.searcher() as searcher:
            result = self._run(searcher, q, filt, sort)
            if result.total == 0:
                corrected = self._correct(searcher, parser, text)
                if corrected:
                    retry = self._run(searcher, self._parse(parser, corrected), filt, sort)
                    if retry.total:
                        retry.corrected = corrected
                        result = retry
        if limit is not None:
            result.hits = result.hits[:limit]
        return result

    @staticmethod
    def _parse(parser: Any, text: str) -> Any:
        if not text.strip():
            raise QueryError("empty search query")
        empty = re.search(r"\b(\w+):(?=\s|$)", text)
        if empty:
            raise QueryError(f"{empty.group(1)}: needs a value, e.g. ref:4.3d or status:red")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            q = parser.parse(_normalise(text))
        if q is query.NullQuery or q is None:
            raise QueryError(f"nothing to search for in {text!r}")
        return q

    @staticmethod
    def _run(searcher: Any, q: Any, filt: Any, sort: str) -> SearchResult:
        kwargs: dict[str, Any] = {"limit": None, "filter": filt}
        if sort != "relevance":
            kwargs.update(sortedby="date", reverse=sort == "date")
        results = searcher.search(q, **kwargs)
        hits = []
        for docnum, raw_score in results.items():
            fields = searcher.stored_fields(docnum)
            score = float(raw_score or 0.0) if sort == "relevance" else None
            key = (
                -round(score, 6) if score is not None else 0,
                fields.get("document", ""),
                fields.get("page", 0),
                fields["id"],
            )
            hits.append((key, Hit(id=fields["id"], score=score)))
        # Equal scores in a stable order (document, page), however the index was written.
        ordered = (
            [h for _, h in sorted(hits, key=lambda pair: pair[0])]
            if sort == "relevance"
            else [h for _, h in hits]
        )
        terms = frozenset(
            t.decode() if isinstance(t, bytes) else str(t)
            for field_name, t in q.existing_terms(searcher.reader(), expand=True)
            if field_name in ("text", "more")
        )
        return SearchResult(hits=ordered, total=len(ordered), terms=terms)

    @staticmethod
    def _correct(searcher: Any, parser: Any, text: str) -> str | None:
        """A spelling correction, or words joined that the index knows (Home shield)."""
        words = re.findall(r"[A-Za-z]+", text)
        lexicon = searcher.reader()
        joined = text
        for first, second in itertools.pairwise(words):
            candidate = (first + second).lower()
            if lexicon.frequency("text", candidate) or _stem_known(lexicon, candidate):
                joined = re.sub(rf"\b{first}\s+{second}\b", first + second, joined)
        if joined != text:
            return joined
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                q = parser.parse(_normalise(text))
                correction = searcher.correct_query(q, text, maxdist=2, prefix=1)
        except Exception:  # Whoosh's corrector fails on some query shapes: no suggestion
            return None
        if correction.query != q:
            return correction.string
        return None


def _stem_known(reader: Any, word: str) -> bool:
    stemmed = next(iter(StemmingAnalyzer()(word)), None)
    return bool(stemmed and reader.frequency("text", stemmed.text))


def _aliases() -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for alias, target in FIELD_ALIASES.items():
        if alias != target:
            grouped.setdefault(target, []).append(alias)
    return grouped


_REF = re.compile(r"\b(ref|milestone_ref|minute):(\S+)", re.IGNORECASE)


def _normalise(text: str) -> str:
    """Refs are indexed lower case; Whoosh wants its operators upper case."""
    text = _REF.sub(lambda m: f"{m.group(1)}:{m.group(2).lower()}", text)
    return re.sub(r"\b(and|or|not)\b", lambda m: m.group(1).upper(), text)


def _filter(
    types: Iterable[str], year: str | None, date_from: str | None, date_to: str | None
) -> Any:
    parts: list[Any] = []
    types = list(types)
    if types:
        parts.append(query.Or([query.Term("type", t) for t in types]))
    if year:
        parts.append(query.Term("fy", year))
    if date_from or date_to:
        parts.append(
            query.TermRange(
                "date", date_from or "0000", date_to or "9999", startexcl=False, endexcl=False
            )
        )
    if not parts:
        return None
    return query.And(parts) if len(parts) > 1 else parts[0]


def iter_ids(result: SearchResult) -> Iterator[str]:
    return (hit.id for hit in result.hits)
