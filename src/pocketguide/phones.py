"""Validate and format hotline numbers with phonenumbers; short codes keep the user's grouping."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, shortnumberinfo

from pocketguide.ambulance import AMBULANCE, emergency_number
from pocketguide.wellknown import famous_elsewhere, national_line

_ALLOWED = re.compile(r"[0-9 +\-.()]+")


@dataclass(frozen=True)
class Number:
    """A checked number: what to print, what to link, and a normalized form for the lock."""

    raw: str
    display: str
    uri: str
    normalized: str
    short: bool
    # The region's emergency number a longer short code starts with (9111 -> 911), if any.
    emergency_prefix: str | None = None
    # A phone (not SMS) short code that phonenumbers lists as a text-message service: often a
    # longer number cut short (502-555 of 502-555-0142), which would print without an error.
    texts_only: bool = False
    # A longer short code that starts with the region's three-digit short number (9888, 2110).
    short_prefix: str | None = None
    # The region a short code works in, when the guide's readers are elsewhere.
    only_in: str | None = None
    # Where it was read, and whether as a number to text: what pocketguide.doubts judges by.
    region: str = ""
    sms: bool = False


def number_text(value: object) -> str:
    """A number as YAML or CSV gave it, as text; a list, mapping or yes/no is refused."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ValueError('must be one number written as text, e.g. "502-555-0100"')
    return str(value)


def parse_number(raw: str, region: str, sms: bool = False, home: str | None = None) -> Number:
    """Check one phone (or SMS) number of `region` for readers in `home` (default: the same).

    Raise ValueError with a readable reason.
    """
    home = home or region
    text = " ".join(str(raw).split())
    if not text:
        raise ValueError("is empty")
    if not _ALLOWED.fullmatch(text):
        raise ValueError(_not_digits(text, region))
    if text.endswith(".0"):  # 988 read as the number 988.0 by a spreadsheet: a tel:9880 link
        raise ValueError(
            f'"{text}" ends in ".0", as a spreadsheet writes numbers; '
            f'write it as text: "{text[:-2]}"'
        )
    digits = re.sub(r"\D", "", text)
    kind = "SMS" if sms else "phone"
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ValueError(f'"{text}" is not a valid {region} {kind} number') from None
    # A national crisis line, or an ambulance number of the list phonenumbers lacks (194 in
    # Serbia): short numbers phonenumbers refuses, yet real.
    national = national_line(digits, region) or digits in AMBULANCE.get(region, ())
    if not text.startswith("+") and (
        national or shortnumberinfo.is_valid_short_number_for_region(parsed, region)
    ):
        scheme = "sms" if sms else "tel"
        prefix = _emergency_prefix(digits, region)
        return Number(
            text,
            short_display(text, digits),
            f"{scheme}:{digits}",
            digits,
            short=True,
            emergency_prefix=prefix,
            texts_only=not (sms or national)
            and shortnumberinfo.is_sms_service_for_region(parsed, region),
            short_prefix=None if prefix else _short_prefix(digits, region),
            only_in=region if home != region and not _is_short_number(text, home) else None,
            region=region,
            sms=sms,
        )
    if not phonenumbers.is_valid_number(parsed):
        short = len(digits) == 7 and phonenumbers.country_code_for_region(region) == 1
        hint = "; include the area code (e.g. 502-555-0163)" if short else ""
        if famous := famous_elsewhere(digits, region):  # 911 in a British project
            local = emergency_number(region) if digits == "911" else None
            hint = f"; {digits} is {famous}" + (f": {region}'s is {local}" if local else "")
        raise ValueError(f'"{text}" is not a valid {region} {kind} number{hint}')
    # Countries sharing a calling code (the NANP: US, CA, ...) dial each other's numbers alike.
    foreign = parsed.country_code != phonenumbers.country_code_for_region(region)
    if foreign and not text.startswith("+"):
        raise ValueError(f'"{text}" is not a valid {region} {kind} number')
    # Readers dial from `home`: a number of another country prints as they must dial it.
    same_region = parsed.country_code == phonenumbers.country_code_for_region(home)
    if same_region:
        display = _national(parsed)
    else:
        display = phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)
    if same_region and parsed.country_code != 1 and _grouped_as_published(text, display):
        display = text  # "1800 55 1800", as the service prints it, not "1800 551 800"
    e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
    uri = f"sms:{e164}" if sms else phonenumbers.format_number(parsed, PhoneNumberFormat.RFC3966)
    # Australia's 13 11 14 and 1800 numbers do not connect as +61...: link the digits a phone
    # in the country dials.
    abroad = phonenumbers.can_be_internationally_dialled(parsed)
    if same_region and not abroad:
        local = phonenumbers.format_number_for_mobile_dialing(parsed, home, False)
        uri = f"{'sms' if sms else 'tel'}:{local}" if local else uri
    # 13 11 14 from New Zealand: a number of another country that cannot be dialled from abroad.
    only_in = None if same_region or abroad else region
    return Number(text, display, uri, e164, False, only_in=only_in, region=region, sms=sms)


def _national(parsed: phonenumbers.PhoneNumber) -> str:
    """A number as its own country writes it; North America's toll-free ones as 1-800-..."""
    toll_free = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.TOLL_FREE
    if parsed.country_code == 1 and toll_free:  # as services print them, and landlines dial
        national = str(parsed.national_number)
        return f"1-{national[:3]}-{national[3:6]}-{national[6:]}"
    return phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)


