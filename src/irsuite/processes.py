"""Child processes that end with their parent (import workers, the worker beside `serve`).

On Linux the kernel sends the child SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG);
elsewhere, and as a second line on Linux, a daemon thread checks every second that the parent
is still the one the child was started by, and ends the child when it is not.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 1.0


def _parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(POLL_SECONDS):
        if os.getppid() != parent:
            os._exit(1)  # the parent is gone: no clean-up that could outlive it


def die_with_parent(parent: int | None = None) -> None:
    """End this process as soon as `parent` (default: the current parent) ends."""
    parent = os.getppid() if parent is None else parent
    _parent_death_signal()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
