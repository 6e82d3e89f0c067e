"""The crisis and emergency short codes everyone in a region knows, and typos of them.

phonenumbers accepts almost any four- to six-digit short code as valid (carriers may use
them), so 9988 and 741714 pass every check that 988 and 741741 pass. A short code one
keystroke away from a well-known one (a digit added, dropped, changed or two swapped) is
most likely that one mistyped. Pure data and one pure function.
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import shortnumberinfo

# By region: short code -> what it is. Kept to lines a guide is likely to print.
WELL_KNOWN: dict[str, dict[str, str]] = {
    "US": {
        "988": "the 988 Suicide & Crisis Lifeline",
        "911": "emergency services",
        "741741": "Crisis Text Line",
        "211": "211, community help",
        "711": "the relay service",
    },
    "CA": {
        "988": "988, the suicide crisis helpline",
        "911": "emergency services",
        "686868": "Kids Help Phone's text line",
        "211": "211, community help",
    },
    "GB": {
        "999": "emergency services",
        "112": "emergency services",
        "111": "NHS 111",
        "116123": "Samaritans",
        "85258": "Shout",
    },
    "IE": {"999": "emergency services", "112": "emergency services", "116123": "Samaritans",
           "50808": "text 50808"},
    "AU": {"000": "emergency services", "131114": "Lifeline", "0477131114": "Lifeline text"},
    "NZ": {"111": "emergency services", "1737": "1737, need to talk?"},
}  # fmt: skip


def one_keystroke(a: str, b: str) -> bool:
    """True when b is a with one digit added, dropped or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def near_miss(digits: str, region: str) -> tuple[str, str] | None:
    """(well-known code, what it is) that `digits` is one keystroke from, or None.

    Not for a code that is itself well known, nor a three-digit N11 code (211, 311 and 911
    are all real): those are one keystroke from each other.
    """
    known = WELL_KNOWN.get(region, {})
    if (
        digits in known
        or (len(digits) == 3 and digits.endswith("11"))
        or _real_code(digits, region)
    ):
        return None
    for code, name in known.items():
        if one_keystroke(code, digits):
            return code, name
    return None


def _real_code(digits: str, region: str) -> bool:
    """A short code of the region's own (Britain's 101, the police): no typo of another.

    Only three digits: phonenumbers takes many longer ones for US text codes (9988, 741714).
    """
    if len(digits) != 3:
        return False
    number = phonenumbers.parse(digits, region)
    return shortnumberinfo.is_valid_short_number_for_region(number, region)


# Emergency numbers a region has replaced, which phonenumbers still lists: (year, new number).
SUPERSEDED: dict[str, dict[str, tuple[str, str]]] = {
    "MX": {code: ("2017", "911") for code in ("060", "065", "066", "068", "080")},
}


def superseded(digits: str, region: str) -> tuple[str, str] | None:
    """(year replaced, the number now) of an emergency number the region no longer uses."""
    return SUPERSEDED.get(region, {}).get(digits)


# National crisis lines phonenumbers does not take as short numbers of their region, or takes
# for text-message codes: the Netherlands' 113 was refused, New Zealand's 1737 warned.
NATIONAL_LINES: dict[str, dict[str, str]] = {
    "NL": {"113": "113 Suicide Prevention"}, "BR": {"188": "CVV"},
    "AR": {"135": "135 (Buenos Aires; other provinces have their own)"},
    "KR": {"109": "109"}, "TW": {"1925": "1925"}, "PH": {"1553": "NCMH 1553"},
    "IN": {"14416": "Tele-MANAS"}, "NZ": {"1737": "1737, need to talk?"},
    "SE": {"90101": "Mind Självmordslinjen"},
}  # fmt: skip


def national_line(digits: str, region: str) -> bool:
    """Whether a short code is one of the region's national crisis lines listed above."""
    return digits in NATIONAL_LINES.get(region, {})


# Short codes of paid or practical services that are no one's support line: "123" left when
# "116 " of 116 123 was lost is Britain's speaking clock.
NOT_HELPLINES: dict[str, dict[str, str]] = {
    "GB": {"100": "the operator", "123": "the speaking clock", "155": "the international "
           "operator", "150": "a phone company's customer service", "118118": "directory "
           "enquiries", "118500": "directory enquiries"},
    "IE": {"10": "the operator", "11811": "directory enquiries", "11850": "directory enquiries"},
    "US": {"411": "directory assistance", "511": "traffic information", "611": "a phone "
           "company's repair service", "811": "the call-before-you-dig line"},
    "CA": {"411": "directory assistance", "511": "traffic information", "611": "a phone "
           "company's repair service"},
}  # fmt: skip


def not_a_helpline(digits: str, region: str) -> str | None:
    """What a short code is when it is a practical service, not a support line, else None."""
    return NOT_HELPLINES.get(region, {}).get(digits)


def famous_elsewhere(digits: str, region: str) -> str | None:
    """What a North American code is, where it is not the region's own (988 in New Zealand)."""
    if region in ("US", "CA"):
        return None
    return {
        "988": "the US and Canada's crisis line",
        "911": "North America's emergency number",
    }.get(digits)
