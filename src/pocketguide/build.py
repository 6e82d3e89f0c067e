"""The build pipeline: load, validate, render HTML, render PDF, verify, write atomically.

Stage modules are imported inside the functions that use them, so that a no-op rebuild is
answered from the cache without loading them.
"""

from __future__ import annotations

import os
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide import hints
from pocketguide.cache import Manifest, Request
from pocketguide.digests import assets_digest, inputs_digest
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.findproject import refuse_unlikely_default
from pocketguide.options import (
    FORMATS,
    Options,
    expand_formats,
    for_project,
    option_flags,
    output_stem,
)
from pocketguide.output import check_output_folder, write_atomic
from pocketguide.paper import how_to_print
from pocketguide.prepare import Prepared, output_name, prepare, strict_check
from pocketguide.stale import numbers_digest, stale_context, stale_from, stale_warnings

if TYPE_CHECKING:
    from pocketguide.project import Project

__all__ = ["FORMATS", "BuildReport", "Options", "Written", "build", "prepare"]


@dataclass(frozen=True)
class Written:
    """One output file."""

    path: Path
    pages: int
    size: int
    fresh: bool = False  # up to date: not rebuilt
    how: str = ""  # how to print it, for sheets made for a home printer


@dataclass
class BuildReport:
    """What a build wrote (or found up to date) and what it warned about."""

    written: list[Written] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def warn(self, messages: list[str]) -> None:
        """Add warnings once each."""
        for message in messages:
            if message not in self.warnings:
                self.warnings.append(message)


def build(
    project_dir: Path,
    formats: tuple[str, ...] = ("guide",),
    out_dir: Path | None = None,
    strict: bool = False,
    locales: tuple[str, ...] = (),
    options: Options | None = None,
    force: bool = False,
    fragments: object | None = None,
    jobs: int | None = None,
) -> BuildReport:
    """Build every requested format for every requested (default: configured) locale.

    Outputs whose inputs are unchanged since the last build are reported fresh, not rebuilt,
    unless `force`. `fragments` (a FragmentCache) keeps rendered guide pages between builds.
    `jobs` (default: worker.default_jobs) > 1 renders in worker processes started at once:
    languages in parallel, or one language's PDFs while this process prepares their HTML.
    """
    options = options or Options()
    wanted = expand_formats(formats)
    out = Path(out_dir).resolve() if out_dir else Path(project_dir).resolve() / "output"
    refuse_unlikely_default(Path(project_dir))  # before naming output/ inside brand/ wrong
    check_output_folder(out)  # before anything, even the cache, is written there
    request = Request(str(Path(project_dir).resolve()), wanted, tuple(locales), options, strict)
    manifest = Manifest(out)
    digest = inputs_digest(project_dir, out, manifest.extra_inputs(request))
    if not force and (found := manifest.fresh_request(request, digest)):
        fresh, warnings = found
        report = BuildReport([Written(f.path, f.pages, f.size, fresh=True) for f in fresh])
        if context := manifest.request_stale(request):  # still true of the other outputs?
            stale = stale_from(manifest, context, [f.path for f in fresh])
            warnings += stale
            _strict_about_stale(strict, stale, report)
        report.warnings = warnings
        return report
    from pocketguide.worker import Workers, default_jobs, languages_hint

    languages = languages_hint(Path(project_dir), locales)
    jobs = default_jobs(languages) if jobs is None else jobs
    processes = min(jobs, languages)
    if processes == 1 and jobs > 1 and _may_halve(Path(project_dir), wanted, manifest, force):
        processes = 2  # one guide, its two halves laid out at once (pocketguide.halves)
    report = BuildReport()
    # A warm fragment cache (watch) lives in this process, so its builds render here.
    # One language's workers wait for this process's HTML: they warm WeasyPrint up meanwhile.
    pool = Workers(processes, warm_up=languages == 1) if jobs > 1 and fragments is None else None
    with pool or nullcontext() as workers:
        from pocketguide.project import load_project  # pydantic: imported after the fork

        project = load_project(project_dir)
        # Named files are inputs wherever they are: a shared hotlines file outside the project,
        # or one in a hidden folder (.private/), which the project's tree digest leaves out.
        # Hashed now, before rendering, so an edit made during this build is not taken as built.
        extra = [str(path) for path in project.named_files]
        if extra != manifest.extra_inputs(request):
            digest = inputs_digest(project_dir, out, extra)
        options = for_project(options, project.config)  # large_print: true, say
        # Fonts and images every output may reference; the output folder is never one of them.
        plan = _Plan(
            wanted,
            out,
            options,
            force,
            assets_digest(project.input_dirs, [out], project.named_files),
        )
        try:
            _build(project, plan, strict, locales, fragments, manifest, report, workers)
        except PocketguideError as exc:
            # With --strict the warnings are the error's own lines already. Outputs the
            # failure left as they were may print numbers from before a hotline edit.
            if not strict:
                written = [w.path for w in report.written]
                report.warn(stale_warnings(manifest, project, written, failed=True))
            exc.partial = BuildReport(report.written, [] if strict else report.warnings)
            raise
        finally:
            manifest.save()  # outputs written before a failure stay known
    written = [w.path for w in report.written]
    context = stale_context(project)
    manifest.record_request(request, digest, written, report.warnings, extra, context)
    manifest.save()
    # Not kept with the request's warnings: each build works out again whether it is true.
    stale = stale_from(manifest, context, written)
    report.warn(stale)
    _strict_about_stale(strict, stale, report)
    return report


