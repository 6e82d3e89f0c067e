"""The numbers the guide's own words name, filled in from the project's hotlines.

The default text is written for every region at once: "call {emergency}" prints the
project's emergency number (911, 999, 112) and "call {crisis}" its crisis line (988 in the
US, the line the organization lists elsewhere). A project outside the US no longer copies
files only to change two numbers, and so no longer misses the fixes made to them later.
The numbers are the hotlines file's, which is checked, locked and proofed; only when it has
none of its own does the text name the region's emergency number (phonenumbers) or, in the
US and Canada, 988.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import phonenumbers

from pocketguide.ambulance import emergency_number
from pocketguide.errors import Problem, display_path
from pocketguide.hotlines import where
from pocketguide.hourtimes import always_open
from pocketguide.locales import babel_locale, is_language, language_of
from pocketguide.models import Hotline
from pocketguide.phones import Number, is_emergency
from pocketguide.textmap import html_parts

PLACEHOLDERS = ("emergency", "crisis")  # each also names the category it is filled from
# The national crisis line where one number serves the whole country, as 911 does.
NATIONAL_CRISIS_LINE = {"US": "988", "CA": "988"}
# A word in braces, in any script: {أزمة} or {сrisis} (a Cyrillic с) is no placeholder either.
# Doubled braces print one pair: {{crisis}} is the word "{crisis}" itself (group 1).
_TOKEN = re.compile(r"\{\{([^\W\d_][\w-]*)\}\}|\{([^\W\d_][\w-]*)\}")
# Almost a placeholder: spaces, emphasis, more words or full-width braces around a name.
_NEAR = re.compile(
    r"[{｛][\s*_]*(?:[^\W\d_]+[\s*_]+){0,2}(emergency|crisis)(?:[\s*_]+[^\W\d_]+){0,2}[\s*_]*[}｝]",
    re.IGNORECASE,
)
_LINK_TARGET = re.compile(r"\b(tel|sms):\{(emergency|crisis)\}", re.IGNORECASE)
_NO_TEXTS = (
    "sms:{{{1}}} would text {0}, which lists no number for texts; link tel:{{{1}}}, or give "
    "the entry a text: number"
)
_WHAT = {"emergency": "emergency number", "crisis": "crisis line with a phone number"}


@dataclass(frozen=True)
class Filled:
    """What a placeholder prints, as the crisis page prints it, and what its link dials."""

    display: str
    uri: str
    entry: Hotline | None = None  # None: the region's number, which no entry lists


def fill_ins(hotlines: list[Hotline], region: str, locale: str) -> dict[str, Filled]:
    """The number each placeholder prints; a placeholder with none is left out.

    {emergency} is the first emergency entry that dials an emergency number of the region.
    {crisis} is the crisis line open day and night before one with other hours, one that lists
    the edition's language before the others, then the first listed; only for this region.
    """
    values: dict[str, Filled] = {}
    ours = [h for h in hotlines if h.phone is not None and _of_region(h.phone, region)]
    emergency = [
        h
        for h in ours
        if h.category == "emergency" and is_emergency(h.phone, region)  # type: ignore[arg-type]
    ]
    # Japan lists 110 (police) and 119 (ambulance): the text's "overdosed; call" needs 119.
    usual = emergency_number(region)
    emergency.sort(key=lambda h: h.phone.normalized != usual)  # type: ignore[union-attr]
    if emergency:
        values["emergency"] = _filled(emergency[0])
    elif number := usual:
        values["emergency"] = Filled(number, f"tel:{number}")
    language = _language(locale)

    def rank(line: Hotline) -> tuple[int, int]:
        hours = 0 if always_open(line.hours) else 1 if not line.hours else 2
        # A line that says it speaks the edition's language first; the rest in list order, so
        # that a French edition does not swap 988 (en, es) for a local team that lists none.
        speaks = 0 if language in [_language(code) for code in line.languages] else 1
        return hours, speaks

    crisis = [h for h in ours if h.category == "crisis"]
    if crisis:
        values["crisis"] = _filled(min(crisis, key=rank))  # min keeps the first of equals
    elif number := NATIONAL_CRISIS_LINE.get(region):
        values["crisis"] = Filled(number, f"tel:{number}")
    return values


def _of_region(number: Number, region: str) -> bool:
    """Whether a number is the region's: not "+52 800 ..." in a US list, nor `region: MX`."""
    if number.region != region:
        return False
    if number.short:
        return True
    parsed = phonenumbers.parse(number.normalized)
    return parsed.country_code == phonenumbers.country_code_for_region(region)


def _filled(entry: Hotline) -> Filled:
    return Filled(entry.phone.display, entry.phone.uri, entry)  # type: ignore[union-attr]


def _language(code: str) -> str:
    """A language code as Babel names it: "spa" and "es-MX" are "es", "iw" is "he"."""
    return babel_locale(code).language if is_language(code) else language_of(code)


def fill(text: str, values: dict[str, Filled]) -> str:
    """Plain text with each placeholder that has a number replaced by it."""

    def one(match: re.Match) -> str:
        if match[1]:
            return f"{{{match[1]}}}"
        return values[match[2]].display if match[2] in values else match[0]

    return _TOKEN.sub(one, text)


