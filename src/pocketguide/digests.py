"""Digests of what a build reads: files, folders, the engine, each output's parts.

pocketguide.cache keeps them per output folder; these functions only compute them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import re
from pathlib import Path

from pocketguide import __version__
from pocketguide.resources import CONFIG_NAME, content_dir, templates_dir

# Inputs never live in these; editors' scratch files are not inputs either.
SKIPPED_DIRS = {"__pycache__", "node_modules", "output"}
SKIPPED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part")
TEXT_INPUTS = (".md", ".yaml", ".yml", ".csv", ".lock", ".j2", ".po", ".pot", ".txt")


def _weasyprint_version() -> str:
    """Which WeasyPrint is installed, without importing it or importlib.metadata (30 ms).

    Its version, read from the installed distribution's folder name; an upgrade, even a
    reinstall, also changes the package file's size or time, which are added to be sure.
    """
    spec = importlib.util.find_spec("weasyprint")
    if spec is None or spec.origin is None:
        return "?"
    origin = Path(spec.origin)
    found = sorted(p.name for p in origin.parent.parent.glob("weasyprint-*.dist-info"))
    stat = origin.stat()
    return f"{found[-1] if found else '?'} {origin} {stat.st_size} {stat.st_mtime_ns}"


# What the same inputs build to: raised whenever a change makes them build differently (a rule
# for when "Numbers verified as of" prints), so an upgrade between releases rebuilds, not
# "up to date" with the old rules' PDFs.
RULES = 17


def engine_version() -> str:
    """The pocketguide and WeasyPrint that lay out and write PDFs, as a fingerprint holds them."""
    return f"{__version__}\0{RULES}\0{_weasyprint_version()}"


REMEMBER_BYTES = 64 * 1024
_DIGESTS: dict[tuple[str, int, int], str] = {}


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes.

    Large files (fonts, images) are remembered by path, size and change time within a
    process; text inputs such as hotlines are always read again, however quick the edit.
    """
    info = path.stat()
    if info.st_size < REMEMBER_BYTES:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    key = (str(path), info.st_size, info.st_mtime_ns)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _DIGESTS[key]


def _is_input(path: Path, root: Path, skip: list[Path]) -> bool:
    parts = path.relative_to(root).parts
    if any(p.startswith(".") or p in SKIPPED_DIRS for p in parts):
        return False
    if path.name.endswith(SKIPPED_SUFFIXES) or path.name.startswith("#"):
        return False
    return not any(path.is_relative_to(s) for s in skip) and path.is_file()


def _input_files(roots: list[Path], skip: list[Path] = ()) -> list[tuple[Path, Path]]:
    """(root, file) for every input file under the roots, in a stable order."""
    skip = [s.resolve() for s in skip]
    found = []
    for root in roots:
        root = root.resolve()
        if root.is_dir():
            found += [(root, p) for p in sorted(root.rglob("*")) if _is_input(p, root, skip)]
    return found


def tree_digest(roots: list[Path], skip: list[Path] = ()) -> str:
    """One digest of every input file under the roots."""
    return _files_digest(_input_files(roots, skip), ())


def _files_digest(files: list[tuple[Path, Path]], ignore: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for root, path in files:
        if path.suffix.lower() not in ignore:
            digest.update(f"{path.relative_to(root)}\0{file_digest(path)}\n".encode())
    return digest.hexdigest()


def inputs_digest(project_dir: Path, out_dir: Path, extra: list[str] = ()) -> str:
    """Every file a build of this project may read, the version and today's date (stale dates)."""
    roots = [content_dir(), templates_dir()]
    project_dir = Path(project_dir)
    if (project_dir / CONFIG_NAME).is_file():
        roots.append(project_dir)
    digest = hashlib.sha256(f"{__version__}\0{RULES}\0{dt.date.today()}\0".encode())
    digest.update(tree_digest(roots, skip=[out_dir]).encode())
    for name in extra:
        path = Path(name)
        digest.update(f"{name}\0{file_digest(path) if path.is_file() else '-'}\n".encode())
    return digest.hexdigest()


def assets_digest(roots: list[Path], skip: list[Path], named: list[Path] = ()) -> str:
    """Files a rendered document may reference (fonts, images, stylesheets), not text inputs.

    Markdown, YAML, CSV, templates and catalogs are left out: what they say is already in
    the HTML that every output fingerprint includes. So are stylesheets, which the templates
    include into that HTML, unless one is pulled in from a file (`@import`, `<link>`): then a
    guide.css edit no longer rebuilds the card and zine, which do not include it.
    """
    files = _input_files(roots, skip)
    # A logo or font the config names in a hidden folder, which the walk leaves out.
    files += [(path.parent, path) for path in named if path.is_file()]
    pulled = any(  # a stylesheet or template that loads a stylesheet the HTML does not hold
        path.suffix.lower() in (".css", ".j2", ".html", ".htm") and _PULLS.search(path.read_bytes())
        for _root, path in files
    )
    return _files_digest(files, TEXT_INPUTS + (() if pulled else (".css",)))


_PULLS = re.compile(rb"@import|<link\b", re.I)


def fingerprint(*parts: object) -> str:
    """sha256 over the pocketguide and WeasyPrint versions and the parts, in order."""
    digest = hashlib.sha256(engine_version().encode())
    for part in parts:
        digest.update(b"\0" + (part if isinstance(part, bytes) else str(part).encode()))
    return digest.hexdigest()
