"""Strict YAML: every scalar stays a string, no duplicate keys, no anchors or aliases."""

from __future__ import annotations

import copy
import errno
import functools
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner
from yaml.tokens import ScalarToken

try:  # libyaml, which PyYAML's wheels carry: the same events, ten times faster
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - a PyYAML built without it
    CParser = None

from pocketguide.errors import Problem
from pocketguide.yamlhints import explain

MAX_DEPTH = 40
MAX_BYTES = 2_000_000
CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "seq", "map", "int", "float", "bool", "null", "timestamp", "merge")
}


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    lines: dict[str, int]


class LineList(list):
    """A sequence that remembers the line of each item (1-based)."""

    line: int = 0
    lines: list[int]


class YamlProblem(Exception):
    """A YAML document is not acceptable; carries the 1-based line."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _NoAliasComposer(Composer):
    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            line = event.start_mark.line + 1
            raise YamlProblem(line, "YAML anchors and aliases (& and *) are not allowed")
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _NoAliasComposer, SafeConstructor, Resolver):
    last_plain: ScalarToken | None = None  # for errors: the latest unquoted scalar
    before_plain: ScalarToken | None = None  # and the one before it (the scanner reads ahead)

    def __init__(self, stream):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _NoAliasComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)

    def scan_plain(self):  # type: ignore[override]
        self.before_plain, self.last_plain = self.last_plain, super().scan_plain()
        return self.last_plain


# Where libyaml accepts what PyYAML refuses, or counts lines otherwise (found by comparing the
# two on generated documents, tests/test_yaml_fast.py): tabs, byte-order marks and Unicode
# line breaks inside the text, a comment right after a block scalar's | or >, a tag (libyaml
# takes `!+! key:` and `[!, 911]`), a directive line (`%YAML 1.1#c`), and a "?" in a flow
# collection ([a ? b]). Such documents go to PyYAML alone; "Call now!" is no tag.
_PYYAML_ONLY = re.compile(r"[\t\ufeff\x85\u2028\u2029]|[|>][-+0-9]*#|(?<![^\s\[\]{},])!|(?m:^%)")


class _Unsure(Exception):
    """The fast parser met something on which it and PyYAML may disagree."""


if CParser is not None:

    class _FastLoader(_NoAliasComposer, CParser, Resolver):
        """libyaml's parser under the same composer: used only for documents it accepts."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _NoAliasComposer.__init__(self)
            Resolver.__init__(self)
            self.question = "?" in stream

        def compose_node(self, parent, index):  # type: ignore[override]
            if self.question and getattr(self.peek_event(), "flow_style", False):
                raise _Unsure
            return super().compose_node(parent, index)


_SURROGATE = re.compile("[\ud800-\udfff]")


# A comment written on purpose has a space after the #: `verified: 2026-11-01  # checked`.
_CUT_BY_COMMENT = re.compile(r"[ \t]+#(\S.*)")


def _rest_of_line(text: str, mark) -> str:
    """What follows a node on its last line (a mark's index counts characters, in both parsers)."""
    end = text.find("\n", mark.index)
    return text[mark.index : end if end >= 0 else len(text)]


def _duplicate(key: str, first: int, again: int | None) -> YamlProblem:
    problem = YamlProblem(
        again, f'duplicate key "{key}" (first on line {first}, again on line {again})'
    )
    problem.duplicate = (key, first)
    return problem


def _check_tag(node: Node, line: int) -> None:
    if node.tag not in CORE_TAGS and node.tag != "!":
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise YamlProblem(line, f"YAML tag {shown} is not allowed")


def _build(node: Node, text: str, depth: int = 0) -> Any:
    line = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        raise YamlProblem(line, f"nested more than {MAX_DEPTH} levels deep")
    _check_tag(node, line)
    if isinstance(node, ScalarNode):
        if _SURROGATE.search(node.value):  # "\ud800" escapes make text no file can hold
            raise YamlProblem(line, "invalid character escape (a lone UTF-16 surrogate)")
        plain = not node.style  # PyYAML says None, libyaml ""
        cut = plain and node.value and _CUT_BY_COMMENT.match(_rest_of_line(text, node.end_mark))
        if cut:
            # `phone: 502-555-0163 #2 for Spanish`: YAML drops "#2 for Spanish" as a comment.
            # (A value that is all comment, `primary: #1d4e89`, is empty: its field says so.)
            raise YamlProblem(
                node.end_mark.line + 1,
                f'"#{cut.group(1).strip()}" is read as a comment and left out; put the whole '
                "value in quotes to keep it (a comment needs a space after the #)",
            )
        if plain and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        return node.value
    if isinstance(node, SequenceNode):
        seq = LineList(_build(item, text, depth + 1) for item in node.value)
        seq.line = line
        seq.lines = [item.start_mark.line + 1 for item in node.value]
        return seq
    if isinstance(node, MappingNode):
        mapping = LineDict()
        mapping.line = line
        mapping.lines = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem(key_line, "a key must be plain text")
            _check_tag(key_node, key_line)  # `!!binary name: x` is no more plain than a value
            key = key_node.value
            if key in mapping.lines:
                raise _duplicate(key, mapping.lines[key], key_line)
            mapping.lines[key] = key_line
            mapping[key] = _build(value_node, text, depth + 1)
        return mapping
    raise YamlProblem(line, "unsupported YAML node")  # pragma: no cover


