"""11. Reproducible: same inputs and date -> byte-identical PDFs, with no build-machine path."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pocketguide.build import FORMATS

from .helpers import make_project, pdf_internals

EPOCH = "1793491200"  # 2026-11-01
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1d4e89"/></svg>'  # noqa: E501
HOTLINES = (
    "hotlines:\n  - name: Warmline\n    phone: 502-555-0142\n    url: https://example.org\n"
    "    category: warmline\n"
    "    verified: 2026-11-01\n"
)
BUILD_ALL = (
    "import sys; from pathlib import Path; from pocketguide.build import build, FORMATS; "
    "build(Path(sys.argv[1]), formats=tuple(sys.argv[2:]) or FORMATS)"
)


def _build(root: Path, seed: str, extra: str = "", epoch: str | None = EPOCH, *formats: str):
    """Build a fresh copy of the test project in root, in a subprocess of its own."""
    project = make_project(
        root / "project-folder-name-that-must-not-leak",
        {"hotlines.yaml": HOTLINES, "brand/logo.svg": LOGO},
        "brand:\n  logo: brand/logo.svg\n" + extra,
    )
    home = root / "home-that-must-not-leak"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED=seed, HOME=str(home), TMPDIR=str(home), TZ=f"UTC{seed[:1]}")
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run(
        [sys.executable, "-c", BUILD_ALL, str(project), *formats],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return {p.name: p.read_bytes() for p in sorted((project / "output").glob("*.pdf"))}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """Every format, built twice in different folders, hash seeds, time zones and homes."""
    first = _build(tmp_path_factory.mktemp("first"), "1")
    second = _build(tmp_path_factory.mktemp("second"), "2")
    return first, second, [tmp_path_factory.getbasetemp(), Path.home(), Path.cwd()]


def _for_format(outputs: dict[str, bytes], fmt: str) -> list[str]:
    return [name for name in outputs if name.startswith(f"test-{fmt}-")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_builds_are_byte_identical(two_builds, fmt):
    first, second, _ = two_builds
    names = _for_format(first, fmt)
    assert names, f"no {fmt} output among {sorted(first)}"
    for name in names:
        digest = hashlib.sha256(first[name]).hexdigest()
        assert hashlib.sha256(second[name]).hexdigest() == digest, name


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_build_machine_path_inside(two_builds, fmt):
    first, _, places = two_builds
    leaks = [b"file:", b"must-not-leak", *(os.fsencode(str(p)) for p in places)]
    for name in _for_format(first, fmt):
        internals = pdf_internals(first[name])
        for leak in leaks:
            assert leak not in internals, (name, leak)


def test_build_date_in_config_is_reproducible_too(tmp_path):
    first = _build(tmp_path / "a", "3", "build:\n  date: 2026-11-01\n", None, "guide")
    second = _build(tmp_path / "b", "4", "build:\n  date: 2026-11-01\n", None, "guide")
    assert list(first) == ["test-guide-en.pdf"]
    assert first == second
    assert b"20261101" in pdf_internals(first["test-guide-en.pdf"])  # the date is the config's
