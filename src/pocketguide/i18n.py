"""Locales: which exist, and the interface translations compiled in memory from .po sources."""

from __future__ import annotations

import io
from functools import cache

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from pocketguide.errors import PocketguideError
from pocketguide.project import Project
from pocketguide.resources import content_dir, templates_dir


def available_locales(project: Project) -> list[str]:
    """Locales with content: the project's configured ones plus every default content locale."""
    found = [d.name for d in sorted(content_dir().iterdir()) if (d / "guide.yaml").is_file()]
    return list(dict.fromkeys([*project.locales, *found]))


def select_locales(project: Project, requested: tuple[str, ...]) -> list[str]:
    """Resolve --locale values (or `all`) against what the project offers."""
    if not requested:
        return project.locales
    available = available_locales(project)
    if "all" in requested:
        return available
    unknown = [loc for loc in requested if loc not in available]
    if unknown:
        raise PocketguideError(f'unknown locale "{unknown[0]}"; available: {", ".join(available)}')
    return list(dict.fromkeys(requested))


@cache
def translations(locale: str) -> NullTranslations:
    """Gettext translations for the templates' interface strings, compiled from .po in memory."""
    po_path = templates_dir() / "i18n" / f"{locale.split('-')[0]}.po"
    if not po_path.is_file():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)
