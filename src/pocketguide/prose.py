"""Numbers written in prose: short codes (988, 911) and `tel:`/`sms:` links must work.

The default text writes its two numbers as {emergency} and {crisis} (pocketguide.placeholders).
A project's own text that names 988, 911, 999 or 000 where they are not the region's is an
error, pointing to those placeholders. A `tel:` or `sms:`
link written into Markdown is checked like a hotline number, since a reader will tap it.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from pocketguide.dialwords import mistyped_codes
from pocketguide.doubts import doubt
from pocketguide.errors import Problem, display_path
from pocketguide.phones import parse_number
from pocketguide.placeholders import Filled, fill_text
from pocketguide.shortcodes import PLACEHOLDER_FOR, digits, foreign_codes
from pocketguide.textnumbers import (
    CONTINUED,
    NOT_A_NUMBER,
    as_printed,
    broken_numbers,
    fictional_numbers,
    local_near_misses,
    numbers_in_text,
    plain_text,
    without_addresses,
)
from pocketguide.wellknown import one_keystroke

_SCHEME = re.compile(r"\b(tel|sms):", re.IGNORECASE)
# Where a link's number ends: in Markdown's `](tel:...)` or `<tel:...>` at the bracket (spaces
# are kept there); elsewhere at a space, a quote, a bracket or a YAML escape's backslash.
_BRACKETED_END = set(")>")
_BARE_END = set(" \t\"')]<>\\")


def phone_links(text: str) -> list[tuple[int, str, str, str]]:
    """(line, the link as written, scheme, number) for every tel: and sms: link in text."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _SCHEME.finditer(line):
            before = line[: match.start()]
            if not before.endswith(("](", "](<", "<", '"', "'", "=", "]: ")):
                continue  # "Tel: 502-..." is a label in the text, no link (its number is read)
            ends = _BRACKETED_END if before.endswith(("](", "](<", "<")) else _BARE_END
            end = match.end()
            while end < len(line) and line[end] not in ends:
                end += 1
            target = _number_in(line[match.end() : end])
            found.append((number, line[match.start() : end], match.group(1).lower(), target))
    return found


def _number_in(target: str) -> str:
    """The number a tel: or sms: target dials, without its parameters (;ext=, ?body=)."""
    return unquote(re.split(r"[;?]", html.unescape(target), maxsplit=1)[0]).strip()


