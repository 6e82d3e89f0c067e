"""Warnings about a project's numbers: dates, fiction, stray digits, changes since approval."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from pocketguide.ambulance import ambulance_instead
from pocketguide.content import known_numbers
from pocketguide.dialwords import mistyped_codes
from pocketguide.doubts import doubt, entry_warnings
from pocketguide.errors import display_path
from pocketguide.hotlines import load_hotlines, misfiled_emergency, where
from pocketguide.lock import LOCK_NAME, LockedEntry
from pocketguide.models import Hotline, HotlineFile
from pocketguide.phones import Number, parse_number
from pocketguide.resources import content_dir, is_shipped
from pocketguide.textnumbers import (
    NOT_A_NUMBER,
    broken_numbers,
    local_near_misses,
    numbers_in_text,
)
from pocketguide.translated_hotlines import (
    stray_translations,
    translated_hours_warnings,
    translated_number_warnings,
    unbacked,
    untranslated_warnings,
)
from pocketguide.wellknown import near_miss, one_keystroke

if TYPE_CHECKING:
    from pocketguide.content import Content
    from pocketguide.project import Project


def hotline_warnings(
    project: Project,
    content: Content,
    differences: list[tuple[Hotline | LockedEntry, str]],
    organization: str | None = None,
    stray: tuple[list[str], list[str]] = ([], []),
) -> list[str]:
    """Stale or missing dates, doubtful numbers, the lock's `differences` and `organization`'s.

    `stray`: entry_numbers' warnings, worked out once by prepare, which needs the first.
    """
    if project.is_default or content.hotlines_path is None:
        return []
    shown = display_path(content.hotlines_path, project.root)
    max_age = project.config.verification.max_age_days
    warnings = entry_warnings(content.hotlines, shown, max_age, dt.date.today())
    if project.hotlines_path is None and own_numbers(project, content):
        # Numbers in a language's content folder: one file per language, none of them locked.
        # A translation of the shipped file (988 and 911 in Arabic words) is no such case.
        warnings.append(
            f"{shown}: numbers here are this language's alone: approve, the lock and the other "
            f"languages never see them; move the entries to {CONFIG_HOTLINES} next to "
            "pocketguide.yaml (names in other languages go under translations:)"
        )
    warnings += ignored_entries(project)
    phone = project.config.organization.phone
    at = f"{project.shown(project.config_path)}:{project.line('organization', 'phone')}"
    if phone and (why := doubt(phone)):
        warnings.append(f"{at}: organization.phone: {why}")
    if organization:
        warnings.append(f"{at}: {organization}")
    warnings += untranslated_warnings(project, content, shown)
    warnings += stray_translations(project, content, shown)
    warnings += translated_number_warnings(content, shown, region=project.region)
    warnings += translated_hours_warnings(content, shown)
    warnings += stray[0] + stray[1]
    warnings += [
        f"{where(shown, h)}: {h.name}: {h.phone.display} is not an emergency number in "
        f"{h.region or project.config.region}, yet it is filed under category: emergency, which "
        "the card and zine show first and the proof sheet says not to test-call; file it under "
        "local or other"
        for h in content.hotlines.hotlines
        if misfiled_emergency(h, project.config.region)
    ]
    warnings += _not_the_ambulance(content.hotlines.hotlines, shown, project.config.region)
    if not content.hotlines.hotlines:
        warnings.append(
            f"{shown}: no numbers at all; the crisis pages will have only blank lines to fill "
            "in by hand"
        )
    entries = content.hotlines.hotlines
    dated = bool(entries) and all(h.verified for h in entries)
    if content.never_approved and dated:
        # Without a hotlines file of its own, the organization's number is what needs
        # approving; numbers of one language's folder cannot be approved (said above).
        file = shown if project.hotlines_path is not None else at
        if project.hotlines_path is not None or not own_numbers(project, content):
            warnings.append(
                f'{file}: no "Numbers verified as of" date is printed until someone checks '
                "every number and runs pocketguide approve"
            )
    shown_lock = display_path(project.root / LOCK_NAME, project.root)
    for entry, message in differences:
        file = shown if isinstance(entry, Hotline) else shown_lock  # removed: the lock's line
        warnings.append(f"{where(file, entry)}: {message}")
    return warnings


def entry_numbers(project: Project, content: Content) -> tuple[list[str], list[str]]:
    """(numbers no entry has, likely typos) in the entries' words and the blank labels."""
    if project.is_default or content.hotlines_path is None:
        return [], []
    shown = display_path(content.hotlines_path, project.root)
    phone = project.config.organization.phone
    return stray_numbers_in_entries(content, shown, project.config.region, phone)


CONFIG_HOTLINES = "hotlines.yaml"


def ignored_entries(project: Project) -> list[str]:
    """Entries in content/<lang>/hotlines.yaml that never print: the config names a file."""
    from pocketguide.yamlload import load_yaml_file

    if project.hotlines_path is None:
        return []
    found = []
    for path in project.language_hotlines:
        data, problems = load_yaml_file(path)
        entries = data.get("hotlines") if isinstance(data, dict) and not problems else None
        if isinstance(entries, list) and entries:
            found.append(
                f"{project.shown(path)}: {len(entries)} hotline "
                f"{'entry' if len(entries) == 1 else 'entries'} here, never printed: "
                f"{project.shown(project.hotlines_path)} holds the numbers of every language "
                "(only the blanks labels here are used); move them there, with their words in "
                "this language under translations:"
            )
    return found


