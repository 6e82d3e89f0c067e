"""Load a locale's content (manifest, guide text, sections, scenarios, hotlines) with overlays."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pocketguide.contentmodels import GuideText, Manifest, Scenario, SectionMeta
from pocketguide.errors import Problem, Problems, display_path
from pocketguide.finder import Fallback, Finder
from pocketguide.hotlines import load_hotlines
from pocketguide.locales import language_of
from pocketguide.models import HotlineFile
from pocketguide.phones import Number
from pocketguide.placeholders import Filled, fill_ins, fill_warnings, placeholder_problems
from pocketguide.project import Project
from pocketguide.resources import content_dir, is_shipped
from pocketguide.sections import load_section
from pocketguide.spelling import IDS, project_english, respeller
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
    # The project's own numbers with no hotlines.lock: nobody approved them (build.prepare).
    never_approved: bool = False
    # The project's section and scenario files that no manifest lists, and other warnings.
    unlisted: list[str] = field(default_factory=list)
    # What {emergency} and {crisis} print (pocketguide.placeholders).
    numbers: dict[str, Filled] = field(default_factory=dict)
    named: set[str] = field(default_factory=set)  # the placeholders the text uses
    deferred: list[Problem] = field(default_factory=list)  # load_content(defer=True)


def known_numbers(content: Content, organization: Number | None = None) -> set[str]:
    """The entries' numbers (and the organization's), normalized: the ones a lock checks."""
    entries = content.hotlines.hotlines
    known = {n.normalized for e in entries for n in e.numbers}
    return known | ({organization.normalized} if organization is not None else set())


def texted_only(content: Content) -> frozenset[str]:
    """Numbers the entries only text (a `text:` no entry calls), normalized."""
    entries = content.hotlines.hotlines
    called = {e.phone.normalized for e in entries if e.phone}
    return frozenset(e.text.normalized for e in entries if e.text) - called


def _load_model(path: Path, model, problems: Problems, context: dict | None = None):
    shown = display_path(path, problems.root)
    data, found = load_yaml_file(path, shown=shown)
    if not found:
        value, found = validate(model, data, shown, context)
    problems.extend(found)
    return None if found else value


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
        order = [i for i in settings.order if i in ids]  # an unknown id: said above
        ids = order + [i for i in ids if i not in order]
    return [i for i in ids if i not in settings.exclude]


def load_content(project: Project, locale: str, defer: bool = False) -> Content:
    """Load and validate all content of one locale; raise every problem together.

    With `defer`, the placeholders' problems are kept in `content.deferred` for the caller to
    raise with the text's other problems (a wrong link a line below a misspelt {crisis}).
    """
    problems = Problems(project.root)
    finder = Finder(project, locale)
    manifest_path = finder.manifest(problems)
    manifest = _load_model(manifest_path, Manifest, problems) if manifest_path else None
    guide_path = finder.find("guide.yaml", problems)
    guide = _load_model(guide_path, GuideText, problems) if guide_path else None
    english = locale if language_of(locale) == "en" else None
    respelled = respeller(english or project_english(project.locales, project.region))
    if guide:
        guide = respelled(guide, guide_path, IDS)
    sections: list[Section] = []
    scenarios: list[ScenarioEntry] = []
    hotlines = HotlineFile()
    if manifest:
        for section_id in order_sections(manifest, project, problems):
            listed = (manifest_path, ("sections", manifest.sections.index(section_id)))
            path = finder.find(f"sections/{section_id}.md", problems, listed)
            loaded = load_section(path, problems) if path else None
            if loaded:
                meta, body = respelled(loaded[0], path), respelled(loaded[1], path)
                sections.append(Section(section_id, meta, body, path))
        for index, scenario_id in enumerate(manifest.scenarios):
            listed = (manifest_path, ("scenarios", index))
            path = finder.find(f"scenarios/{scenario_id}.yaml", problems, listed)
            script = _load_model(path, Scenario, problems) if path else None
            if script:
                scenarios.append(ScenarioEntry(scenario_id, respelled(script, path), path))
    before = len(problems.items)
    hotlines, hotlines_path = _hotlines(project, finder, problems)
    values = fill_ins(hotlines.hotlines, project.region, locale)
    # A hotlines file with errors was not read: its crisis line may be there.
    where = project.shown(hotlines_path or project.config_path or Path("hotlines.yaml"))
    missing = len(problems.items) == before
    scanned = finder.sources + [p for p in [project.hotlines_path] if p and p.is_file()]
    found, used = placeholder_problems(scanned, values, where, project.root, missing)
    defer = defer and not problems.items  # with other problems, the text is not read further
    if not defer:
        problems.extend(found)
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
    content.deferred = found if defer else []
    content.unlisted = unlisted_files(project, manifest, finder.locales) if manifest else []
    # The text keeps {emergency} and {crisis}: the rendered HTML links the numbers.
    content.numbers, content.named = values, used
    own = hotlines_path if hotlines_path and not is_shipped(hotlines_path) else None
    content.unlisted += fill_warnings(values, used, own and project.shown(own), project.region)
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


def _hotlines(project: Project, finder: Finder, problems: Problems) -> tuple[HotlineFile, Path]:
    """The project's hotlines (blanks default to the locale's), else the default 988 and 911."""

    def default_file() -> tuple[HotlineFile | None, Path | None]:
        # Looked for only when used: finding it notes a missing translation of it.
        path = finder.find("hotlines.yaml", problems)
        if path is None:
            return None, None
        # The shipped file's numbers are US ones; a project's own copy holds its region's.
        region = "US" if is_shipped(path) else project.region
        hotlines, found = load_hotlines(path, region, project.root)  # lines noted, names once
        problems.extend(found)
        return hotlines, path

    own = project.hotlines_path
    if own is None:
        problems.extend(_unused_hotlines(project))
        default, default_path = default_file()
        if default_path and is_shipped(default_path) and project.config:
            problems.extend(_foreign_default(project, default_path))
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


# What a hotlines file is saved as when it is not the hotlines.yaml found without a config key.
_OTHER_NAMES = ("hotlines.yml", "hotlines.csv", "hotlines.yaml.txt", "Hotlines.yaml")


def _unused_hotlines(project: Project) -> list[Problem]:
    """A hotlines file beside the config that nothing names: its numbers would not print."""
    if project.config is None:
        return []
    found = [n for n in _OTHER_NAMES if (project.root / n).is_file()]
    return [
        Problem(
            project.shown(project.config_path),
            None,
            f"{name} is not used, so the guide would print the default numbers instead; add "
            f"`hotlines: {name}` to {project.config_path.name}",
        )
        for name in found[:1]
    ]


def _foreign_default(project: Project, default: Path) -> list[Problem]:
    """The shipped US numbers (988, 911) where they reach no one; the fix the project needs."""
    if project.region == "US":
        return []
    own = project.language_hotlines
    if project.region == "CA":  # 988 and 911 reach help there, but under another service
        message = (
            f"region CA: this edition would print the US 988 Lifeline's entry (its name, website "
            f"and chat) from {display_path(default)}; put Canada's 9-8-8 Suicide Crisis Helpline "
            "and your numbers in hotlines.yaml in the project folder (pocketguide init --region "
            "CA writes one to start from)"
        )
        return [Problem(project.shown(project.config_path), project.line("region"), message)]
    # Numbers kept in content/en/ serve English only: the Spanish edition found the US file.
    edition = project.shown(project.root / "content" / default.parent.name)
    copy = f"; or copy {project.shown(own[0])} to {edition}/" if own else ""
    message = (
        f"region {project.region}: this edition would print the default US numbers (988, 911) "
        f"from {display_path(default)}; put your numbers in hotlines.yaml in the project "
        f"folder (one file for every language){copy}"
    )
    return [Problem(project.shown(project.config_path), project.line("region"), message)]
