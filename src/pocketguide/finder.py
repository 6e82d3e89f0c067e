"""Which file a locale's content comes from: overlays before defaults, then fallbacks."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pocketguide.errors import Problems, display_path
from pocketguide.locales import language_of
from pocketguide.project import Project
from pocketguide.yamlload import line_of, load_yaml_file

# The default content's own language: the last place a missing translation is taken from.
SOURCE_LOCALE = "en"
# The project rewrote a file in its primary language but this locale still has the default text.
OUTDATED = "default"


@dataclass(frozen=True)
class Fallback:
    """A file missing in a locale, and the locale whose file was used instead."""

    relative: str
    locale: str
    used: str
    source: Path | None = field(default=None, compare=False)  # the file printed instead
    copied: bool = False  # the locale's file is there, word for word the `used` one

    def __str__(self) -> str:
        where = f"content/{self.locale}/{self.relative}"
        if self.copied:
            return f"{where}: not translated yet (the same text as {self.used})"
        if self.used == OUTDATED:
            return f"{where}: missing translation of the project's own version (using the default)"
        return f"{where}: missing translation (using {self.used})"


def locale_chain(project: Project, locale: str) -> list[str]:
    """Where a locale's files are looked for: itself, its language, the primary locale, en."""
    chain = [locale, language_of(locale), *project.locales[:1], SOURCE_LOCALE]
    return list(dict.fromkeys(chain))


class Finder:
    """Find a content file: overlays before defaults, the locale before the primary locale."""

    def __init__(self, project: Project, locale: str):
        self.project = project
        self.locales = locale_chain(project, locale)
        self.sources: list[Path] = []
        self.fallbacks: list[Fallback] = []

    def find(self, relative: str, problems: Problems, listed: tuple | None = None) -> Path | None:
        """The file for this locale (or the one it falls back to); `listed`: the manifest
        path and key of the id that names it, where a missing file is reported."""
        for index, locale in enumerate(self.locales):
            for base in self.project.content_dirs:
                candidate = base / locale / relative
                if candidate.is_file():
                    if not _confined(candidate, base, problems):
                        return None
                    self.sources.append(candidate)
                    # A regional variant (en-GB) reading its language's file (en) lacks nothing.
                    if index and language_of(locale) != language_of(self.locales[0]):
                        self.fallbacks.append(
                            Fallback(relative, self.locales[0], locale, candidate)
                        )
                    elif rewritten := self._overridden_elsewhere(base, relative):
                        # translate --content starts from the project's own text
                        self.fallbacks.append(
                            Fallback(relative, self.locales[0], OUTDATED, rewritten)
                        )
                    elif copied := self._copied_from(candidate, relative, index):
                        self.fallbacks.append(
                            Fallback(relative, self.locales[0], copied, copied=True)
                        )
                    return candidate
        if listed is None:
            problems.add(f"content/{self.locales[0]}/{relative}", None, "file not found")
        else:
            problems.add(*self._unlisted(relative, *listed))
        return None

    def _unlisted(self, relative: str, manifest: Path, keys: tuple) -> tuple[Path, int | None, str]:
        """A manifest id with no file: at its line, with the closest id that has one."""
        import difflib

        folder, name = relative.split("/")
        stem, suffix = name.rsplit(".", 1)
        found = {
            path.stem
            for base in self.project.content_dirs
            for locale in self.locales
            for path in (base / locale / folder).glob(f"*.{suffix}")
        }
        close = difflib.get_close_matches(stem, sorted(found), n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        data, _ = load_yaml_file(manifest)
        line = line_of(data, keys) if isinstance(data, dict) else None
        message = f'{keys[0]}: "{stem}" has no file {folder}/{name} in content/{self.locales[0]}/'
        return manifest, line, message + hint

    def _copied_from(self, found: Path, relative: str, index: int) -> str | None:
        """The other language whose file `found` still is, word for word (`translate --content`)."""
        if self.project.config is None or not found.is_relative_to(self.project.root / "content"):
            return None  # the shipped translations are translations
        language, text = language_of(self.locales[0]), found.read_bytes()
        # Any other language's file it may have been copied from: the shipped one too, after
        # the project rewrote its own English (the copy is still the old English).
        for locale in self.locales[index + 1 :]:
            if language_of(locale) == language:
                continue
            for base in self.project.content_dirs:
                other = base / locale / relative
                if other.is_file() and other.read_bytes() == text:
                    return locale
        return None

    def _overridden_elsewhere(self, base: Path, relative: str) -> Path | None:
        """The project's rewrite, in another locale, of a default file found in this one."""
        own = self.project.content_dirs[0]
        if base == own or len(self.project.content_dirs) < 2:
            return None
        found = (own / other / relative for other in self.locales[1:])
        return next((path for path in found if path.is_file()), None)

    def manifest(self, problems: Problems) -> Path | None:
        for base in self.project.content_dirs:
            if (base / "manifest.yaml").is_file():
                if not _confined(base / "manifest.yaml", base, problems):
                    return None
                self.sources.append(base / "manifest.yaml")
                return base / "manifest.yaml"
        problems.add("content/manifest.yaml", None, "file not found")
        return None


def _confined(path: Path, base: Path, problems: Problems) -> bool:
    """A content file must not be a link to a file outside its content folder."""
    if path.resolve().is_relative_to(base.resolve()):
        return True
    problems.add(display_path(path, problems.root), None, "is a link to a file outside the project")
    return False
