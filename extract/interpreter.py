"""What an interpreter is, and the order interpreters run in.

An interpreter declares itself once, in its own module, as ``INTERPRETER = Interpreter(...)``:
its name, the record types it emits, the record types of other interpreters it reads, and its
function ``run(view, ctx, earlier)``. The pipeline lists the interpreter modules in one place
(``pipeline.INTERPRETERS``) and runs them in an order where every interpreter comes after the
ones whose records it reads; ``earlier`` hands it those records (by type). No interpreter
imports another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from cdrp_archive.archive.models import RECORD_TYPES, Record
from cdrp_archive.extract.context import DocContext
from cdrp_archive.extract.view import PaperView

Earlier = Mapping[str, Sequence[Record]]
Run = Callable[[PaperView, DocContext, Earlier], list[Record]]


@dataclass(frozen=True)
class Interpreter:
    name: str
    emits: tuple[str, ...]
    run: Run
    reads: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = [t for t in (*self.emits, *self.reads) if t not in RECORD_TYPES]
        if unknown:
            raise ValueError(f"interpreter {self.name}: unknown record types {unknown}")


def ordered(interpreters: Iterable[Interpreter]) -> list[Interpreter]:
    """The interpreters in their listed order, moved only as far as needed for each to come
    after every interpreter emitting a type it reads."""
    pending = list(interpreters)
    done: list[Interpreter] = []
    while pending:
        ready = next(
            (
                it
                for it in pending
                if not any(t in o.emits for t in it.reads for o in pending if o is not it)
            ),
            None,
        )
        if ready is None:
            raise ValueError(f"interpreters read each other's records: {[i.name for i in pending]}")
        pending.remove(ready)
        done.append(ready)
    return done


def run_all(interpreters: Iterable[Interpreter], view: PaperView, ctx: DocContext) -> list[Record]:
    """Every interpreter's records, in run order; an interpreter that emits a type it did not
    declare is a bug."""
    by_type: dict[str, list[Record]] = {}
    out: list[Record] = []
    for it in ordered(interpreters):
        records = it.run(view, ctx, {t: by_type.get(t, []) for t in it.reads})
        for record in records:
            if record.type not in it.emits:
                raise TypeError(f"interpreter {it.name} emitted an undeclared {record.type}")
            by_type.setdefault(record.type, []).append(record)
        out.extend(records)
    return out
