"""`pocketguide proof`: every number in large type with a tick box, for a second person to call.

Emergency numbers and crisis lines are listed too, but marked: test calls to them tie up the
line (and to emergency numbers are in places prohibited), so the checker confirms them from
published information.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pocketguide.catalogs import interface_locale, translations
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.formats import keywords_of
from pocketguide.guide import base_context
from pocketguide.locales import right_to_left as rtl
from pocketguide.models import Hotline
from pocketguide.output import write_atomic
from pocketguide.paper import PAPER_MM
from pocketguide.pdf import html_to_pdf
from pocketguide.phones import Number, is_emergency, parse_number
from pocketguide.placeholders import Filled
from pocketguide.prepare import prepare
from pocketguide.project import Project, load_project
from pocketguide.render import make_environment, render_template
from pocketguide.resources import content_dir, templates_dir
from pocketguide.verify import verify_pdf


@dataclass(frozen=True)
class Row:
    """One entry of the sheet: a hotline, or the organization's own number (hotline None)."""

    name: str
    phone: Number | None
    text: Number | None
    emergency: bool
    hotline: Hotline | None = None
    unlisted: bool = False  # named by the guide's text ({crisis}), but by no entry
    named: bool = False  # the entry the guide's text says to call ({crisis}, {emergency})
    crisis: bool = False  # checked from published information: a test call ties up the line


def proof_rows(
    project: Project, hotlines: list[Hotline], numbers: dict[str, Filled] | None = None
) -> list[Row]:
    """The hotlines, the numbers the text names that no entry lists, the organization's phone.

    `numbers`: what {emergency} and {crisis} print: 988 or 911 from the region, when no entry
    gives them, are on the sheet too, since the guide tells readers to call them.
    """
    named = {id(f.entry) for f in (numbers or {}).values() if f.entry is not None}
    rows = [
        Row(
            h.name,
            h.phone,
            h.text,
            h.category == "emergency"
            or any(n and is_emergency(n, h.region or project.region) for n in (h.phone, h.text)),
            h,
            named=id(h) in named,
            crisis=h.category == "crisis",
        )
        for h in hotlines
    ]
    for name, filled in (numbers or {}).items():
        if filled.entry is None:
            number = parse_number(filled.display, project.region)
            emergency = name == "emergency"
            rows.append(Row("", number, None, emergency, unlisted=True, crisis=not emergency))
    organization = project.config.organization if project.config else None
    if organization is not None and organization.phone is not None:
        phone = organization.phone
        rows.append(Row(organization.name, phone, None, is_emergency(phone, project.region)))
    return rows


def build_proof(project_dir: Path, out_dir: Path | None = None) -> tuple[Path, int]:
    """Render <slug>-proof.pdf for the project's primary locale."""
    project = load_project(project_dir)
    prepared = prepare(project, project.locales[0])
    hotlines = prepared.content.hotlines.hotlines
    if not hotlines:
        raise PocketguideError(Problem(str(project_dir), None, "no hotlines to proof"))
    paper = project.paper
    context = base_context(project, prepared.content, prepared.assets)
    context["page"] = {"width_mm": PAPER_MM[paper][0], "height_mm": PAPER_MM[paper][1]}
    context["today"] = dt.date.today().isoformat()
    rows = proof_rows(project, hotlines, prepared.content.numbers)
    context["rows"] = rows
    locale = prepared.content.locale
    words = translations(project, locale)
    env = make_environment(project.template_dirs, interface_locale(project, locale), words)
    html = render_template(env, "proof.html.j2", context)
    target = (Path(out_dir) if out_dir else project.root / "output") / f"{project.slug}-proof.pdf"
    shown = display_path(target)
    result = html_to_pdf(
        html, templates_dir(), [project.root, content_dir(), templates_dir()], shown
    )
    numbers = [n.display for row in rows for n in (row.phone, row.text) if n]
    keywords = keywords_of([row.hotline for row in rows if row.hotline])
    pages = verify_pdf(
        result.data, shown, PAPER_MM[paper], numbers, right_to_left=rtl(locale), keywords=keywords
    )
    write_atomic(target, result.data)
    _remember(project, target, result, locale)
    return target, pages


def _remember(project: Project, target: Path, result, locale: str) -> None:
    """Record the sheet with its numbers, so a build after a hotline edit names it as old:
    a checker ticking last week's number would have approve record this week's."""
    from pocketguide.cache import Manifest
    from pocketguide.stale import numbers_digest

    manifest = Manifest(target.parent)
    manifest.record_output(target, "proof", result)
    numbers = numbers_digest(project)
    manifest.note_numbers(target, project.root.resolve(), numbers, ("proof", locale))
    manifest.save()
