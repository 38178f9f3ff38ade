"""`cdrp-archive link A B` / `unlink A B`: confirm or break a thread between two milestones.

The choice is stored in the archive keyed by milestone keys (``2009-10:4.3d``), which do not
depend on any document's checksum, so it survives re-ingesting the papers.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cdrp_archive.archive.analysis.milestones import Threads, build_threads, parse_key
from cdrp_archive.archive.store import Store
from cdrp_archive.cli.context import err, fail, open_store, out

KeyArg = Annotated[str, typer.Argument(help="A milestone key: plan year and ref, 2009-10:4.3d.")]


def link(ctx: typer.Context, first: KeyArg, second: KeyArg) -> None:
    """Confirm that two milestones are one thread (a milestone and its renumbered successor).

    Example: cdrp-archive link 2009-10:4.3d 2010-11:1.4b
    """
    with open_store(ctx) as store:
        a, b = _keys(_view(store), first, second)
        store.set_link(a, b, "link")
        view = _view(store)
    out.print(f"linked {a} and {b}: thread {view.thread_of[a]}")


def unlink(ctx: typer.Context, first: KeyArg, second: KeyArg) -> None:
    """Break the thread between two milestones, even where their texts are similar.

    Example: cdrp-archive unlink 2009-10:4.3d 2010-11:1.4b
    """
    with open_store(ctx) as store:
        before = _view(store)
        a, b = _keys(before, first, second)
        was = before.link_between(a, b)
        store.set_link(a, b, "unlink")
        view = _view(store)
    if was is None:
        err.print(f"{a} and {b} were not linked; recorded that they must not be")
    out.print(f"unlinked {a} and {b}: threads {view.thread_of[a]} and {view.thread_of[b]}")


def _view(store: Store) -> Threads:
    return build_threads(store.records(type="milestone_status"), store.links())


def _keys(view: Threads, first: str, second: str) -> tuple[str, str]:
    try:
        a, b = parse_key(first), parse_key(second)
    except ValueError as exc:
        raise fail(str(exc)) from None
    if a == b:
        raise fail(f"{a}: a milestone cannot be linked to itself")
    for key in (a, b):
        if key not in view.milestones:
            raise fail(f"no milestone {key} in the archive (see `cdrp-archive trace QUERY`)")
    return a, b


def register(app: typer.Typer) -> None:
    app.command()(link)
    app.command()(unlink)