def decode_input(raw: bytes, line_offset: int = 0) -> str:
    """A text file's bytes as text: UTF-8 without a byte-order mark, at most MAX_BYTES."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(None, f"file is larger than {MAX_BYTES // 1_000_000} MB")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlProblem(1, "file starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(line + line_offset, "file is not valid UTF-8 text") from None


def parse_yaml(text: str | bytes, path: Path | str, line_offset: int = 0) -> Any:
    """Parse one YAML document strictly; raise YamlProblem with a file line on failure."""
    if isinstance(text, bytes):
        text = decode_input(text, line_offset)
    if text.startswith("\ufeff"):
        raise YamlProblem(1, "file starts with a byte-order mark; save it as UTF-8 without BOM")
    # A copy: callers own their data. `watch` reparses every file on each rebuild; most are
    # unchanged, and PyYAML's pure-Python parser is the slow part of loading (50 ms a build).
    if len(text) > CACHED_CHARS:  # kept small: every saved version of a file is an entry
        return _parse_text.__wrapped__(text, line_offset)
    return copy.deepcopy(_parse_text(text, line_offset))


CACHED_CHARS = 100_000  # content files are a few kilobytes


@functools.lru_cache(maxsize=256)
def _parse_text(text: str, line_offset: int) -> Any:
    """parse_yaml after the byte checks, remembered by text (a problem is raised each time)."""
    if (
        CParser is not None
        and not Reader.NON_PRINTABLE.search(text)
        and not _PYYAML_ONLY.search(text)
    ):
        # A document libyaml refuses, or one the checks below refuse, is read again by the
        # pure-Python parser, whose errors (and yamlhints' explanations of them) users see.
        fast = None
        try:
            fast = _FastLoader(text)
            node = fast.get_single_node()
            return None if node is None else _build(node, text)
        except (yaml.YAMLError, YamlProblem, RecursionError, _Unsure):
            pass
        finally:
            if fast is not None:
                fast.dispose()
    loader = None
    try:
        loader = _Loader(text)  # the reader refuses control characters already here
        node = loader.get_single_node()
        if node is None:
            return None
        return _build(node, text)
    except YamlProblem as exc:
        exc.line = (exc.line or 0) + line_offset or None
        if duplicate := getattr(exc, "duplicate", None):  # its message names lines too
            exc.message = _duplicate(duplicate[0], duplicate[1] + line_offset, exc.line).message
        raise
    except yaml.MarkedYAMLError as exc:
        line, reason = explain(exc, loader, text)
        raise YamlProblem(line + line_offset if line else None, f"invalid YAML: {reason}") from None
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 + line_offset if position is not None else None
        reason = getattr(exc, "reason", None) or "invalid YAML"
        raise YamlProblem(line, f"invalid YAML: {reason}") from None
    except RecursionError:
        raise YamlProblem(None, "invalid YAML: nested too deeply") from None
    except ValueError:  # PyYAML's scanner calls chr() on "\U00110000", past the last character
        line = loader.line + 1 + line_offset if loader is not None else None
        raise YamlProblem(
            line, "invalid YAML: a character escape past the last in Unicode"
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def read_input(path: Path) -> bytes:
    """Read an input file: a regular file only (never a FIFO or device), at most MAX_BYTES + 1."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file")
    with os.fdopen(fd, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def load_yaml_file(
    path: Path, expect: type = dict, shown: str | None = None
) -> tuple[Any, list[Problem]]:
    """Read a YAML file; return (data, problems) where problems name path:line."""
    shown = shown or str(path)
    try:
        raw = read_input(path)
    except OSError as exc:
        return None, [Problem(shown, None, f"cannot read file: {exc.strerror}")]
    try:
        data = parse_yaml(raw, path)
    except YamlProblem as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    return check_top_level(data, shown, expect)


def check_top_level(data: Any, shown: str, expect: type) -> tuple[Any, list[Problem]]:
    """Check that a parsed document has the expected top-level type."""
    if data is None:
        return None, [Problem(shown, 1, "file is empty")]
    if not isinstance(data, expect):
        want = "a mapping (key: value)" if expect is dict else "a list"
        line = getattr(data, "line", 1) or 1
        return None, [Problem(shown, line, f"the top level must be {want}")]
    return data, []


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """Find the line of the deepest part of a pydantic error location present in data."""
    line = getattr(data, "line", None)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lines[part]
            node = node[part]
        else:
            break
    return line
