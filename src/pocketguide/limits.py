"""Limits on hostile documents: nesting and absurd CSS lengths before layout, links after."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pocketguide.errors import Problem
from pocketguide.locate import locate

MAX_MARKDOWN_NESTING = 20
MAX_HTML_NESTING = 80
MAX_LENGTH_PT = 20_000.0  # about 7 m: far beyond any page, far below Pango's overflow
MAX_PERCENT = 100_000.0
MAX_NUMBER = 100_000_000.0

LINK_SCHEMES = ("https", "http", "mailto", "tel", "sms")
LINK_PREFIXES = (*(f"{scheme}:" for scheme in LINK_SCHEMES), "#")
ATTACHMENT_REFUSED = "attachments (rel=attachment) are not allowed in a guide"

MARKDOWN_CONTAINERS = ("blockquote", "ul", "ol")
HTML_CONTAINERS = (
    "blockquote", "ul", "ol", "div", "section", "article", "aside", "nav", "table", "span",
    "a", "b", "i", "em", "strong", "small", "sub", "sup", "header", "footer", "main",
)  # fmt: skip
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR = re.compile(r"""\bstyle\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
_NUMBER = re.compile(
    r"(?<![\w.#-])[+-]?((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)", re.IGNORECASE
)
_STRINGS = re.compile(r"""url\([^)]*\)|"[^"]*"|'[^']*'""", re.IGNORECASE)
PT_PER_UNIT = {
    "pt": 1.0, "px": 0.75, "pc": 12.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4,
    "q": 72 / 101.6, "em": 12.0, "rem": 12.0, "ex": 6.0, "ch": 6.0, "lh": 14.0,
}  # fmt: skip


def nesting_depth(html: str, tags: tuple[str, ...]) -> int:
    """The deepest nesting of the given elements in well-formed HTML."""
    wanted = set(tags)
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() not in wanted or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def css_problems(html: str) -> list[tuple[str, str]]:
    """(literal, reason) for every absurdly large number in the document's CSS."""
    found: list[tuple[str, str]] = []
    styles = [m.group(1) for m in _STYLE_BLOCK.finditer(html)]
    styles += [m.group(1)[1:-1] for m in _STYLE_ATTR.finditer(html)]
    for css in styles:
        for match in _NUMBER.finditer(_STRINGS.sub(" ", css)):
            literal = match.group(0)
            value, unit = abs(float(match.group(1))), match.group(2).lower()
            if unit in PT_PER_UNIT:
                too_big = value * PT_PER_UNIT[unit] > MAX_LENGTH_PT
            elif unit in ("%", "vw", "vh", "vmin", "vmax"):
                too_big = value > MAX_PERCENT
            else:
                too_big = value > MAX_NUMBER
            if too_big and all(literal != seen for seen, _ in found):
                found.append((literal.strip(), f"the CSS value {literal.strip()} is too large"))
    return found


def html_problems(html: str, source: str, root: Path) -> list[Problem]:
    """Problems with a rendered HTML document that must stop it before layout."""
    problems = []
    depth = nesting_depth(html, HTML_CONTAINERS)
    if depth > MAX_HTML_NESTING:
        reason = f"elements nested {depth} levels deep (at most {MAX_HTML_NESTING})"
        problems.append(Problem(source, None, reason))
    for literal, reason in css_problems(html):
        problems.append(locate(literal, root, source, reason))
    return problems


def document_problems(document: Any, source: str, root: Path) -> list[Problem]:
    """Attachments and unsafe links in a laid-out WeasyPrint document."""
    problems = []
    if document.metadata.attachments:
        problems.append(locate("attachment", root, source, ATTACHMENT_REFUSED))
    for page in document.pages:
        for link_type, target, _rectangle, _box in page.links:
            if link_type == "attachment":
                problems.append(locate("attachment", root, source, ATTACHMENT_REFUSED))
            elif link_type == "external" and not target.lower().startswith(LINK_PREFIXES):
                shown = target if len(target) < 120 else target[:117] + "..."
                reason = f"refused a link to {shown}: links may use only {', '.join(LINK_SCHEMES)}"
                problems.append(locate(target, root, source, reason))
    return sorted(set(problems), key=problems.index)


@contextmanager
def image_bombs_are_errors() -> Iterator[None]:
    """Make Pillow's DecompressionBombWarning an error, so the image is refused, not decoded."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        yield
