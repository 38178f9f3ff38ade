"""The hand-read goldens of the real papers keep to their common shape.

Every ``tests/golden/real-papers/<folder>/<paper>.json`` parses, names a paper that exists in
``shared/real-papers`` (skipped where that folder is absent), uses only the keys and vocabularies of
the goldens spec (plus the few extensions the golden READMEs document), and quotes its snippets
verbatim: each ``text_contains``-style snippet is found in the paper after whitespace
normalisation, on the page it names or within two pages before it (a motion's text precedes the
line that records its outcome) or one after (a snippet running over a page break). Each folder's
README hand-count table agrees with the goldens. No project code runs here: the papers are read
with pypdfium2 (PDF) or as text.
"""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from shared import shared_dir

GOLDEN_ROOT = Path(__file__).resolve().parent / "golden" / "real-papers"
GOLDENS = sorted(GOLDEN_ROOT.glob("*/*.json"))

KINDS = {
    "minutes", "agenda", "decision_notice", "record_of_decision", "action_log", "report",
    "forward_plan", "risk_register", "meeting_page", "search_results", "other",
}  # fmt: skip
OUTCOMES = {
    "resolved", "agreed", "approved", "noted", "endorsed", "deferred", "rejected", "carried",
    "fell",
}  # fmt: skip
OWNER_KINDS = {"person", "role", "organisation", "several", "none"}
STATES = {"open", "on track", "done", "overdue", "dropped", "unknown"}
RAG = {"green", "amber", "red"}
DIRECTIONS = {"improving", "worsening", "no change"}
FUNDING_UNITS = {"£", "£000s", "£m"}

