"""Load and check everything one language of a project needs, before anything renders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pocketguide.errors import PocketguideError, Problem

if TYPE_CHECKING:
    from pocketguide.brand import BrandAssets
    from pocketguide.content import Content
    from pocketguide.lock import Lock
    from pocketguide.project import Project


@dataclass
class Prepared:
    """One locale's validated inputs, ready to render."""

    content: Content
    assets: BrandAssets
    warnings: list[str]
    lock: Lock | None = None  # hotlines.lock as read, for `approve` to compare against


def output_name(project: Project, fmt: str, locale: str) -> str:
    """`<slug>-<format>-<locale>.pdf`."""
    return f"{project.slug}-{fmt}-{locale}.pdf"


def prepare(project: Project, locale: str) -> Prepared:
    """Load and check everything one locale needs; raise all errors, return warnings."""
    from pocketguide.brand import resolve_brand
    from pocketguide.catalogs import interface_warnings
    from pocketguide.content import known_numbers, load_content
    from pocketguide.coverage import missing_translations
    from pocketguide.doubts import fictional_numbers
    from pocketguide.hotline_warnings import (
        entry_numbers,
        hotline_warnings,
        own_numbers,
    )
    from pocketguide.lock import (
        LOCK_NAME,
        VERSION,
        lock_differences,
        old_lock,
        organization_difference,
        read_lock,
    )
    from pocketguide.ownwords import own_words_findings
    from pocketguide.prose import prose_findings
    from pocketguide.spelling import region_spelling_hint
    from pocketguide.translated_hotlines import (
        translated_hours_warnings,
        translated_number_warnings,
    )
    from pocketguide.xrefs import dangling_links

    content = load_content(project, locale, defer=True)
    assets, problems, warnings = resolve_brand(project)
    configured = isinstance(project.raw, dict) and "locales" in project.raw
    # Only for an `en` the config asks for (not one `--locale all` adds).
    asked = locale in project.locales
    if (
        project.config
        and asked
        and (hint := region_spelling_hint(locale, project.region, configured))
    ):
        key = "locales" if configured else "region"
        warnings.append(f"{project.shown(project.config_path)}:{project.line(key)}: {hint}")
    known = known_numbers(content, project.config and project.config.organization.phone)
    root = project.config and project.root
    numbers = prose_findings(content.sources, project.region, root, known, content.numbers)
    numbers += own_words_findings(project, known, content.numbers, locale)
    problems += content.deferred + numbers.problems  # all of the text's problems at once
    warnings += numbers.warnings + dangling_links(content, root or None)
    try:  # the project's own interface translation, read now so a broken one stops the build
        warnings += interface_warnings(project, locale)
    except PocketguideError as exc:
        problems += exc.problems
    lock_path = project.root / LOCK_NAME
    lock = None
    if not project.is_default and lock_path.is_file():
        lock, found = read_lock(lock_path, project.root)
        problems.extend(found)
    if problems:
        raise PocketguideError(problems)
    missing = missing_translations(content, project)
    differences, organization = [], None
    if lock is not None and content.hotlines_path is not None:
        # Without a hotlines file of its own, the lock holds the organization's number alone.
        own_file = project.hotlines_path is not None
        differences = lock_differences(lock, content.hotlines) if own_file else []
        organization = organization_difference(lock, project.config.organization.phone)
        # A changed number is not covered by the dates: the card stops claiming them.
        content.unapproved = [entry.name for entry, _text in differences]
        if lock.version < VERSION:  # a changed link or hours would pass unseen
            content.unapproved.append("an older lock")
            warnings.append(f"{project.shown(lock_path)}: {old_lock(lock.version)}")
        content.unapproved += ["organization.phone"] if organization else []
        if not own_file and own_numbers(project, content):
            content.unapproved.append("content numbers")  # a language folder's: never locked
        # This edition's words giving other hours or digits than the approved entry's.
        shown = project.shown(content.hotlines_path)
        locale = content.locale
        if project.translates(locale) and (
            translated_hours_warnings(content, shown, locale)
            or translated_number_warnings(content, shown, locale, project.region)
        ):
            content.unapproved.append("translations")
    elif content.hotlines_path is not None and not project.is_default:
        # Dates alone prove nothing: a number edited today keeps last month's date.
        own = project.hotlines_path is not None or own_numbers(project, content)
        # The back cover prints the organization's number beside the date too.
        content.never_approved = own or project.config.organization.phone is not None
    # Numbers that no entry has, in the text or in the entries' own words (said with each).
    stray = entry_numbers(project, content)
    if numbers.unchecked or stray[0]:
        content.unapproved.append("numbers no entry has")
    if fictional_numbers(content.hotlines, project.config and project.config.organization.phone):
        content.unapproved.append("fictional numbers")  # approved or not, no one answers them
    found = hotline_warnings(project, content, differences, organization, stray)
    return Prepared(content, assets, warnings + content.unlisted + missing + found, lock)


def strict_check(warnings: list[str], failed: tuple[Problem, ...] = ()) -> None:
    """With --strict, any warning fails the build, after the problems of formats that failed."""
    if warnings:
        raise PocketguideError([*failed, *(Problem("", None, f"{w} (--strict)") for w in warnings)])
