"""The finished HTML read as a reader meets it: numbers no entry has, links dialling another.

The source checks read each file as written. What prints comes out of Markdown, YAML escapes,
Jinja and gettext: `502-589-<em>1235</em>`, `&#53;&#48;&#50;-589-1236`, `{{ 502 }}-589-1237`,
a link's words wrapped onto a second line, or a translation's own HTML. Read here once more,
on the words the page shows, so none of them prints under "Numbers verified as of" unseen.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import unquote

import phonenumbers

from pocketguide.dialwords import mistyped_codes
from pocketguide.textmap import html_parts
from pocketguide.textnumbers import E164, INVISIBLE, number_spans, plain_text, without_addresses

# Tags that never print their text, and tags inside a run of text (they join its pieces).
_HIDDEN = {"head", "style", "script", "title", "textarea", "svg", "math"}
_INLINE = {"a", "b", "strong", "i", "em", "span", "code", "sup", "sub", "small", "mark", "abbr",
           "bdi", "bdo", "s", "u", "q", "cite", "kbd", "samp", "var", "time", "data"}  # fmt: skip
# Marks that set what follows right to left. Between two digits of a number ("589\u200f-1234")
# they move its groups around, in a left-to-right line and in a right-to-left one alike.
_RTL_MARKS = {
    "\u061c": "an Arabic letter mark",
    "\u200f": "a right-to-left mark",
    "\u202b": "a right-to-left embedding",
    "\u2067": "a right-to-left isolate",
}
_BETWEEN = rf"[\s().\-\u2013{INVISIBLE.pattern[1:-1]}]*"
_TURNED = re.compile(rf"\d{_BETWEEN}[{''.join(_RTL_MARKS)}]{_BETWEEN}\d")
_RUN = re.compile(rf"[\d\s().\-\u2013{INVISIBLE.pattern[1:-1]}]*")
# Digit groups with a letter that looks like a digit in them: "1-8OO-662-4357", "502-589-l234".
_LOOKALIKE = re.compile(
    r"(?<![\w+])\+?\(?[\dOoIl]{1,5}\)?(?:[ .\-\u2013][\dOoIl]{2,5}){1,4}(?![\w-])"
)
_AS_DIGITS = str.maketrans("OoIl", "0011")
# A right-to-left override sets what follows letter by letter: digits print backwards. It
# ends where it is closed, or with its paragraph.
_OVERRIDE = re.compile("\u202e([^\u202c\u2069\n]*\\d[^\u202c\u2069\n]*)")
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
# What a link dials: tel:, sms: and callto: links, and WhatsApp's (a chat with a number).
_DIALS = re.compile(r"(?:tel|sms|callto):(?://)?([^;?]*)", re.IGNORECASE)
_WHATSAPP = re.compile(
    r"(?:https?://)?(?:wa\.me/|(?:api\.)?whatsapp\.com/send/?\?phone=|whatsapp://send\?phone=)"
    r"\+?(\d+)",
    re.IGNORECASE,
)
# A vanity number: letters for its last digits ("1-800-273-TALK", "502-589-call") or its last
# seven ("502-HELP-NOW"). Only so shaped: "250 members" and "(502) 588-2008Mon-Fri" (an entry's
# number, then its hours) are none.
_VANITY = re.compile(
    r"(?<![\w+])(?:\+?1[ .-])?\(?\d{3}\)?[ .-]?(?:\d{3}[.-][A-Za-z]{4}|[A-Za-z]{4}[.-][A-Za-z]{3})"
    r"(?![\w-])"
)
_SPLIT_DIGITS = re.compile(r"\d\s*</?[a-zA-Z][^>]*>\s*\d")
_BROKEN = re.compile(r"\d[\s().+-]*<br\b[^>]*>\s*[\d(]", re.IGNORECASE)
# Dots some typesetters put between a number's groups (502·589·1234): read as hyphens.
_DOTS = str.maketrans(dict.fromkeys("\u00b7\u2022\u2027\u30fb\u2219", "-"))


def visible_text(html: str, joined: frozenset[str] = frozenset(), apart: str = "") -> str:
    """The body's text as printed: inline tags join their pieces, entities are characters.

    `joined`: block tags read as joining too (<br>, to find a number broken over two lines);
    `apart`: put where an inline tag was (to tell what only markup split).
    """
    pieces, hidden, closed = [], 0, False
    _, body, rest = html.partition("<body")
    for part in html_parts(rest.partition(">")[2] if body else html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)", part)
            tag = name[1].lower() if name else ""
            if tag in _HIDDEN and not part.endswith("/>"):
                hidden += -1 if part.startswith("</") else 1
            elif tag not in _INLINE and tag not in joined:
                pieces.append("\n")
            elif closed and not part.startswith("</"):
                # One element ends, the next starts, nothing between: two boxes, which styles
                # often set apart (an entry's number, then its hours), read apart.
                pieces.append(apart or " ")
            else:
                pieces.append(apart)
            closed = part.startswith("</")
        elif part:
            closed = False
            if hidden <= 0:
                pieces.append(html_lib.unescape(part))
    return "".join(pieces)


def printed_words(html: str, joined: frozenset[str] = frozenset(), apart: str = "") -> str:
    """The body's words as a reader reads them: visible_text without marks that print nothing."""
    return plain_text(visible_text(html, joined, apart))