def fill_html(html: str, values: dict[str, Filled]) -> str:
    """A rendered document with each placeholder replaced by its number.

    In the body's text a number is a link (inside a link: a span) kept on one line and left to
    right; in a tag, `tel:{crisis}` dials its number and any other placeholder prints it.
    Stylesheets are left as they are.
    """
    if not values or "{" not in html:
        return html
    parts, body, in_link, in_style = [], False, False, False
    for part in html_parts(html):
        if part.startswith("<"):
            name = re.match(r"</?([a-zA-Z]+)", part)
            tag = name[1].lower() if name else ""
            opens = not part.startswith("</")
            body = body or tag == "body"
            in_link = opens if tag == "a" else in_link
            in_style = opens if tag in ("style", "script") else in_style
            parts.append(fill_text(part, values))
        elif in_style:
            parts.append(part)
        elif body:
            parts.append(_TOKEN.sub(partial(_in_text, values=values, in_link=in_link), part))
        else:
            parts.append(fill(part, values))  # the title
    return "".join(parts)


def _in_text(match: re.Match, *, values: dict[str, Filled], in_link: bool) -> str:
    if match[1]:
        return f"{{{match[1]}}}"  # written {{crisis}}: the word, not the number
    filled = values.get(match[2])
    if filled is None:
        return match[0]
    if in_link:
        return f'<span class="ltr-number">{filled.display}</span>'
    return f'<a class="filled ltr-number" href="{filled.uri}">{filled.display}</a>'


def fill_text(text: str, values: dict[str, Filled]) -> str:
    """fill, and `tel:{crisis}` or `sms:{crisis}` made a link that dials the number."""

    def target(match: re.Match) -> str:
        filled = values.get(match[2])
        if filled is None:
            return match[0]
        scheme, entry = match[1].lower(), filled.entry
        if scheme == "sms" and entry is not None and entry.text is not None:
            return entry.text_uri or entry.text.uri  # the number that takes texts
        digits = re.sub(r"[^\d+]", "", filled.uri.split(":", 1)[1])
        return f"{scheme}:{digits}"

    return fill(_LINK_TARGET.sub(target, text), values)


def placeholder_problems(
    sources: list[Path],
    values: dict[str, Filled],
    hotlines_file: str,
    root: Path | None,
    missing: bool = True,
) -> tuple[list[Problem], set[str]]:
    """Placeholders mistyped (at their lines) or with no number (at the hotlines file).

    Also the placeholders the text uses. `missing`: whether to say that one has no number
    (not when the hotlines file had errors, and was not read).
    """
    problems: list[Problem] = []
    used: dict[str, list[str]] = {}
    for path in sources:
        if path.suffix not in (".md", ".yaml", ".yml", ".csv") or path.name == "manifest.yaml":
            continue
        shown = display_path(path, root)
        text = path.read_text(encoding="utf-8", errors="replace")  # bad bytes: reported already
        entries = path.stem == "hotlines"
        for number, line in enumerate(text.splitlines(), start=1):
            if path.suffix == ".yaml" and line.lstrip().startswith("#"):
                continue  # a comment prints nowhere
            for name in (m[2] for m in _TOKEN.finditer(line) if m[2]):
                if entries and name in PLACEHOLDERS:
                    message = f"{{{name}}} is not filled in a hotline entry: write the number"
                    problems.append(Problem(shown, number, message))
                elif name not in PLACEHOLDERS:
                    problems.append(Problem(shown, number, _unknown(name)))
                else:
                    used.setdefault(name, []).append(f"{shown}:{number}")
            for scheme, texted in _LINK_TARGET.findall(line):
                filled = values.get(texted.lower()) if scheme.lower() == "sms" else None
                if filled and (filled.entry is None or filled.entry.text is None):
                    who = filled.entry.name if filled.entry else filled.display
                    problems.append(Problem(shown, number, _NO_TEXTS.format(who, texted)))
            for near in _NEAR.finditer(line):
                if near[0] != f"{{{near[1]}}}":
                    written = f'"{near[0]}" prints as written: write {{{near[1].lower()}}}'
                    problems.append(Problem(shown, number, written))
    for name in (n for n in PLACEHOLDERS if n in used and n not in values and missing):
        places = used[name]
        more = f" and {len(places) - 1} more" if len(places) > 1 else ""
        message = (
            f"no {_WHAT[name]} to print where the guide's text says "
            f"{{{name}}} ({places[0]}{more}); add an entry with category: {name} and a phone "
            "number"
        )
        problems.append(Problem(hotlines_file, None, message))
    return problems, set(used)


def _unknown(name: str) -> str:
    known = " and ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    close = difflib.get_close_matches(name.lower(), list(PLACEHOLDERS), n=1, cutoff=0.6)
    hint = f'; did you mean "{{{close[0]}}}"?' if close else ""
    return f'unknown placeholder "{{{name}}}": pocketguide fills in {known}{hint}'


def fill_warnings(
    values: dict[str, Filled], used: set[str], hotlines_file: str | None, region: str
) -> list[str]:
    """What the numbers the text names may get wrong: a line not always open, a US 112."""
    warnings = []
    shown = hotlines_file or "hotlines"
    crisis = values.get("crisis")
    line = crisis.entry if crisis else None
    if "crisis" in used and line and line.hours and not always_open(line.hours):
        warnings.append(
            f"{where(shown, line)}: {line.name}: the guide's text says to call it ({{crisis}}) at "
            f"any hour, but it is not open day and night ({line.hours}); list a crisis line open "
            "24/7, or write its hours as 24/7 if it is"
        )
    emergency = values.get("emergency")
    dialled = emergency.entry if emergency else None
    # 112 is an emergency number in the US and Canada, but only mobile phones answer to it.
    if "emergency" in used and dialled and region in ("US", "CA") and emergency.display != "911":
        warnings.append(
            f"{where(shown, dialled)}: {dialled.name}: {emergency.display} answers only "
            f"from mobile phones in {region}, and the guide's text says to call it "
            "({emergency}); use 911"
        )
    return warnings
