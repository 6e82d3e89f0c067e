"""Markdown to safe HTML: Python-Markdown for structure, nh3 for an allow-list of tags and links."""

from __future__ import annotations

import re

import markdown
import nh3

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
URL_SCHEMES = {"https", "http", "mailto", "tel", "sms"}
_TASK = re.compile(r"<li>(?:<p>)?\[( |x|X)\]\s*")


def to_html(text: str) -> str:
    """Convert one Markdown body to sanitized HTML."""
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    html = md.convert(text)
    html = _TASK.sub(_task_item, html)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


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