def printed_problems(html: str, region: str, known: set[str], dated: bool) -> list[tuple[str, str]]:
    """What the page prints that no check of the source saw: (message, digits to look for).

    Always: a tel: or sms: link whose words show another number than it dials, digits a
    right-to-left override or mark turns around, and a number with a letter O or l among its
    digits. Spaces of any width count as spaces, and what prints nothing as nothing. When the
    page prints "Numbers verified as of" (`dated`): any phone number no entry (`known`, E.164)
    has, vanity numbers too.
    """
    problems = []
    for attributes, words in _ANCHOR.findall(html):
        if (target := _target(attributes)) is None:
            continue
        problems.append(_link_problem(target, words, region))
        dialled = _dials(target, region)
        if dated and dialled and dialled.startswith("+") and dialled not in known:
            problems.append(
                (
                    f'a link dials {dialled} beside "Numbers verified as of", but no hotline '
                    "entry has that number; give it an entry, or link an entry's number",
                    visible_text(words).strip() or target,
                )
            )
    text = visible_text(html)
    problems += [
        (
            f'"{found[1].strip()}" is printed inside a right-to-left override, which turns its '
            "digits around on the page; take the override out",
            found[1],
        )
        for found in _OVERRIDE.finditer(text)
    ]
    problems += _turned_numbers(text) + _lookalike_numbers(text, region)
    if dated:
        unknown = []
        # As printed, and once more with line breaks joined ("502-589-<br>9999"), if any is.
        texts = [plain_text(text)]
        if _BROKEN.search(html):
            texts.append(printed_words(html, frozenset({"br"})))
        for plain in texts:
            plain = without_addresses(plain.translate(_DOTS))  # a meeting link's ID is none
            spans = number_spans(plain, region)
            unknown += [plain[s:e] for s, e, e164 in spans if e164 not in known]
            for vanity in _VANITY.findall(plain):
                dialled = _dials(vanity, region)  # "+..." only when valid
                if dialled and dialled.startswith("+") and dialled not in known:
                    unknown.append(vanity)
        # A short code split by markup (9<em>8</em>9), which the text's checks read as pieces:
        # one a keystroke from a well-known code is most likely a typo.
        split: set[str] = set()
        if _SPLIT_DIGITS.search(html):  # only then can markup split a code
            pieces = printed_words(html, apart="\x1f")
            split = {why for line in texts[0].splitlines() for why in mistyped_codes(line, region)}
            split -= {why for line in pieces.splitlines() for why in mistyped_codes(line, region)}
        problems += [
            (f'{why} (markup splits it, beside "Numbers verified as of")', why.split('"')[1])
            for why in sorted(split)
        ]
        problems += [
            (
                f'prints "{" ".join(written.split())}" beside "Numbers verified as of", but no '
                "hotline entry has that number (HTML, an escape, a template or a translation "
                "wrote it where the checks of the text could not read it); write it plainly, or "
                "give it an entry",
                written,
            )
            for written in dict.fromkeys(unknown)
        ]
    return [p for p in dict.fromkeys(problems) if p[0]]


def _turned_numbers(text: str) -> list[tuple[str, str]]:
    """A right-to-left mark between the digits of a number, which moves its groups around."""
    problems = []
    for found in _TURNED.finditer(text):
        start, end = found.start(), found.end()
        while start and _RUN.fullmatch(text[start - 1]) and text[start - 1] != "\n":
            start -= 1
        end = _RUN.match(text, end).end()
        whole = text[start:end].strip(" ().-\u2013\n")
        mark = next(ch for ch in found[0] if ch in _RTL_MARKS)
        shown = " ".join(plain_text(whole).split())
        problems.append(
            (
                f'"{shown}" has {_RTL_MARKS[mark]} (U+{ord(mark):04X}) between its digits, which '
                "can print them in another order; take the mark out",
                whole,
            )
        )
    return problems


def _lookalike_numbers(text: str, region: str) -> list[tuple[str, str]]:
    """A phone number written with a letter O for a zero, or an l or I for a one."""
    problems = []
    for found in _LOOKALIKE.finditer(plain_text(text)):
        written = found[0]
        if not re.search("[OoIl]", written) or sum(ch.isdigit() for ch in written) < 3:
            continue
        if number_spans(written.translate(_AS_DIGITS), region):
            message = (
                f'"{written}" has letters that look like digits (O for 0, l or I for 1); '
                "write it in digits"
            )
            problems.append((message, written))
    return problems


def _target(attributes: str) -> str | None:
    """The number a link's `href` dials (tel:, sms:, callto:, WhatsApp), as written; or None."""
    found = _HREF.search(attributes)
    if found is None:
        return None
    href = unquote(html_lib.unescape(next(g for g in found.groups() if g is not None))).strip()
    if dials := _DIALS.match(href):
        return dials[1]
    if chat := _WHATSAPP.match(href):
        return f"+{chat[1]}"
    return None


def _link_problem(target: str, words: str, region: str) -> tuple[str, str]:
    """A message when a link's words show another number than it dials; else ("", "")."""
    shown = " ".join(printed_words(words).split())
    dialled = _dials(target, region)
    if dialled is None:
        return "", ""
    numbers = [(shown[s:e], e164) for s, e, e164 in number_spans(shown, region)]
    if not numbers and re.fullmatch(r"[\d\s().+-]{3,}", shown):  # 911 shown, 988 dialled
        numbers = [(shown, _dials(shown, region) or shown)]
    for written, e164 in numbers:
        if e164 != dialled:
            message = f'a link shows "{written}" but dials {dialled}; make them the same number'
            return message, written
    return "", ""


def _dials(written: str, region: str) -> str | None:
    """The E.164 form of a written number (letters read as on a keypad), or None."""
    try:
        letters = phonenumbers.convert_alpha_characters_in_number(written)
        parsed = phonenumbers.parse(letters, region)
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, E164)
    return phonenumbers.normalize_digits_only(letters)
