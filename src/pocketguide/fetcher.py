"""A WeasyPrint URL fetcher confined to the project's and the package's files: no network."""

from __future__ import annotations

import mimetypes
import os
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from pocketguide.errors import Problem
from pocketguide.images import image_problem
from pocketguide.locate import locate

MAX_FILE_BYTES = 20_000_000
MAX_DATA_URL = 2_000_000
SYSTEM_DIRS = (Path("/dev"), Path("/proc"), Path("/sys"))


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
