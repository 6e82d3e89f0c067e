"""The build pipeline: load, validate, render HTML, render PDF, verify, write atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pocketguide.content import load_content
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.guide import render_guide_html
from pocketguide.output import write_atomic
from pocketguide.pdf import html_to_pdf
from pocketguide.project import Project, load_project
from pocketguide.resources import content_dir, templates_dir
from pocketguide.verify import verify_pdf

FORMATS = ("guide",)
GUIDE_PAGES = (28, 48)


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


def output_name(project: Project, fmt: str, locale: str) -> str:
    """`<slug>-<format>-<locale>.pdf`."""
    return f"{project.slug}-{fmt}-{locale}.pdf"


def build(
    project_dir: Path,
    formats: tuple[str, ...] = ("guide",),
    out_dir: Path | None = None,
    strict: bool = False,
) -> BuildReport:
    """Build every requested format for every locale of the project."""
    project = load_project(project_dir)
    out = Path(out_dir) if out_dir else project.root / "output"
    report = BuildReport()
    for locale in project.locales:
        content = load_content(project, locale)
        for fmt in formats:
            target = out / output_name(project, fmt, locale)
            data, pages, warnings = _render(project, content, fmt, target)
            report.warnings.extend(warnings)
            if strict and warnings:
                raise PocketguideError(
                    [Problem(w, None, "warning treated as error (--strict)") for w in warnings]
                )
            write_atomic(target, data)
            report.written.append(Written(target, pages, len(data)))
    return report


def _render(project: Project, content, fmt: str, target: Path) -> tuple[bytes, int, list[str]]:
    if fmt != "guide":
        raise PocketguideError(f"unknown format {fmt!r}")
    html = render_guide_html(project, content)
    roots = [project.root, content_dir(), templates_dir()]
    result = html_to_pdf(html, templates_dir(), roots, display_path(target))
    numbers = [n.display for h in content.hotlines.hotlines for n in (h.phone, h.text) if n]
    pages = verify_pdf(result.data, display_path(target), project.page_mm, numbers, GUIDE_PAGES)
    return result.data, pages, result.warnings