def link_findings(text: str, region: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(line, reason) for tel: and sms: links: invalid numbers, and valid but doubtful ones."""
    bad, doubtful = [], []
    for line, link, scheme, raw in phone_links(text):
        try:
            number = parse_number(raw, region, sms=scheme == "sms")
        except ValueError as exc:
            bad.append((line, f"the link {link}: {exc}"))
            continue
        if why := doubt(number):
            doubtful.append((line, f"the link {link}: {why}"))
    return bad, doubtful


_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(<?\s*(tel|sms):([^)>\n]+)>?\)", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\+?\(?\d[\d ().-]*\d")


def mismatched_links(text: str, region: str) -> list[tuple[int, str]]:
    """(line, reason) for a link whose words show one number and whose target dials another."""
    found = []
    for number, written, scheme, target in _labelled_links(text):
        label = plain_text(written)  # "502-589\u20631239": a thin or invisible character
        runs = [run.strip() for run in _DIGIT_RUN.findall(label)]
        if not runs:
            continue
        sms = scheme.lower() == "sms"
        try:
            dialled = parse_number(_number_in(target), region, sms)
        except ValueError:
            continue  # an invalid target is reported on its own
        # Words may name more than one number ("711, then 1-800-799-4889"): one of them
        # must be the number dialled.
        printed = {run: _normalized(run, region, sms) for run in runs}
        numbers = [run for run, normalized in printed.items() if normalized]  # not "9-5"
        if numbers and dialled.normalized not in printed.values():
            shown = max(numbers, key=len)
            found.append(
                (
                    number,
                    f'the link "{label}" shows {shown} but dials {dialled.display}; '
                    "make them the same number",
                )
            )
    return found


# [words][name] with `[name]: tel:...` elsewhere, and <a href="tel:...">words</a>.
_MD_REFERENCE = re.compile(r"\[([^\]\n]+)\]\[([^\]\n]*)\]")
_MD_DEFINITION = re.compile(
    r"^ {0,3}\[([^\]\n]+)\]:\s*<?\s*(tel|sms):([^\s>]+)>?", re.IGNORECASE | re.MULTILINE
)
_HTML_LINK = re.compile(
    r"<a\s[^>]*?href\s*=\s*[\"'](tel|sms):([^\"']+)[\"'][^>]*>(.*?)</a\s*>", re.IGNORECASE
)
_TAGS = re.compile(r"<[^>]*>")


def _labelled_links(text: str) -> list[tuple[int, str, str, str]]:
    """(line, words, scheme, target) of every tel: and sms: link with words, however written."""
    defined = {m[1].strip().lower(): (m[2], m[3]) for m in _MD_DEFINITION.finditer(text)}
    links = []
    for number, line in enumerate(text.splitlines(), start=1):
        links += [(number, *m.groups()) for m in _MD_LINK.finditer(line)]
        for match in _MD_REFERENCE.finditer(line):
            label, name = match.groups()
            if target := defined.get((name or label).strip().lower()):
                links.append((number, label, *target))
        for match in _HTML_LINK.finditer(line):
            scheme, target, words = match.groups()
            links.append((number, _TAGS.sub("", words), scheme, target))
    return links


def _normalized(written: str, region: str, sms: bool) -> str | None:
    """A number's normalized form, or None when it is none."""
    try:
        return parse_number(written, region, sms).normalized
    except ValueError:
        return None


def stray_numbers(
    text: str, region: str, known: set[str]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(line, reason) for numbers in prose that no hotline entry has; and for digits that look
    mistyped (no number at all, one keystroke from a well-known code).

    A number typed into a section is printed as written: `approve` and `proof` never see it.
    """
    found, doubtful, words, local = [], [], [], []
    for number, line in enumerate(text.splitlines(), start=1):
        for _line, link, scheme, raw in phone_links(line):
            line = line.replace(link, " " * len(link))  # not read again as words
            try:
                dialled = parse_number(raw, region, sms=scheme == "sms")
            except ValueError:
                continue  # an error of its own (link_findings)
            if dialled.normalized not in known:
                found.append((number, f"the link {link}: {dialled.display} {_UNLISTED}"))
        line = as_printed(without_addresses(line))
        numbers = numbers_in_text(line, region)
        words.append((line, {e164 for _written, e164 in numbers}))
        found += [
            (number, f'"{written}" {_near_entry(e164, known, region)}{_UNLISTED}')
            for written, e164 in numbers
            if e164 not in known
        ]
        local += [(number, w, e164) for w, e164 in local_near_misses(line, region, known)]
        fictional = fictional_numbers(line, region)  # 07700 900461: invalid to phonenumbers
        found += [
            (number, f'"{w}" is a fictional number ({why}); put in the real one: {_UNCHECKED}')
            for w, why in fictional
        ]
        doubtful += [
            (number, f'"{written}" {NOT_A_NUMBER}')
            for written in broken_numbers(line, region)
            if not any(written in w for w, _why in fictional)
        ]
        doubtful += [(number, reason) for reason in mistyped_codes(line, region)]
    # A number wrapped onto the next line (a folded YAML string, a long blockquote) prints whole.
    wrapped: dict[int, list[str]] = {}
    for number, ((first, alone), (second, after)) in enumerate(itertools.pairwise(words), 1):
        joined = f"{first} {CONTINUED.sub('', second)}"
        for written, e164 in numbers_in_text(joined, region):
            if e164 not in known | alone | after:
                found.append((number, f'"{written}" {_near_entry(e164, known, region)}{_UNLISTED}'))
                wrapped.setdefault(number + 1, []).append(written)
    # The end of a wrapped number, read alone, is no number of its own.
    found += [
        (number, f'"{written}" {_near_entry(e164, known, region, local=True)}{_UNLISTED}')
        for number, written, e164 in local
        if not any(whole.endswith(written) for whole in wrapped.get(number, []))
    ]
    return sorted(found, key=lambda item: item[0]), doubtful


def _near_entry(e164: str, known: set[str], region: str, local: bool = False) -> str:
    """What to say first of a number one keystroke from an entry's: most likely a typo.

    With `local`, `e164` is the entry's number itself, which the text wrote without its area
    code and with a digit off.
    """
    for number in sorted(known):
        if number.startswith("+") and (number == e164 if local else one_keystroke(number, e164)):
            shown = parse_number(number, region).display
            how = " (written without its area code)" if local else ""
            return (
                f"is one keystroke from an entry's {shown}{how}: check its digits; as written, it "
            )
    return ""


_UNCHECKED = 'until then no PDF in this language prints "Numbers verified as of"'
_UNLISTED = (
    "is no hotline entry's number, so approve and proof never check it and no PDF in this "
    'language prints "Numbers verified as of"; give it an entry in the hotlines file'
)


@dataclass
class Findings:
    """What the numbers in some text gave: errors, warnings, and how many nobody checks."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Numbers printed that are no entry's: no date can vouch for them. (A near miss or a digit
    # short is only likely: it warns, and leaves the date to the person who approves.)
    unchecked: int = 0

    def __iadd__(self, other: Findings) -> Findings:
        self.problems += [p for p in other.problems if p not in self.problems]
        self.warnings += other.warnings
        self.unchecked += other.unchecked
        return self


def prose_findings(
    sources: list[Path],
    region: str,
    project_root: Path | None,
    known: set[str] | None = None,
    values: dict[str, Filled] | None = None,
) -> Findings:
    """Errors for short codes and phone links in prose; warnings for doubtful links of our own.

    `known`: the hotline entries' numbers (E.164); others in the project's own text warn.
    `values`: what {emergency} and {crisis} print, so that their links are checked too.
    """
    findings = Findings()
    for path in sources:
        if path.suffix not in (".md", ".yaml") or path.name in ("hotlines.yaml", "manifest.yaml"):
            continue
        own = project_root is not None and path.is_relative_to(project_root)
        text = path.read_text(encoding="utf-8")
        findings += text_findings(
            text, display_path(path, project_root), region, own, known, values
        )
    return findings


def text_findings(
    text: str,
    shown: str,
    region: str,
    own: bool,
    known: set[str] | None = None,
    values: dict[str, Filled] | None = None,
    linked_text: str | None = None,
) -> Findings:
    """The findings of prose_findings for one text (lines counted from 1) shown as `shown`.

    `linked_text`: where to look for tel: and sms: links, when not in `text` itself (the tags
    of a template, whose words alone are `text`).
    """
    problems, warnings = [], []
    # "[call {crisis}](tel:988)" shows one number and dials another once filled in.
    source = text if linked_text is None else linked_text
    linked = fill_text(source, values) if values else source
    bad, doubtful = link_findings(linked, region)
    problems += [Problem(shown, line, reason) for line, reason in bad]
    problems += [Problem(shown, line, reason) for line, reason in mismatched_links(linked, region)]
    if not own:
        return Findings(problems)  # the shipped text writes 988 and 911 as placeholders
    warnings += [f"{shown}:{line}: {reason}" for line, reason in doubtful]
    unlisted, mistyped = stray_numbers(text, region, known or set())
    warnings += [f"{shown}:{line}: {reason}" for line, reason in unlisted + mistyped]
    for line, codes in foreign_codes(text, region):
        named = " and ".join(f'"{code}"' for code in codes)
        what = "is not a number" if len(codes) == 1 else "are not numbers"
        instead = " or ".join(dict.fromkeys(PLACEHOLDER_FOR[digits(code)] for code in codes))
        advice = f"write {instead} (filled in from your hotlines file) or your local number"
        problems.append(Problem(shown, line, f"{named} {what} to call in {region}: {advice}"))
    return Findings(problems, warnings, len(unlisted))
