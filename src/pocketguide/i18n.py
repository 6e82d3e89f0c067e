"""Locales: which exist, which a build renders, and how complete each one's translation is."""

from __future__ import annotations

import difflib

from pocketguide.errors import PocketguideError, display_path
from pocketguide.locales import is_language, language_of
from pocketguide.project import Project
from pocketguide.resources import content_dir, every_locale
from pocketguide.spelling import regional_english


def available_locales(project: Project) -> list[str]:
    """Locales with content: the project's configured ones plus every default content locale."""
    found = [d.name for d in sorted(content_dir().iterdir()) if (d / "guide.yaml").is_file()]
    return list(dict.fromkeys([*project.locales, *found]))


def select_locales(project: Project, requested: tuple[str, ...]) -> list[str]:
    """Resolve --locale values (or `all`) against what the project offers."""
    if not requested:
        return project.locales
    if "all" in requested:
        # A French-only Canadian project's English edition is spelt the Canadian way.
        english = regional_english(project.region)
        own = project.locales
        return [english if tag == "en" and tag not in own else tag for tag in every_locale(own)]
    available = available_locales(project)
    # Language tags ignore case (es-mx is es-MX), so --locale ES is es.
    by_case = {loc.lower(): loc for loc in available}
    unknown = [loc for loc in requested if loc.lower() not in by_case]
    if unknown:
        tag = unknown[0]
        close = difflib.get_close_matches(tag.lower(), list(by_case), n=1)
        hint = f'did you mean "{by_case[close[0]]}"? ' if close else ""
        start = ""
        shipped = language_of(tag) in {language_of(loc) for loc in available}
        if not close and project.config is not None and shipped:
            config = display_path(project.config_path)
            start = f"; to publish in it, add {tag} to locales: in {config}"
        elif not close and project.config is not None and is_language(tag):
            config = display_path(project.config_path)
            folder = display_path(project.root)
            start = (
                f"; to publish in it, add {tag} to locales: in {config}, then run: "
                f"pocketguide translate {tag} {folder} --content"
            )
        raise PocketguideError(
            f'unknown locale "{tag}"; {hint}available: {", ".join(available)}{start}'
        )
    requested = tuple(by_case[loc.lower()] for loc in requested)
    return list(dict.fromkeys(requested))
