"""Short codes written after a word that says to dial them: near misses of well-known codes.

"Call 991" is most likely 911 mistyped, "text HOME to 741714" the Crisis Text Line's 741741. Only
codes in a clause after a dial word are read, so years, prices and room numbers elsewhere pass,
and codes written in groups as helplines are ("Samaritans are on 116 132") wherever they are.
"""

from __future__ import annotations

import re

from pocketguide.textnumbers import numbers_in_text
from pocketguide.wellknown import near_miss

# In the languages editions are written in most: "appelez le 991" and "اتصل على ٩٩١" too.
_DIAL = re.compile(
    r"\b(?:call(?:s|ing|ed)?|text(?:s|ing|ed)?|dial(?:s|l?ing|l?ed)?|ring(?:s|ing)?|phone"
    r"|llam(?:a|e|en|ar|ad|ando)|marc(?:a|ar|ad|ando)|marqu(?:e|en)|comun[ií]ca(?:te|se)?"
    r"|escrib(?:e|an|ir)|mand(?:a|e|en|ar)|env[ií](?:a|e|en|ar)|appel(?:ez|le|er)|compose[zr]?"
    r"|envoyez|textez|ruf(?:en|t)?|anrufen|w[äa]hlen?|ligue|ligar|chiama(?:te)?|اتصل|اتصلوا|أرسل)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;!?\n]|\.(?!\d)")  # not the dots of 9.8.9
# Digit groups a space apart are one code (Samaritans' 116 123); so are single digits spelled
# out (9-8-9, 9.1.1), which times (9-17) and dates (1.1.27) are not.
_CODE_TOKEN = re.compile(r"(?<![\d+.(-])(\d(?:[.-]\d){2,5}|\d+(?: \d+)*)(?![\d-]|[.-]\d)")
# A number that is no code to dial: an extension, a menu option, a room, a house, a year.
_NOT_A_CODE = re.compile(
    r"(?:\b(?:ext|extension|x|option|opci[oó]n|room|suite|apt|unit|floor|sala|oficina|piso|no|n[ºo°])"
    r"\.?|#)\s*$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# A bank's sort code, 11-61-32: two-digit groups joined by dashes.
_SORT_CODE = re.compile(r"\d\d(?:-\d\d)+")
# Written in groups as a helpline is ("116 132", "741-714"): a code to dial, dial word or not.
_GROUPED = re.compile(r"(?<![\d+.,(:/£$€-])\d{2,4}(?:[ -]\d{2,4})+(?![\d:/]|[.-]\d)")
_ADDRESS = re.compile(r"^\s+[A-Z][a-z]+\.? (?:St|Street|Ave|Avenue|Rd|Road|Blvd|Dr|Lane|Way)\b")


def mistyped_codes(line: str, region: str) -> list[str]:
    """Short codes to dial in the words one keystroke from a well-known one (991 for 911)."""
    codes: dict[str, None] = {}
    for verb in _DIAL.finditer(line):
        clause = _CLAUSE_END.split(line[verb.end() :], maxsplit=1)[0]
        for written, _e164 in numbers_in_text(clause, region):  # whole numbers: (212) 639-...
            clause = clause.replace(written, " " * len(written))
        for match in _CODE_TOKEN.finditer(clause):
            code = "".join(str(int(ch)) for ch in match.group(1) if ch.isdigit())
            before, after = clause[: match.start()], clause[match.end() :]
            if _NOT_A_CODE.search(before) or _YEAR.fullmatch(code) or _ADDRESS.match(after):
                continue
            codes[code] = None
    for match in _GROUPED.finditer(line):
        written = match.group()
        code = "".join(str(int(ch)) for ch in written if ch.isdigit())  # ١١٦ is 116 too
        before = line[: match.start()]
        if (
            5 <= len(code) <= 6
            and not _NOT_A_CODE.search(before)
            and not _range_or_sort_code(written)
        ):
            codes[code] = None
    found = []
    for code in codes:
        if 3 <= len(code) <= 6 and (miss := near_miss(code, region)):
            found.append(f'"{code}" is one keystroke from {miss[0]} ({miss[1]}); check its digits')
    return found


def _range_or_sort_code(written: str) -> bool:
    """Pages 131-141 (a range, rising) or a sort code: digits in groups that are no code."""
    if _SORT_CODE.fullmatch(written):
        return True
    parts = written.split("-")
    return len(parts) == 2 and all(p.isdigit() for p in parts) and int(parts[1]) > int(parts[0])
