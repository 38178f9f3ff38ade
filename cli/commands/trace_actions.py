"""The action half of `cdrp-archive trace` and `actions --open`: an action's history, from the
minutes that set it through the logs that report it (``archive.analysis.actions``)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from cdrp_archive.archive.analysis.actions import ActionHistory, histories
from cdrp_archive.archive.store import Store
from cdrp_archive.cli.context import out, print_json_lines

STATE_STYLE = {
    "done": "bold black on green",
    "on track": "black on green",
    "open": "bold black on yellow",
    "overdue": "bold white on red",
    "dropped": "dim",
    "unknown": "dim",
}


def load(store: Store) -> list[ActionHistory]:
    """Every action's history in the archive."""
    return histories([*store.records(type="action"), *store.records(type="action_update")])


def state_text(state: str) -> Text:
    return Text(f" {state} ", style=STATE_STYLE.get(state, ""))


def history_table(history: ActionHistory) -> Table:
    """One action: one row per observation, in time order."""
    table = Table(
        title=Text(f"action {history.key}: {history.text}"),
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("as of", no_wrap=True)
    table.add_column("status (as printed)", ratio=2)
    table.add_column("state", no_wrap=True)
    table.add_column("owner", ratio=1)
    table.add_column("source", ratio=2, overflow="fold")
    for row in history.to_dict()["history"]:
        status = row["status"] if row["type"] == "action_update" else "set at the meeting"
        owner = row["owner"] or row["owner_raw"] or ""
        where = row["source"] + (f"\n{row['section']}" if row["section"] else "")
        table.add_row(row["date"] or "", status or "", state_text(row["state"]), owner, where)
    return table


def show(found: list[ActionHistory], as_json: bool) -> None:
    """Each action's history (one JSON object per action with --json)."""
    if as_json:
        print_json_lines(h.to_dict() for h in found)
        return
    for history in found:
        out.print(history_table(history))


def open_table(found: list[ActionHistory]) -> Table:
    """Open actions at 80 columns: action, owner, last known state and its date, source."""
    table = Table(title=f"{len(found)} open actions", show_lines=True, expand=True)
    table.add_column("action", ratio=3)
    table.add_column("owner", ratio=1)
    table.add_column("state", no_wrap=True)
    table.add_column("as of", no_wrap=True)
    table.add_column("source", ratio=2, overflow="fold")
    for h in found:
        last = h.to_dict()["history"][-1]
        table.add_row(h.text, h.owner or "", state_text(h.state), h.as_of or "", last["source"])
    return table
