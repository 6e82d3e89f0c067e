"""Interface translations: the strings the templates use; the shipped and the project's .po files.

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

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.finder import SOURCE_LOCALE
from pocketguide.locales import language_of
from pocketguide.project import Project
from pocketguide.resources import templates_dir
from pocketguide.spelling import project_english, respell, spelling

# The same options as the renderer's environment, so extraction sees what rendering sees.
EXTRACT_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "1", "lstrip_blocks": "1"}
# A .po line: blank, a comment, or a keyword and/or one quoted string (escapes allowed).
_PO_LINE = re.compile(
    r'^(?:|#.*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(?:[^"\\]|\\.)*")$'
)
_BAD_LINE = 'not a .po line: a text goes in "double quotes", and a quote inside it is \\"'
_NAMED = re.compile(r"%\((\w+)\)")
_BOM = b"\xef\xbb\xbf"  # Windows Notepad starts UTF-8 files with it


def project_po(project: Project, locale: str) -> Path:
    """Where the project's own interface translation of a locale's language lives."""
    return project.root / "templates" / "i18n" / f"{language_of(locale)}.po"


@cache
def shipped_catalog(locale: str) -> Catalog | None:
    """The shipped interface catalog (templates/i18n/<language>.po) of a locale, if any."""
    path = templates_dir() / "i18n" / f"{language_of(locale)}.po"
    return _read(path, language_of(locale), path.as_posix()) if path.is_file() else None


@cache
def interface_ids() -> frozenset[str]:
    """Every interface string of the shipped templates (templates/i18n/messages.pot)."""
    with (templates_dir() / "i18n" / "messages.pot").open("rb") as handle:
        return frozenset(_first(m.id) for m in read_po(handle) if m.id)


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
    data = path.read_bytes().removeprefix(_BOM)
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(shown, line, "not UTF-8 text; save the file as UTF-8")
        raise PocketguideError(problem) from None
    # Babel reads `msgstr "Sommaire` as "Sommair": such a line is an error here instead.
    bad = [n for n, line in enumerate(lines, 1) if not _PO_LINE.match(line.strip())]
    if bad:
        raise PocketguideError([Problem(shown, n, _BAD_LINE) for n in bad])
    if twice := _repeated(lines):  # Babel would keep one of them without a word
        raise PocketguideError([Problem(shown, n, message) for n, message in twice])
    try:
        catalog = read_po(io.BytesIO(data), locale=language, abort_invalid=True)
    except PoFileError as exc:
        reason = re.sub(r" on \d+$", "", str(exc))
        problem = Problem(shown, exc.lineno + 1, f"not a .po file: {reason}")
        raise PocketguideError(problem) from None
    problems = [
        Problem(shown, message.lineno, f'"{_first(message.id)}": {error}')
        for message in catalog
        if message.id and not message.fuzzy and (error := _format_error(message))
    ]
    if problems:
        raise PocketguideError(problems)
    return catalog


def _repeated(lines: list[str]) -> list[tuple[int, str]]:
    """Entries whose one-line msgid came before (`"Contents" is translated twice`)."""
    first: dict[str, int] = {}
    found = []
    for number, line in enumerate(lines, 1):
        following = lines[number].lstrip() if number < len(lines) else ""
        if not line.startswith('msgid "') or line == 'msgid ""' or following.startswith('"'):
            continue
        if line in first:
            text = line.removeprefix("msgid ")
            found.append((number, f"{text} is translated twice (first at line {first[line]})"))
        first.setdefault(line, number)
    return found


def _format_error(message: Message) -> str | None:
    """What would break or lose words when the template fills in this translation."""
    english, translated = _first(message.id), message.string
    if not isinstance(translated, str) or not translated:
        return None
    wanted = set(_NAMED.findall(english))
    for name in _NAMED.findall(translated):
        if name not in wanted:
            keep = ", ".join(f"%({n})s" for n in sorted(wanted)) or "none"
            return f"%({name})s is not in the English text (its placeholders: {keep})"
    # Jinja fills in every translation with %, so a lone % breaks it and %(x)s must stay.
    try:
        translated % {name: "" for name in wanted}
    except (ValueError, TypeError, KeyError):
        return 'a % sign must be written %% ("100 %%")'
    if missing := sorted(wanted - set(_NAMED.findall(translated))):
        return f"the translation must keep {', '.join(f'%({n})s' for n in missing)}"
    return None


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


class _Respelled(NullTranslations):
    """The English interface spelt a British or Canadian edition's way ("organisation")."""

    def __init__(self, way: str) -> None:
        super().__init__()
        self.way = way

    def gettext(self, message: str) -> str:
        return respell(super().gettext(message), self.way)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return respell(super().ngettext(singular, plural, n), self.way)


