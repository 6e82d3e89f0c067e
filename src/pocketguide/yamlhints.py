"""What a PyYAML syntax error means for the person who wrote the file, and at which line."""

from __future__ import annotations

import re
from typing import Any

import yaml


def explain(exc: yaml.MarkedYAMLError, loader: Any, text: str) -> tuple[int | None, str]:
    """The line a PyYAML error belongs to, and what to tell the person who wrote the file."""
    line = _error_line(exc)
    reason = exc.problem or "invalid YAML"
    if first := _first_key_without_colon(exc, loader):
        line, reason = first
    if "\t" in text and "'\\t'" in str(exc):
        reason = "tab characters are not allowed for indentation; use spaces"
        lines = text.splitlines()
        at = lines[line - 1] if line and line <= len(lines) else ""
        if "\t" in at.lstrip():  # after the text: invisible in most editors
            reason = "a tab character after the text is not allowed; delete it or use a space"
    elif "escape" in reason and "\\" in text:
        # A Windows path in double quotes: "C:\Users\..." reads \U as an escape.
        reason += (
            " (in double quotes a backslash starts an escape: write a path with forward "
            "slashes, relative to the project, like brand/logo.png)"
        )
    elif reason.startswith("expected <block end>"):  # PyYAML's words for a misaligned line
        reason = "this line is indented differently from the lines above it"
    elif reason.startswith("mapping values are not allowed"):
        reason += " (put a value that holds a colon in quotes, or check the indentation)"
    lines = text.splitlines()
    if line and line <= len(lines) and _FLOW_START.match(lines[line - 1]):
        # `- {crisis} now, together`: YAML reads a value that starts with { as a mapping.
        reason = 'a value that starts with "{" must be in quotes ("{crisis} ...")'
    if (opened := _open_quote(text, line)) is not None:
        # PyYAML reads on to the next quote and blames a later line for what it finds.
        line, quote = opened
        reason = f"a quote opened on this line is never closed (add the closing {quote})"
    return line, reason


_FLOW_START = re.compile(r"^\s*(?:-\s+|[\w-]+:\s+)\{[A-Za-z]")


def _error_line(exc: yaml.MarkedYAMLError) -> int | None:
    """The 1-based line a PyYAML error belongs to: where the writer went wrong, if known."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and (
        # `region US` with no colon: the scanner notices only at the next line's key.
        exc.context == "while scanning a simple key"
        # An unclosed bracket or quote: point at where it opened, not at the file's end.
        or "<stream end>" in (exc.problem or "")
        or exc.problem == "found unexpected end of stream"
    ):
        mark = exc.context_mark
    return mark.line + 1 if mark else None


def _first_key_without_colon(exc: yaml.MarkedYAMLError, loader: Any) -> tuple[int, str] | None:
    """The line of a key missing its colon (`title Closing`, `  - name "B"`), and what to say.

    PyYAML reads such a key on into the next line and stops at that line's ':'.
    """
    token = loader.last_plain if loader else None
    mark, problem = exc.problem_mark, exc.problem or ""
    if not (token and mark):
        return None
    if problem.startswith("expected <block end>") and token.start_mark.line == mark.line:
        token = loader.before_plain  # the next key was read already: look at the one before
        if token is None:
            return None
    start, end = token.start_mark, token.end_mark
    # Only unquoted text that is the first thing on its line, where a key goes (not a value
    # after `key: `), or the first thing in a list entry.
    lines = str(start.buffer).split("\n") if start.buffer else []
    line_text = lines[start.line] if start.line < len(lines) else ""
    before = line_text[: start.column].strip()
    if before not in ("", "-"):
        return None
    missing = "could not find expected ':'"
    if problem.startswith("mapping values are not allowed"):
        # It ran on into the next line, whose ':' PyYAML then trips on. After `- ` it may also
        # have been a plain list item followed by a line indented too far.
        if not start.line < end.line == mark.line:
            return None
        return start.line + 1, missing + (
            " (or the next line is indented too far)" * (before == "-")
        )
    after = line_text[end.column :].split(" #")[0] if start.line == end.line else ":"
    if not before and problem.startswith("expected <block end>") and ":" not in token.value + after:
        # It stayed on its line (a comment or a quoted part ends it); the next key then fails.
        return (start.line + 1, missing) if end.line < mark.line else None
    return None


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[^\s#"'][^:#]*:\s+(["'])(.*)$""")


def _open_quote(text: str, error_line: int | None) -> tuple[int, str] | None:
    """(line, quote) of the first value up to the error line that opens a quote it never closes."""
    lines = text.splitlines()[: error_line or None]
    for number, line in enumerate(lines, 1):
        if not (found := _QUOTED_VALUE.match(line)):
            continue
        quote, rest = found.groups()
        if quote == '"':  # escaped backslashes and quotes do not close it
            body = rest.replace("\\\\", "").replace('\\"', "")
        else:
            body = rest.replace("''", "")  # '' is a quote inside single quotes
        if quote not in body:
            return number, quote
    return None
