"""Point WeasyPrint's stylesheet messages at the project's own CSS file and line.

Stylesheets are included into the page's `<style>` element, so WeasyPrint counts lines from
the top of that element. An organization editing `templates/guide.css` wants its own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pocketguide.resources import CONFIG_NAME, templates_dir

_AT = re.compile(r"\bat (\d+):(\d+)\b")
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# The templates put one of these before each stylesheet they include.
_MARKER = re.compile(r"/\* pocketguide:([\w.-]+\.css) \*/\n")
_MIN_RUN = 20  # shorter text found by searching could be found in the wrong place
_MAX_DEPTH = 4  # includes followed inside an overlay
_NAME_PART = re.compile(r"[\w-][\w.-]*")
_INCLUDE_TAIL = (  # what may follow `include "name"` for its output to be the named file's
    [],
    [("name", "with"), ("name", "context")],
    [("name", "without"), ("name", "context")],
)


@dataclass(frozen=True)
class Piece:
    """One part of a template's output: literal text, an include, or anything else."""

    kind: str  # "data", "include" or "unknown"
    text: str = ""  # data: the text exactly as Jinja writes it; include: the template's name
    line: int = 0  # data: the source line the text starts on
    column: int | None = None  # data: the source column it starts at, when known


@dataclass(frozen=True)
class Span:
    """Where a piece of literal text landed in the style text, and where it came from."""

    start: int
    text: str
    shown: str
    line: int
    column: int | None


def overlay_location(message: str, html: str, root: Path) -> tuple[str, int, str] | None:
    """(file, line, message) when the message's `at L:C` lies in one of root's CSS overlays.

    Only stylesheets the page includes are considered, each within its own part of the one
    `<style>` element. A default stylesheet an overlay includes is named `default:<name>`.
    When anything is unclear, None (WeasyPrint's own words stay).
    """
    if not (root / CONFIG_NAME).is_file() or html.count("<style>") != 1:
        return None
    # The location follows the quoted declaration, which may itself contain "at 9:30".
    at, style = _AT.search(message, message.rfind("`") + 1), _STYLE.search(html)
    if not at or not style:
        return None
    line, column = int(at[1]), int(at[2])
    text = style.group(1)
    offset = _offset(text, line, column)
    if offset is None:
        return None
    markers = list(_MARKER.finditer(text))
    for index, marker in enumerate(markers):
        end = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        if not marker.end() <= offset < end:
            continue
        overlay = _resolve(root, marker[1])
        if overlay is None or not overlay[0].startswith("templates/"):
            return None  # the default stylesheet itself: not the project's to fix
        found = locate(align(text, marker.end(), end, overlay, root), offset)
        if found is None:
            return None
        shown, own, own_column = found
        where = f"at {own}:{own_column}"
        return shown, own, message[: at.start()] + where + message[at.end() :]
    return None


def align(text: str, start: int, end: int, template: tuple[str, Path], root: Path) -> list[Span]:
    """Where the literal text of a template (and of the templates it includes) landed in text.

    The template's output is taken to begin at `start` and to end before `end`. After output
    that cannot be known (variables, conditions, loops), text is found again only by searching
    for runs of at least _MIN_RUN characters.
    """
    spans: list[Span] = []
    position: int | None = start
    floor = start

    def walk(shown: str, path: Path, depth: int) -> None:
        nonlocal position, floor
        from jinja2 import TemplateSyntaxError

        try:
            pieces = template_pieces(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeError, TemplateSyntaxError):  # changed since the build read it
            position = None  # this part's text is unknown: find what follows by searching
            return
        for piece in pieces:
            if piece.kind == "include" and depth < _MAX_DEPTH:
                included = _resolve(root, piece.text)
                if included is not None:
                    walk(*included, depth + 1)
                    continue
            if piece.kind != "data":
                position = None
                continue
            at = position
            if at is None or not text.startswith(piece.text, at, end):
                searchable = len(piece.text.strip()) >= _MIN_RUN
                at = text.find(piece.text, floor, end) if searchable else -1
                if at < 0:
                    position = None
                    continue
            spans.append(Span(at, piece.text, shown, piece.line, piece.column))
            position = floor = at + len(piece.text)

    walk(*template, 0)
    return spans


def locate(spans: list[Span], offset: int) -> tuple[str, int, int] | None:
    """(file, line, column) of the character at `offset` of the style text, if a span has it."""
    for span in spans:
        within = offset - span.start
        if not 0 <= within < len(span.text):
            continue
        newlines = span.text.count("\n", 0, within)
        if newlines:
            return span.shown, span.line + newlines, within - span.text.rfind("\n", 0, within)
        if span.column is None:
            return None
        return span.shown, span.line, span.column + within
    return None


def template_pieces(source: str) -> list[Piece]:
    """A template's output in order: its literal text (as Jinja writes it), includes, the rest."""
    from jinja2 import Environment

    from pocketguide.resources import WHITESPACE

    lines = source.split("\n")
    pieces: list[Piece] = []
    tag: list[tuple[str, str]] | None = None  # the tokens of the block tag being read
    previous = "\n"  # the last token's text: data after a newline starts in column 1
    for line, kind, value in Environment(**WHITESPACE).lex(source):  # type: ignore[arg-type]
        if kind == "data":
            pieces.append(Piece("data", value, line, _column(lines[line - 1], value, previous)))
        elif kind == "block_begin":
            tag = []
        elif kind == "block_end" and tag is not None:
            pieces.append(_statement(tag))
            tag = None
        elif tag is not None:
            if kind != "whitespace":
                tag.append((kind, value))
        elif kind in ("variable_begin", "raw_begin"):
            pieces.append(Piece("unknown"))
        previous = value
    return pieces


def _statement(tag: list[tuple[str, str]]) -> Piece:
    """An include of a named template, or a statement whose output is not known."""
    if len(tag) >= 2 and tag[0] == ("name", "include") and tag[1][0] == "string":
        literal = tag[1][1]
        if tag[2:] in _INCLUDE_TAIL and "\\" not in literal:
            return Piece("include", literal[1:-1])
    return Piece("unknown")


def _column(source_line: str, text: str, previous: str) -> int | None:
    """The source column where a piece of literal text starts, when it can be told exactly."""
    if previous.endswith("\n"):
        return 1
    first = text.split("\n", 1)[0]
    if "\n" in text and source_line.endswith(first):  # its first line runs to the line's end
        return len(source_line) - len(first) + 1
    return None


def _resolve(root: Path, name: str) -> tuple[str, Path] | None:
    """How a template name is shown, and its file: the project's overlay, else the default."""
    default = name.startswith("default:")
    name = name.removeprefix("default:")
    if not all(_NAME_PART.fullmatch(part) for part in name.split("/")):
        return None
    if not default:
        overlay = root / "templates" / name
        if overlay.is_file() and overlay.resolve().is_relative_to((root / "templates").resolve()):
            return f"templates/{name}", overlay
    path = templates_dir() / name
    return (f"default:{name}", path) if path.is_file() else None


def _offset(text: str, line: int, column: int) -> int | None:
    """The index in text of WeasyPrint's 1-based line and column, if it is on that line."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    offset = start + column - 1
    if column < 1 or "\n" in text[start:offset] or offset >= len(text):
        return None
    return offset
