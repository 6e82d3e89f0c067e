"""Warnings about a hotline file's translations: words left untranslated or never printed,
and translated names, notes or hours that no longer say what the entry as written says."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from pocketguide.hotlines import where
from pocketguide.hourtimes import always_open, has_words, read_days, unbacked_times
from pocketguide.locales import language_of
from pocketguide.textnumbers import numbers_in_text

if TYPE_CHECKING:
    from pocketguide.content import Content
    from pocketguide.project import Project


def untranslated(project: Project, content: Content) -> tuple[list[str], bool]:
    """Own entries with no words in this edition's language; whether the own blanks lack them."""
    if project.hotlines_path is None or not project.translates(content.locale):
        return [], False
    hotlines = content.hotlines
    missing = [h.name for h in hotlines.hotlines if h.words_in(content.locale) is None]
    return missing, hotlines.own_blanks and hotlines.blanks_in(content.locale) is None


def stray_translations(project: Project, content: Content, shown: str) -> list[str]:
    """Translations no edition prints: a language the project does not publish, or its first.

    Not for a hotlines file shared from outside the project: other projects print those.
    """
    path = project.hotlines_path
    if path is None or not path.resolve().is_relative_to(project.root.resolve()):
        return []
    # An edition built with --locale all prints its language even when not configured.
    published = {language_of(tag) for tag in [*project.locales, content.locale]}
    hotlines = content.hotlines
    places = [(where(shown, h), h.name, h.translations) for h in hotlines.hotlines]
    places.append((shown, "the file's", hotlines.translations))
    warnings = []
    for at, owner, translations in places:
        for tag in translations:
            if not project.translates(tag):
                why = "the primary language prints the words as written"
            elif language_of(tag) not in published:
                why = f"{tag} is not in locales: ({', '.join(project.locales)})"
            else:
                continue
            warnings.append(f"{at}: {owner} translations: {tag}: never printed; {why}")
    return warnings


def untranslated_warnings(project: Project, content: Content, shown: str) -> list[str]:
    """In another language than the primary one, words with no translation print as written."""
    missing, blanks = untranslated(project, content)
    locale, total = content.locale, len(content.hotlines.hotlines)
    warnings = []
    if missing:
        names = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
        warnings.append(
            f"{shown}: {len(missing)} of {total} entries have no {locale} translation, so "
            f"the {locale} edition prints them as written ({names})"
        )
    if blanks:
        warnings.append(
            f"{shown}: the blanks labels have no {locale} translation, so the {locale} edition "
            "prints them as written"
        )
    if project.hotlines_path is not None and project.translates(locale):
        warnings += _hours_as_written(content, shown, locale)
    own = content.hotlines.blanks
    translated = content.hotlines.blanks_in(locale) or own
    # Most likely a label was left out; the editions would differ in their blank lines.
    if project.translates(locale) and content.hotlines.own_blanks and len(translated) != len(own):
        warnings.append(
            f"{shown}: translations: {locale}: blanks has a different number of labels "
            f"than blanks ({len(translated)}, not {len(own)}); the {locale} edition prints "
            "its own"
        )
    return warnings


def _hours_as_written(content: Content, shown: str, locale: str) -> list[str]:
    """Entries translated but for hours in words ("Mon-Fri 8am-10pm"): printed as written."""
    warnings = []
    for entry in content.hotlines.hotlines:
        words = entry.words_in(locale)
        if words is not None and words.hours is None and has_words(entry.hours or ""):
            warnings.append(
                f'{where(shown, entry)}: {entry.name}: hours "{entry.hours}" have no {locale} '
                f"translation (translations: {locale}: hours:), so the {locale} edition prints "
                "them as written"
            )
    return warnings


# The translated words a reader takes as written: a number in them is one to dial. Not
# `hours`: times are rewritten between conventions (4pm-11pm is 16-23 h), digits and all.
NUMBER_FIELDS = ("name", "notes")
# Three or more digits in a row (any script's decimal digits): a number, or part of one.
_DIGIT_RUN = re.compile(r"\d{3,}")


