"""Find the project file and line that mention a name, so a problem can be reported there."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pocketguide.errors import Problem, display_path

MAX_SEARCHED_BYTES = 20_000_000
SEARCHED_SUFFIXES = {".md", ".yaml", ".yml", ".j2", ".html", ".htm", ".css", ".csv", ".svg"}
MAX_SEARCHED_FILES = 5000


def locate(needle: str, root: Path, source: str, message: str) -> Problem:
    """A problem at the project file and line that mention needle, else at source."""
    found = find_reference(needle, root)
    if found is None:
        return Problem(source, None, message)
    return Problem(display_path(found[0], root), found[1], message)


def is_confined(path: Path, root: Path) -> bool:
    """True when path, after following symlinks, is inside root."""
    return Path(path).resolve().is_relative_to(Path(root).resolve())


def find_reference(url: str, root: Path) -> tuple[Path, int] | None:
    """The project text file and line that refer to url, else the first that mention it."""
    parts = urlsplit(url)
    needles = [url]
    target = None
    if parts.scheme in ("file", ""):
        name = Path(unquote(parts.path)).name
        if name:
            needles.append(name)
        if parts.scheme == "file" and name:
            target = Path(unquote(parts.path)).resolve()
    elif parts.scheme == "data":
        needles = [url[:60]]
    if target is not None:
        # A name like logo.png can appear in several files; prefer the mention that resolves,
        # beside its file or from the project root, to the very file that was refused.
        for file, text in _texts(root):
            for index in _occurrences(text, needles[-1]):
                if target in _resolved(_token_at(text, index), file.parent, Path(root)):
                    return file, text.count("\n", 0, index) + 1
    for needle in needles:
        for file, text in _texts(root):
            index = text.lower().find(needle.lower())
            if index >= 0:
                return file, text.count("\n", 0, index) + 1
    return None


def _texts(root: Path) -> Iterator[tuple[Path, str]]:
    """The project's text files and their text, skipping any that cannot be read."""
    for file in _project_text_files(Path(root)):
        try:
            yield file, file.read_text("utf-8", errors="replace")
        except OSError:
            continue


_DELIMITERS = set(" \t\r\n\"'()[]<>=,;{}")


def _occurrences(text: str, needle: str) -> list[int]:
    """Every index where needle starts in text."""
    found, index = [], text.find(needle)
    while index >= 0:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def _token_at(text: str, index: int) -> str:
    """The path-like word around index: up to quotes, brackets, spaces or `=`."""
    start, end = index, index
    while start > 0 and text[start - 1] not in _DELIMITERS:
        start -= 1
    while end < len(text) and text[end] not in _DELIMITERS:
        end += 1
    return text[start:end].split("?", 1)[0].split("#", 1)[0]


def _resolved(token: str, folder: Path, root: Path) -> set[Path]:
    """Where a reference could point: a file: URL, or a path beside its file or the root."""
    if token.lower().startswith("file:"):
        return {Path(unquote(urlsplit(token).path)).resolve()}
    path = Path(unquote(token))
    try:
        return {(folder / path).resolve(), (root / path).resolve()}
    except (OSError, RuntimeError, ValueError):
        return set()


def _project_text_files(root: Path) -> list[Path]:
    """Small text files of a project, outside output/ and hidden folders, not symlinked out."""
    found: list[Path] = []
    seen = 0
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "output")
        for name in sorted(names):
            seen += 1
            path = Path(folder) / name
            if seen > MAX_SEARCHED_FILES:
                return found
            if path.suffix.lower() not in SEARCHED_SUFFIXES or not is_confined(path, root):
                continue
            # Best effort: this only names the file in a message; unreadable files are skipped.
            with contextlib.suppress(OSError):
                if path.is_file() and path.stat().st_size <= MAX_SEARCHED_BYTES:
                    found.append(path)
    return found
