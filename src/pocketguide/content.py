"""Load a locale's content (manifest, guide text, sections, scenarios, hotlines) with overlays."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pocketguide.errors import Problems, display_path
from pocketguide.hotlines import load_hotlines
from pocketguide.locales import language_of
from pocketguide.models import GuideText, HotlineFile, Manifest, Scenario, SectionMeta
from pocketguide.project import Project
from pocketguide.resources import content_dir
from pocketguide.sections import load_section
from pocketguide.spelling import IDS, respeller
from pocketguide.validate import validate
from pocketguide.yamlload import (
    line_of,
    load_yaml_file,
)


@dataclass(frozen=True)
class Section:
    """One section: its front matter and its body as safe HTML."""

    id: str
    meta: SectionMeta
    html: str
    source: Path


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario script and where it came from."""

    id: str
    script: Scenario
    source: Path


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


@dataclass
class Content:
    """Everything a locale's templates show."""

    locale: str
    guide: GuideText
    sections: list[Section]
    scenarios: list[ScenarioEntry]
    hotlines: HotlineFile
    sources: list[Path] = field(default_factory=list)
    fallbacks: list[Fallback] = field(default_factory=list)
    hotlines_path: Path | None = None
    # Entries whose numbers differ from hotlines.lock (set by build.prepare).
    unapproved: list[str] = field(default_factory=list)
    # The project's section and scenario files that no manifest lists (warnings).
    unlisted: list[str] = field(default_factory=list)


def locale_chain(project: Project, locale: str) -> list[str]:
    """Where a locale's files are looked for: itself, its language, the primary locale, en."""
    chain = [locale, language_of(locale), *project.locales[:1], SOURCE_LOCALE]
    return list(dict.fromkeys(chain))


class _Finder:
    """Find a content file: overlays before defaults, the locale before the primary locale."""

    def __init__(self, project: Project, locale: str):
        self.project = project
        self.locales = locale_chain(project, locale)
        self.sources: list[Path] = []
        self.fallbacks: list[Fallback] = []

    def find(self, relative: str, problems: Problems) -> Path | None:
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
        problems.add(f"content/{self.locales[0]}/{relative}", None, "file not found")
        return None

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


def _load_model(path: Path, model, problems: Problems, context: dict | None = None):
    shown = display_path(path, problems.root)
    data, found = load_yaml_file(path, shown=shown)
    if not found:
        value, found = validate(model, data, shown, context)
    problems.extend(found)
    return None if found else value


def _confined(path: Path, base: Path, problems: Problems) -> bool:
    """A content file must not be a link to a file outside its content folder."""
    if path.resolve().is_relative_to(base.resolve()):
        return True
    problems.add(display_path(path, problems.root), None, "is a link to a file outside the project")
    return False


def order_sections(manifest: Manifest, project: Project, problems: Problems) -> list[str]:
    """Apply the project's `sections.exclude` and `sections.order` to the manifest."""
    ids = list(manifest.sections)
    if project.config is None:
        return ids
    settings = project.config.sections
    for key in ("exclude", "order"):
        for index, name in enumerate(getattr(settings, key) or []):
            if name not in ids:
                line = line_of(project.raw, ("sections", key, index))
                problems.add(project.config_path, line, f'sections: no section with id "{name}"')
    if settings.order:
        ids = settings.order + [i for i in ids if i not in settings.order]
    return [i for i in ids if i not in settings.exclude]


def load_content(project: Project, locale: str) -> Content:
    """Load and validate all content of one locale; raise every problem together."""
    problems = Problems(project.root)
    finder = _Finder(project, locale)
    manifest_path = finder.manifest(problems)
    manifest = _load_model(manifest_path, Manifest, problems) if manifest_path else None
    guide_path = finder.find("guide.yaml", problems)
    guide = _load_model(guide_path, GuideText, problems) if guide_path else None
    respelled = respeller(locale)
    if guide:
        guide = respelled(guide, guide_path, IDS)
    sections: list[Section] = []
    scenarios: list[ScenarioEntry] = []
    hotlines = HotlineFile()
    if manifest:
        for section_id in order_sections(manifest, project, problems):
            path = finder.find(f"sections/{section_id}.md", problems)
            loaded = load_section(path, problems) if path else None
            if loaded:
                meta, body = respelled(loaded[0], path), respelled(loaded[1], path)
                sections.append(Section(section_id, meta, body, path))
        for scenario_id in manifest.scenarios:
            path = finder.find(f"scenarios/{scenario_id}.yaml", problems)
            script = _load_model(path, Scenario, problems) if path else None
            if script:
                scenarios.append(ScenarioEntry(scenario_id, respelled(script, path), path))
    hotlines, hotlines_path = _hotlines(project, finder, problems)
    if manifest and not any(s.meta.layout == "crisis" for s in sections) and not problems:
        # Every guide prints its crisis numbers; the check after rendering relies on it.
        line = project.line("sections", "exclude")
        where = project.config_path if line else manifest_path
        message = "the guide must keep its crisis numbers section (a section with layout: crisis)"
        problems.add(where, line, f"sections: exclude: {message}" if line else message)
    problems.raise_if_any()
    content = Content(
        locale,
        guide,
        sections,
        scenarios,
        hotlines,
        finder.sources,
        finder.fallbacks,
        hotlines_path,
    )
    content.unlisted = unlisted_files(project, manifest, finder.locales) if manifest else []
    return content


def unlisted_files(project: Project, manifest: Manifest, locales: list[str]) -> list[str]:
    """A warning for each of the project's own section or scenario files no guide prints."""
    if project.config is None or not (project.root / "content").is_dir():
        return []
    where = "content/manifest.yaml"
    if not (project.root / where).is_file():
        default = display_path(content_dir() / "manifest.yaml")
        where += f" (copy {default} there first)"
    found = []
    for kind, listed, suffix in (
        ("sections", manifest.sections, ".md"),
        ("scenarios", manifest.scenarios, ".yaml"),
    ):
        for locale in dict.fromkeys(locales):
            for path in sorted((project.root / "content" / locale / kind).glob(f"*{suffix}")):
                if path.stem not in listed:
                    found.append(
                        f'{project.shown(path)}: not in the guide: list "{path.stem}" under '
                        f"{kind}: in {where}"
                    )
    return list(dict.fromkeys(found))


def _hotlines(project: Project, finder: _Finder, problems: Problems) -> tuple[HotlineFile, Path]:
    """The project's hotlines (blanks default to the locale's), else the default 988 and 911."""

    def default_file() -> tuple[HotlineFile | None, Path | None]:
        # Looked for only when used: finding it notes a missing translation of it.
        path = finder.find("hotlines.yaml", problems)
        # The shipped file's numbers are US ones; a project's own copy holds its region's.
        own_copy = path is not None and not path.resolve().is_relative_to(content_dir().resolve())
        context = {"region": project.region if own_copy else "US"}
        return (_load_model(path, HotlineFile, problems, context) if path else None), path

    own = project.hotlines_path
    if own is None:
        default, default_path = default_file()
        return default or HotlineFile(), default_path
    if not own.is_file():
        problems.add(
            project.config_path,
            project.line("hotlines"),
            f"hotlines: {project.shown(own)}: file not found",
        )
        return HotlineFile(), own
    hotlines, found = load_hotlines(own, project.region, project.root)
    problems.extend(found)
    if hotlines is None:
        return HotlineFile(), own
    if "blanks" not in hotlines.model_fields_set and (default := default_file()[0]):
        hotlines = hotlines.model_copy(update={"blanks": default.blanks})
    return hotlines, own