def translations(project: Project, locale: str) -> NullTranslations:
    """Gettext translations of the interface for a locale: the project's over the shipped."""
    way = spelling(locale) if language_of(locale) == SOURCE_LOCALE else None
    merged: NullTranslations = _Respelled(way) if way else NullTranslations()
    for catalog in (shipped_catalog(locale), project_catalog(project, locale)):
        if catalog is None:
            continue
        compiled = _compiled(catalog)
        if isinstance(merged, Translations):
            merged.merge(compiled)
        else:
            if way:  # what the project's own English catalog leaves out, respelt
                compiled.add_fallback(merged)
            merged = compiled
    return merged


def _compiled(catalog: Catalog) -> Translations:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def interface_locale(project: Project, locale: str) -> str:
    """The locale the interface's words are in: English when nothing of it is translated.

    Dates and language names go into those words, so they follow it: "Numbers verified as
    of November 1, 2026", not "as of 1 tháng 11, 2026", in an edition with no translation.
    """
    if language_of(locale) == SOURCE_LOCALE or translated_interface(project, locale):
        return locale
    return project_english(project.locales, project.region)


def translated_interface(project: Project, locale: str) -> set[str]:
    """Interface strings translated for a locale, by the project or the shipped catalog."""
    shipped = translated_ids(shipped_catalog(locale))
    return shipped | translated_ids(project_catalog(project, locale))


def extracted(folders: list[Path]) -> dict[str, list[tuple[str, int]]]:
    """Every `_()` string of the templates in folders, with where it is used."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract
    from jinja2.ext import babel_extract

    found: dict[str, list[tuple[str, int]]] = {}
    for folder in folders:
        for template in sorted(folder.rglob("*.j2")):
            with template.open("rb") as handle:
                for line, message, _comments, _context in extract(
                    babel_extract, handle, DEFAULT_KEYWORDS, options=EXTRACT_OPTIONS
                ):
                    where = template.relative_to(folder).as_posix()
                    found.setdefault(_first(message), []).append((where, line))
    return found


def interface_messages(project: Project) -> set[str]:
    """Every `_()` string in the default templates and the project's template overlay."""
    return set(extracted([*project.template_dirs, templates_dir()]))


def interface_warnings(project: Project, locale: str) -> list[str]:
    """What of a locale's interface prints in English, and why (cheap: no shipped template is
    read; only a project's own templates are searched for strings)."""
    language = language_of(locale)
    if language == SOURCE_LOCALE:
        return []
    wanted = set(interface_ids()) | set(extracted(project.template_dirs))
    own = project_catalog(project, locale)
    shown = display_path(project_po(project, locale), project.root)
    folder = display_path(project.root)
    command = f"pocketguide translate {language}" + ("" if folder == "." else f" {folder}")
    if shipped_catalog(locale) is None and own is None:
        return [
            f'{shown}: missing translation of the interface ("Contents", "Call", ...: using '
            f"{project_english(project.locales, project.region)});"
            f" start it with: {command}{_misnamed(project, language)}"
        ]
    warnings = []
    for message in own or ():
        english = _first(message.id) if message.id else ""
        if english and english not in wanted:
            warnings.append(
                f'{shown}:{message.lineno}: "{english}" is not an interface string, so it is '
                "never used (keep each msgid exactly as `translate` wrote it)"
            )
        elif english and message.fuzzy and message.string:
            warnings.append(
                f'{shown}:{message.lineno}: "{english}" is marked fuzzy, so it prints in '
                'English; check it, then delete its "#, fuzzy" line'
            )
    if untranslated := wanted - translated_interface(project, locale):
        sample = ", ".join(f'"{m}"' for m in sorted(untranslated)[:2])
        more = ", ..." if len(untranslated) > 2 else ""
        listed = {_first(message.id) for message in own or () if message.id}
        # `translate` adds strings the file lacks; those it has only need their words.
        todo = f"add them with: {command}" if untranslated - listed else "fill in their msgstr"
        warnings.append(
            f"{shown}: {len(untranslated)} of {len(wanted)} interface strings not translated "
            f"({sample}{more}: using en); {todo}"
        )
    return warnings


def _misnamed(project: Project, language: str) -> str:
    """A hint when the folder holds a .po for this language under another name (fr_FR.po)."""
    folder = project.root / "templates" / "i18n"
    found = sorted(
        p.name
        for p in (folder.glob("*.po*") if folder.is_dir() else [])
        if p.name.lower().replace("_", "-").startswith((f"{language}-", f"{language}."))
    )
    return f"; found {found[0]}: name it {language}.po" if found else ""
