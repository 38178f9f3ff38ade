"""Child processes die with their parent.

An ingest forks workers (extraction) and Whoosh forks writers (a large index rebuild). If the
parent is killed outright (SIGKILL from the OOM killer, a container stop, a job timeout), a
forked child would otherwise live on, orphaned, waiting forever on a queue nobody feeds.
``install()`` registers a fork hook so that every child forked from this process afterwards:

- asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG`` on Linux);
- checks that its parent is still the process that forked it (the parent may have died
  between the fork and that request), and exits at once if not;
- where the kernel cannot be asked (not Linux), watches its parent from a thread and exits
  when it is gone.

It also runs every ``on_fork`` callback registered here (the writer lock closes its
descriptor there, so no child ever holds the archive's lock).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5

_parent = os.getpid()
_installed = False
_in_child: list[Callable[[], None]] = []


def on_fork(callback: Callable[[], None]) -> None:
    """Run ``callback`` in every child forked from now on (after the lifeline is set)."""
    install()
    if callback not in _in_child:
        _in_child.append(callback)


def install() -> None:
    """Make every child forked from now on die with this process (idempotent)."""
    global _installed
    if _installed or not hasattr(os, "register_at_fork"):
        return
    os.register_at_fork(before=_remember_parent, after_in_child=_child_started)
    _installed = True


def _remember_parent() -> None:
    global _parent
    _parent = os.getpid()


def _child_started() -> None:
    parent = _parent
    if not _ask_kernel():
        _watch(parent)
    if os.getppid() != parent:  # the parent died before the kernel was asked
        os._exit(1)
    for callback in _in_child:
        callback()


def _ask_kernel() -> bool:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)``: True if the kernel will kill us with the parent."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
