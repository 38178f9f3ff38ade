"""One writer at a time: an ingest holds ``home/write.lock``; a second one waits for it.

Readers never wait for it. Those that would bring the index up to date take it only if it is
free; if an ingest holds it they read what is there, and the ingest brings the index up to date
itself.

The lock is an ``flock`` on the file, and only the process that took it ever holds it: the file
is opened close-on-exec, and its descriptor is closed in every child forked while it is held
(``archive.processes``), so a worker left behind by a killed ingest cannot keep it. The holder
writes its pid (and the time the kernel started it) into the file and empties the file when it
lets go, so:

- a lock found taken that names a process that no longer runs is taken over, and the caller is
  told (``on_note``);
- a lock found free that still names a process says that writer was killed before it finished
  (what it stored is whole: each document is one transaction); the caller is told as well.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from cdrp_archive.archive import processes
from cdrp_archive.archive.errors import StoreError

LOCK_NAME = "write.lock"
POLL_SECONDS = 0.2

Note = Callable[[str], None]

_held: dict[Path, int] = {}  # the archive folders this process holds the lock of, and its fd


@dataclass(frozen=True)
class Holder:
    """The process a lock file names."""

    pid: int
    started: str | None = None  # the kernel's start time of the process, where known

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # another user's process: it exists
        state, started = _proc_stat(self.pid)
        if state == "Z":  # killed, not yet reaped by its parent
            return False
        return not (self.started and started and started != self.started)  # pid reused

    @classmethod
    def me(cls) -> Holder:
        return cls(os.getpid(), _proc_stat(os.getpid())[1])

    def line(self) -> str:
        return f"{self.pid} {self.started or '-'}\n"

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        parts = text.split()
        if not parts or not parts[0].isdigit():
            return None
        started = parts[1] if len(parts) > 1 and parts[1] != "-" else None
        return cls(int(parts[0]), started)


@contextmanager
def writer_lock(
    home: Path, on_wait: Callable[[], None] | None = None, on_note: Note | None = None
) -> Iterator[None]:
    """Hold the archive's writer lock, waiting for another writer (after ``on_wait``)."""
    with _locked(home, wait=True, on_wait=on_wait, on_note=on_note) as got:
        assert got
        yield


@contextmanager
def try_writer_lock(home: Path, on_note: Note | None = None) -> Iterator[bool]:
    """Hold the writer lock if it is free; yields whether it was taken."""
    with _locked(home, wait=False, on_wait=None, on_note=on_note) as got:
        yield got


def holds(home: Path) -> bool:
    """Whether this process holds the archive's writer lock."""
    return _key(home) in _held


def holder(home: Path) -> Holder | None:
    """The process the lock file names (None when it names none)."""
    try:
        return Holder.parse((home / LOCK_NAME).read_text())
    except (OSError, UnicodeDecodeError):
        return None


@contextmanager
def _locked(
    home: Path, wait: bool, on_wait: Callable[[], None] | None, on_note: Note | None
) -> Iterator[bool]:
    key = _key(home)
    if key in _held:  # taken further up this process: already ours
        yield True
        return
    fd = _acquire(home, wait, on_wait, on_note or (lambda _: None))
    if fd is None:
        yield False
        return
    _held[key] = fd
    try:
        yield True
    finally:
        _held.pop(key, None)
        try:
            os.ftruncate(fd, 0)  # names no one: released cleanly
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _acquire(home: Path, wait: bool, on_wait: Callable[[], None] | None, note: Note) -> int | None:
    path = home / LOCK_NAME
    waited = False
    while True:
        fd = _open(home, path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            found = _read(fd)
            if found is not None and not found.alive():
                note(
                    f"the archive's write lock was held for pid {found.pid}, which is no longer "
                    "running; taking it over"
                )
                _discard(path, fd)
                continue
            os.close(fd)
            if not wait:
                return None
            if not waited and on_wait:
                on_wait()
            waited = True
            time.sleep(POLL_SECONDS)
            continue
        if not _same_file(fd, path):  # taken over and replaced meanwhile: lock the new one
            os.close(fd)
            continue
        last = _read(fd)
        if last is not None and last.pid != os.getpid() and not last.alive():
            note(
                f"the last writer (pid {last.pid}) was stopped before it finished; "
                "the documents it stored are whole and kept"
            )
        os.ftruncate(fd, 0)
        os.pwrite(fd, Holder.me().line().encode(), 0)
        return fd


def _open(home: Path, path: Path) -> int:
    try:
        home.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise StoreError(f"{home}: cannot use as the archive folder ({exc.strerror})") from None


def _read(fd: int) -> Holder | None:
    try:
        return Holder.parse(os.pread(fd, 200, 0).decode("ascii", "replace"))
    except OSError:
        return None


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _discard(path: Path, fd: int) -> None:
    """Unlink a lock file whose holder is dead (unless another process replaced it first)."""
    try:
        if _same_file(fd, path):
            path.unlink()
    except FileNotFoundError:
        pass
    finally:
        os.close(fd)


def _proc_stat(pid: int) -> tuple[str | None, str | None]:
    """(state, start time) of a process from /proc, or Nones where there is no /proc."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None, None
    fields = text[text.rfind(")") + 2 :].split()
    return (fields[0], fields[19]) if len(fields) > 19 else (None, None)


def _key(home: Path) -> Path:
    return home.expanduser().resolve()


def _close_in_child() -> None:
    """In a forked child: drop the lock's descriptors (the parent still holds the lock)."""
    for fd in _held.values():
        with suppress(OSError):
            os.close(fd)
    _held.clear()


processes.on_fork(_close_in_child)