def _may_halve(
    project_dir: Path, formats: tuple[str, ...], manifest: Manifest, force: bool
) -> bool:
    """Whether a one-language build may lay out its guide in two halves at once.

    Only from a layout kept by an earlier build (pocketguide.hints), and never when the build
    asks for reproducible bytes (SOURCE_DATE_EPOCH here; `build.date` once the config is
    read): two halves make other bytes (each half's own font subsets) than one layout. Not
    either when the output folder's last build can be re-laid out from (pocketguide.relayout):
    a second worker's WeasyPrint import would slow down the loading that a hotline edit's
    rebuild waits for, and that rebuild lays out only a section or two.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip() or (not force and manifest.has_layout()):
        return False
    return "guide" in formats and hints.exists(project_dir)


def _strict_about_stale(strict: bool, stale: list[str], report: BuildReport) -> None:
    """With --strict, outputs left printing old numbers fail the build (after it wrote)."""
    if strict and stale:
        try:
            strict_check(stale)
        except PocketguideError as exc:
            exc.partial = BuildReport(report.written, [])  # these files are right, and written
            raise


@dataclass(frozen=True)
class _Plan:
    """What every locale of one build renders, and where (sent to worker processes as is)."""

    formats: tuple[str, ...]
    out: Path
    options: Options
    force: bool
    assets_key: str  # cache.assets_digest of the fonts and images outputs may reference

    def target(self, project: Project, fmt: str, locale: str) -> Path:
        """Where one format of one locale is written."""
        return self.out / output_name(project, output_stem(fmt, self.options), locale)


def _build(project, plan, strict, locales, fragments, manifest, report, workers) -> None:
    from pocketguide.i18n import select_locales

    chosen = select_locales(project, locales)
    numbers = numbers_digest(project)

    def emit(warnings: list[str], output, failed: tuple[Problem, ...] = ()) -> None:
        report.warn(warnings)
        if strict:
            strict_check(report.warnings, failed)
        if isinstance(output, Written):
            report.written.append(output)
        elif output is not None:
            target, key, rendered, made = output
            write_atomic(target, rendered.data)
            manifest.record_output(target, key, rendered)
            if rendered.halves_dropped:  # at worst every other cold build tries the halves
                hints.forget(project.root, target)
            elif rendered.layout:
                hints.save(project.root, target, rendered.layout)
            manifest.note_numbers(target, project.root.resolve(), numbers, made)
            paper = plan.options.paper or project.paper
            how = how_to_print(made[0], paper, plan.options.duplex, rendered.pages)
            report.written.append(Written(target, rendered.pages, len(rendered.data), how=how))
        if isinstance(output, Written):
            manifest.note_numbers(output.path, project.root.resolve(), numbers)

    # A language that fails does not stop the others: the Spanish PDFs kept last week's
    # number when the English card overflowed. Its problems are raised with the rest at the
    # end; --strict stops at the first.
    failed: list[Problem] = []

    def fail(problems: list[Problem]) -> None:
        if strict:
            raise PocketguideError(problems)
        failed.extend(p for p in problems if p not in failed)

    if workers is None or len(chosen) == 1:
        # With one language a worker lays out its PDFs while this process prepares the HTML.
        for locale in chosen:
            try:
                _render_locale(project, locale, plan, fragments, manifest, emit, workers)
            except PocketguideError as exc:
                fail(exc.problems)
    else:
        # Workers render whole languages; this process writes, in locale order, so output
        # and --strict behave exactly as in a one-process build.
        futures = [workers.submit(_locale_in_worker, project.root, loc, plan) for loc in chosen]
        for locale, future in zip(chosen, futures, strict=True):
            try:
                items, problems = workers.result_of(future, locale)
            except PocketguideError as exc:  # its process died: the other languages go on
                items, problems = [], exc.problems
            for item in items:  # every format the worker finished, then its failed ones'
                emit(*item)
            if problems:
                fail(problems)
    if failed:
        raise PocketguideError(failed)


def _render_locale(project, locale, plan: _Plan, fragments, manifest, emit, workers) -> None:
    """Render one locale's formats, handing every warning and output to `emit` in order."""
    # A format that fails does not stop the others (its last good PDF stays): the problems of
    # every failed one are raised together at the end; `emit` gets those so far (--strict).
    prepared = prepare(project, locale)
    emit(prepared.warnings, None)
    renderer = _renderer(project, locale, prepared, plan, fragments, manifest, workers)
    failed: list[Problem] = []
    for fmt in plan.formats:
        try:
            warnings, output = _render_format(
                renderer, plan.target(project, fmt, locale), fmt, plan, manifest
            )
        except PocketguideError as exc:
            failed = list(dict.fromkeys([*failed, *exc.problems]))  # card and zine share theirs
            continue
        emit(warnings, output, tuple(failed))
    if failed:
        raise PocketguideError(failed)