# The spec's keys; a record may also carry a free-text "note" (or "notes"). Extensions documented
# in the golden READMEs: meetings[].in_attendance, decisions[].reported_from, owner_kind and
# matches_minutes (a cross-reference to the minutes' action) on action_updates, and the top-level
# "tables" and "risks" lists.
NOTE = {"note", "notes"}
TOP = {
    "paper", "pages", "kind", "body", "date", "date_source", "printed_pages", "meetings",
    "decisions", "actions", "action_updates", "milestones", "indicators", "summary_counts",
    "funding", "notes", "tables", "risks",
}  # fmt: skip
RECORD_KEYS: dict[str, set[str]] = {
    "meetings": {"date", "time", "body", "page", "opening", "present", "apologies",
                 "also_present", "in_attendance", "items"},
    "decisions": {"minute_ref", "item", "page", "verbatim", "outcome", "text_contains", "parts",
                  "votes", "reported_from"},
    "actions": {"minute_ref", "page", "text_contains", "owner_raw", "owner", "owner_kind",
                "owners", "due", "form"},
    "action_updates": {"ref", "page", "action_contains", "owner_raw", "owner", "owner_kind",
                       "owners", "status", "state", "section", "due", "as_of", "matches_minutes"},
    "milestones": {"ref", "page", "milestone_contains", "status_printed", "status",
                   "original_date", "revised_date"},
    "indicators": {"ref", "page", "indicator", "service", "period", "value", "target", "status",
                   "status_printed", "previous_status", "direction_raw", "direction"},
    "summary_counts": {"page", "what", "green", "amber", "red"},
    "funding": {"page", "project_contains", "amount", "currency", "unit", "status", "fund"},
    "tables": {"page", "title_contains", "rows", "unit", "totals_row", "samples"},
    "risks": {"page", "section", "directorate", "risk_title", "likelihood", "annual_exposure",
              "lifetime_exposure", "unit"},
}  # fmt: skip
ATTENDANCE = {"count", "names_sample", "names", "page"} | NOTE
ITEMS = {"count", "refs"} | NOTE
VOTES = {"for", "against", "abstain", "names_given"}
REPORTED_FROM = {"body", "date"}
SNIPPETS = {
    "meetings": "opening",
    "decisions": "text_contains",
    "actions": "text_contains",
    "action_updates": "action_contains",
    "milestones": "milestone_contains",
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def golden_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def load(path: Path) -> dict[str, Any]:
    golden = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(golden, dict), f"{golden_id(path)}: the top level is not an object"
    return golden


def is_date_or_none(value: object) -> bool:
    return value is None or (isinstance(value, str) and ISO_DATE.fullmatch(value) is not None)


def key_problems(where: str, record: object, allowed: set[str]) -> list[str]:
    if not isinstance(record, dict):
        return [f"{where}: not an object"]
    extra = set(record) - allowed - NOTE
    return [f"{where}: unknown keys {sorted(extra)}"] if extra else []


def vocabulary_problems(golden: dict[str, Any]) -> list[str]:
    """Every key and closed vocabulary of the spec, and page numbers within the paper."""
    problems = [f"top: unknown keys {sorted(set(golden) - TOP)}"] if set(golden) - TOP else []
    pages = golden.get("pages")
    if not (pages is None or (isinstance(pages, int) and pages > 0)):
        problems.append(f"pages: {pages!r} is not a positive number")
    if golden.get("kind") not in KINDS:
        problems.append(f"kind: {golden.get('kind')!r} is not one of {sorted(KINDS)}")
    if not is_date_or_none(golden.get("date")):
        problems.append(f"date: {golden.get('date')!r} is not YYYY-MM-DD or null")
    printed = golden.get("printed_pages") or {}
    if not (isinstance(printed, dict) and all(isinstance(v, str) for v in printed.values())):
        problems.append("printed_pages: not an object of page index -> printed number")
    for section, allowed in RECORD_KEYS.items():
        records = golden.get(section) or []
        if not isinstance(records, list):
            problems.append(f"{section}: not a list")
            continue
        for number, record in enumerate(records, 1):
            where = f"{section}[{number}]"
            problems += key_problems(where, record, allowed)
            if isinstance(record, dict):
                problems += record_problems(where, section, record, pages)
    return problems


def record_problems(where: str, section: str, record: dict[str, Any], pages: object) -> list[str]:
    problems: list[str] = []
    page = record.get("page")
    if page is not None and not (
        isinstance(page, int) and page >= 1 and (not isinstance(pages, int) or page <= pages)
    ):
        problems.append(f"{where}: page {page!r} is outside the paper's {pages} pages")
    closed = {
        "outcome": OUTCOMES,
        "owner_kind": OWNER_KINDS,
        "state": STATES,
        "direction": DIRECTIONS,
    }
    if section in {"milestones", "indicators"}:
        closed |= {"status": RAG, "previous_status": RAG}
    for key, vocabulary in closed.items():
        if record.get(key) is not None and record[key] not in vocabulary:
            problems.append(f"{where}: {key} {record[key]!r} is not one of {sorted(vocabulary)}")
    for key in ("date", "due", "as_of"):
        if key in record and not is_date_or_none(record[key]):
            problems.append(f"{where}: {key} {record[key]!r} is not YYYY-MM-DD or null")
    if section == "meetings":
        for key in ("present", "apologies", "also_present", "in_attendance"):
            if record.get(key) is not None:
                problems += key_problems(f"{where}.{key}", record[key], ATTENDANCE)
        if record.get("items") is not None:
            problems += key_problems(f"{where}.items", record["items"], ITEMS)
    if section == "decisions":
        parts = record.get("parts")
        if not (
            parts is None or (isinstance(parts, list) and all(isinstance(p, str) for p in parts))
        ):
            problems.append(f"{where}: parts is not a list of labels or null")
        votes = record.get("votes")
        if votes is not None:
            problems += key_problems(f"{where}.votes", votes, VOTES)
            if isinstance(votes, dict):
                for key in ("for", "against", "abstain"):
                    count = votes.get(key)
                    if not (count is None or (isinstance(count, int) and count >= 0)):
                        problems.append(f"{where}.votes: {key} {count!r} is not a count")
        if record.get("reported_from") is not None:
            problems += key_problems(
                f"{where}.reported_from", record["reported_from"], REPORTED_FROM
            )
    if section == "funding":
        if record.get("currency") not in {"GBP", None}:
            problems.append(f"{where}: currency {record.get('currency')!r} is not GBP")
        if record.get("unit") not in FUNDING_UNITS | {None}:
            problems.append(f"{where}: unit {record.get('unit')!r} is not one of {FUNDING_UNITS}")
        try:
            Decimal(str(record.get("amount")))
        except InvalidOperation:
            problems.append(f"{where}: amount {record.get('amount')!r} is not a plain number")
    return problems


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def paper_pages(path: Path) -> tuple[str, ...]:
    """The paper's text, one normalised string per page (a text paper is one page)."""
    if path.suffix.lower() == ".pdf":
        import pypdfium2

        document = pypdfium2.PdfDocument(path)
        try:
            return tuple(
                normalise(document[index].get_textpage().get_text_range())
                for index in range(len(document))
            )
        finally:
            document.close()
    raw = path.read_text(encoding="utf-8", errors="replace")
    visible = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return (normalise(raw) + " \x00 " + normalise(visible),)


def snippet_found(pages: tuple[str, ...], page: object, snippet: str) -> bool:
    wanted = normalise(snippet)
    if len(pages) == 1 or not isinstance(page, int):
        return any(wanted in text for text in pages)
    window = " ".join(pages[max(0, page - 3) : min(len(pages), page + 1)])
    return wanted in window


def readme_counts(folder: Path) -> dict[str, dict[str, int]]:
    """The README's hand-count table: paper -> column -> count (cells that are plain numbers)."""
    readme = folder / "README.md"
    if not readme.exists():
        return {}
    rows = [
        [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        for line in readme.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("|")
    ]
    header = next((row for row in rows if row and row[0].lower() == "paper"), None)
    if header is None:
        return {}
    columns = [name.lower() for name in header]
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        if row is header or len(row) != len(columns) or set(row[0]) <= set("-: "):
            continue
        counts[row[0]] = {
            columns[index]: int(cell) for index, cell in enumerate(row) if cell.isdigit()
        }
    return counts


COLUMN_SECTIONS = {
    "meetings": "meetings",
    "decisions": "decisions",
    "actions": "actions",
    "action updates": "action_updates",
    "milestones": "milestones",
    "indicators": "indicators",
}


def test_there_are_goldens() -> None:
    assert GOLDENS, f"no goldens under {GOLDEN_ROOT}"


@pytest.mark.parametrize("path", GOLDENS, ids=golden_id)
def test_keys_and_vocabularies(path: Path) -> None:
    golden = load(path)
    problems = vocabulary_problems(golden)
    assert not problems, f"{golden_id(path)}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("path", GOLDENS, ids=golden_id)
def test_is_named_after_its_paper(path: Path) -> None:
    paper = Path(load(path)["paper"])
    assert paper.parent.name == path.parent.name, (
        f"{golden_id(path)}: paper {paper} is in another folder"
    )
    assert path.name == f"{paper.name}.json", (
        f"{golden_id(path)}: not named '<paper file name>.json'"
    )


@pytest.mark.parametrize("path", GOLDENS, ids=golden_id)
def test_names_an_existing_paper_and_quotes_it(path: Path) -> None:
    golden = load(path)
    paper = shared_dir("real-papers") / golden["paper"]
    assert paper.is_file(), f"{golden_id(path)}: {paper} does not exist"
    pages = paper_pages(paper)
    if paper.suffix.lower() == ".pdf":
        assert golden["pages"] == len(pages), f"{golden_id(path)}: the paper has {len(pages)} pages"
    missing = [
        f"{section} page {record.get('page')}: {record[key]!r}"
        for section, key in SNIPPETS.items()
        for record in golden.get(section) or []
        if record.get(key) and not snippet_found(pages, record.get("page"), record[key])
    ]
    assert not missing, f"{golden_id(path)}: snippets not found verbatim:\n  " + "\n  ".join(
        missing
    )


@pytest.mark.parametrize("folder", sorted({path.parent for path in GOLDENS}), ids=lambda f: f.name)
def test_readme_hand_counts_agree(folder: Path) -> None:
    counts = readme_counts(folder)
    assert counts, f"{folder.name}/README.md has no hand-count table (| paper | meetings | …)"
    disagreements = []
    for path in sorted(folder.glob("*.json")):
        golden = load(path)
        name = Path(golden["paper"]).name
        row = counts.get(name)
        if row is None:
            disagreements.append(f"{name}: no row in the README table")
            continue
        for column, section in COLUMN_SECTIONS.items():
            if column in row and row[column] != len(golden.get(section) or []):
                disagreements.append(
                    f"{name}: README {column} {row[column]}, golden {len(golden.get(section) or [])}"
                )
    assert not disagreements, f"{folder.name}:\n  " + "\n  ".join(disagreements)
