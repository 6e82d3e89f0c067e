"""Build many organization projects in parallel processes; one failure never stops the rest."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import click

from pocketguide.engine import font_folder
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.findproject import lost_config
from pocketguide.resources import CONFIG_NAME
from pocketguide.worker import cpu_count


@dataclass
class ProjectResult:
    """How one project's build went."""

    project: Path
    files: list[Path] = field(default_factory=list)
    pages: int = 0
    seconds: float = 0.0
    status: str = "ok"  # "ok" or "failed"
    message: str = ""  # the error lines of a failed build
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The project folder as shown in lines and the table."""
        return display_path(self.project)


def find_projects(parent: Path) -> list[Path]:
    """Subfolders of parent that hold a pocketguide.yaml, sorted by name."""
    parent = Path(parent)
    if not parent.is_dir():
        raise PocketguideError(Problem(str(parent), None, "no such folder"))
    # And those that lost it (a pocketguide.yaml.bak, a lock, hotlines): each fails, said, not
    # left out of the table while its old PDFs stay in use.
    found = sorted(
        p
        for p in parent.iterdir()
        if (p / CONFIG_NAME).is_file() or (p.is_dir() and lost_config(p))
    )
    if not found:
        raise PocketguideError(
            Problem(str(parent), None, f"no project folders (with a {CONFIG_NAME}) in here")
        )
    return found


def build_one(project_dir: Path, build_options: dict[str, Any]) -> ProjectResult:
    """Build one project (in a worker process); a PocketguideError becomes a failed result."""
    from pocketguide.build import build

    start = time.perf_counter()
    result = ProjectResult(Path(project_dir))
    try:
        if not (Path(project_dir) / CONFIG_NAME).is_file():  # an empty folder was "ok"
            why = lost_config(Path(project_dir)) or "a batch builds projects (see pocketguide init)"
            message = f"no {CONFIG_NAME} here: {why}"
            raise PocketguideError(Problem(str(project_dir), None, message))
        report = build(project_dir, **build_options)
    except PocketguideError as exc:
        result.status, result.message = "failed", exc.message
        report = exc.partial  # the files written before the failure still count
    if report is not None:
        result.files = [w.path for w in report.written]
        result.pages = sum(w.pages for w in report.written)
        result.warnings = report.warnings
    result.seconds = time.perf_counter() - start
    return result


def _options_for(project: Path, build_options: dict[str, Any], names: dict[Path, str]):
    """Each project writes into its own subfolder of a shared --out folder."""
    out = build_options.get("out_dir")
    if out is None:
        return build_options
    return {**build_options, "out_dir": Path(out) / names[project]}


def _out_names(projects: list[Path]) -> dict[Path, str]:
    names = {p: p.resolve().name for p in projects}
    seen: dict[str, Path] = {}
    for project, name in names.items():
        if name in seen:
            raise PocketguideError(
                f"--out: {display_path(seen[name])} and {display_path(project)} would both "
                f"write to {name}/; rename one folder or build them separately"
            )
        seen[name] = project
    return names


def build_many(
    project_dirs: list[Path], jobs: int | None = None, quiet: bool = False, **build_options: Any
) -> list[ProjectResult]:
    """Build each project in a pool of `jobs` processes; results in the given order."""
    projects = [Path(p) for p in project_dirs]
    names = _out_names(projects) if build_options.get("out_dir") is not None else {}
    wanted = jobs or cpu_count()
    jobs = max(1, min(wanted, len(projects)))
    # Cores left over when there are fewer projects than jobs go to each project's own build,
    # in the pool's processes: this one runs the progress bar's thread and must not fork.
    build_options = {**build_options, "jobs": max(1, wanted // len(projects)) if jobs > 1 else 1}
    results: dict[Path, ProjectResult] = {}
    fancy = sys.stdout.isatty() and sys.stderr.isatty() and not quiet
    if jobs == 1:  # in this process: no start-up cost, same results
        with _Progress(len(projects), fancy) as progress:
            for project in projects:
                options = _options_for(project, build_options, names)
                results[project] = _result_of(partial(build_one, project, options), project)
                progress.done(results[project])
    else:
        # Workers start (fork) on submit, before the progress bar starts its thread. They
        # share this process's folder for WeasyPrint's font copies, which it removes at exit.
        font_folder()
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures: dict[Future, Path] = {
                pool.submit(build_one, p, _options_for(p, build_options, names)): p
                for p in projects
            }
            with _Progress(len(projects), fancy) as progress:
                for future in as_completed(futures):
                    project = futures[future]
                    results[project] = _result_of(future.result, project)
                    progress.done(results[project])
    ordered = [results[p] for p in projects]
    print_table(ordered, sys.stdout.isatty())
    return ordered


def _result_of(built: Callable[[], ProjectResult], project: Path) -> ProjectResult:
    """A project's result; a crash (not a content problem) still fails only its project."""
    try:
        return built()
    except Exception as exc:  # reported in the table and the summary, not swallowed
        return ProjectResult(project, status="failed", message=f"{type(exc).__name__}: {exc}")


