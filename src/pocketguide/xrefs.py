"""Links from one part of the guide to another: kept only where their target is printed.

A section may link to another section (`#sec-<id>`) or scenario (`#scn-<id>`); guide.css
prints the page it leads to after the words: "see Suicidal thoughts (p. 33)". A link whose
target this guide leaves out (an excluded section or scenario) prints as its plain words, and
the organization's own files are told where such a link is.
"""

from __future__ import annotations

import html as html_text
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.errors import display_path
from pocketguide.frames import link_targets

if TYPE_CHECKING:
    from pocketguide.content import Content

# nh3 writes every link as <a href="...">words</a>, never a link inside a link.
_INTERNAL_LINK = re.compile(r'<a\s(?:[^>]*?\s)?href="#([^"]*)"[^>]*>(.*?)</a>', re.S)
_ID = re.compile(r'\sid="([^"]+)"')


def guide_anchors(content: Content) -> set[str]:
    """The anchors a guide of this content has: its contents, sections, scenarios, back."""
    sections = {f"sec-{section.id}" for section in content.sections}
    scenarios = {f"scn-{entry.id}" for entry in content.scenarios}
    return sections | scenarios | {"contents", "back-cover"}


def unlink_missing(html: str) -> str:
    """The document with each link to an anchor it does not have replaced by its words."""
    ids = {html_text.unescape(name) for name in _ID.findall(html)}

    def keep(match: re.Match) -> str:
        return match.group(0) if html_text.unescape(match.group(1)) in ids else match.group(2)

    return _INTERNAL_LINK.sub(keep, html)


def dangling_links(content: Content, own_root: Path | None) -> list[str]:
    """A warning for each link in the organization's own sections to no part of this guide."""
    if own_root is None:
        return []  # the shipped text links only to what it ships; an exclusion is deliberate
    anchors = guide_anchors(content)
    warnings = []
    for section in content.sections:
        if not section.source.is_relative_to(own_root):
            continue
        for target in link_targets([section.html]):
            name = html_text.unescape(target)
            if name in anchors:
                continue
            where = display_path(section.source, own_root)
            line = _line_of(section.source.read_text(encoding="utf-8"), f"#{name}")
            warnings.append(
                f"{where}:{line}: the link to #{name} leads to no section or scenario of this "
                "guide (#sec-<id> or #scn-<id>); it prints as plain words"
            )
    return warnings


def _line_of(text: str, needle: str) -> int:
    """The line (from 1) where `needle` first appears, or 1."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1
