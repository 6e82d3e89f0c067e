"""How the guide is cut into fragments, and which laid-out pages can be replaced alone.

The guide's HTML is cut at `<!-- pocketguide:fragment -->` markers: the cover and contents,
each section (the last with the back cover). A fragment laid out alone, told its first page,
gives the same pages as in the whole document. A page can be replaced without touching the
rest of the PDF (pocketguide.splice) when it keeps its size, bleed, anchors, bookmarks and
number of links, and reaches nothing outside itself (form fields, links within the
document). Used by `watch` (pocketguide.fragments) and by fresh builds
(pocketguide.relayout); kept free of pypdf and WeasyPrint, so build processes start fast.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re

from pocketguide.resources import templates_dir

MARKER = "<!-- pocketguide:fragment -->"
MAX_SHARE = 0.5  # past this share of changed pages, a full write is about as fast
_HEAD_END = "</head>"
# CSS that carries state from one section's pages to the next (matched in lower case, with
# comments and escapes gone): counters, the page total, :first/:nth pages, running
# elements, footnotes (their counter runs through the document), and stylesheets pulled in
# from elsewhere, which could hold any of these.
_SHARED_STATE = re.compile(
    r"counter-(?:increment|reset|set)\s*:|counters?\(\s*pages\s*[,)]"
    r"|@page[^{]*:(?:first|nth)|running\(|element\(|@import"
    r"|float\s*:\s*footnote|footnote-(?:display|policy)"  # footnotes number on, unseen
)
# Running strings: only the section titles, which every section sets on its first page.
_STRING_SET = re.compile(r"string-set\s*:([^;}]*)")
_SECTION_TITLE = re.compile(r"\s*section\s+[^,]*$")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.S)
# A fragment build numbers the contents with `data-page` (the default guide.css's rule); CSS
# other than the default that numbers them, or styles what follows a link, may differ.
_OWN_NUMBERING = re.compile(r":after\b|target-(?:counter|text)|data-page")
_STYLESHEET = re.compile(r"<(?:style|link)\b", re.I)
_LINK = re.compile(r"<link\b", re.I)
# A fragment's first element names it: its anchor tells the page the fragment starts on.
_FIRST_ID = re.compile(r'\s*<[a-zA-Z][^>]*?\sid="([^"]+)"')
# Any attribute order: a project's contents template may write `<a class="entry" href=...>`.
_TOC_LINK = re.compile(r'<a\s(?:[^>]*?\s)?href="#([^"]+)"')


def split_guide(html: str) -> tuple[str, list[str], str] | None:
    """(document start through <body>, fragments, document end), or None.

    None without markers, when a stylesheet sits in the body (it would style only its own
    fragment), or when the stylesheets carry state from one section's pages to the next:
    fragments laid out alone would then differ from the whole document laid out at once.
    """
    if MARKER not in html or "<body" not in html:
        return None
    body_start = html.index(">", html.index("<body")) + 1
    body_end = html.rindex("</body>")
    head = html[:body_start]
    if _STYLESHEET.search(html, body_start, body_end) or _LINK.search(head):
        return None
    css = _plain_css(head)
    if _SHARED_STATE.search(css) or any(
        not _SECTION_TITLE.match(value) for value in _STRING_SET.findall(css)
    ):
        return None
    if _OWN_NUMBERING.search(_plain_css(head.replace(_default_css(), "", 1))):
        return None
    chunks = html[body_start:body_end].split(MARKER)
    return html[:body_start], chunks, html[body_end:]


@functools.cache
def _default_css() -> str:
    """The default guide.css as the templates include it (Jinja drops the last newline)."""
    return (templates_dir() / "guide.css").read_text(encoding="utf-8").removesuffix("\n")


def _plain_css(text: str) -> str:
    """CSS text in lower case, without comments and with escapes written out."""

    def unescape(match: re.Match) -> str:
        code = int(match.group(1), 16) if match.group(1) else None
        if code is None:
            return match.group(2)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"

    return _ESCAPE.sub(unescape, _COMMENT.sub("", text)).lower()


def start_at(head: str, page: int) -> str:
    """Make a fragment's first page carry `page`, on the side that number falls on."""
    side = "recto" if page % 2 else "verso"
    style = (
        f"<style data-fragment>@page :first {{ counter-reset: page {page} }}"
        f" html {{ break-before: {side} }}</style>"
    )
    return head.replace(_HEAD_END, style + _HEAD_END, 1)


