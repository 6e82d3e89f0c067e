"""British spelling of the shipped English text, for en-GB, en-IE, en-AU and the like.

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
    "judgment": "judgement",
    "judgments": "judgements",
    "practicing": "practising",
    "to practice": "to practise",
}
for _us, _uk in _STEMS.items():
    for _end in ("e", "ed", "es", "ing", "ation", "ations", "er", "ers"):
        _WORDS[_us + _end] = _uk + _end

_ALTERNATIVES = "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
_PATTERN = re.compile(rf"\b({_ALTERNATIVES})\b", re.IGNORECASE)
IDS = frozenset({"scenarios"})  # guide.yaml's kit: scenarios: names files, not words


def british(locale: str) -> bool:
    """Whether an English locale spells the British way (en-GB, en-AU; not en or en-US)."""
    parts = locale.replace("_", "-").split("-")
    return parts[0].lower() == "en" and any(p.upper() in BRITISH_REGIONS for p in parts[1:])


def respell(text: str) -> str:
    """The text with each US spelling of the list in its British form, capitals kept."""

    def swap(match: re.Match) -> str:
        word = match.group(0)
        british_word = _WORDS[word.lower()]
        if word.isupper() and len(word) > 1:
            return british_word.upper()
        return british_word[0].upper() + british_word[1:] if word[0].isupper() else british_word

    return _PATTERN.sub(swap, text)


def respell_html(html: str) -> str:
    """respell the text of HTML, leaving its tags (and their links) as they are."""
    return "".join(p if p.startswith("<") else respell(p) for p in html_parts(html))


def respeller(locale: str):
    """For a British-spelling English edition, respell(value, path) what shipped files say.

    A value is a content model or a section's HTML.
    """

    def respelled(value, path: Path, keep: frozenset[str] = frozenset()):
        if not british(locale) or not is_shipped(path):
            return value
        return respell_html(value) if isinstance(value, str) else map_text(value, respell, keep)

    return respelled
