"""Numbers in right-to-left text: kept left to right, digits and groups in their order.

In an Arabic line, "(502) 589-1234" is three runs of digits between neutral brackets, spaces
and hyphens, which the bidirectional algorithm may set in the other order (1234-589 (502)).
Each phone-shaped run is wrapped in a left-to-right span, as the hotline numbers already are.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from pocketguide.textmap import html_parts

# A character reference (&#8212;) is matched first, so that its digits are never a number.
_NUMBER = re.compile(r"&#?\w+;|\+?\(?\d[\d ().-]*\d\)?")
_LTR = '<span class="ltr-number">'
# Elements set left to right by the stylesheets: a number span, a tel: or sms: link.
_ALREADY_LTR = re.compile(r'<(\w+)\b[^>]*?(?:\bclass="[^"]*\bltr-number\b|\bhref="(?:tel|sms):)')


def isolate_numbers(text: str | None) -> Markup:
    """The text, escaped, with every run of three or more digits set left to right."""
    return Markup(_wrap(str(escape(text or ""))))


def isolate_numbers_in_html(html: str) -> str:
    """isolate_numbers for the text of a whole document's body (its tags are kept as they are).

    A number in a right-to-left edition's prose ("call (502) 589-1234" in Arabic) printed with
    its groups in the other order, as the hotline entries' did. Text already set left to right
    (number spans, tel: and sms: links), and the head (styles, title), are left alone.
    """
    head, start, body = html.partition("<body")
    if not start:
        return html
    body = _EMPHASISED.sub(_wrap_emphasised, body)
    parts, closing = [], None  # the end tag of the element being set left to right already
    for part in html_parts(body):
        if part.startswith("<"):
            if closing is None and (found := _ALREADY_LTR.match(part)):
                closing = f"</{found[1].lower()}>"
            elif part.lower() == closing:
                closing = None
            parts.append(part)
        else:
            # A span inside a tel: link became a second link annotation of the same number.
            parts.append(part if closing else _wrap(part))
    return head + start + "".join(parts)


# A number with part of it in bold or italics (**(502)** 589-1234): each piece of text was
# set apart alone, and the pieces ran right to left (589-1234 (502)). Set apart whole.
_TAGGED = r"<(strong|em|b|i|code)>[\d ().+-]*\d[\d ().+-]*</\1>"
_EMPHASISED = re.compile(
    rf"(?<![\w>])(?:{_TAGGED}|\d|[().+-](?=[\d(<])|(?<=[\d)>]) (?=[\d(<]))+(?<![ (+-])"
)


def _wrap_emphasised(match: re.Match) -> str:
    run = match.group(0)
    plain = re.sub(r"<[^>]*>", "", run)
    if "<" not in run or sum(ch.isdigit() for ch in plain) < 7:
        return run
    return f"{_LTR}{run}</span>"


def _wrap(text: str) -> str:
    def wrap(match: re.Match) -> str:
        run = match.group(0)
        if run.startswith("&") or sum(ch.isdigit() for ch in run) < 3:
            return run
        return f"{_LTR}{run}</span>"

    return _NUMBER.sub(wrap, text)
