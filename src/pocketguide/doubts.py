"""Why a valid number is probably not the one meant: fiction, a typo, a code cut short.

A number can pass every check of its region and still reach no one: a range kept for drama,
988 typed as 9988, a phone number cut down to a text-message short code. Each is a warning
(`--strict`: an error) at the line that gives the number. So is an entry never dated, or
dated long ago (entry_warnings).
"""

from __future__ import annotations

import datetime as dt
import re

from phonenumbers import shortnumberinfo

from pocketguide.hotlines import where
from pocketguide.models import Hotline, HotlineFile
from pocketguide.phones import Number, is_emergency_code
from pocketguide.wellknown import (
    famous_elsewhere,
    national_line,
    near_miss,
    not_a_helpline,
    superseded,
)

# Ranges no one answers, kept for examples and drama: (E.164 pattern, where the range is from).
_FICTIONAL = (
    (re.compile(r"\+1\d{3}55501\d\d"), "555-0100 to 555-0199 are kept for examples"),
    (
        re.compile(
            r"\+44(?:207946|11[3-8]496|1[2-6]1496|191498|292018)0\d{3}"
            r"|\+44(?:1632960|7700900|8081570|9098790|3069990|2896496)\d{3}"
        ),
        "Ofcom keeps it for drama",
    ),
    (
        re.compile(
            r"\+61[2378](?:5550|7010)\d{4}"
            r"|\+61491(?:570(?:006|15[6-9]|110|313|737)|571(?:266|491|804)|572(?:549|665|983)"
            r"|573(?:770|087)|574(?:118|632)|575(?:254|789)|576(?:398|801)|577(?:426|644)"
            r"|578(?:957|148|888)|579(?:212|760|455))"
            r"|\+611800160401|\+61(?:1800|1300)975(?:70[7-9]|71[01])"
        ),
        "ACMA keeps it for drama",
    ),
)


def fictional_range(number: Number) -> str | None:
    """Why a number is fictional (a range kept for examples), or None for a real one."""
    return fictional_e164(number.normalized)


def fictional_e164(e164: str) -> str | None:
    """Why a number in E.164 form is fictional, or None; phonenumbers calls some invalid."""
    for pattern, reason in _FICTIONAL:
        if pattern.fullmatch(e164):
            return reason
    return None


def doubt(number: Number) -> str | None:
    """Why a valid number is probably not the one meant: fictional, 911 plus a digit, a typo."""
    if reason := fictional_range(number):
        return (
            f"{number.display} is a fictional number ({reason}); put in the real one; until "
            "then no PDF prints the verified date"
        )
    if number.emergency_prefix:
        return (
            f"{number.display} starts with the emergency number {number.emergency_prefix}; "
            "check for an extra digit"
        )
    if number.short_prefix:
        return (
            f"{number.display} starts with the short number {number.short_prefix}; "
            "check for an extra digit"
        )
    short, digits, region = number.short, number.normalized, number.region
    # Mexico and the Philippines answer 911 too: only where it is no emergency number.
    if (
        short
        and (famous := famous_elsewhere(digits, region))
        and not is_emergency_code(digits, region)
    ):
        return f"{number.display} is {famous}, not a number for {region}; check it"
    if short and (service := not_a_helpline(digits, region)):
        return f"{number.display} is {service} in {region}, not a support line; check its digits"
    if short and (replaced := superseded(digits, region)):
        year, now = replaced
        return f"{number.display} has not been in use since {year}; the number is {now} now"
    # Australia's 13 11 14 is an ordinary number to phonenumbers: compare the digits as dialled.
    dialled = digits if short else re.sub(r"\D", "", number.display)
    if (miss := near_miss(dialled, region)) and not number.display.startswith("+"):
        code, name = miss
        return f"{number.display} is one keystroke from {code} ({name}); check its digits"
    if short and number.sms and shortnumberinfo.is_emergency_number(digits, region):
        # Texting an emergency number works only in some places.
        return (
            f"{number.display} is an emergency number: texting it works only in some areas, or "
            "after registering; give it as phone:, and say in notes where texts reach it"
        )
    if number.only_in:
        kind = "a short number" if short else "a number"
        return f"{number.display} is {kind} of {number.only_in} that works only there"
    if number.texts_only:
        return (
            f"{number.display} is a text-message short code, not a number to call; check for "
            "missing digits, or give it as a number to text"
        )
    # Shaped like the text-only services phonenumbers does not list (Shout's 85258 in GB,
    # 50808 in IE): five or six digits, not starting with 1 as voice codes do.
    if (
        short
        and not number.sms
        and len(digits) in (5, 6)
        and not digits.startswith("1")
        and not national_line(digits, region)
    ):
        return (
            f"{number.display} looks like a text-message short code (five or six digits); if "
            "people text it, give it as text: (with its keyword:), or the guide says to call it"
        )
    return None


def fictional_warnings(hotlines: HotlineFile, shown: str) -> list[str]:
    """One warning per number from a range kept for fiction, which no one answers."""
    return [w for e in hotlines.hotlines for w in _fictional(e, f"{where(shown, e)}: {e.name}")]


def fictional_numbers(hotlines: HotlineFile, organization: Number | None = None) -> bool:
    """Whether an entry or the organization has a number from a range kept for fiction."""
    numbers = [n for e in hotlines.hotlines for n in (e.phone, e.text)] + [organization]
    return any(n is not None and fictional_range(n) for n in numbers)


def _fictional(entry: Hotline, at: str) -> list[str]:
    found = []
    for number in (entry.phone, entry.text):
        if number and (why := doubt(number)):
            found.append(f"{at}: {why}")
    return found


def entry_warnings(
    hotlines: HotlineFile, shown: str, max_age_days: int, today: dt.date
) -> list[str]:
    """Per entry: a missing or old `verified` date, fictional numbers, and likely typos."""
    warnings = []
    for entry in hotlines.hotlines:
        at = f"{where(shown, entry)}: {entry.name}"
        warnings += _fictional(entry, at)
        if entry.verified is None:
            warnings.append(f'{at}: no "verified" date; check the number, then add the date')
        elif (today - entry.verified).days > max_age_days:
            warnings.append(
                f"{at}: last verified {entry.verified.isoformat()}, "
                f"more than {max_age_days} days ago"
            )
    return warnings
