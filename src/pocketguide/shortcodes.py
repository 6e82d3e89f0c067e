"""Short codes readers know from elsewhere (988, 911, 999, 000): to be called in this region?

A project's own text that names one where it is not the region's (911 in a UK guide) sends a
reader to no one, or to someone else; prose.py says which placeholder to write instead.
"""

from __future__ import annotations

import re

from pocketguide.phones import is_emergency_code

# Numbers readers know from elsewhere (911 from films, 988 from the news, 999, 000), which in
# most regions reach no one or someone else. Not inside a longer number: "1,000", or a Madrid
# number written in groups, "911 385 385".
# Also as agencies spell them out: 9-8-8, 9-1-1, 9 1 1.
_CODE = re.compile(
    r"(?<![\d+\-,.])(?<!\d )(988|911|999|000|9(?P<s>[-. ])(?:8(?P=s)8|1(?P=s)1|9(?P=s)9))"
    r"(?![\d-]|[ \u00a0]\d)"
)
PLACEHOLDER_FOR = {"988": "{crisis}"} | dict.fromkeys(("911", "999", "000"), "{emergency}")


def digits(written: str) -> str:
    """The digits of a code as written: 9-1-1 is 911."""
    return "".join(ch for ch in written if ch.isdigit())


def foreign_code(code: str, region: str) -> bool:
    """Whether a code is not to be called in the region: 988 outside the US and Canada, or an
    emergency number of elsewhere (phonenumbers counts 911 valid in New Zealand, where 111 is)."""
    if code == "988":
        return region not in ("US", "CA")
    return not is_emergency_code(code, region)


def foreign_codes(text: str, region: str) -> list[tuple[int, list[str]]]:
    """(line, codes) for every line with short codes that are not to be called in the region."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        codes = [m.group(1) for m in _CODE.finditer(line)]
        codes = [c for c in dict.fromkeys(codes) if foreign_code(digits(c), region)]
        if codes:
            found.append((number, codes))
    return found
