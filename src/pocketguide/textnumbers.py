"""Phone numbers in running text: the valid ones, and runs shaped like one that are none."""

from __future__ import annotations

import functools
import re

import phonenumbers

from pocketguide.doubts import fictional_e164

E164 = phonenumbers.PhoneNumberFormat.E164

# Spaces other than the ASCII one: no-break, thin, narrow no-break, figure and the rest. A
# number spaced with them ("502\u2009589\u20091234") is a number all the same.
_SPACES = str.maketrans(
    dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                  "\u202f\u205f\u3000", " ")
)  # fmt: skip
# What prints nothing (Unicode's default-ignorable characters): soft hyphens, zero-width spaces
# and joiners, direction marks, invisible operators ("502-589\u2063-1234"), variation selectors.
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U000e0000-\U000e0fff]"
)


def plain_text(text: str) -> str:
    """Text as its digits read: any space an ASCII one, and nothing that prints nothing."""
    return INVISIBLE.sub("", text.translate(_SPACES))


def numbers_in_text(text: str, region: str) -> list[tuple[str, str]]:
    """The phone numbers written in running text ("after hours, call 502-555-0142"), as
    (how written, E.164); short numbers such as 988 are not looked for."""
    text = plain_text(text)
    return [(text[start:end], e164) for start, end, e164 in number_spans(text, region)]


def number_spans(text: str, region: str) -> list[tuple[int, int, str]]:
    """(start, end, E.164) of each phone number in running text, in order."""
    text = text.translate(_SPACES)  # the same length: the spans are the text's own
    found = []
    for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        # "Notas (502-555-0199)": the matcher keeps the opening bracket, not the closing one.
        written = _balanced(m.raw_string)
        start = m.start + len(m.raw_string) - len(written)
        found.append((start, start + len(written), phonenumbers.format_number(m.number, E164)))
    # phonenumbers passes over "0300 123 3394 9am-6pm" and "(under 35) 0800 068 4142": what is
    # shaped like a number and valid is one all the same.
    for match in _PHONE_SHAPED.finditer(text):
        parsed = None if _overlaps(match, found) else _parsed(match.group(0), region)
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            found.append((match.start(), match.end(), phonenumbers.format_number(parsed, E164)))
    # A meeting ID or a case number is no phone number, however it is shaped.
    return sorted(s for s in found if not _NOT_A_PHONE_BEFORE.search(text[: s[0]]))


def _overlaps(match: re.Match, spans: list[tuple[int, int, str]]) -> bool:
    return any(start < match.end() and match.start() < end for start, end, _ in spans)


def _parsed(written: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(written.replace("\u2013", "-"), region)
    except phonenumbers.NumberParseException:
        return None


def _valid(written: str, region: str) -> bool:
    return (parsed := _parsed(written, region)) is not None and phonenumbers.is_valid_number(parsed)


def _balanced(written: str) -> str:
    return written[1:] if written.startswith("(") and ")" not in written else written


# Digit groups joined by spaces, dots or dashes (en dashes too, as word processors write
# them), as phone numbers are written; not a run that goes on into letters (1-800-273-TALK,
# a vanity number) or more digits.
_SEP = r"[ .\-\u2013]"
_GROUP = r"(?:\(\d{2,5}\)|\d{2,5})"  # brackets closed: "(10 am to 10 pm)" is no group
_PHONE_SHAPED = re.compile(
    rf"(?<![\w.+/\-\u2013])\+?(?:\(\d{{1,4}}\) ?|\d{{1,4}}{_SEP})(?:{_GROUP}{_SEP}){{1,4}}"
    rf"{_GROUP}(?![\w/]|[.\-\u2013]\d|-[A-Za-z])"
)
_DATE_LIKE = re.compile(r"\d{4}[ .-]\d{1,2}[ .-]\d{1,2}|\d{1,2}[ .-]\d{1,2}[ .-]\d{4}")
_YEAR = re.compile(r"(?:19|20)\d\d")
# What a run of digits after these words is (a meeting ID, a grant or case number), or where
# it sits (in a web address): no phone number. "ID", "no." or "#" alone are not enough: "our
# night line no. 502-589-9999" is a phone number, and printed unread under the verified date.
_NUMBER_WORD = r"(?:\s+(?:number|no\.?|ID)|\s*#)"
_NOT_A_PHONE_BEFORE = re.compile(
    r"(?:\b(?:meeting|zoom|webinar|conference|access|participant|room)\s+(?:ID|code|no\.?|#)"
    r"|\b(?:ID|c[oó]digo|n[uú]mero)\s+de\s+(?:reuni[oó]n|acceso|sala)"  # the Spanish ones
    r"|\bpass(?:code|word)|\bPIN"
    # Business, benefit and case numbers (an ABN, an NDIS number): shaped like phone numbers.
    # Only these name a number alone: "NDIS 1800 800 110" and "our client line 502-..." are
    # phone lines, so the other words need "number", "no.", "ID" or "#" after them.
    rf"|\b(?:(?:ABN|ACN|ARBN|SSN|EIN|TIN|VAT|BSB|ISBN)(?:{_NUMBER_WORD})?"
    r"|(?:NDIS|Medicare|NHS|provider|member(?:ship)?|company|charity|registration|reference"
    r"|ref|case|account|invoice|policy|client|licen[cs]e|tax|order|ticket|grant|file|permit"
    rf"|serial|application|claim|student|patient|employee){_NUMBER_WORD})"
    r"(?:\s*(?:is|:|\(|for example|e\.g\.,?))*)"
    r"\s*:?\s*$",
    re.I,
)
_ADDRESS = re.compile(r"\S+://\S+|\bwww\.\S+")
NOT_A_NUMBER = "looks like a phone number but is not a valid one; check its digits"


def without_addresses(text: str) -> str:
    """The text with its web addresses blanked out: their digits are no phone numbers."""
    return _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)


