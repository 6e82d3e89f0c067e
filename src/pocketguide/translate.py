"""`pocketguide translate`: start or update a project's interface translation (.po)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from pocketguide.catalogs import extracted, project_catalog, project_po, shipped_catalog
from pocketguide.locales import language_of
from pocketguide.project import Project
from pocketguide.resources import templates_dir

_HEADER = """\
# The headings and labels of this project's pocket guide, translated: fill in each msgstr.
# An empty msgstr prints in English; so does one marked "#, fuzzy" (check it, then delete
# that line). A % sign is written %%. Update the list with: pocketguide translate <language>"""


@dataclass(frozen=True)
class Started:
    """What `translate` wrote: the file, its strings, how many are empty or fuzzy."""

    path: Path
    total: int
    empty: int
    fuzzy: int


def start_translation(project: Project, locale: str) -> Started:
    """Write or update the project's .po for a locale.

    A new file starts from the shipped translation, if any. An existing one keeps every
    translation; one whose English changed is kept, marked fuzzy, for a person to check; one
    no template uses any more is kept as obsolete (#~), and used again when a template is.
    """
    from pocketguide.output import write_atomic

    language = language_of(locale)
    path = project_po(project, locale)
    catalog = project_catalog(project, locale)
    template = Catalog(locale=language)
    used = extracted([*project.template_dirs, templates_dir()])
    for message_id, locations in sorted(used.items()):
        template.add(message_id, locations=locations)
    if catalog is None:
        name = project.config.organization.name
        catalog = Catalog(locale=language, project=name, header_comment=_HEADER, fuzzy=False)
        shipped = shipped_catalog(locale)
        for message in template:
            found = shipped.get(message.id) if shipped is not None and message.id else None
            if message.id:
                catalog.add(message.id, found.string if found and not found.fuzzy else "")
    # A string no template uses stays in the file as an obsolete (#~) entry, and its
    # translation comes back when a template uses it again: it was deleted, unsaid.
    kept = {key: m for key, m in catalog.obsolete.items() if m.string}
    catalog.update(template, update_creation_date=False)
    for message in catalog:
        if message.id and not message.string and (old := kept.get(message.id)) is not None:
            message.string = old.string
            catalog.obsolete.pop(message.id, None)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buffer.getvalue())
    messages = [m for m in catalog if m.id]
    empty = sum(1 for m in messages if not m.string)
    fuzzy = sum(1 for m in messages if m.string and m.fuzzy)
    return Started(path, len(messages), empty, fuzzy)


def copy_content(project: Project, locale: str) -> list[Path]:
    """Copy each content file the locale takes from another language into content/<locale>/.

    A copy keeps warning ("not translated yet") until its text changes; no file is replaced.
    """
    from pocketguide.content import load_content
    from pocketguide.output import write_atomic

    copied = []
    for fallback in load_content(project, locale).fallbacks:
        target = project.root / "content" / locale / fallback.relative
        if fallback.copied or fallback.source is None or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, fallback.source.read_bytes())
        copied.append(target)
    return copied


def configured_locale(project: Project, locale: str) -> str:
    """The locale as `locales:` spells it (pt-BR for pt-br): the folder a build reads."""
    from pocketguide.errors import PocketguideError, display_path

    same = [c for c in project.locales if c.lower().replace("_", "-") == locale.lower()]
    if not same:
        raise PocketguideError(
            f"{display_path(project.config_path)}: {locale} is not under locales:, so no "
            "edition would print its text; add it there first"
        )
    return same[0]
