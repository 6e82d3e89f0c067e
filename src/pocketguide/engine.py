"""Import WeasyPrint without ctypes' slow search for its C libraries.

WeasyPrint opens Pango, HarfBuzz and fontconfig through cffi, trying several names per library
(`libgobject-2.0-0`, `gobject-2.0-0`, `gobject-2.0`, ...). On Linux each name cffi cannot open
directly goes to `ctypes.util.find_library`, which runs `ldconfig -p` and, when that finds
nothing, `gcc` and `ld` (Kozea/WeasyPrint#1125): 20 ms per missing name, about 0.4 s of a
1 s import, and a third of a fresh rebuild after a hotline edit. Here the names are looked up
in one reading of the linker cache, exactly as ctypes' first step reads it; anything that
import cannot open is retried with the standard search, so no system loses a library.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes.util
import functools
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from pocketguide.processes import running

# ctypes.util's ABI names in `ldconfig -p` output, for the machines it lists.
_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


_IMPORTING = threading.Lock()  # find_library and stdout are process-wide while patched


def import_weasyprint() -> ModuleType:
    """The weasyprint module, its libraries found from one reading of the linker cache."""
    with _IMPORTING:
        return _import()


def _import() -> ModuleType:
    if "weasyprint" not in sys.modules and (listing := linker_cache()) is not None:
        standard = ctypes.util.find_library
        ctypes.util.find_library = cache_finder(listing)
        try:
            # WeasyPrint prints installation help before it gives up on a library.
            with contextlib.redirect_stdout(io.StringIO()):
                import weasyprint
        except OSError:
            # A library the cache does not list (LD_LIBRARY_PATH, say): import again below
            # with the standard search, which reports a missing library as WeasyPrint does.
            for name in [n for n in sys.modules if n.partition(".")[0] == "weasyprint"]:
                del sys.modules[name]
        finally:
            ctypes.util.find_library = standard
    import weasyprint

    _keep_font_copies_in(font_folder())
    return weasyprint


_FONT_FOLDER: str | None = None


def font_folder() -> str:
    """One folder, removed at exit, for the font copies WeasyPrint makes for each document.

    WeasyPrint copies every @font-face file into a new `weasyprint-*` temporary folder per
    document and removes it only in FontConfiguration.__del__, which never runs in a process
    that ends with os._exit: pocketguide's CLI (cli._exit) and multiprocessing's workers. Each
    build left 2.5 MB per document behind. Called before the workers fork, so they share it
    and the process that started them removes it.
    """
    global _FONT_FOLDER
    if _FONT_FOLDER is None:
        remove_orphan_font_folders()
        _FONT_FOLDER = tempfile.mkdtemp(prefix=f"{_FONTS_PREFIX}{os.getpid()}-")
        atexit.register(shutil.rmtree, _FONT_FOLDER, True)
    return _FONT_FOLDER


_FONTS_PREFIX = "pocketguide-fonts-"
# A folder is an orphan once its process is gone and it is this old: a process id from
# another container sharing /tmp may look gone, and no build or watch stays idle a day.
ORPHAN_AGE_S = 24 * 3600


def remove_orphan_font_folders(now: float | None = None) -> list[Path]:
    """Remove the font folders of builds killed by a signal (no atexit ran); return them."""
    now = time.time() if now is None else now
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(f"{_FONTS_PREFIX}*-*"):
        pid = folder.name[len(_FONTS_PREFIX) :].split("-", 1)[0]
        try:
            old = now - folder.lstat().st_mtime > ORPHAN_AGE_S  # a link is not followed
        except OSError:  # removed meanwhile by its own process, or not ours to read
            continue
        if pid.isdigit() and old and not running(int(pid)):
            # Another user's folder is theirs to remove: errors are left to them.
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _keep_font_copies_in(folder: str) -> None:
    fonts = sys.modules.get("weasyprint.text.fonts")
    if fonts is not None and getattr(fonts, "mkdtemp", None) is tempfile.mkdtemp:
        fonts.mkdtemp = functools.partial(tempfile.mkdtemp, dir=folder)


def linker_cache() -> bytes | None:
    """The output of `ldconfig -p` (glibc's list of shared libraries), None without one."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        done = subprocess.run(
            ["/sbin/ldconfig", "-p"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def cache_finder(listing: bytes) -> Callable[[str], str | None]:
    """find_library answering from `listing` as ctypes' ldconfig step does, never running gcc."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = _ABI.get(machine, "libc6")

    def find_library(name: str) -> str | None:
        pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(os.fsencode(name)), abi.encode())
        found = re.search(pattern, listing)
        return os.fsdecode(found.group(1)) if found else None

    return find_library
