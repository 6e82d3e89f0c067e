"""The numbers the guide's own words name, filled in from the project's hotlines.

The default text is written for every region at once: "call {emergency}" prints the
project's emergency number (911, 999, 112) and "call {crisis}" its crisis line (988 in the
US, the line the organization lists elsewhere). A project outside the US no longer copies
files only to change two numbers, and so no longer misses the fixes made to them later.
The numbers are the hotlines file's, which is checked, locked and proofed; only when it has
no emergency entry is the region's emergency number taken from phonenumbers, and only
without a crisis entry does a US or Canadian guide name 988.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from pocketguide.errors import Problem, display_path
from pocketguide.locales import language_of
from pocketguide.models import Hotline
from pocketguide.phones import emergency_number

PLACEHOLDERS = {"emergency": "emergency", "crisis": "crisis"}  # placeholder: its category
# The national crisis line where one number serves the whole country, as 911 does.
NATIONAL_CRISIS_LINE = {"US": "988", "CA": "988"}
_TOKEN = re.compile(r"\{([A-Za-z][\w-]*)\}")
# Files whose words are not printed as prose: their braces are no placeholders.
_NOT_PROSE = ("hotlines.yaml", "manifest.yaml")


def fill_ins(hotlines: list[Hotline], region: str, locale: str) -> dict[str, str]:
    """The number each placeholder prints, as the crisis page prints it; missing if none.

    The crisis line is the first one in the edition's language (or with no languages given),
    else the first of all; an entry for another region is passed over for the emergency.
    """
    values: dict[str, str] = {}
    language = language_of(locale)
    crisis = [h for h in hotlines if h.category == "crisis" and h.phone is not None]
    spoken = [h for h in crisis if not h.languages or language in map(language_of, h.languages)]
    if chosen := (spoken or crisis):
        values["crisis"] = chosen[0].phone.display  # type: ignore[union-attr]
    elif region in NATIONAL_CRISIS_LINE:
        values["crisis"] = NATIONAL_CRISIS_LINE[region]
    emergency = [
        h
        for h in hotlines
        if h.category == "emergency" and h.phone is not None and h.region in (None, region)
    ]
    if emergency:
        values["emergency"] = emergency[0].phone.display  # type: ignore[union-attr]
    elif number := emergency_number(region):
        values["emergency"] = number
    return values


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each placeholder that has a number replaced by it."""
    return _TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def placeholder_problems(
    sources: list[Path],
    values: dict[str, str],
    hotlines_file: str,
    root: Path | None,
    missing: bool = True,
) -> list[Problem]:
    """Unknown placeholders, at their lines; with `missing`, one with no number, at the file."""
    problems: list[Problem] = []
    unfilled: dict[str, list[str]] = {}
    for path in sources:
        if path.suffix not in (".md", ".yaml") or path.name in _NOT_PROSE:
            continue
        shown = display_path(path, root)
        text = path.read_text(encoding="utf-8", errors="replace")  # bad bytes: reported already
        for number, line in enumerate(text.splitlines(), start=1):
            for name in _TOKEN.findall(line):
                if name not in PLACEHOLDERS:
                    problems.append(Problem(shown, number, _unknown(name)))
                elif missing and name not in values:
                    unfilled.setdefault(name, []).append(f"{shown}:{number}")
    for name in (n for n in PLACEHOLDERS if n in unfilled):  # the same order every time
        places = unfilled[name]
        more = f" and {len(places) - 1} more" if len(places) > 1 else ""
        message = (
            f"no {_WHAT[name]} to print where the guide's text says {{{name}}} "
            f"({places[0]}{more}); add an entry with category: {PLACEHOLDERS[name]} and a "
            "phone number"
        )
        problems.append(Problem(hotlines_file, None, message))
    return problems


_WHAT = {"emergency": "emergency number", "crisis": "crisis line"}


def _unknown(name: str) -> str:
    known = " and ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    close = difflib.get_close_matches(name.lower(), list(PLACEHOLDERS), n=1, cutoff=0.6)
    hint = f'; did you mean "{{{close[0]}}}"?' if close else ""
    return f'unknown placeholder "{{{name}}}": pocketguide fills in {known}{hint}'
