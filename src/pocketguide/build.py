"""The build pipeline: load, validate, render HTML, render PDF, verify, write atomically."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pocketguide.brand import BrandAssets, resolve_brand
from pocketguide.content import Content, load_content
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.formats import FORMATS, Options, Renderer, expand_formats, output_stem
from pocketguide.hotlines import stale_warnings
from pocketguide.i18n import select_locales
from pocketguide.lock import LOCK_NAME, Lock, lock_differences, read_lock
from pocketguide.output import write_atomic
from pocketguide.project import Project, load_project

__all__ = ["FORMATS", "BuildReport", "Options", "Written", "build", "prepare"]


@dataclass(frozen=True)
class Written:
    """One output file."""

    path: Path
    pages: int
    size: int


@dataclass
class BuildReport:
    """What a build wrote and what it warned about."""

    written: list[Written] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def warn(self, messages: list[str]) -> None:
        """Add warnings once each."""
        self.warnings.extend(m for m in messages if m not in self.warnings)


@dataclass
class Prepared:
    """One locale's validated inputs, ready to render."""

    content: Content
    assets: BrandAssets
    warnings: list[str]


def output_name(project: Project, fmt: str, locale: str) -> str:
    """`<slug>-<format>-<locale>.pdf`."""
    return f"{project.slug}-{fmt}-{locale}.pdf"


def prepare(project: Project, locale: str) -> Prepared:
    """Load and check everything one locale needs; raise all errors, return warnings."""
    content = load_content(project, locale)
    assets, problems, warnings = resolve_brand(project)
    lock_path = project.root / LOCK_NAME
    lock = None
    if not project.is_default and lock_path.is_file():
        lock, found = read_lock(lock_path, project.root)
        problems.extend(found)
    if problems:
        raise PocketguideError(problems)
    return Prepared(content, assets, warnings + hotline_warnings(project, content, lock))


def hotline_warnings(project: Project, content: Content, lock: Lock | None) -> list[str]:
    """Stale verification dates, and numbers that differ from hotlines.lock."""
    if project.is_default or content.hotlines_path is None:
        return []
    shown = display_path(content.hotlines_path, project.root)
    max_age = project.config.verification.max_age_days
    warnings = stale_warnings(content.hotlines, shown, max_age, dt.date.today())
    if lock is not None:
        shown_lock = display_path(project.root / LOCK_NAME, project.root)
        warnings += [f"{shown_lock}: {m}" for m in lock_differences(lock, content.hotlines)]
    return warnings


def strict_check(warnings: list[str]) -> None:
    """With --strict, any warning fails the build."""
    if warnings:
        raise PocketguideError([Problem("", None, f"{w} (--strict)") for w in warnings])


def build(
    project_dir: Path,
    formats: tuple[str, ...] = ("guide",),
    out_dir: Path | None = None,
    strict: bool = False,
    locales: tuple[str, ...] = (),
    options: Options | None = None,
) -> BuildReport:
    """Build every requested format for every requested (default: configured) locale."""
    project = load_project(project_dir)
    options = options or Options()
    out = Path(out_dir) if out_dir else project.root / "output"
    wanted = expand_formats(formats)
    report = BuildReport()
    for locale in select_locales(project, locales):
        prepared = prepare(project, locale)
        report.warn(prepared.warnings)
        if strict:
            strict_check(report.warnings)
        renderer = Renderer(project, prepared.content, prepared.assets, options)
        for fmt in wanted:
            target = out / output_name(project, output_stem(fmt, options), locale)
            rendered = renderer.render(fmt, display_path(target))
            report.warn(rendered.warnings)
            if strict:
                strict_check(report.warnings)
            write_atomic(target, rendered.data)
            report.written.append(Written(target, rendered.pages, len(rendered.data)))
    return report