def _grouped_as_published(text: str, national: str) -> bool:
    """Whether a number was written as the national format's digits, grouped only by spaces.

    Services outside North America often print their own grouping (1800 55 1800, 0800 111 0
    111), which a checker compares the proof sheet with. The digits are the same; North
    American numbers keep their one familiar style, (502) 555-0142.
    """
    # Written without spaces (01134960123), it has no grouping of its own to keep.
    return bool(re.fullmatch(r"\d+(?: \d+)+", text)) and re.sub(r"\D", "", national) == (
        text.replace(" ", "")
    )


def short_display(text: str, digits: str) -> str:
    """A short code as printed: grouped by spaces as written ("116 123"), else its digits.

    "98.8", "(988)" or "1161 23" would print as typed; the EU's 116 codes group as 116 123.
    """
    if len(digits) == 6 and digits.startswith("116"):
        return f"116 {digits[3:]}"
    return text if re.fullmatch(r"\d+(?: \d+)*", text) else digits


# "ext. 2", "extension 2", or " x2" (a bare x only after a space: 555-01X9 is a typo).
_EXTENSION = re.compile(r"^(.*?\d)(?:[\s,;]*(?:ext\.?|extension)|[\s,;]+x)\s*(\d+)$", re.IGNORECASE)


def _not_digits(text: str, region: str) -> str:
    """Why a number with other characters is refused, and what to write instead."""
    if extension := _EXTENSION.match(text):
        number, ext = extension.groups()
        return (
            f'"{text}" has an extension, which a phone cannot dial from a link; write the '
            f'number alone ("{number}") and "ext. {ext}" in notes'
        )
    # "116 123 free": words beside a number that is whole without them, not a vanity number
    # (read as one, it became a Leicester landline, 0116 123 3733).
    alone = " ".join(re.sub(r"(?:^|\s)[A-Za-z][A-Za-z.,:]*(?=\s|$)", " ", text).split())
    if alone != text and _valid_alone(alone, region):
        return (
            f'"{text}" has words in it; write the number alone ("{alone}") and the words in notes'
        )
    vanity = len(re.findall(r"[A-Za-z]", text)) >= 3 and len(re.findall(r"\d", text)) >= 3
    if vanity and _ALLOWED.fullmatch(re.sub(r"[A-Za-z]", "0", text)):
        with contextlib.suppress(phonenumbers.NumberParseException):
            parsed = phonenumbers.parse(
                phonenumbers.convert_alpha_characters_in_number(text), region
            )
            if phonenumbers.is_valid_number(parsed):
                digits = _national(parsed)
                return (
                    f'"{text}" has letters; write the digits ("{digits}"), and the words in '
                    "notes if people know the number by them"
                )
    bad = next(ch for ch in text if not _ALLOWED.fullmatch(ch))
    return f'"{text}" contains "{bad}"; use only digits, spaces and + - . ( )'


def _valid_alone(text: str, region: str) -> bool:
    """Whether digits (with spaces and punctuation) are a whole number of the region."""
    if not text or not _ALLOWED.fullmatch(text):
        return False
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed) or _is_short_number(text, region)


def is_region(code: str) -> bool:
    """True for a region phonenumbers knows (ISO 3166-1 alpha-2)."""
    return code in phonenumbers.SUPPORTED_REGIONS


def region_code(value: str) -> str:
    """A region code as ISO writes it (`nz` is NZ, as `init --region nz` takes it)."""
    from pocketguide.locales import unknown_region

    code = value.strip().upper()
    if not is_region(code):
        raise ValueError(unknown_region(value))
    return code


def is_emergency(number: Number, region: str) -> bool:
    """True when a short number is an emergency number of the region (911, 999, 112, ...)."""
    return number.short and is_emergency_code(number.normalized, region)


def is_emergency_code(digits: str, region: str) -> bool:
    """Whether phonenumbers or the list of ambulance numbers (ambulance.py) names the digits
    an emergency number of the region: Kenya's 911, which phonenumbers lacks, is one."""
    return shortnumberinfo.is_emergency_number(digits, region) or digits in AMBULANCE.get(
        region, ()
    )


def knows_emergency(region: str) -> bool:
    """Whether phonenumbers lists the region's emergency numbers (a few regions it does not)."""
    metadata = phonenumbers.PhoneMetadata.short_metadata_for_region(region)
    return bool(metadata and metadata.emergency and metadata.emergency.national_number_pattern)


def _emergency_prefix(digits: str, region: str) -> str | None:
    """The emergency number a short code starts with without being it (9111 -> 911)."""
    if shortnumberinfo.is_emergency_number(digits, region):
        return None
    for end in range(2, len(digits)):
        if shortnumberinfo.is_emergency_number(digits[:end], region):
            return digits[:end]
    return None


def _short_prefix(digits: str, region: str) -> str | None:
    """The three-digit short number a longer one starts with (9888 -> 988, 2110 -> 211).

    Only three digits: longer prefixes of real codes are often valid too (74174 of 741741).
    """
    head = digits[:3]
    return head if len(digits) > 3 and _is_short_number(head, region) else None


def _is_short_number(text: str, region: str) -> bool:
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return shortnumberinfo.is_valid_short_number_for_region(parsed, region)
