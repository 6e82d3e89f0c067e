"""Incremental builds: fingerprints of inputs and outputs, kept in <out>/.pocketguide-cache/.

Two levels. A request (project, formats, locales, options) whose input files are byte for byte
unchanged is answered from the manifest without loading anything. Otherwise each output is
fingerprinted from what it is made of (its final HTML, the files it may reference, the
imposition options) and skipped when that fingerprint and the file on disk are unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from pocketguide.digests import file_digest
from pocketguide.errors import display_path
from pocketguide.options import Options
from pocketguide.output import write_atomic

CACHE_DIR = ".pocketguide-cache"
MANIFEST = "manifest.json"


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
        # Paths are kept relative to the output folder, so a project folder moved with its
        # output (Downloads to Documents, a new laptop) keeps its record.
        self.root = Path(out_dir).resolve()
        self.requests, self.outputs = self._read()
        # As read: on saving, only what this build changed goes over what another wrote since.
        self._read_as = json.dumps([self.requests, self.outputs], sort_keys=True)

    def _read(self) -> tuple[dict, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}  # no cache yet, or a damaged one: everything is rebuilt
        if not isinstance(data, dict):
            return {}, {}
        requests, outputs = data.get("requests", {}), data.get("outputs", {})
        return (requests if isinstance(requests, dict) else {}), (
            outputs if isinstance(outputs, dict) else {}
        )

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
            fresh.append(self.fresh_output(self._path(name), None))
        if not all(fresh):
            return None
        then = entry.get("cwd")
        warnings = [str(w) for w in entry.get("warnings", [])]
        if isinstance(then, str) and then != os.getcwd():
            warnings = [_rebased(warning, then) for warning in warnings]
        return fresh, warnings

    def extra_inputs(self, request: Request) -> list[str]:
        """Input files outside the project that the last build of this request read."""
        return list(self.requests.get(request.key(), {}).get("extra", []))

    def fresh_output(self, path: Path, fingerprint: str | None) -> Fresh | None:
        """The output, if it exists unchanged and (when given) has this fingerprint."""
        entry = self.outputs.get(self._key(path))
        if not entry or (fingerprint is not None and entry.get("fingerprint") != fingerprint):
            return None
        if not path.is_file() or file_digest(path) != entry.get("sha256"):
            return None
        warnings = tuple(entry.get("warnings", ()))
        return Fresh(path, entry.get("pages", 0), path.stat().st_size, warnings)

    def record_output(self, path: Path, fingerprint: str, rendered) -> None:
        """Remember what an output was made of (`rendered` has data, pages and warnings)."""
        self.outputs[self._key(path)] = {
            "fingerprint": fingerprint,
            "sha256": hashlib.sha256(rendered.data).hexdigest(),
            "pages": rendered.pages,
            "warnings": list(rendered.warnings),
        }
        if getattr(rendered, "layout", None):
            self.outputs[self._key(path)]["layout"] = rendered.layout

    def note_numbers(self, path: Path, project: Path, numbers: str | None, made=None) -> None:
        """Remember which project and hotline file an output's numbers come from.

        `made`: the output's (format, locale), when it was rendered now.
        """
        entry = self.outputs.get(self._key(path))
        if entry is None:
            return
        entry.update(project=self._key(project), numbers=numbers)
        if made:
            entry["format"], entry["locale"] = made[:2]
            entry["flags"] = made[2] if len(made) > 2 else ""

    def made_from_other_numbers(
        self, project: Path, numbers: str | None, skip: list[Path]
    ) -> list[tuple[Path, str | None, str | None, str]]:
        """(output, format, locale, options) of the project's outputs, as written, from other
        numbers; options are the command-line flags that made it (--large-print)."""
        found = []
        skipped = {self._key(p) for p in skip}
        for name, entry in self.outputs.items():
            if name in skipped or entry.get("project") != self._key(project):
                continue
            if entry.get("numbers") in (None, numbers) or numbers is None:
                continue
            path = self._path(name)
            if path.is_file() and file_digest(path) == entry.get("sha256"):
                made = (entry.get("format"), entry.get("locale"), entry.get("flags", ""))
                found.append((path, *made))
        return found

    def has_layout(self) -> bool:
        """Whether any output here has a layout record (a rebuild may re-lay out sections)."""
        return any(isinstance(entry.get("layout"), dict) for entry in self.outputs.values())

    def splice_base(self, path: Path) -> tuple[bytes, dict] | None:
        """The output's bytes and layout record, if it is still the file the record is of."""
        entry = self.outputs.get(self._key(path))
        layout = entry.get("layout") if entry else None
        if not isinstance(layout, dict):
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return (data, layout) if hashlib.sha256(data).hexdigest() == entry.get("sha256") else None

    def record_request(
        self,
        request: Request,
        digest: str,
        outputs: list[Path],
        warnings: list[str],
        extra,
        stale: dict | None = None,
    ) -> None:
        """Remember a finished request, for the no-op fast path.

        `stale` is what naming the project's other outputs made from older numbers takes
        (pocketguide.stale), so the no-op path names them again without loading the project.
        """
        keys = [self._key(p) for p in outputs]
        self.requests[request.key()] = {
            "inputs": digest,
            "outputs": [[key, self.outputs.get(key, {}).get("sha256")] for key in keys],
            "warnings": warnings,
            "cwd": os.getcwd(),  # what the warnings' paths are relative to
            "extra": list(extra),
            "stale": stale,
        }

    def request_stale(self, request: Request) -> dict | None:
        """The `stale` record of the request's last build."""
        found = self.requests.get(request.key(), {}).get("stale")
        return found if isinstance(found, dict) else None

    def _key(self, path: Path) -> str:
        resolved = Path(path).resolve()
        return (
            os.path.relpath(resolved, self.root)
            if resolved.anchor == self.root.anchor
            else str(resolved)
        )

    def _path(self, key: str) -> Path:
        # An absolute key (a manifest of an earlier version) stays as it is.
        return Path(os.path.normpath(self.root / key))

    def save(self) -> None:
        """Write the manifest atomically, keeping what other builds wrote since it was read.

        `watch` and a `build` in another terminal, or two projects built into one folder, each
        hold a manifest; the last to save dropped the other's records.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.path.with_suffix(".lock")):
            before_requests, before_outputs = json.loads(self._read_as)
            requests, outputs = self._read()
            for ours, before, theirs in (
                (self.requests, before_requests, requests),
                (self.outputs, before_outputs, outputs),
            ):
                theirs.update({k: v for k, v in ours.items() if before.get(k) != v})
                for gone in before.keys() - ours.keys():
                    theirs.pop(gone, None)
            self.requests, self.outputs = requests, outputs
            data = {"requests": requests, "outputs": outputs}
            write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True).encode())
            self._read_as = json.dumps([requests, outputs], sort_keys=True)


def _rebased(warning: str, then: str) -> str:
    """A stored warning's leading path as seen from here, not from where the build ran."""
    path, colon, rest = warning.partition(":")
    if not colon or not path or os.path.isabs(path):
        return warning
    full = os.path.normpath(os.path.join(then, path))
    return display_path(full) + colon + rest if os.path.exists(full) else warning


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (a file of its own) while saving."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; saves there may still cross
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
