"""Minutes records of one real paper measured against its hand-read golden (shared helper of
``test_real_minutes.py``; also run as a script to print the per-paper figures)."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from cdrp_archive.archive.models import Record
from cdrp_archive.extract.pipeline import extract_file

GOLDEN_ROOT = Path(__file__).resolve().parent / "golden" / "real-papers"


def squash(text: str) -> str:
    """Text compared as words: case, quotes and spacing evened out."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(re.findall(r"[\w£%'&]+", text.lower()))


@dataclass(frozen=True)
class Figures:
    """What the code finds in one paper, beside the hand counts of its golden."""

    meetings: int
    meetings_hand: int
    dates: int  # golden meeting dates the code gives to one of its meetings
    decisions: int
    decisions_hand: int
    decisions_matched: int  # hand-read decisions whose words are in a decision the code found
    actions: int
    actions_hand: int
    actions_matched: int
    owners_matched: int  # matched actions whose owner the code resolved as the golden does


def golden_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def paper_of(golden_path: Path, shared: Path) -> Path:
    return shared / golden_of(golden_path)["paper"]


@cache
def records_of(paper: Path) -> tuple[Record, ...]:
    return tuple(extract_file(paper)[1])


def _owner_of(golden_action: dict) -> str | None:
    return golden_action.get("owner")


def measure(golden_path: Path, shared: Path) -> Figures:
    gold = golden_of(golden_path)
    records = records_of(paper_of(golden_path, shared))
    meetings = [r for r in records if r.type == "meeting"]
    decisions = [squash(r.text) for r in records if r.type == "decision"]
    actions = [r for r in records if r.type == "action"]
    our_dates = {r.fields.get("meeting_date") for r in meetings}
    gold_meetings = gold.get("meetings", [])
    gold_decisions = gold.get("decisions", [])
    gold_actions = gold.get("actions", [])
    matched_decisions = sum(
        1
        for d in gold_decisions
        if d.get("text_contains") and any(squash(d["text_contains"]) in t for t in decisions)
    )
    matched_actions = owners = 0
    for a in gold_actions:
        snippet = squash(a.get("text_contains") or a.get("action_contains") or "")
        hits = [r for r in actions if snippet and snippet in squash(r.text)]
        if hits:
            matched_actions += 1
            if any(r.fields.get("owner") == _owner_of(a) for r in hits):
                owners += 1
    return Figures(
        meetings=len(meetings),
        meetings_hand=len(gold_meetings),
        dates=sum(1 for m in gold_meetings if m.get("date") and m["date"] in our_dates),
        decisions=len(decisions),
        decisions_hand=len(gold_decisions),
        decisions_matched=matched_decisions,
        actions=len(actions),
        actions_hand=len(gold_actions),
        actions_matched=matched_actions,
        owners_matched=owners,
    )


def minutes_goldens() -> list[Path]:
    """The goldens of papers that hold minutes (a meeting with decisions or actions)."""
    out = []
    for path in sorted(GOLDEN_ROOT.rglob("*.json")):
        gold = golden_of(path)
        if gold.get("meetings") and (gold.get("decisions") or gold.get("actions")):
            out.append(path)
    return out


if __name__ == "__main__":  # python tests/real_minutes.py /work/shared/real-papers
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/real-papers")
    total = [0] * 10
    for path in minutes_goldens():
        f = measure(path, shared)
        key = str(path.relative_to(GOLDEN_ROOT))
        print(f'    "{key}": {tuple(asdict(f).values())},')
        total = [a + b for a, b in zip(total, asdict(f).values(), strict=True)]
    print("# total", total)
