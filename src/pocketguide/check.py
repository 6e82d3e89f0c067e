"""`check`: validate a project without writing PDFs (`approve` is in approve.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateError

from pocketguide.content import Content, load_content
from pocketguide.errors import PocketguideError, Problems
from pocketguide.hotlines import where
from pocketguide.i18n import available_locales, select_locales
from pocketguide.kit import (
    kit_gaps,
    kit_hotlines,
    kit_left_out,
    kit_scenarios,
    unknown_card_hotlines,
)
from pocketguide.prepare import Prepared, output_name, prepare
from pocketguide.project import Project, load_project
from pocketguide.render import locate_template_error, make_environment
from pocketguide.resources import is_shipped

if TYPE_CHECKING:
    from pocketguide.formats import Renderer  # imported when used: it reaches WeasyPrint's stage


@dataclass
class CheckReport:
    """What `check` found: the checked locales' content and every warning."""

    project: Project
    contents: list[Content] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)  # what {crisis} prints, per edition


def filled_numbers(project: Project, content: Content) -> list[str]:
    """What {emergency} and {crisis} print in an edition, and which entry gives each number."""
    lines = []
    for name, filled in content.numbers.items():
        if name not in content.named:
            continue
        path = content.hotlines_path
        if filled.entry is None:
            source = "no entry gives one: the region's usual number"
        elif path is None or is_shipped(path):
            source = f"pocketguide's own list: {filled.entry.name}"
        else:
            source = f"{where(project.shown(path), filled.entry)}: {filled.entry.name}"
        lines.append(f"{content.locale}: {{{name}}} prints {filled.display} ({source})")
    return lines


def template_names(project: Project) -> list[str]:
    """Every Jinja template the project and the defaults provide."""
    env = make_environment(project.template_dirs)
    return sorted(n for n in env.list_templates() if n.endswith(".j2"))


def check_project(
    project_dir: Path,
    locales: tuple[str, ...] = (),
    every_locale: bool = False,
    render: bool = False,
) -> CheckReport:
    """Validate config, content, overlays, hotlines, lock, brand and templates; return warnings.

    Checks the requested locales (`--locale`), else every available one when `every_locale`,
    else the configured ones. With `render`, every document is also laid out in memory and
    audited as a reader would meet it (fit, type size, contrast).
    """
    project = load_project(project_dir)
    report = CheckReport(project)
    problems = Problems(project.root)
    every = every_locale and not locales
    chosen = available_locales(project) if every else select_locales(project, locales)
    for locale in chosen:
        if every and locale not in project.locales:
            # Shown in the translations table only: a language the project does not publish
            # must not fail its check.
            try:
                report.contents.append(load_content(project, locale))
            except PocketguideError:
                note = f"{locale}: left out of the table; see pocketguide check --locale {locale}"
                report.warnings.append(note)
            continue
        try:
            prepared = prepare(project, locale)
        except PocketguideError as exc:
            problems.extend([p for p in exc.problems if p not in problems.items])
            continue
        report.contents.append(prepared.content)
        report.numbers += filled_numbers(project, prepared.content)
        found = list(prepared.warnings)
        # A name that is no entry is an error in the config, as when building the card.
        unknown = unknown_card_hotlines(project, prepared.content.hotlines.hotlines)
        problems.extend([p for p in unknown if p not in problems.items])
        kit = prepared.content.guide.kit is not None and not unknown  # no kit: no card or zine
        if kit:
            # Only the card and the zine need these, and a build of them fails: warnings here.
            try:  # the card's crisis side, and whether it lacks a crisis or emergency number
                picked = kit_hotlines(project, prepared.content)
                found += kit_gaps(project, prepared.content, picked)
                if left := kit_left_out(project, prepared.content, picked):
                    report.numbers.append(f"{locale}: {left}")
            except PocketguideError as exc:
                found += [str(p) for p in exc.problems]
                kit = False
            try:  # the scenarios the zine's quick responses name
                kit_scenarios(project, prepared.content)
            except PocketguideError as exc:
                found += [str(p) for p in exc.problems]
                kit = False
        if render:
            try:
                found += audit_rendered(project, prepared, kit)
            except PocketguideError as exc:  # every language's problems, together
                problems.extend([p for p in exc.problems if p not in problems.items])
            if prepared.content.guide.kit is None:  # said, so "ok" does not promise them
                found.append(
                    f"content/{locale}/guide.yaml: no kit: block, so the card and zine were not "
                    "laid out (building them fails)"
                )
        else:
            try:  # what only the finished HTML shows, e.g. a hand-written verified date
                render_documents(project, prepared, kit)
            except PocketguideError as exc:
                problems.extend([p for p in exc.problems if p not in problems.items])
        report.warnings += [w for w in found if w not in report.warnings]
    env = make_environment(project.template_dirs)
    for name in template_names(project):
        try:
            env.get_template(name)
        except TemplateError as exc:
            problems.extend([locate_template_error(exc, name)])
    problems.raise_if_any()
    return report


def _renderer(project: Project, prepared: Prepared) -> Renderer:
    """A renderer with the options `build` takes from the project's config."""
    from pocketguide.formats import Renderer
    from pocketguide.options import Options, for_project

    options = for_project(Options(), project.config)
    return Renderer(project, prepared.content, prepared.assets, options)


def render_documents(project: Project, prepared: Prepared, kit: bool = True) -> None:
    """Render the guide's, card's and zine's HTML as `build` would, laying nothing out."""
    renderer = _renderer(project, prepared)
    problems = []
    for kind in ("guide", "card", "zine") if kit else ("guide",):
        try:
            renderer.html(kind)
        except PocketguideError as exc:
            problems += [p for p in exc.problems if p not in problems]
    if problems:
        raise PocketguideError(problems)


def audit_rendered(project: Project, prepared: Prepared, kit: bool = True) -> list[str]:
    """Lay out the guide, the card and the zine in memory; their warnings and audit findings."""
    from pocketguide.a11y import MIN_PT_GUIDE, MIN_PT_SMALL, audit_pdf
    from pocketguide.options import output_stem

    renderer = _renderer(project, prepared)
    options = renderer.options
    locale = prepared.content.locale
    kinds = [("guide", MIN_PT_GUIDE)]
    if kit:
        kinds += [("card", MIN_PT_SMALL), ("zine", MIN_PT_SMALL)]
    found = []
    for kind, min_pt in kinds:
        # Named as `build` would write it, so a message reads the same from check and build.
        stem = output_stem("card-single" if kind == "card" else kind, options)
        name = output_name(project, stem, locale)
        shown = project.shown(project.root / "output" / name)
        rendered = renderer.source(kind, shown)
        found += rendered.warnings + audit_pdf(rendered.data, shown, min_pt)
    return found
