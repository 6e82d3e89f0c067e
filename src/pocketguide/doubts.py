"""Why a valid number is probably not the one meant: fiction, a typo, a code cut short.

A number can pass every check of its region and still reach no one: a range kept for drama,
988 typed as 9988, a phone number cut down to a text-message short code. Each is a warning
(`--strict`: an error) at the line that gives the number.
"""

from __future__ import annotations

import re

from pocketguide.phones import Number

# Ranges no one answers, kept for examples and drama: (E.164 pattern, where the range is from).
_FICTIONAL = (
    (re.compile(r"\+1\d{3}55501\d\d"), "555-0100 to 555-0199 are kept for examples"),
    (
        re.compile(
            r"\+44(?:207946|11[3-8]496|1[2-6]1496|191498|289018|292018)0\d{3}"
            r"|\+44(?:1632960|7700900|8081570|9098790|3069990)\d{3}"
        ),
        "Ofcom keeps it for drama",
    ),
)


def fictional_range(number: Number) -> str | None:
    """Why a number is fictional (a range kept for examples), or None for a real one."""
    for pattern, reason in _FICTIONAL:
        if pattern.fullmatch(number.normalized):
            return reason
    return None


def doubt(number: Number) -> str | None:
    """Why a valid number is probably not the one meant: fictional, 911 plus a digit, a typo."""
    if reason := fictional_range(number):
        return f"{number.display} is a fictional number ({reason}); put in the real one"
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
    if number.superseded:
        year, now = number.superseded
        return f"{number.display} has not been in use since {year}; the number is {now} now"
    if number.near_miss:
        code, name = number.near_miss
        return f"{number.display} is one keystroke from {code} ({name}); check its digits"
    if number.texts_emergency:
        return (
            f"{number.display} is an emergency number: texting it works only in some areas, or "
            "after registering; give it as phone:, and say in notes where texts reach it"
        )
    if number.only_in:
        return f"{number.display} is a short number of {number.only_in}: it works only there"
    if number.texts_only:
        return (
            f"{number.display} is a text-message short code, not a number to call; check for "
            "missing digits, or give it as a number to text"
        )
    if number.text_shaped:
        return (
            f"{number.display} looks like a text-message short code (five or six digits); if "
            "people text it, give it as text: (with its keyword:), or the guide says to call it"
        )
    return None
