"""A WeasyPrint URL fetcher confined to the project's and the package's files: no network."""

from __future__ import annotations

import contextlib
import mimetypes
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from pocketguide.errors import Problem
from pocketguide.images import image_problem

MAX_FILE_BYTES = 20_000_000
MAX_DATA_URL = 2_000_000
SYSTEM_DIRS = (Path("/dev"), Path("/proc"), Path("/sys"))
SEARCHED_SUFFIXES = {".md", ".yaml", ".yml", ".j2", ".html", ".htm", ".css", ".csv", ".svg"}
MAX_SEARCHED_FILES = 5000


class ConfinedFetcher(URLFetcher):
    """Serve only regular files under the allowed roots, and small data: URLs; record refusals."""

    def __init__(self, roots: list[Path], **kwargs):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, **kwargs)
        self.roots = [Path(r).resolve() for r in roots]
        self.refused: list[str] = []
        self.refused_urls: list[str] = []

    def fetch(self, url: str, headers=None):  # type: ignore[override]
        """Fetch a file: or data: URL, or refuse it with a reason."""
        try:
            return self._fetch(url, headers)
        except PermissionError as exc:
            self.refused.append(str(exc))
            self.refused_urls.append(url)
            raise

    def problems(self, source: str, root: Path) -> list[Problem]:
        """One problem per refusal, at the project file and line that asked for it if found."""
        from pocketguide.limits import locate

        return [
            locate(u, root, source, m) for u, m in zip(self.refused_urls, self.refused, strict=True)
        ]

    def _fetch(self, url: str, headers):
        shown = url if len(url) < 120 else url[:117] + "..."
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            if len(url) > MAX_DATA_URL:
                raise PermissionError(f"refused a data: URL larger than {MAX_DATA_URL} bytes")
            return super().fetch(url, headers)
        if scheme != "file":
            raise PermissionError(f"refused {shown}: only files inside the project may be used")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise PermissionError(f"refused {shown}: file URLs on other hosts are not allowed")
        raw_path = unquote(parts.path)
        if ".." in Path(raw_path).parts or "\x00" in raw_path:
            raise PermissionError(f"refused {shown}: paths may not contain ..")
        path = Path(raw_path).resolve()
        if any(path.is_relative_to(d) for d in SYSTEM_DIRS):
            raise PermissionError(f"refused {shown}: system files are not allowed")
        if not any(path.is_relative_to(root) for root in self.roots):
            raise PermissionError(f"refused {shown}: outside the project")
        if path.is_relative_to(self.roots[0]):  # the project's own file: name it as the user does
            shown = path.relative_to(self.roots[0]).as_posix()
        body = _read_regular_file(path, shown)
        info = path.stat()
        if reason := image_problem(str(path), info.st_mtime_ns, info.st_size, path.suffix.lower()):
            raise PermissionError(f"refused {shown}: {reason}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})


def _read_regular_file(path: Path, shown: str) -> bytes:
    """Read a regular file of at most MAX_FILE_BYTES without following a last-moment swap."""
    # O_NONBLOCK: opening a FIFO swapped in after resolve() must not hang the build.
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        raise PermissionError(f"refused {shown}: no such file") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise PermissionError(f"refused {shown}: not a regular file")
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > MAX_FILE_BYTES:
            raise PermissionError(f"refused {shown}: larger than {MAX_FILE_BYTES // 1_000_000} MB")
        body = handle.read(MAX_FILE_BYTES + 1)
    if len(body) > MAX_FILE_BYTES:
        raise PermissionError(f"refused {shown}: larger than {MAX_FILE_BYTES // 1_000_000} MB")
    return body


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
                if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
                    found.append(path)
    return found
