"""Numbers a project writes outside its content: templates, interface translations, its name.

A crisis number typed into a template overlay's cover, a `.po` file's translation or
`organization.name` prints as surely as one in a section, so it gets the checks the project's
prose gets (pocketguide.prose): a number no hotline entry has, a mistyped short code, 988 or
911 where they are not the region's. In a template only the words count: tags, Jinja code and
stylesheets are blanked out first (line breaks kept, so lines still match), since a colour
`#999` or a `width="911"` is no number to call.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.locales import language_of
from pocketguide.prose import Findings, text_findings

if TYPE_CHECKING:
    from pocketguide.placeholders import Filled
    from pocketguide.project import Project

_STYLES_BLOCK = re.compile(
    r"\{%-?\s*block\s+styles\s*-?%\}.*?\{%-?\s*endblock\b[^%]*%\}|<style\b.*?</style\s*>",
    re.S | re.I,
)
_CSS_CONTENT = re.compile(r"\bcontent\s*:\s*([^;}]*)", re.I)
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_SET = re.compile(r"\{%-?\s*set\b", re.S)
# A link whose number the template fills in ("tel:{{ h.phone.uri }}") is checked once built.
_FILLED_LINK = re.compile(r"\b(?:tel|sms):\s*\{\{.*?\}\}", re.S | re.I)
_STRING = re.compile(r"\"([^\"\n]*)\"|'([^'\n]*)'")
_INLINE = "a|abbr|b|bdi|bdo|em|i|mark|small|span|strong|sub|sup|u"
_TAG = re.compile(rf"<(/?)({_INLINE})\b[^>]*>|<!--.*?-->|<[^>]*>", re.S | re.I)
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b")
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def _lines_only(text: str) -> str:
    return "\n" * text.count("\n")


def _strings(code: str, pattern: re.Pattern = _STRING) -> str:
    """The string literals in code, side by side, on the code's last line."""
    found = " ".join(a or b for a, b in pattern.findall(code))
    return _lines_only(code) + (f" {found} " if found else " ")


def _css_words(css: str) -> str:
    """What a stylesheet prints, each on its line: the strings of its `content:` properties."""
    words, last = [], 0
    for match in _CSS_CONTENT.finditer(css):
        words += [_lines_only(css[last : match.start()]), _strings(match[0])]
        last = match.end()
    return "".join(words) + _lines_only(css[last:])


def _tag(match: re.Match) -> str:
    # An inline tag inside a number ("<b>(502)</b> 589-7777") joins its parts; others part words.
    return _lines_only(match[0]) + ("" if match[2] else " ")


def _jinja(match: re.Match) -> str:
    # What code may print: the strings of {{ ... }} and {% set %}; not a comment's, nor a
    # test's ({% if h.phone.normalized == "911" %}).
    code = match[0]
    printed = code.startswith("{{") or _SET.match(code)
    return _strings(code) if printed else _lines_only(code)


def template_words(template: str) -> str:
    """The words of a template as a reader sees them, line by line: no tags, code or styles.

    What Jinja code and stylesheets print (their string literals, a `content:` text) stays.
    """
    words = _STYLES_BLOCK.sub(lambda m: _css_words(m[0]), template)
    words = _JINJA.sub(_jinja, words)
    words = _TAG.sub(_tag, words)
    return _HEX_COLOUR.sub(" ", html.unescape(words)).translate(_DASHES)


def template_links(template: str) -> str:
    """A template with its tel: and sms: links as written, Jinja code and styles blanked."""
    links = _STYLES_BLOCK.sub(lambda m: _lines_only(m[0]), template)
    links = _FILLED_LINK.sub(lambda m: _lines_only(m[0]), links)
    return _JINJA.sub(lambda m: _lines_only(m[0]), links)


def po_words(catalog: str) -> str:
    """The translations of a .po file, each on its msgstr line, other lines left empty.

    Comments, msgid and msgctxt lines are pocketguide's English strings or file references
    ("#: guide.html.j2:74"): only the translations print.
    """
    out: list[str] = []
    keep, header = 0, False
    for line in catalog.splitlines():
        stripped = line.strip()
        if stripped.startswith('"') and out:
            # A continuation of the string above: joined to its msgstr line, if it is one.
            if keep:
                out[keep - 1] += " " + stripped.strip('"')
            header = False  # a long msgid, not the empty one of the header
            out.append("")
            continue
        keep = 0
        # The header (the translation of msgid "") holds dates and versions, nothing printed.
        if stripped.startswith("msgstr") and not header:
            out.append(line)
            keep = len(out)
        else:
            out.append("")
        header = stripped == 'msgid ""'
    return "\n".join(out)


def own_words_findings(
    project: Project, known: set[str], values: dict[str, Filled], locale: str | None = None
) -> Findings:
    """Errors and warnings for numbers in the project's templates, .po files, logo and name.

    With `locale`, only that edition's `.po` file: a number in es.po is not the English PDFs'.
    """
    findings = Findings()
    texts: list[tuple[str, str, str]] = []  # (words, as shown, the text holding links)
    for folder in project.template_dirs:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".j2", ".html", ".po", ".css") and path.is_file():
                text = _read(path)
                if path.suffix == ".css":
                    words = _css_words(_JINJA.sub(lambda m: _lines_only(m[0]), text))
                    texts.append((words, project.shown(path), ""))
                elif path.suffix == ".po" and locale and not _for(path, locale):
                    continue
                elif path.suffix == ".po":
                    texts.append((po_words(text), project.shown(path), ""))
                else:
                    texts.append((template_words(text), project.shown(path), template_links(text)))
    logo = project.config.brand.logo if project.config else None
    if logo and logo.lower().endswith(".svg") and project.path(logo).is_file():
        # Words drawn in a logo print on the cover, the back cover and every card.
        texts.append(
            (template_words(_read(project.path(logo))), project.shown(project.path(logo)), "")
        )
    name = project.config.organization.name if project.config else ""
    if name and project.config_path is not None:
        line = project.line("organization", "name") or 1
        texts.append(("\n" * (line - 1) + name, project.shown(project.config_path), ""))
    for words, shown, links in texts:
        findings += text_findings(words, shown, project.region, True, known, values, links)
    return findings


def _for(catalog: Path, locale: str) -> bool:
    """Whether a .po file (templates/i18n/es.po, es-MX.po) is the edition's language."""
    return language_of(catalog.stem.replace("_", "-")) == language_of(locale)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return ""  # the template loader reports an unreadable template at its own step
