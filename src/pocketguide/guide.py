"""The template context shared by every format, and the guide's HTML."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from babel.dates import format_date

from pocketguide import __version__
from pocketguide.bidi import isolate_numbers_in_html
from pocketguide.brand import BrandAssets
from pocketguide.catalogs import interface_locale, translations
from pocketguide.config import slugify
from pocketguide.content import Content, known_numbers, texted_only
from pocketguide.fitcheck import LARGE_PRINT_SCALE, spare_lines
from pocketguide.locales import babel_locale, language_of, right_to_left
from pocketguide.models import CATEGORIES, Hotline
from pocketguide.numberlinks import link_numbers
from pocketguide.placeholders import fill_html
from pocketguide.project import Project
from pocketguide.qr import qr_image
from pocketguide.render import make_environment, render_template
from pocketguide.writtenclaim import refuse_unread_numbers, refuse_written_claim
from pocketguide.xrefs import unlink_missing


def build_date(project: Project) -> dt.date | None:
    """The date stamped into outputs: SOURCE_DATE_EPOCH, else build.date, else none."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    if project.config and project.config.build.date:
        return project.config.build.date
    return None


def group_hotlines(hotlines: list[Hotline]) -> list[dict[str, Any]]:
    """Hotlines grouped by category, in the fixed category order."""
    groups = []
    for category in CATEGORIES:
        members = [h for h in hotlines if h.category == category]
        if members:
            groups.append({"category": category, "hotlines": members})
    return groups


def in_edition(project: Project, locale: str, hotlines: list[Hotline]) -> list[Hotline]:
    """The entries as a locale's edition prints them (the primary one: as written)."""
    return [h.in_language(locale) for h in hotlines] if project.translates(locale) else hotlines


def base_context(project: Project, content: Content, assets: BrandAssets) -> dict[str, Any]:
    """Everything templates of any format may use."""
    config = project.config
    organization = config.organization if config else None
    guide = content.guide
    # "Verified as of" the oldest date is only true when every entry has a date, a person
    # approved the numbers (hotlines.lock), and no number changed since.
    hotlines = in_edition(project, content.locale, content.hotlines.hotlines)
    translated = project.translates(content.locale) and content.hotlines.blanks_in(content.locale)
    blanks = translated or content.hotlines.blanks
    dates = [h.verified for h in hotlines]
    dates = dates if all(dates) and not (content.unapproved or content.never_approved) else []
    words_locale = interface_locale(project, content.locale)  # what the date sits in
    built = build_date(project)
    width, height = project.page_mm
    return {
        "version": __version__,
        "locale": content.locale.replace("_", "-"),  # BCP 47, as PDF /Lang wants
        "direction": "rtl" if right_to_left(content.locale) else "ltr",
        "guide": guide,
        "organization": organization,
        "meta": {
            "title": f"{guide.title} · {organization.name}" if organization else guide.title,
            "author": organization.name if organization else guide.author,
            "subject": guide.subject,
            "keywords": guide.keywords,
            "date": built.isoformat() if built else None,
        },
        "brand": {
            "primary": config.brand.primary if config else "#1d4e89",
            "accent": config.brand.accent if config else "#f4a259",
            "logo_url": assets.logo_url,
            "font_url": assets.font_url,
            "font_faces": assets.font_faces,
        },
        "page": {"width_mm": width, "height_mm": height},
        "sections": content.sections,
        "scenarios": content.scenarios,
        "hotlines": hotlines,
        "hotline_groups": group_hotlines(hotlines),
        "blanks": blanks,
        "fillable": bool(config and config.fillable),
        "print_shop": False,
        "large_print": False,
        "qr_codes": {h.url: qr_image(h.url) for h in hotlines if h.url},
        "written_in": lambda path: _written_in(path, content.locale),
        "verified_as_of": format_date(min(dates), "long", locale=babel_locale(words_locale))
        if dates
        else None,
    }


def _written_in(path: Path, locale: str) -> str:
    """The language a content file is written in, when not the edition's (a fallback).

    Marked on its section, so WeasyPrint hyphenates English text by English rules in a
    Spanish edition, not by Spanish ones.
    """
    parent = path.parent
    folder = parent.parent.name if parent.name in ("sections", "scenarios") else parent.name
    return folder if language_of(folder) != language_of(locale) else ""


def render_html(
    project: Project,
    content: Content,
    assets: BrandAssets,
    template: str = "guide.html.j2",
    extra: dict[str, Any] | None = None,
) -> str:
    """Render one format's HTML document; `extra` adds or overrides context keys."""
    words = translations(project, content.locale)
    env = make_environment(project.template_dirs, interface_locale(project, content.locale), words)
    context = base_context(project, content, assets) | (extra or {})
    # As many spare lines as fit on the crisis page: the page size is the format's.
    scale = LARGE_PRINT_SCALE if context["large_print"] else 1.0
    spare = spare_lines(len(context["blanks"]), context["page"]["height_mm"], scale)
    context["blank_fields"] = blank_fields(context["blanks"], spare)
    html = unlink_missing(fill_html(render_template(env, template, context), content.numbers))
    refuse_written_claim(env, html, project, context["verified_as_of"])
    organization = project.config.organization.phone if project.config else None
    known = known_numbers(content, organization)  # only numbers approve and proof check
    refuse_unread_numbers(html, project, known, context["verified_as_of"] is not None)
    html = link_numbers(html, project.region, known, texted_only(content))
    return isolate_numbers_in_html(html) if right_to_left(content.locale) else html


def blank_fields(labels: list[str], extra: int = 3) -> list[dict[str, str | None]]:
    """The crisis page's blank lines as form fields, named after their labels, names unique.

    Labelled lines get one field (`name`); the `extra` unlabelled lines also get a field for
    the label (`label_name`).
    """
    used: set[str] = set()

    def unique(base: str) -> str:
        name, count = base, 1
        while name in used:
            count += 1
            name = f"{base}-{count}"
        used.add(name)
        return name

    fields: list[dict[str, str | None]] = [
        {"label": f"other-{i}-name", "name": f"other-{i}-number"} for i in range(1, extra + 1)
    ]
    used.update(f[key] for f in fields for key in ("label", "name"))
    labelled = [
        {"label": label, "name": unique(slugify(label, fallback="number")), "label_name": None}
        for label in labels
    ]
    unlabelled = [{"label": "", "name": f["name"], "label_name": f["label"]} for f in fields]
    return labelled + unlabelled