def broken_numbers(text: str, region: str) -> list[str]:
    """Runs of running text shaped like a phone number that are none ("512-555-014").

    A digit left out of a number in notes or a section printed as written, unchecked.
    """
    text = without_addresses(plain_text(text))
    numbers = number_spans(text, region)  # "4 70 80 90" is the end of 0800 4 70 80 90
    found = []
    for match in _PHONE_SHAPED.finditer(text):
        if _overlaps(match, numbers):
            continue
        written = match.group(0)
        plain = written.replace("\u2013", "-")
        digits = sum(ch.isdigit() for ch in written)
        groups = re.findall(r"\d+", written)
        # Not a date (2026-11-01), a time span (10.30-12.00, which mixes its separators),
        # years (2019-2020-2021), nor a meeting ID or case number.
        if (
            not 7 <= digits <= 15
            or _DATE_LIKE.fullmatch(plain)
            or ("." in plain and "-" in plain)
            or all(_YEAR.fullmatch(group) for group in groups)
            or _NOT_A_PHONE_BEFORE.search(text[: match.start()])
        ):
            continue
        # "800 911 2001 24 horas": a valid number, then the hours.
        shorter = re.sub(rf"{_SEP}\S+$", "", plain)
        if not (_valid(plain, region) or _valid(shorter, region)):
            found.append(written)
    return found


# A number written without its area code, as people write their own town's numbers: two
# groups ("9686 1243" in Melbourne, "589-1234" in Louisville), not inside a longer number.
_LOCAL_SHAPED = re.compile(r"(?<![\w.+/\-\u2013])\d{3,4}[ .\-\u2013]\d{4}(?![\w/]|[.\-\u2013]\d)")


def local_near_misses(text: str, region: str, known: set[str]) -> list[tuple[str, str]]:
    """(as written, E.164 of the entry) for each number written without its area code that
    is one keystroke from an entry's: "9686 1243" beside (03) 9686 1234.

    phonenumbers cannot read such a number, so a wrong digit in it printed unread, beside the
    verified date. One that matches no entry at all may be anything (a room, a sum): unsaid.
    """
    from pocketguide.wellknown import one_keystroke

    locals_ = _local_parts(frozenset(known), region)
    if not locals_:
        return []
    text = plain_text(text)
    spans = number_spans(text, region)
    found = []
    for match in _LOCAL_SHAPED.finditer(text):
        if _overlaps(match, spans) or _NOT_A_PHONE_BEFORE.search(text[: match.start()]):
            continue
        digits = re.sub(r"\D", "", match.group(0))
        if digits in locals_:
            continue  # the entry's own number, without its area code
        near = [e164 for local, e164 in locals_.items() if one_keystroke(local, digits)]
        if near:
            found.append((match.group(0), near[0]))
    return found


@functools.lru_cache(maxsize=64)  # the same entries, for every text of a build
def _local_parts(known: frozenset[str], region: str) -> dict[str, str]:
    """What follows the area code of each of the region's geographic numbers: its E.164."""
    parts = {}
    for e164 in sorted(known):
        parsed = _parsed(e164, region)
        if parsed is None or phonenumbers.region_code_for_number(parsed) != region:
            continue
        national = phonenumbers.national_significant_number(parsed)
        area = phonenumbers.length_of_geographical_area_code(parsed)
        if area and len(national) - area >= 7:
            parts[national[area:]] = e164
    return parts


# What starts a wrapped line but does not print: indentation, a blockquote's ">", a quote.
CONTINUED = re.compile(r"^[\s>\"']*")


def as_printed(line: str) -> str:
    """A line's digits as the page shows them: **502**-589, 502&nbsp;589 and 502\\-589 join up."""
    line = re.sub(r"&nbsp;|&#160;|\u00a0", " ", line)
    line = line.replace("\\-", "-")
    return re.sub(r"(?<=[\d)])[*_]+|[*_]+(?=[\d(])", "", line)


_DIGIT_RUN = re.compile(r"(?<![\w.+/-])\+?\(?\d[\d ().-]{6,16}\d(?![\w/])")


def fictional_numbers(line: str, region: str) -> list[tuple[str, str]]:
    """(as written, why) for numbers in a range kept for drama, valid to phonenumbers or not."""
    found = []
    for match in _DIGIT_RUN.finditer(plain_text(line)):
        if (parsed := _parsed(match.group(0), region)) is None:
            continue
        why = fictional_e164(phonenumbers.format_number(parsed, E164))
        if why and not phonenumbers.is_valid_number(parsed):
            found.append((match.group(0).strip(), why))
    return found
