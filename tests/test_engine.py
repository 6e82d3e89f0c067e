"""Importing WeasyPrint: libraries found from the linker cache, the standard search as fallback."""

from __future__ import annotations

import ctypes.util
import json
import os
import subprocess
import sys
import tempfile
import time

import pytest

from pocketguide import engine
from pocketguide.engine import cache_finder, linker_cache

LISTING = (
    b"512 libs found in cache `/etc/ld.so.cache'\n"
    b"\tlibpangoft2-1.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libpangoft2-1.0.so.0\n"
    b"\tlibgobject-2.0.so.0 (libc6) => /lib/i386-linux-gnu/libgobject-2.0.so.0\n"
    b"\tlibgobject-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgobject-2.0.so.0\n"
    b"\tlibharfbuzz.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz.so.0\n"
    b"\tlibharfbuzz-subset.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libharfbuzz-subset.so.0\n"
)

needs_linux_x86_64 = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.uname().machine != "x86_64",
    reason="the listing above is glibc's on x86_64",
)


@needs_linux_x86_64
@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("gobject-2.0", "libgobject-2.0.so.0"),
        ("pangoft2-1.0", "libpangoft2-1.0.so.0"),
        ("harfbuzz", "libharfbuzz.so.0"),  # not libharfbuzz-subset: the name ends at a dot
        ("harfbuzz-subset", "libharfbuzz-subset.so.0"),
        ("libgobject-2.0-0", None),  # WeasyPrint's Windows-style first guess
        ("gobject-2.0-0", None),
        ("harfbuzz-vector", None),
        ("harf", None),  # a name is the whole stem, up to the dot
    ],
)
def test_cache_finder_answers_as_ctypes_ldconfig_step(name, found):
    assert cache_finder(LISTING)(name) == found


@needs_linux_x86_64
def test_cache_finder_skips_libraries_of_another_abi():
    listing = b"\tlibfoo.so.1 (libc6) => /lib/i386-linux-gnu/libfoo.so.1\n"
    assert cache_finder(listing)("foo") is None


@pytest.mark.skipif(linker_cache() is None, reason="no glibc linker cache here")
@pytest.mark.parametrize("name", ["gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig"])
def test_the_real_cache_gives_what_ctypes_finds(name):
    assert cache_finder(linker_cache())(name) == ctypes.util.find_library(name)


def run(script: str) -> dict:
    """Run `script` in a fresh interpreter (WeasyPrint imports once per process)."""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


PROBE = """
import ctypes.util, json, sys
gcc_runs = []
standard = ctypes.util.find_library
real_gcc = ctypes.util._findLib_gcc
ctypes.util._findLib_gcc = lambda name: gcc_runs.append(name) or real_gcc(name)
{setup}
from pocketguide.engine import import_weasyprint
weasyprint = import_weasyprint()
print(json.dumps({{
    "pango": weasyprint.text.ffi.pango is not None,
    "html": hasattr(weasyprint, "HTML"),
    "gcc_runs": len(gcc_runs),
    "restored": ctypes.util.find_library is standard,
}}))
"""


@pytest.mark.skipif(linker_cache() is None, reason="no glibc linker cache here")
def test_import_finds_every_library_without_running_gcc():
    assert run(PROBE.format(setup="")) == {
        "pango": True,
        "html": True,
        "gcc_runs": 0,
        "restored": True,
    }


FAIL_ONCE = """
import sys
class FailOnce:
    failed = False
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint.text.ffi" and not FailOnce.failed:
            FailOnce.failed = True
            print("WeasyPrint could not import some external libraries.")
            raise OSError("cannot load library 'libgobject-2.0-0'")
sys.meta_path.insert(0, FailOnce())
"""


@pytest.mark.skipif(linker_cache() is None, reason="no glibc linker cache here")
def test_an_import_that_fails_is_retried_with_the_standard_search():
    # As if a library were missing from the cache: the first import fails (WeasyPrint prints
    # its installation help first), the second one runs ctypes' full search and succeeds,
    # and that help never reaches the output (which must be the probe's JSON alone).
    found = run(PROBE.format(setup=FAIL_ONCE))
    assert found["pango"] and found["html"] and found["restored"]
    assert found["gcc_runs"] > 0


@pytest.mark.skipif(linker_cache() is None, reason="no glibc linker cache here")
def test_two_threads_importing_at_once_leave_nothing_patched():
    script = """
import ctypes.util, json, sys, threading
standard, out = ctypes.util.find_library, sys.stdout
from pocketguide.engine import import_weasyprint
threads = [threading.Thread(target=import_weasyprint) for _ in range(2)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps({"restored": ctypes.util.find_library is standard, "stdout": sys.stdout is out}))
"""
    assert run(script) == {"restored": True, "stdout": True}


def test_font_folders_of_killed_builds_are_removed_a_day_later(tmp_path, monkeypatch):
    # A build killed by a signal runs no atexit, so its font folder stayed in /tmp for good.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    day = engine.ORPHAN_AGE_S
    folders = {
        "killed": (f"pocketguide-fonts-{gone.pid}-ab12", day + 60),
        "killed just now": (f"pocketguide-fonts-{gone.pid}-cd34", 60),
        "running": (f"pocketguide-fonts-{os.getpid()}-ef56", day + 60),
        "not ours": (f"pocketguide-fontsy-{gone.pid}-gh78", day + 60),
        "no such pid": ("pocketguide-fonts-4294967296-ij90", day + 60),  # os.kill overflows
    }
    now = time.time()
    for name, age in folders.values():
        (tmp_path / name / "weasyprint-x").mkdir(parents=True)
        os.utime(tmp_path / name, (now - age, now - age))
    removed = engine.remove_orphan_font_folders(now)
    assert removed == [tmp_path / folders["killed"][0]]
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(name for key, (name, _age) in folders.items() if key != "killed")
