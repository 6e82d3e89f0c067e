"""A WeasyPrint URL fetcher confined to the project's and the package's files: no network."""

from __future__ import annotations

import mimetypes
import stat
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_FILE_BYTES = 20_000_000
MAX_DATA_URL = 2_000_000


class ConfinedFetcher(URLFetcher):
    """Serve only regular files under the allowed roots, and small data: URLs; record refusals."""

    def __init__(self, roots: list[Path], **kwargs):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, **kwargs)
        self.roots = [Path(r).resolve() for r in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None):  # type: ignore[override]
        """Fetch a file: or data: URL, or refuse it with a reason."""
        try:
            return self._fetch(url, headers)
        except PermissionError as exc:
            self.refused.append(str(exc))
            raise

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
        if not any(path.is_relative_to(root) for root in self.roots):
            raise PermissionError(f"refused {shown}: outside the project")
        try:
            info = path.stat()
        except OSError:
            raise PermissionError(f"refused {shown}: no such file") from None
        if not stat.S_ISREG(info.st_mode):
            raise PermissionError(f"refused {shown}: not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise PermissionError(f"refused {shown}: larger than {MAX_FILE_BYTES // 1_000_000} MB")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})
