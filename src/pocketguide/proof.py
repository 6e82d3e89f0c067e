"""`pocketguide proof`: every number in large type with a tick box, for a second person to call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pocketguide.build import prepare
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.guide import base_context
from pocketguide.i18n import translations
from pocketguide.output import write_atomic
from pocketguide.paper import PAPER_MM, paper_for
from pocketguide.pdf import html_to_pdf
from pocketguide.project import load_project
from pocketguide.render import make_environment, render_template
from pocketguide.resources import content_dir, templates_dir
from pocketguide.verify import verify_pdf


def build_proof(project_dir: Path, out_dir: Path | None = None) -> tuple[Path, int]:
    """Render <slug>-proof.pdf for the project's primary locale."""
    project = load_project(project_dir)
    prepared = prepare(project, project.locales[0])
    hotlines = prepared.content.hotlines.hotlines
    if not hotlines:
        raise PocketguideError(Problem(str(project_dir), None, "no hotlines to proof"))
    paper = paper_for(project.region)
    context = base_context(project, prepared.content, prepared.assets)
    context["page"] = {"width_mm": PAPER_MM[paper][0], "height_mm": PAPER_MM[paper][1]}
    context["today"] = dt.date.today().isoformat()
    locale = prepared.content.locale
    env = make_environment(project.template_dirs, locale, translations(locale))
    html = render_template(env, "proof.html.j2", context)
    target = (Path(out_dir) if out_dir else project.root / "output") / f"{project.slug}-proof.pdf"
    shown = display_path(target)
    result = html_to_pdf(
        html, templates_dir(), [project.root, content_dir(), templates_dir()], shown
    )
    numbers = [n.display for h in hotlines for n in (h.phone, h.text) if n]
    pages = verify_pdf(result.data, shown, PAPER_MM[paper], numbers)
    write_atomic(target, result.data)
    return target, pages
