"""Locales: which exist, which a build renders, and how complete each one's translation is."""

from __future__ import annotations

import difflib

from pocketguide.catalogs import interface_messages, translated_interface
from pocketguide.content import SOURCE_LOCALE, Content
from pocketguide.errors import PocketguideError
from pocketguide.locales import language_of
from pocketguide.project import Project
from pocketguide.resources import content_dir


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
    # Language tags ignore case (es-mx is es-MX), so --locale ES is es.
    by_case = {loc.lower(): loc for loc in available}
    unknown = [loc for loc in requested if loc.lower() not in by_case]
    if unknown:
        close = difflib.get_close_matches(unknown[0].lower(), list(by_case), n=1)
        hint = f'did you mean "{by_case[close[0]]}"? ' if close else ""
        raise PocketguideError(
            f'unknown locale "{unknown[0]}"; {hint}available: {", ".join(available)}'
        )
    requested = tuple(by_case[loc.lower()] for loc in requested)
    return list(dict.fromkeys(requested))


def interface_coverage(project: Project, locale: str) -> tuple[int, int]:
    """(translated, total) interface strings; the templates' own language (en) is complete."""
    wanted = interface_messages(project)
    if language_of(locale) == SOURCE_LOCALE:
        return len(wanted), len(wanted)
    return len(wanted & translated_interface(project, locale)), len(wanted)


def translations_table(project: Project, contents: list[Content]) -> str:
    """Plain-text table: each content file x locale, translated or which locale stands in."""
    from pocketguide.hotline_warnings import untranslated

    relatives = ["guide.yaml"]
    for content in contents:
        relatives += [f"sections/{s.id}.md" for s in content.sections]
        relatives += [f"scenarios/{s.id}.yaml" for s in content.scenarios]
    relatives = [*dict.fromkeys(relatives), "hotlines.yaml"]
    rows = [["content/<locale>/", *(c.locale for c in contents)]]
    for relative in relatives:
        cells = []
        for content in contents:
            used = {f.relative: f.used for f in content.fallbacks}
            missing, blanks = untranslated(project, content)
            if relative == "hotlines.yaml" and (missing or blanks):
                parts = [f"{len(missing)} of {len(content.hotlines.hotlines)} entries"]
                parts = (parts if missing else []) + (["blanks"] if blanks else [])
                cells.append(f"no ({', '.join(parts)})")
                continue
            cells.append(f"no ({used[relative]})" if relative in used else "yes")
        rows.append([relative, *cells])
    interface = [interface_coverage(project, c.locale) for c in contents]
    rows.append(["interface strings", *(f"{done}/{total}" for done, total in interface)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)