def _renderer(project, locale, prepared: Prepared, plan: _Plan, fragments, manifest, workers):
    """One locale's Renderer, rendering in `workers` when given, from the last guide if any."""
    from pocketguide.formats import Renderer
    from pocketguide.guide import build_date

    renderer = Renderer(
        project, prepared.content, prepared.assets, plan.options, fragments, plan.assets_key
    )
    if workers is not None:
        renderer.make_pdf, renderer.start_layout = workers.html_to_pdf, workers.lay_out_pages
        if workers.size > 1 and "guide" in plan.formats and build_date(project) is None:
            renderer.start_half = workers.lay_out_half
            renderer.hint = hints.load(project.root, plan.target(project, "guide", locale))
    if "guide" in plan.formats and not plan.force:
        # A hotline edit re-lays out only the sections it changed (pocketguide.relayout).
        renderer.base = manifest.splice_base(plan.target(project, "guide", locale))
    return renderer


def _render_format(renderer, target: Path, fmt: str, plan: _Plan, manifest) -> tuple[list, object]:
    """One format's (warnings, output): found up to date, or rendered in memory."""
    key = renderer.fingerprint(fmt)
    fresh = None if plan.force else manifest.fresh_output(target, key)
    if fresh:
        return list(fresh.warnings), Written(target, fresh.pages, fresh.size, fresh=True)
    rendered = renderer.render(fmt, display_path(target))
    made = (fmt, renderer.content.locale, option_flags(plan.options, fmt))
    return rendered.warnings, (target, key, rendered, made)


def _locale_in_worker(root: Path, locale: str, plan: _Plan) -> tuple[list, list[Problem]]:
    """One locale rendered in a worker process: its [(warnings, output, ...)], then problems."""
    from pocketguide.project import load_project

    items: list = []
    try:
        project = load_project(root)
        manifest = Manifest(plan.out)
        emit = lambda *item: items.append(item)  # noqa: E731
        _render_locale(project, locale, plan, None, manifest, emit, None)
    except PocketguideError as exc:  # problems travel back as data; the parent raises them
        return items, exc.problems
    return items, []
