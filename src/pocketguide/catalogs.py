"""Interface translations: the shipped .po files, a project's own, and starting a project's.

The templates' interface strings (`{{ _("Contents") }}`) come from templates/i18n/<lang>.po.
A project may add or correct them in its own templates/i18n/<lang>.po: its translations win
string by string, the shipped ones fill the rest, and English stands in for anything left.
Catalogs are compiled in memory (no .mo files).
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po
from babel.support import NullTranslations, Translations
from jinja2.ext import babel_extract

from pocketguide.config import language_of
from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.project import Project
from pocketguide.resources import templates_dir

SOURCE_LANGUAGE = "en"  # the language the templates are written in
# A .po line: blank, a comment, or a keyword and/or one quoted string (escapes allowed).
_PO_LINE = re.compile(
    r'^(?:|#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(?:[^"\\]|\\.)*")$'
)
# The same options as the renderer's environment, so extraction sees what rendering sees.
EXTRACT_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "1", "lstrip_blocks": "1"}


def project_po(project: Project, locale: str) -> Path:
    """Where the project's own interface translation of a locale's language lives."""
    return project.root / "templates" / "i18n" / f"{language_of(locale)}.po"


@cache
def shipped_catalog(locale: str) -> Catalog | None:
    """The shipped interface catalog (templates/i18n/<language>.po) of a locale, if any."""
    path = templates_dir() / "i18n" / f"{language_of(locale)}.po"
    return _read(path, language_of(locale), path.as_posix()) if path.is_file() else None


def project_catalog(project: Project, locale: str) -> Catalog | None:
    """The project's own catalog for a locale; a broken one is an error naming its line."""
    path = project_po(project, locale)
    if project.config is None or not path.is_file():
        return None
    stat = path.stat()
    shown = display_path(path, project.root)
    return _read_cached(str(path), stat.st_mtime_ns, stat.st_size, language_of(locale), shown)


@cache
def _read_cached(path: str, _mtime: int, _size: int, language: str, shown: str) -> Catalog:
    # Keyed on the file's time and size: `watch` sees an edited .po on its next build.
    return _read(Path(path), language, shown)


def _read(path: Path, language: str, shown: str) -> Catalog:
    try:
        data = path.read_bytes()
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise PocketguideError(Problem(shown, None, "not UTF-8 text")) from None
    # Babel reads `msgstr "Sommaire` as "Sommair": such a line is an error here instead.
    bad = [n for n, line in enumerate(lines, 1) if not _PO_LINE.match(line.strip())]
    if bad:
        raise PocketguideError(
            [Problem(shown, n, 'not a .po line: a text goes in "double quotes"') for n in bad]
        )
    try:
        catalog = read_po(io.BytesIO(data), locale=language, abort_invalid=True)
    except PoFileError as exc:
        reason = re.sub(r" on \d+$", "", str(exc))
        problem = Problem(shown, exc.lineno + 1, f"not a .po file: {reason}")
        raise PocketguideError(problem) from None
    problems = [
        # A placeholder that does not match (%(dat)s for %(date)s) would fail the render.
        Problem(shown, message.lineno, f'"{_first(message.id)}": {error}')
        for message in catalog
        if message.id and not message.fuzzy
        for error in message.check(catalog)
    ]
    if problems:
        raise PocketguideError(problems)
    return catalog


def _first(message_id: str | tuple) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def translated_ids(catalog: Catalog | None) -> set[str]:
    """The message ids a catalog really translates (not empty, not fuzzy)."""
    if catalog is None:
        return set()
    return {
        _first(m.id)
        for m in catalog
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }


def translations(project: Project, locale: str) -> NullTranslations:
    """Gettext translations of the interface for a locale: the project's over the shipped."""
    merged: NullTranslations = NullTranslations()
    for catalog in (shipped_catalog(locale), project_catalog(project, locale)):
        if catalog is None:
            continue
        compiled = _compiled(catalog)
        if isinstance(merged, Translations):
            merged.merge(compiled)
        else:
            merged = compiled
    return merged


def _compiled(catalog: Catalog) -> Translations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def interface_ids(project: Project, locale: str) -> set[str]:
    """Interface strings translated for a locale, by the project or the shipped catalog."""
    shipped = translated_ids(shipped_catalog(locale))
    return shipped | translated_ids(project_catalog(project, locale))


def interface_warnings(project: Project, locale: str) -> list[str]:
    """A warning when a locale's interface prints (partly) in English; cheap, for every build."""
    if language_of(locale) == SOURCE_LANGUAGE:
        return []
    shipped, own = shipped_catalog(locale), project_catalog(project, locale)
    shown = display_path(project_po(project, locale), project.root)
    if shipped is None and own is None:
        return [
            f'{shown}: missing translation of the interface ("Contents", "Call", ...: using en);'
            f" start it with: pocketguide translate {language_of(locale)}"
        ]
    if own is None:
        return []  # the shipped catalogs are complete (a test checks every one)
    wanted = {_first(m.id) for m in own if m.id}
    untranslated = wanted - interface_ids(project, locale)
    if not untranslated:
        return []
    return [f"{shown}: {len(untranslated)} of {len(wanted)} interface strings not translated"]


def interface_messages(project: Project) -> set[str]:
    """Every `_()` string in the default templates and the project's template overlay."""
    found: set[str] = set()
    for folder in [*project.template_dirs, templates_dir()]:
        for template in sorted(folder.rglob("*.j2")):
            with template.open("rb") as handle:
                for _line, message, _comments, _context in extract(
                    babel_extract, handle, DEFAULT_KEYWORDS, options=EXTRACT_OPTIONS
                ):
                    found.add(_first(message))
    return found


_HEADER = """\
# The headings and labels of this project's pocket guide, translated: fill in each msgstr.
# An empty msgstr prints in English. Update the list with: pocketguide translate <language>"""


def start_translation(project: Project, locale: str) -> tuple[Path, int, int]:
    """Write or update the project's .po for a locale: (path, strings, left to translate).

    A new file starts from the shipped translation, if any; an existing one keeps every
    translation and gains the strings the templates added since.
    """
    from pocketguide.output import write_atomic

    language = language_of(locale)
    path = project_po(project, locale)
    catalog = project_catalog(project, locale)
    template = Catalog(locale=language)
    for message_id in sorted(interface_messages(project)):
        template.add(message_id)
    if catalog is None:
        name = project.config.organization.name
        catalog = Catalog(locale=language, project=name, header_comment=_HEADER, fuzzy=False)
        shipped = shipped_catalog(locale)
        for message in template:
            found = shipped.get(message.id) if shipped is not None else None
            if message.id:
                catalog.add(message.id, found.string if found and not found.fuzzy else "")
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()  # strings the templates no longer use
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, buffer.getvalue())
    left = sum(1 for m in catalog if m.id and not (m.string and not m.fuzzy))
    return path, sum(1 for m in template if m.id), left
