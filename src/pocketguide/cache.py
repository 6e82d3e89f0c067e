"""Incremental builds: fingerprints of inputs and outputs, kept in <out>/.pocketguide-cache/.

Two levels. A request (project, formats, locales, options) whose input files are byte for byte
unchanged is answered from the manifest without loading anything. Otherwise each output is
fingerprinted from what it is made of (its final HTML, the files it may reference, the
imposition options) and skipped when that fingerprint and the file on disk are unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from pocketguide import __version__
from pocketguide.options import Options
from pocketguide.output import write_atomic
from pocketguide.resources import CONFIG_NAME, content_dir, templates_dir

CACHE_DIR = ".pocketguide-cache"
MANIFEST = "manifest.json"
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


def engine_version() -> str:
    """The pocketguide and WeasyPrint that lay out and write PDFs, as a fingerprint holds them."""
    return f"{__version__}\0{_weasyprint_version()}"


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


def tree_digest(roots: list[Path], skip: list[Path] = (), ignore: tuple[str, ...] = ()) -> str:
    """One digest of every input file under the roots, except files with `ignore` suffixes."""
    return _files_digest(_input_files(roots, skip), ignore)


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
    digest = hashlib.sha256(f"{__version__}\0{dt.date.today()}\0".encode())
    digest.update(tree_digest(roots, skip=[out_dir]).encode())
    for name in extra:
        path = Path(name)
        digest.update(f"{name}\0{file_digest(path) if path.is_file() else '-'}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Request:
    """One invocation of build, as far as its outputs are concerned."""

    project_dir: str
    formats: tuple[str, ...]
    locales: tuple[str, ...]
    options: Options
    strict: bool

    def key(self) -> str:
        """A stable name for this request in the manifest."""
        text = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Fresh:
    """An output that is already up to date."""

    path: Path
    pages: int
    size: int
    warnings: tuple[str, ...] = ()


class Manifest:
    """The fingerprints of one output folder."""

    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / CACHE_DIR / MANIFEST
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}  # no cache yet, or a damaged one: everything is rebuilt
        self.requests: dict = data.get("requests", {}) if isinstance(data, dict) else {}
        self.outputs: dict = data.get("outputs", {}) if isinstance(data, dict) else {}

    def fresh_request(self, request: Request, digest: str) -> tuple[list[Fresh], list[str]] | None:
        """The request's outputs and warnings when its inputs and outputs are unchanged."""
        entry = self.requests.get(request.key())
        if not entry or entry.get("inputs") != digest:
            return None
        fresh = []
        for item in entry.get("outputs", []):
            # The file this request wrote, not one another request wrote there since (the
            # same card on other paper, then this paper again, must not stay "up to date").
            if not isinstance(item, list) or len(item) != 2:
                return None  # a manifest of an earlier version
            name, sha256 = item
            if self.outputs.get(name, {}).get("sha256") != sha256:
                return None
            fresh.append(self.fresh_output(Path(name), None))
        if not all(fresh):
            return None
        return fresh, list(entry.get("warnings", []))

    def extra_inputs(self, request: Request) -> list[str]:
        """Input files outside the project that the last build of this request read."""
        return list(self.requests.get(request.key(), {}).get("extra", []))

    def fresh_output(self, path: Path, fingerprint: str | None) -> Fresh | None:
        """The output, if it exists unchanged and (when given) has this fingerprint."""
        entry = self.outputs.get(str(path))
        if not entry or (fingerprint is not None and entry.get("fingerprint") != fingerprint):
            return None
        if not path.is_file() or file_digest(path) != entry.get("sha256"):
            return None
        warnings = tuple(entry.get("warnings", ()))
        return Fresh(path, entry.get("pages", 0), path.stat().st_size, warnings)

    def record_output(self, path: Path, fingerprint: str, rendered) -> None:
        """Remember what an output was made of (`rendered` has data, pages and warnings)."""
        self.outputs[str(path)] = {
            "fingerprint": fingerprint,
            "sha256": hashlib.sha256(rendered.data).hexdigest(),
            "pages": rendered.pages,
            "warnings": list(rendered.warnings),
        }
        if getattr(rendered, "layout", None):
            self.outputs[str(path)]["layout"] = rendered.layout

    def note_numbers(self, path: Path, project: Path, numbers: str | None, made=None) -> None:
        """Remember which project and hotline file an output's numbers come from.

        `made`: the output's (format, locale), when it was rendered now.
        """
        entry = self.outputs.get(str(path))
        if entry is None:
            return
        entry.update(project=str(project), numbers=numbers)
        if made:
            entry["format"], entry["locale"] = made

    def made_from_other_numbers(
        self, project: Path, numbers: str | None, skip: list[Path]
    ) -> list[tuple[Path, str | None, str | None]]:
        """(output, format, locale) of the project's outputs, as written, from other numbers."""
        found = []
        skipped = {str(p) for p in skip}
        for name, entry in self.outputs.items():
            if name in skipped or entry.get("project") != str(project):
                continue
            if entry.get("numbers") in (None, numbers) or numbers is None:
                continue
            path = Path(name)
            if path.is_file() and file_digest(path) == entry.get("sha256"):
                found.append((path, entry.get("format"), entry.get("locale")))
        return found

    def splice_base(self, path: Path) -> tuple[bytes, dict] | None:
        """The output's bytes and layout record, if it is still the file the record is of."""
        entry = self.outputs.get(str(path))
        layout = entry.get("layout") if entry else None
        if not isinstance(layout, dict):
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return (data, layout) if hashlib.sha256(data).hexdigest() == entry.get("sha256") else None

    def record_request(
        self, request: Request, digest: str, outputs: list[Path], warnings: list[str], extra
    ) -> None:
        """Remember a finished request, for the no-op fast path."""
        self.requests[request.key()] = {
            "inputs": digest,
            "outputs": [[str(p), self.outputs.get(str(p), {}).get("sha256")] for p in outputs],
            "warnings": warnings,
            "extra": list(extra),
        }

    def save(self) -> None:
        """Write the manifest atomically."""
        data = {"requests": self.requests, "outputs": self.outputs}
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True).encode())


def assets_digest(roots: list[Path], skip: list[Path]) -> str:
    """Files a rendered document may reference (fonts, images, stylesheets), not text inputs.

    Markdown, YAML, CSV, templates and catalogs are left out: what they say is already in
    the HTML that every output fingerprint includes. So are stylesheets, which the templates
    include into that HTML, unless one is pulled in from a file (`@import`, `<link>`): then a
    guide.css edit no longer rebuilds the card and zine, which do not include it.
    """
    files = _input_files(roots, skip)
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