class _Progress:
    """A rich progress bar on a terminal; otherwise one plain line per finished project."""

    def __init__(self, total: int, fancy: bool):
        self.total, self.fancy, self.bar, self.task = total, fancy, None, None

    def __enter__(self) -> _Progress:
        if self.fancy:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            # On stderr, where the warnings go: printed through the bar's console, each lands
            # above the bar instead of running into it.
            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self.bar.start()
            self.task = self.bar.add_task("building", total=self.total)
        return self

    def done(self, result: ProjectResult) -> None:
        """One project finished."""
        lines = [f"warning: {result.name}: {warning}" for warning in result.warnings]
        lines += [f"error: {result.name}: {line}" for line in result.message.splitlines()]
        for line in lines:
            if self.bar is not None:
                self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
            else:
                click.echo(line, err=True)
        if self.bar is not None:
            self.bar.update(self.task, advance=1)  # the label stays "building": several run
        else:
            click.echo(f"{shown_status(result)}: {result.name} ({result.seconds:.1f} s)")

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.stop()


HEADERS = ("project", "files", "pages", "seconds", "status")


def table_rows(results: list[ProjectResult]) -> list[tuple[str, ...]]:
    """The closing table's cells."""
    return [
        (r.name, str(len(r.files)), str(r.pages), f"{r.seconds:.1f}", shown_status(r))
        for r in results
    ]


def shown_status(result: ProjectResult) -> str:
    """A project's status as shown: a project that warned says so ("ok, 2 warnings").

    Numbers changed since the last approval are said apart: in a table of chapters they
    looked like any other warning, while that chapter's PDFs print an unchecked number.
    """
    count = len(result.warnings)
    if result.status != "ok" or not count:
        return result.status
    from pocketguide.lock import says_unapproved

    changed = sum(says_unapproved(warning) for warning in result.warnings)
    unapproved = f" ({changed} not approved)" if changed else ""
    return f"ok, {count} warning{'s' if count > 1 else ''}{unapproved}"


def print_table(results: list[ProjectResult], fancy: bool) -> None:
    """A rich table on a terminal, plain aligned columns otherwise."""
    rows = table_rows(results)
    if fancy:
        from rich.console import Console
        from rich.table import Column, Table

        table = Table("project", *(Column(h, justify="right") for h in HEADERS[1:4]), "status")
        for row in rows:
            table.add_row(*row, style="red" if row[-1] == "failed" else None)
        Console().print(table)
        return
    widths = [max(len(cell) for cell in column) for column in zip(HEADERS, *rows, strict=False)]
    for row in (HEADERS, *rows):
        cells = [
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        click.echo("  ".join(cells).rstrip())


def summary(results: list[ProjectResult]) -> str | None:
    """One line naming the failed projects, or None when all succeeded."""
    failed = [r.name for r in results if r.status != "ok"]
    if not failed:
        return None
    return f"{len(failed)} of {len(results)} projects failed: {', '.join(failed)}"


def run_batch_cli(
    project_dirs: tuple[Path, ...] | list[Path],
    all_parent: Path | None,
    jobs: int | None,
    quiet: bool,
    **build_options: Any,
) -> list[ProjectResult]:
    """The batch form of `pocketguide build`; raises (exit 1) when any project failed.

    Options that cannot work together are usage errors (exit 2), as click's own are.
    """
    import click

    if all_parent is not None and project_dirs:
        raise click.UsageError("give project folders or --all PARENT, not both")
    projects = find_projects(all_parent) if all_parent is not None else list(project_dirs)
    # One folder named twice (org, ./org) would be built twice at once into one output folder.
    unique: dict[Path, Path] = {}
    for project in projects:
        unique.setdefault(project.resolve(), project)
    projects = list(unique.values())
    if build_options.get("out_dir") is not None:
        try:
            _out_names(projects)
        except PocketguideError as exc:
            raise click.UsageError(exc.problems[0].message) from None
    results = build_many(projects, jobs=jobs, quiet=quiet, **build_options)
    failed = summary(results)
    if failed:
        raise PocketguideError(failed)
    return results
