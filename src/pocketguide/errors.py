"""The one exception type pocketguide raises for bad input, and the problems it carries."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One content, config or build problem located in a file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if not self.path:
            return self.message
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class PocketguideError(click.ClickException):
    """Bad input or a failed build; carries every problem found, shown one per line."""

    exit_code = 1
    # What a failed build wrote and warned before it stopped (a BuildReport, set by build).
    partial: object | None = None

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        # One line per problem and no "Error:" prefix, so each line starts with path:line.
        click.echo(self.message, err=True, file=file)


class Problems:
    """Collects problems so that all of them are reported together."""

    def __init__(self, root: Path | None = None):
        self.root = root
        self.items: list[Problem] = []

    def add(self, path: Path | str, line: int | None, message: str) -> None:
        """Record one problem."""
        self.items.append(Problem(display_path(path, self.root), line, message))

    def extend(self, problems: list[Problem]) -> None:
        """Record problems found elsewhere."""
        self.items.extend(problems)

    def raise_if_any(self) -> None:
        """Raise a PocketguideError listing every problem so far."""
        if self.items:
            raise PocketguideError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def system_error(error: OSError) -> PocketguideError | None:
    """A refused file operation (permission denied, disk full) as one line naming the file."""
    if error.filename is None or not error.strerror:
        return None  # no file to name: not the user's input, let it show as it is
    reason = error.strerror[0].lower() + error.strerror[1:]
    return PocketguideError(Problem(display_path(os.fsdecode(error.filename)), None, reason))


def display_path(path: Path | str, root: Path | None = None) -> str:
    """Show a path as the user can open it: from the working directory, else the project."""
    # Run from a project's parent folder, `org/hotlines.yaml` says which project is meant.
    bases = (os.getcwd(),) if root is None else (os.getcwd(), str(root))
    return _shown(str(path), bases)


@functools.lru_cache(maxsize=4096)
def _shown(path: str, bases: tuple[str, ...]) -> str:
    # Remembered: every content file is named on each build, and resolving a path outside
    # the project (the shipped content) takes four system calls per folder level.
    p = Path(path)
    for base in map(Path, bases):
        # The path as named first (a symlink shows where it is, not where it points).
        for mine, theirs in (
            (Path(os.path.abspath(p)), Path(os.path.abspath(base))),
            (p.resolve(), base.resolve()),
        ):
            if mine.is_relative_to(theirs):
                return mine.relative_to(theirs).as_posix()
    return p.as_posix()
