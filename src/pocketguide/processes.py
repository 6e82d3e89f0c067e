"""Whether a process is still running: files named after a live process are still in use."""

from __future__ import annotations

import os


def running(pid: int) -> bool:
    """Whether a process of that id exists (another user's counts: its files are kept)."""
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's (EPERM), or no such pid at all: keep
        return True
    return True
