"""`cdrp-archive trace QUERY`: a milestone's statuses through time, across plan years."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from cdrp_archive.archive.analysis.actions import find as find_actions
from cdrp_archive.archive.analysis.decisions import decision_events
from cdrp_archive.archive.analysis.facts import source_label
from cdrp_archive.archive.analysis.milestones import (
    Milestone,
    QuarterView,
    Threads,
    build_threads,
    find,
)
from cdrp_archive.archive.records import MilestoneStatus
from cdrp_archive.archive.values import period_key
from cdrp_archive.cli.commands import trace_actions, trace_decisions
from cdrp_archive.cli.context import fail, open_store, out, print_json_lines, year_option

STATUS_STYLE = {
    "green": "bold black on green",
    "amber": "bold black on yellow",
    "red": "bold white on red",
}


def trace(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(help="A milestone ref (4.3d), a key (2009-10:4.3d) or free text.")
    ],
    year: Annotated[
        str | None, typer.Option("--year", "-y", help="Only this plan year, e.g. 2009-10.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per (milestone, quarter).")
    ] = False,
) -> None:
    """Trace milestones through time: one column per quarter, coloured by status, with the
    progress notes and the document and page of every source. Milestones renumbered in a
    later plan are followed along their thread (see `cdrp-archive link`). An action is
    followed from the minutes that set it through the action logs that report it.

    Example: cdrp-archive trace Homeshield
    """
    fy = year_option(year)
    with open_store(ctx) as store:
        view = build_threads(store.records(type="milestone_status"), store.links())
        events = decision_events(store, query, fy)
        actions = find_actions(trace_actions.load(store), query)
    if fy:
        actions = [a for a in actions if any(o.financial_year == fy for o in a.observations)]
    if not view.milestones and not events and not actions:
        raise fail("the archive holds no milestone statuses: ingest performance reports first")
    try:
        matched = find(view, query, fy) if view.milestones else []
    except ValueError as exc:
        if not events and not actions:
            raise fail(str(exc)) from None
        matched = []
    if not matched and not events and not actions:
        where = f" in {fy}" if fy else ""
        raise fail(f"no milestone matches {query!r}{where}, nor any action")
    threads = list(dict.fromkeys(view.thread_of[m.key] for m in matched))
    if as_json:
        print_json_lines(_json_rows(view, threads, fy))
        trace_actions.show(actions, as_json)
        trace_decisions.show(events, query, as_json)
        return
    for thread in threads:
        out.print(_thread_table(view, thread, fy))
    trace_actions.show(actions, as_json)
    trace_decisions.show(events, query, as_json)


def _members(view: Threads, thread: str, year: str | None) -> list[Milestone]:
    return [m for m in view.members(thread) if not year or m.financial_year == year]


def _json_rows(view: Threads, threads: list[str], year: str | None) -> list[dict[str, Any]]:
    rows = []
    for thread in threads:
        for milestone in _members(view, thread, year):
            for quarter in milestone.quarters():
                rows.append(_json_row(milestone, quarter, thread))
    rows.sort(key=lambda r: (period_key(r["financial_year"], r["quarter"]), r["thread"]))
    return rows


def _json_row(milestone: Milestone, quarter: QuarterView, thread: str) -> dict[str, Any]:
    first = next((r for r in quarter.sources if r.status), quarter.sources[0])
    row = first.to_dict()
    row.update(
        milestone_key=milestone.key,
        thread=thread,
        status=quarter.status,
        statuses=quarter.statuses,
        conflict=quarter.conflict,
        progress=quarter.progress,
        sources=[
            {
                "document": r.document,
                "sha256": r.sha256,
                "page": r.page,
                "printed_page": r.printed_page,
                "status": f.status,
                "status_source": f.status_source,
                "progress": f.progress,
            }
            for r in quarter.sources
            for f in [r.typed(MilestoneStatus)]
        ],
    )
    return row


def _thread_table(view: Threads, thread: str, year: str | None) -> Table:
    members = _members(view, thread, year)
    periods = sorted(
        {(q.financial_year, q.quarter) for m in members for q in m.quarters()},
        key=lambda p: period_key(*p),
    )
    head = view.milestones[thread]
    table = Table(
        title=Text(f"thread {thread}: {head.text or '(milestone text lost)'}"),
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("milestone", ratio=1, overflow="fold")
    for fy, quarter in periods:
        table.add_column(f"{fy} {quarter}", ratio=2, overflow="fold")
    for milestone in members:
        views = {(q.financial_year, q.quarter): q for q in milestone.quarters()}
        cells = [_quarter_cell(views[p]) if p in views else Text("") for p in periods]
        table.add_row(_milestone_cell(view, milestone), *cells)
    return table


def _milestone_cell(view: Threads, milestone: Milestone) -> Text:
    text = Text(f"{milestone.financial_year} {milestone.ref or '(no ref)'}", style="bold")
    text.append(f"\n{milestone.text}")
    link = next((lk for lk in view.links if lk.later == milestone.key), None)
    if link is not None:
        how = "linked by user" if link.kind == "user" else f"similarity {link.score:.2f}"
        text.append(f"\nfollows {link.earlier} ({how})", style="italic")
    return text


def _quarter_cell(quarter: QuarterView) -> Text:
    text = Text()
    if quarter.conflict:
        text.append("CONFLICT: " + " vs ".join(quarter.statuses), style="bold magenta")
    elif quarter.status:
        text.append(f" {quarter.status.upper()} ", style=STATUS_STYLE[quarter.status])
    else:
        text.append("no status", style="dim")
    if quarter.progress:
        text.append(f"\n{quarter.progress}")
    for record in quarter.sources:
        note = f" {record.status}" if quarter.conflict and record.status else ""
        where = source_label(record.document, record.page, record.printed_page)
        text.append(f"\n{where}{note}", style="dim")
    return text


def register(app: typer.Typer) -> None:
    app.command()(trace)
