"""`pocketguide watch`: rebuild whenever an input changes, in one long-lived process."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchfiles import Change, DefaultFilter

from pocketguide.errors import PocketguideError, Problem, display_path

DEBOUNCE_MS = 300  # quiet time after the last change before rebuilding
MAX_WAIT_MS = 3000  # rebuild at the latest this long after the first change of a burst
READY_MS = 200  # how often the watch loop wakes up with nothing to report
# Editor scratch files: vim's 4913 probe, backups, swap and temp files, Emacs lock files.
# Editors' scratch files, and "#<inode>": how Linux names a file written unnamed (O_TMPFILE,
# as pocketguide's own atomic writes are, e.g. `translate` writing a .po) until it is linked.
_EDITOR_TEMP = re.compile(r"^(4913|\.#.*|#.*#|#\d+|.*~|.*\.sw[a-p]|.*\.tmp|.*\.bak|\.DS_Store)$")

Echo = Callable[[str, bool], None]


def _print(message: str, err: bool = False) -> None:
    import click

    click.echo(message, err=err)


def describe_changes(
    changes: Iterable[tuple[Change, str]],
    root: Path,
    existing: Collection[str],
    folders: Collection[str] = (),
) -> list[str]:
    """One name per changed path, relative to root and sorted; `(deleted)` if it is gone now.

    `existing` and `folders` are the changed paths that exist, and are folders, as the batch is
    handled. A path reported several times (sed -i: deleted, then added) is listed once. Files
    made and removed within one batch (editors' and sed's scratch files) are left out, and so
    are folders whose own timestamp changed (the files in them are reported themselves).
    """
    seen: dict[str, set[Change]] = {}
    for change, path in changes:
        seen.setdefault(path, set()).add(change)
    shown = []
    for path, kinds in seen.items():
        name = display_path(path, root)
        if path in existing:
            if not (path in folders and kinds == {Change.modified}):
                shown.append(name)
        elif Change.added not in kinds:
            shown.append(f"{name} (deleted)")
    return sorted(shown)


class InputFilter(DefaultFilter):
    """Ignore the output folder, the build cache and editor temp files."""

    def __init__(self, ignored: Iterable[Path]):
        self.ignored_dirs = [Path(p).resolve() for p in ignored]
        super().__init__()

    def __call__(self, change: Change, path: str) -> bool:
        resolved = Path(path).resolve()
        if any(resolved == d or resolved.is_relative_to(d) for d in self.ignored_dirs):
            return False
        if _EDITOR_TEMP.match(resolved.name):
            return False
        return super().__call__(change, path)


@dataclass
class Outcome:
    """One build inside watch: what triggered it, how long it took, and what came out."""

    changed: list[str]
    seconds: float
    written: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: PocketguideError | None = None

    @property
    def ok(self) -> bool:
        """True when the build succeeded."""
        return self.error is None


class Watcher:
    """Builds a project again and again in one process, so imports and caches stay warm.

    `cache` is handed to every build as `fragments=`: a pocketguide.fragments.FragmentCache
    keeps laid-out guide sections between rebuilds. Without one, each rebuild is a full one.
    """

    def __init__(
        self,
        project_dir: Path,
        formats: tuple[str, ...] = ("guide",),
        locales: tuple[str, ...] = (),
        out_dir: Path | None = None,
        strict: bool = False,
        cache: object | None = None,
        echo: Echo = _print,
        options: object | None = None,
    ):
        self.root = Path(project_dir).resolve()
        self.formats = formats
        self.locales = locales
        self.out_dir = Path(out_dir).resolve() if out_dir else self.root / "output"
        self.strict = strict
        self.options = options  # a pocketguide.options.Options: paper, duplex, large print...
        self.cache = cache
        self.echo = echo
        self.builds = 0

    def build_options(self) -> dict[str, Any]:
        """Keyword arguments for pocketguide.build.build."""
        options: dict[str, Any] = {
            "formats": self.formats,
            "out_dir": self.out_dir,
            "strict": self.strict,
            "locales": self.locales,
        }
        if self.options is not None:
            options["options"] = self.options
        if self.cache is not None:
            options["fragments"] = self.cache
        return options

    def rebuild(self, changed: list[str] | None = None) -> Outcome:
        """Build once; report the result instead of raising on bad input."""
        from pocketguide.build import build

        start = time.perf_counter()
        outcome = Outcome(changed or [], 0.0)
        try:
            report = build(self.root, **self.build_options())
            outcome.written, outcome.warnings = report.written, report.warnings
        except PocketguideError as exc:
            outcome.error = exc
        outcome.seconds = time.perf_counter() - start
        self.builds += 1
        self.show(outcome)
        return outcome

    def show(self, outcome: Outcome) -> None:
        """Print what changed, the result, and how long it took."""
        if outcome.changed:
            self.echo(f"changed: {', '.join(outcome.changed)}", False)
        for warning in outcome.warnings:
            self.echo(f"warning: {warning}", True)
        took = f"{outcome.seconds:.2f} s"
        if outcome.error is not None:
            for line in outcome.error.message.splitlines():
                self.echo(f"error: {line}", True)  # easy to miss in a scrolling log without
            self.echo(f"build failed in {took}; earlier PDFs are kept", False)
            return
        verb = "rebuilt" if outcome.changed else "built"
        for item in outcome.written:
            shown = display_path(item.path)
            if getattr(item, "fresh", False):
                self.echo(f"up to date: {shown}", False)
            else:
                self.echo(f"{verb} {shown} ({item.pages} pages) in {took}", False)

    def relative(self, changes: set[tuple[Change, str]]) -> list[str]:
        """Changed paths relative to the project, each once, sorted; deletions marked."""
        paths = {path for _change, path in changes}
        existing = {path for path in paths if Path(path).exists()}
        folders = {path for path in existing if Path(path).is_dir()}
        return describe_changes(changes, self.root, existing, folders)

    def watch_paths(self) -> list[Path]:
        """The project folder, plus a hotlines file kept outside it."""
        paths = [self.root]
        try:
            from pocketguide.project import load_project

            hotlines = load_project(self.root).hotlines_path
        except PocketguideError:
            hotlines = None  # a broken config is reported by the build itself
        if hotlines is not None and hotlines.exists() and not hotlines.is_relative_to(self.root):
            paths.append(hotlines)
        return paths

    def run(self, stop_event: Any = None, max_rebuilds: int | None = None) -> int:
        """Build, then rebuild on every change until stopped; return the number of rebuilds."""
        from watchfiles import watch

        if not self.root.is_dir():
            raise PocketguideError(Problem(display_path(self.root), None, "no such folder"))
        rebuilds = 0
        input_filter = InputFilter([self.out_dir])
        while max_rebuilds is None or rebuilds < max_rebuilds:
            paths = self.watch_paths()
            restart = False
            # Timeouts yield an empty set: the first one says the watcher is running, so the
            # first build starts only once no edit can be missed.
            for changes in watch(
                *paths,
                watch_filter=input_filter,
                debounce=MAX_WAIT_MS,
                step=DEBOUNCE_MS,
                stop_event=stop_event,
                rust_timeout=READY_MS,
                yield_on_timeout=True,
            ):
                if self.builds == 0:
                    self.rebuild()
                    self.echo(
                        f"watching {display_path(self.root)} for changes (Ctrl-C to stop)", False
                    )
                changed = self.relative(changes)
                if not changed:
                    continue
                self.rebuild(changed)
                rebuilds += 1
                if max_rebuilds is not None and rebuilds >= max_rebuilds:
                    return rebuilds
                # A config edit may name a different hotlines file: watch the new set, even
                # when that file's errors failed the build (fixing them must rebuild).
                if self.watch_paths() != paths:
                    restart = True
                    break
            if not restart:  # stop_event was set
                return rebuilds
        return rebuilds