def own_numbers(project: Project, content: Content) -> bool:
    """Whether a project's copy of a language's hotlines.yaml holds numbers of its own."""
    return not is_shipped(content.hotlines_path) and bool(known_numbers(content) - _shipped())


@functools.cache
def _shipped() -> frozenset[str]:
    shipped, _ = load_hotlines(content_dir() / "en" / "hotlines.yaml", "US", content_dir())
    return frozenset(n.normalized for e in shipped.hotlines for n in e.numbers)


def stray_numbers_in_entries(
    content: Content, shown: str, region: str, organization: Number | None = None
) -> tuple[list[str], list[str]]:
    """(phone numbers printed that no entry nor the organization has, likely typos).

    A number written in notes ("after hours, call 502-555-0142") is printed but not checked:
    when the entry's number changes, the old one stays there unless it is an entry's own.
    """
    known = known_numbers(content, organization)
    unchecked, doubtful = [], []
    fields = ("name", "hours", "notes")
    for entry in content.hotlines.hotlines:
        home = entry.region or region
        # The translations too: "(502) 589-777" in Spanish notes passed, each group being part
        # of the entry's own number.
        texts = [(field, getattr(entry, field)) for field in fields] + [
            (f"translations: {tag}: {field}", getattr(words, field))
            for tag, words in entry.translations.items()
            for field in fields
        ]
        # "989 Suicide & Crisis Lifeline" above 988: a name's digits a keystroke from its own
        # number, or from a well-known code, are most likely a typo.
        own = [n.normalized.lstrip("+") for n in entry.numbers]
        listed = ", ".join(dict.fromkeys(n.display for n in entry.numbers)) or "it has none"
        doubtful += [
            f'{where(shown, entry)}: {entry.name}: name: "{run}" is not a number of this entry '
            f"({listed}); check its digits"
            for run in unbacked(None, entry.name, set(own))
            if any(one_keystroke(n[-len(run) :], run) for n in own) or near_miss(run, home)
        ]
        for field, words in texts:
            words, at = words or "", f"{where(shown, entry)}: {entry.name}: {field}"
            # A whole other number in a translation is translated_number_warnings' to name.
            translated = field.startswith("translations")
            for written, e164 in [] if translated else numbers_in_text(words, home):
                if e164 not in known:
                    unchecked.append(f'{at}: "{written}" {UNCHECKED}')
            for written, e164 in [] if translated else local_near_misses(words, home, known):
                shown = parse_number(e164, home).display
                unchecked.append(
                    f'{at}: "{written}" is one keystroke from {shown} written without its area '
                    f"code: check its digits; as written, it {UNCHECKED}"
                )
            doubtful += [f'{at}: "{w}" {NOT_A_NUMBER}' for w in broken_numbers(words, home)]
            if not translated:  # a translation's digits must be the words' own (said there)
                doubtful += [f"{at}: {why}" for why in mistyped_codes(words, home)]
    found, typos = _blank_label_numbers(content.hotlines, content.locale, shown, region, known)
    return unchecked + found, doubtful + typos


def _blank_label_numbers(
    hotlines: HotlineFile, locale: str, shown: str, region: str, known: set[str]
) -> tuple[list[str], list[str]]:
    """Numbers typed into the labels of this edition's blank lines, which print unchecked."""
    unchecked, doubtful = [], []
    for label in dict.fromkeys(hotlines.blanks_in(locale) or hotlines.blanks):
        line = hotlines._blank_lines.get(label)
        at = f"{shown}:{line}: blanks" if line else f"{shown}: blanks"
        for written, e164 in numbers_in_text(label, region):
            if e164 not in known:
                unchecked.append(
                    f'{at}: "{label}" holds the number "{written}", which nothing checks, so no '
                    'PDF in this language prints "Numbers verified as of"; give it an entry of '
                    "its own (a blank line is for a number written by hand)"
                )
        doubtful += [f'{at}: "{w}" {NOT_A_NUMBER}' for w in broken_numbers(label, region)]
        doubtful += [f"{at}: {why}" for why in mistyped_codes(label, region)]
    return unchecked, doubtful


UNCHECKED = (
    "is not the number of any entry, so nothing checks it and no PDF in this language prints "
    '"Numbers verified as of"; if a number changed, change it here too, or give it an entry of '
    "its own"
)


def _not_the_ambulance(entries: list[Hotline], shown: str, region: str) -> list[str]:
    """Emergency entries with the police's number, where another one reaches an ambulance."""
    warnings = []
    for h in entries:
        if h.category != "emergency" or not h.phone or misfiled_emergency(h, region):
            continue
        place = h.region or region
        if ambulance := ambulance_instead(h.phone.normalized, place):
            warnings.append(
                f"{where(shown, h)}: {h.name}: {h.phone.display} is the police's number in "
                f"{place}, not the ambulance's ({ambulance}); the guide says to call the "
                "emergency entry when someone may have overdosed or is in danger, so check "
                f"that {h.phone.display} takes those calls, or give {ambulance}"
            )
    return warnings
