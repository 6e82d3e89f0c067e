"""What each language of a project translates: the missing-translation warnings and table."""

from __future__ import annotations

from pocketguide.catalogs import interface_messages, translated_interface
from pocketguide.content import Content
from pocketguide.finder import OUTDATED, SOURCE_LOCALE
from pocketguide.locales import language_of
from pocketguide.project import Project


def missing_translations(content: Content, project: Project) -> list[str]:
    """One warning per file taken from another locale, named from the working folder.

    A language with no content folder at all gets one warning, with how to start one.
    """
    if project.is_default:
        return [str(f) for f in content.fallbacks]
    # The file to create: inside the project, as the user runs from (`riverside/content/...`).
    prefix = project.shown(project.root / "content")[: -len("content")]
    if untranslated := not_started(content, project):
        folder = project.shown(project.root)
        command = f"pocketguide translate {content.locale}" + (
            "" if folder == "." else f" {folder}"
        )
        files = len(content.fallbacks)
        return [
            f"{prefix}content/{content.locale}/: no translation yet ({files} files print in "
            f"{untranslated}); start one with: {command} --content"
        ]
    return [prefix + str(f) for f in content.fallbacks]


def not_started(content: Content, project: Project) -> str | None:
    """The locale every file prints in, when no content folder holds this locale's language."""
    used = {f.used for f in content.fallbacks if not f.copied}
    if len(used) != 1 or len(content.fallbacks) < 2 or OUTDATED in used:
        return None
    names = {content.locale, language_of(content.locale)}
    if any((base / name).is_dir() for base in project.content_dirs for name in names):
        return None
    return used.pop()


def interface_coverage(project: Project, locale: str) -> tuple[int, int]:
    """(translated, total) interface strings; the templates' own language (en) is complete."""
    wanted = interface_messages(project)
    if language_of(locale) == SOURCE_LOCALE:
        return len(wanted), len(wanted)
    return len(wanted & translated_interface(project, locale)), len(wanted)


def translations_table(project: Project, contents: list[Content]) -> str:
    """Plain-text table: each content file x locale, translated or which locale stands in."""
    from pocketguide.translated_hotlines import untranslated

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
