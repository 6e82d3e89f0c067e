"""Entries' phone numbers written in a document's text become links that dial them.

"After hours, call 416-408-4357" in a project's own section is a number to tap in the PDF on
a phone, as {crisis} and the crisis pages' numbers are. Only numbers a hotline entry (or the
organization) has are linked: approve and proof checked those, and an entry of another region
("800 911 2000" in Mexico) is not mistaken for one of this region. Short codes (988) are left
alone: outside an entry or a placeholder they are too easily a count or a room.
"""

from __future__ import annotations

import re

from pocketguide.phones import parse_number
from pocketguide.textmap import html_parts
from pocketguide.textnumbers import number_spans

_EXTENSION = re.compile(r"[\s,;]*(?:ext\.?|extension|x|#)\s*\d+\s*$", re.IGNORECASE)
_SKIPPED = {"a", "style", "script", "title", "textarea", "svg", "math"}  # no <a> inside


def link_numbers(
    html: str, region: str, known: set[str], texts: frozenset[str] = frozenset()
) -> str:
    """The document with each entry's full number in its body's text in a tel: link.

    `known`: the entries' (and organization's) numbers, normalized; `texts`: those only
    texted (an entry's `text:` that no entry calls), linked as sms: (a call would not connect).
    """
    if not re.search(r"\d", html):
        return html
    parts, body, inside = [], False, []
    for part in html_parts(html):
        if part.startswith("<"):
            name = re.match(r"</?([a-zA-Z]+)", part)
            tag = name[1].lower() if name else ""
            body = body or tag == "body"
            if tag in _SKIPPED and not part.endswith("/>"):
                inside = [*inside, tag] if not part.startswith("</") else inside[:-1]
        elif body and not inside and any(ch.isdigit() for ch in part):
            part = _linked(part, region, known, texts)
        parts.append(part)
    return "".join(parts)


def _linked(text: str, region: str, known: set[str], texts: frozenset[str]) -> str:
    found = []
    for start, end, e164 in number_spans(text, region):
        if e164 not in known:
            continue
        # "502-589-1243 ext. 2": the number is the link; the extension is pressed after.
        extension = _EXTENSION.search(text[start:end])
        end = start + extension.start() if extension else end
        try:  # the link a hotline entry with this number gets (13 11 14 dials as written)
            number = parse_number(text[start:end], region, sms=e164 in texts)
            found.append((start, end, number.uri))
        except ValueError:
            continue
    for start, end, uri in reversed(found):
        text = f'{text[:start]}<a class="ltr-number" href="{uri}">{text[start:end]}</a>{text[end:]}'
    return text