def digest(text: str) -> str:
    """sha256 of a fragment's HTML, as a layout record keeps it."""
    return hashlib.sha256(text.encode()).hexdigest()


def layout_record(document, html: str) -> dict | None:
    """What a later build needs to re-lay out single fragments of this laid-out guide."""
    if _named_fragments(html) is None:
        return None
    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages, 1):
        for name in page.anchors:
            first_page.setdefault(name, number)
    return record_of(html, first_page, [frame(page) for page in document.pages])


def record_of(html: str, first_page: dict[str, int], frames: list) -> dict | None:
    """The layout record of a guide whose anchors start on `first_page`, its pages `frames`.

    Besides each fragment's start, it keeps the page of every link's target (the contents,
    cross-references), so that a later build can number them before the sections are laid
    out (halves).
    """
    if (found := _named_fragments(html)) is None:
        return None
    (head, chunks, tail), names = found
    if any(name not in first_page for name in names):
        return None
    starts = [first_page[name] for name in names]
    ends = [*starts[1:], len(frames) + 1]
    if any(end <= start for start, end in zip(starts, ends, strict=True)):
        return None
    fragments = [
        {"start": start, "pages": end - start, "key": digest(start_at(head, start) + chunk + tail)}
        for start, end, chunk in zip(starts, ends, chunks[1:], strict=True)
    ]
    contents = {name: first_page[name] for name in link_targets(chunks) if name in first_page}
    return {
        "front": digest(head + chunks[0] + tail),
        "head": digest(head),  # the stylesheets: a record made with others is no guide
        "fragments": fragments,
        "frames": frames,
        "contents": contents,
    }


def _named_fragments(html: str) -> tuple[tuple[str, list[str], str], list[str]] | None:
    """The guide's parts and the id each section fragment starts with, or None."""
    parts = split_guide(html)
    if parts is None:
        return None
    names = [match.group(1) if (match := _FIRST_ID.match(c)) else None for c in parts[1][1:]]
    if not names or None in names:
        return None  # a fragment with no named first element: its pages are unknown
    return parts, names  # type: ignore[return-value]


def contents_targets(chunk: str) -> list[str]:
    """The anchors the contents (the first fragment) link to, in order."""
    return _TOC_LINK.findall(chunk)


def link_targets(chunks: list[str]) -> list[str]:
    """The anchors any fragment links to (the contents, a section's cross-references)."""
    return list(dict.fromkeys(name for chunk in chunks for name in contents_targets(chunk)))


def number_contents(chunk: str, pages: dict[str, int]) -> str:
    """Give each link within the guide the page number of its target, as `data-page`."""

    def number(match: re.Match) -> str:
        # Until the target is laid out, a two-digit placeholder holds its room.
        return f'{match.group(0)} data-page="{pages.get(match.group(1), 88)}"'

    return _TOC_LINK.sub(number, chunk)


def changed_pages(old: list, new: list) -> list[int] | None:
    """Positions where `new` holds other page objects than `old`; None if it cannot splice."""
    if len(old) != len(new):
        return None
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a is not b]
    if len(changed) > MAX_SHARE * len(new):
        return None
    for i in changed:
        if not _same_frame(old[i], new[i]):
            return None
    return changed


def _same_frame(old, new) -> bool:
    """True if a page can replace another without touching anything outside it."""
    return (kept := frame(old)) is not None and kept == frame(new)


def frame(page) -> dict | None:
    """What must stay equal for a laid-out page to be replaced alone, as JSON values.

    None if the page reaches outside itself (form fields, internal links): it never splices.
    """
    if any(page.forms.values()) or any(link[0] != "external" for link in page.links):
        return None
    shape = {
        "size": [page.width, page.height, page.bleed],
        "anchors": page.anchors,
        "bookmarks": page.bookmarks,
        "links": len(page.links),
    }
    try:
        return json.loads(json.dumps(shape))  # tuples become lists, as in a saved record
    except (TypeError, ValueError):  # a value JSON cannot hold exactly: compare nothing
        return None
