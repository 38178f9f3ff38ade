"""One writer at a time: an ingest holds ``home/write.lock``; a second one waits for it.

Readers (search) that would bring the index up to date take the same lock without waiting: if
an ingest holds it, they read the index as it is, and the ingest brings it up to date itself.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cdrp_archive.archive.errors import StoreError


@contextmanager
def writer_lock(home: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the archive's writer lock, waiting for another writer (after ``on_wait``)."""
    with _locked(home, wait=True, on_wait=on_wait) as got:
        assert got
        yield


@contextmanager
def try_writer_lock(home: Path) -> Iterator[bool]:
    """Hold the writer lock if it is free; yields whether it was taken."""
    with _locked(home, wait=False, on_wait=None) as got:
        yield got


@contextmanager
def _locked(home: Path, wait: bool, on_wait: Callable[[], None] | None) -> Iterator[bool]:
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(home / "write.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{home}: cannot use as the archive folder ({exc.strerror})") from None
    got = False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            got = True
        except BlockingIOError:
            if wait:
                if on_wait:
                    on_wait()
                fcntl.flock(fd, fcntl.LOCK_EX)
                got = True
        yield got
    finally:
        if got:
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
