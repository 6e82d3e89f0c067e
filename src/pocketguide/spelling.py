"""British (or Canadian) spelling of the shipped English text, for en-GB, en-AU, en-CA...

The default content is written once, in US English. An edition in an English that spells
the British way (organisation, behaviour, towards) gets the shipped text respelled word by
word from the list below, which covers every US spelling the shipped text uses (a test
keeps it so). A project's own files are printed as written.
"""

from __future__ import annotations

import re
from pathlib import Path

from pocketguide.resources import is_shipped
from pocketguide.textmap import html_parts, map_text

# Regions whose English spells the British way.
# Where English is written the British way (and Babel has an English of the region).
BRITISH_REGIONS = frozenset({
    "GB", "IE", "AU", "NZ", "ZA", "IN", "SG", "HK", "MT", "JM", "KE", "NG", "GH", "UG", "TZ",
    "ZW", "ZM", "BW", "MW", "PK", "MY", "CY", "BB", "TT", "BS", "RW", "SL", "NA", "LS", "SZ",
    "FJ", "PG", "MU", "GI",
})  # fmt: skip

_STEMS = {  # US -> British; endings are added below
    "organiz": "organis",
    "realiz": "realis",
    "recogniz": "recognis",
    "apologiz": "apologis",
    "emphasiz": "emphasis",
    "prioritiz": "prioritis",
    "criticiz": "criticis",
    "summariz": "summaris",
    "minimiz": "minimis",
    "monopoliz": "monopolis",
}
_WORDS = {
    "behavior": "behaviour",
    "behaviors": "behaviours",
    "color": "colour",
    "colors": "colours",
    "center": "centre",
    "centers": "centres",
    "counselor": "counsellor",
    "counselors": "counsellors",
    "counseling": "counselling",
    "labeled": "labelled",
    "labeling": "labelling",
    "afterward": "afterwards",
    "toward": "towards",
    "math": "maths",
    "restroom": "toilet",
    "restrooms": "toilets",
    "favor": "favour",
    "favors": "favours",
    "judgment": "judgement",
    "judgments": "judgements",
    "practicing": "practising",
    "to practice": "to practise",
}
for _us, _uk in _STEMS.items():
    for _end in ("e", "ed", "es", "ing", "ation", "ations", "er", "ers"):
        _WORDS[_us + _end] = _uk + _end

# Canada writes colour, centre and counsellor the British way, but organize, math, judgment
# and toward the American way, and says washroom.
_CANADIAN = {
    us: uk
    for us, uk in _WORDS.items()
    if re.match(r"behavior|color|center|counsel|favor|label|practic|to practice", us)
}
_CANADIAN |= {"restroom": "washroom", "restrooms": "washrooms"}
IDS = frozenset({"scenarios"})  # guide.yaml's kit: scenarios: names files, not words


def _pattern(words: dict[str, str]) -> re.Pattern:
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b", re.IGNORECASE)


_SPELLINGS = {"british": (_WORDS, _pattern(_WORDS)), "canadian": (_CANADIAN, _pattern(_CANADIAN))}


def spelling(locale: str) -> str | None:
    """ "british" (en-GB, en-AU), "canadian" (en-CA), or None for US spelling (en, en-US)."""
    parts = locale.replace("_", "-").split("-")
    if parts[0].lower() != "en":
        return None
    regions = {p.upper() for p in parts[1:]}
    if regions & BRITISH_REGIONS:
        return "british"
    return "canadian" if "CA" in regions else None


def regional_english(region: str) -> str:
    """English as the region spells it: en-GB, en-AU, en-CA; plain en (US spelling) elsewhere."""
    # An Australian project started as `en` printed US spelling and US-style dates, unsaid.
    return f"en-{region}" if spelling(f"en-{region}") else "en"


def project_english(locales: list[str], region: str) -> str:
    """The English a project prints when it falls back to English: its own, else its region's.

    A New Zealand project's Māori edition, before its translation, prints "organisation" and
    "2 December 2026", as its English edition does (or would: `en-NZ`).
    """
    own = [tag for tag in locales if tag.replace("_", "-").split("-")[0].lower() == "en"]
    return own[0] if own else regional_english(region)


def british(locale: str) -> bool:
    """Whether an English locale spells the British way (en-GB, en-AU; not en or en-US)."""
    return spelling(locale) == "british"


def respell(text: str, way: str = "british") -> str:
    """The text with each US spelling of the list in its British (or Canadian) form."""
    words, pattern = _SPELLINGS[way]

    def swap(match: re.Match) -> str:
        word = match.group(0)
        respelled = words[word.lower()]
        if word.isupper() and len(word) > 1:
            return respelled.upper()
        return respelled[0].upper() + respelled[1:] if word[0].isupper() else respelled

    return pattern.sub(swap, text)


def respell_html(html: str, way: str = "british") -> str:
    """respell the text of HTML, leaving its tags (and their links) as they are."""
    return "".join(p if p.startswith("<") else respell(p, way) for p in html_parts(html))


def respeller(locale: str):
    """For a British- or Canadian-spelling edition, respell(value, path) what shipped files say.

    A value is a content model or a section's HTML.
    """

    way = spelling(locale)

    def respelled(value, path: Path, keep: frozenset[str] = frozenset()):
        if way is None or not is_shipped(path) or "en" not in Path(path).parts[-3:]:
            return value  # a project's own words, or shipped words in another language
        if isinstance(value, str):
            return respell_html(value, way)
        return map_text(value, lambda text: respell(text, way), keep)

    return respelled


def region_spelling_hint(locale: str, region: str, configured: bool) -> str | None:
    """For a plain `en` edition where English is not spelt the US way: the tag to write.

    `configured`: whether the config has `locales:` (else the guide is in `en` by default).
    """
    if locale.replace("_", "-").lower() != "en" or spelling(f"en-{region}") is None:
        return None
    if not configured:
        return (
            f"with no locales:, the guide is in en, with US spelling and dates; for a guide in "
            f"{region}, add locales: [en-{region}]"
        )
    return (
        f"locales: en prints US spelling and dates; for a guide in {region}, write en-{region} "
        "(its spelling and dates)"
    )
