"""Markdown to safe HTML: Python-Markdown for structure, nh3 for an allow-list of tags and links."""

from __future__ import annotations

import functools
import html as html_text
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import unquote

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from pocketguide.errors import PocketguideError
from pocketguide.limits import (
    LINK_PREFIXES,
    LINK_SCHEMES,
    MARKDOWN_CONTAINERS,
    MAX_MARKDOWN_NESTING,
    nesting_depth,
)

TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i", "table", "thead",
    "tbody", "tr", "th", "td", "blockquote", "span", "br", "hr", "a", "img", "code",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "title"},
    "span": {"class"},
    "li": {"class"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = set(LINK_SCHEMES)
MAX_MARKDOWN_CHARS = 1_000_000
_TASK = re.compile(r"<li>(?:<p>)?\[( |x|X)\]\s*")
_IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_PHONE_AUTOLINK = r"<((?i:tel|sms):([^<>\s]+))>"


def to_html(text: str, folder: Path | None = None) -> str:
    """Convert one Markdown body to sanitized HTML; relative images are found from `folder`."""
    if len(text) > MAX_MARKDOWN_CHARS:
        raise PocketguideError(f"Markdown text longer than {MAX_MARKDOWN_CHARS} characters")
    # Remembered only when small: every saved version of a section is an entry.
    html = _clean_html(text) if len(text) <= 100_000 else _clean_html.__wrapped__(text)
    return resolve_images(html, folder) if folder is not None else html


@functools.lru_cache(maxsize=512)
def _clean_html(text: str) -> str:
    """Markdown to sanitized HTML, remembered by text: `watch` converts unchanged sections."""
    html = _markdown().reset().convert(text)
    html = _TASK.sub(_task_item, html)
    html = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_safe_link,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    if nesting_depth(html, MARKDOWN_CONTAINERS) > MAX_MARKDOWN_NESTING:
        raise PocketguideError(
            f"Markdown lists or quotes nested more than {MAX_MARKDOWN_NESTING} levels deep"
        )
    return html


@functools.cache
def _markdown() -> markdown.Markdown:
    """One converter for every section, reset before each: building one costs 1-2 ms."""
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    # <tel:988> is an autolink to its writer, as <https://...> is; Python-Markdown read it
    # as an HTML tag, which the sanitizer then dropped with the number.
    md.inlinePatterns.register(_PhoneAutolink(_PHONE_AUTOLINK, md), "phone-autolink", 125)
    return md


class _PhoneAutolink(InlineProcessor):
    """`<tel:988>` or `<sms:741741>`: a link that shows the number it dials."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        link = etree.Element("a")
        link.set("href", m.group(1))
        link.text = AtomicString(unquote(re.split(r"[;?]", m.group(2), maxsplit=1)[0]))
        return link, m.start(0), m.end(0)


def resolve_images(html: str, folder: Path) -> str:
    """Point relative image sources at files beside the Markdown, as every Markdown tool does.

    The page's base URL is the templates folder, where such a name would never be found. The
    fetcher still decides what may be read (files inside the project only).
    """

    def absolute(match: re.Match) -> str:
        src = html_text.unescape(match.group(2))
        if not src or src.startswith(("/", "#")) or _SCHEME.match(src):
            return match.group(0)
        uri = (folder / unquote(src.split("#", 1)[0].split("?", 1)[0])).resolve().as_uri()
        return match.group(1) + html_text.escape(uri) + match.group(3)

    return _IMG_SRC.sub(absolute, html)


def _safe_link(tag: str, attribute: str, value: str) -> str | None:
    # A relative link would become a file: URL of the build machine inside the PDF.
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(LINK_PREFIXES) else None
    return value


def _task_item(match: re.Match) -> str:
    mark = "checked" if match.group(1).lower() == "x" else "open"
    return f'<li class="task {mark}"><span class="box"></span>'


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split `---` front matter from a Markdown file: (yaml, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return "".join(lines[1 : number - 1]), "".join(lines[number:]), number + 1
    raise ValueError("the front matter that starts on line 1 is never closed with ---")


_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)[^`].*?\1")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\](?:\(\s*(?:<([^>]*)>|([^)\s]*))[^)]*\)|\[([^\]]*)\])")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = r"""(?<![\w-]){}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""


def _attribute(tag: str, name: str) -> str | None:
    match = re.search(_ATTR.format(name), tag, re.IGNORECASE)
    return None if match is None else next(g for g in match.groups() if g is not None)


def _without_code(text: str) -> str:
    """The text with fenced blocks and code spans blanked out; line breaks kept."""
    lines, in_fence = [], False
    for line in text.split("\n"):
        fence = bool(_FENCE.match(line))
        lines.append("" if fence or in_fence else line)
        in_fence ^= fence
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(lines))


def images_without_alt(text: str) -> list[tuple[int, str]]:
    """(line, src) of every Markdown or HTML image in `text` whose alt text is missing or blank."""
    text = _without_code(text)
    found = []
    for match in _MD_IMAGE.finditer(text):
        if not match.group(1).strip():
            src = match.group(2) or match.group(3) or match.group(4)
            found.append((match.start(), src))
    for match in _HTML_IMG.finditer(text):
        alt = _attribute(match.group(0), "alt")
        if alt is None or not alt.strip():
            found.append((match.start(), _attribute(match.group(0), "src")))
    return [(text.count("\n", 0, at) + 1, src or "(no source)") for at, src in sorted(found)]