def translated_number_warnings(
    content: Content, shown: str, locale: str | None = None, region: str = "US"
) -> list[str]:
    """Digits in a translated name or notes that the entry, as written, does not print.

    Each run of 3+ digits must be one of the same field's runs as written (a year, a time, a
    number named there) or part of the entry's phone or text number; anything else is most
    likely a number mistyped in translating (898 for 988), which only that edition would print.
    """
    warnings = []
    for entry in content.hotlines.hotlines:
        numbers = entry.numbers
        own = {_ascii(part) for n in numbers for part in (n.raw, n.display, n.normalized)}
        listed = ", ".join(dict.fromkeys(n.display for n in numbers)) or "it has none"
        for tag, words in entry.translations.items():
            if locale is not None and words is not entry.words_in(locale):
                continue  # another edition's words
            for field in NUMBER_FIELDS:
                written, translated = getattr(entry, field), getattr(words, field)
                runs = unbacked(written, translated, own)
                # Each group may be part of the entry's number while the whole is another
                # ("502-258-9123" for 502-589-1234): whole numbers are compared too.
                home = entry.region or region
                allowed = {n.normalized for n in numbers} | {
                    e164 for _, e164 in numbers_in_text(written or "", home)
                }
                whole = [
                    w for w, e164 in numbers_in_text(translated or "", home) if e164 not in allowed
                ]
                # Named whole ("1800 888 263"), not by the one group that differs ("263").
                inside = [r for r in runs if any(_ascii(r) in _ascii(w) for w in whole)]
                runs = whole + [r for r in runs if r not in inside]
                warnings += [
                    f'{where(shown, entry)}: {entry.name}: translations: {tag}: {field}: "{run}" '
                    f"is not a number of this entry ({listed}); a translation must print the "
                    "same numbers"
                    for run in runs
                ]
    return warnings


def translated_hours_warnings(content: Content, shown: str, locale: str | None = None) -> list[str]:
    """Times in a translation's hours that the hours as written do not name.

    Hours are written once per language, so an edit to the hours as written leaves every
    translation printing the old times unless it is edited too.
    """
    warnings = []
    for entry in content.hotlines.hotlines:
        for tag, words in entry.translations.items():
            if not (entry.hours and words.hours) or (
                locale is not None and words is not entry.words_in(locale)
            ):
                continue
            at = f"{where(shown, entry)}: {entry.name}: translations: {tag}: hours"
            if always_open(entry.hours) != always_open(words.hours):
                # "24/7" against "lun-vie 9-17 h": one edition sends callers to a closed line.
                which = "is" if always_open(words.hours) else "is not"
                warnings.append(
                    f'{at}: "{words.hours}" {which} open all day, but hours ("{entry.hours}") '
                    "says otherwise; if the hours changed, change them here too"
                )
            elif times := unbacked_times(entry.hours, words.hours):
                warnings.append(
                    f'{at}: "{words.hours}" says {", ".join(times)}, which hours ("{entry.hours}") '
                    "does not; if the hours changed, change them here too"
                )
            elif (days := read_days(entry.hours)) and read_days(words.hours) not in (set(), days):
                # Mon-Thu as written, "lun-vie" translated: Friday callers ring a closed line.
                warnings.append(
                    f'{at}: "{words.hours}" names other days than hours ("{entry.hours}"); if '
                    "the hours changed, change them here too"
                )
    return warnings


def unbacked(written: str | None, translated: str | None, numbers: set[str]) -> list[str]:
    """The digit runs of a translation in neither the words as written nor the numbers."""
    kept = {_ascii(run) for run in _DIGIT_RUN.findall(written or "")}
    runs = dict.fromkeys(_DIGIT_RUN.findall(translated or ""))
    return [
        run
        for run in runs
        if _ascii(run) not in kept and not any(_ascii(run) in number for number in numbers)
    ]


def _ascii(text: str) -> str:
    """The decimal digits of a text as ASCII (the Arabic-Indic 988 is 988), nothing else."""
    return "".join(str(unicodedata.decimal(ch)) for ch in text if ch.isdecimal())
