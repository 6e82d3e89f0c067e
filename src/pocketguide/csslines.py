"""Point WeasyPrint's stylesheet messages at the project's own CSS file and line.

Stylesheets are included into the page's `<style>` element, so WeasyPrint counts lines from
the top of that element. An organization editing `templates/guide.css` wants its own line.
"""

from __future__ import annotations

import re
from pathlib import Path

from pocketguide.resources import CONFIG_NAME

_AT = re.compile(r"\bat (\d+):(\d+)\b")
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# The templates put one of these before each stylesheet they include.
_MARKER = re.compile(r"/\* pocketguide:([\w.-]+\.css) \*/\n")
_MIN_RUN = 20  # shorter literal runs (a lone "}") could be found in the wrong place


def overlay_location(message: str, html: str, root: Path) -> tuple[str, int, str] | None:
    """(file, line, message) when the message's `at L:C` lies in one of root's CSS overlays.

    Only stylesheets the page includes are considered, each within its own part of the one
    `<style>` element; when anything is unclear, None (WeasyPrint's own words stay).
    """
    if not (root / CONFIG_NAME).is_file() or html.count("<style>") != 1:
        return None
    # The location follows the quoted declaration, which may itself contain "at 9:30".
    at, style = _AT.search(message, message.rfind("`") + 1), _STYLE.search(html)
    if not at or not style:
        return None
    line, column = int(at[1]), int(at[2])
    text = style.group(1)
    markers = list(_MARKER.finditer(text))
    for index, marker in enumerate(markers):
        path = root / "templates" / marker[1]
        try:
            css_lines = path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeError):  # no overlay of that name: the default was included
            continue
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        offset = text.count("\n", 0, marker.end())  # lines of the text before this part
        for part_line, file_line, count, shift in literal_runs(css_lines, text[marker.end() : end]):
            text_line = part_line + offset
            if text_line <= line < text_line + count:
                own = file_line + line - text_line
                where = f"at {own}:{column - shift if line == text_line else column}"
                shown = f"templates/{path.name}"
                return shown, own, message[: at.start()] + where + message[at.end() :]
    return None


def literal_runs(css_lines: list[str], text: str) -> list[tuple[int, int, int, int]]:
    """Where the file's runs of lines without Jinja tags landed in the style text.

    Each is (line in the text, line in the file, number of lines, columns before the run).
    """
    runs, position, index = [], 0, 0
    while index < len(css_lines):
        end = index
        while end < len(css_lines) and not _templated(css_lines[end]):
            end += 1
        block = css_lines[index:end]
        first = index
        while block and not block[0].strip():
            block, first = block[1:], first + 1
        while block and not block[-1].strip():
            block = block[:-1]
        needle = "\n".join(block)
        found = text.find(needle, position) if len(needle.strip()) >= _MIN_RUN else -1
        if found >= 0:
            line_start = text.rfind("\n", 0, found) + 1
            runs.append((text.count("\n", 0, found) + 1, first + 1, len(block), found - line_start))
            position = found + len(needle)
        index = end + 1  # past the line with a Jinja tag
    return runs


def _templated(line: str) -> bool:
    return any(tag in line for tag in ("{{", "{%", "{#"))
