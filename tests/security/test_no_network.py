"""2. No network: every scheme but file: and small data: is refused before any connection."""

from __future__ import annotations

import http.server
import threading
from typing import ClassVar

import pytest

from pocketguide.fetcher import ConfinedFetcher

from .helpers import PDF_NAME, assert_clean_failure, cover_extra, invoke, make_project, section


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []
    timeout = 5  # a stuck client cannot hold the server

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="module")
def server():
    """A loopback HTTP server that counts requests; shut down after the module."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    httpd.timeout = 5
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}", _Counting.hits
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def test_the_server_counts_requests(server):
    """The instrument works: a plain client reaches it."""
    import urllib.request

    address, hits = server
    before = len(hits)
    with urllib.request.urlopen(f"http://{address}/probe", timeout=5) as response:
        assert response.status == 200
    assert len(hits) == before + 1


@pytest.mark.parametrize(
    "scheme", ["http", "https", "ftp", "gopher", "ws", "sftp", "smb", "jar", "HTTP"]
)
def test_fetcher_refuses_every_other_scheme(server, scheme):
    address, hits = server
    before = len(hits)
    fetcher = ConfinedFetcher([])
    with pytest.raises(PermissionError, match="only files inside the project"):
        fetcher.fetch(f"{scheme}://{address}/x.css")
    assert len(hits) == before


def test_a_project_trying_the_network_makes_no_request(tmp_path, server):
    address, hits = server
    before = len(hits)
    css = (
        '{% include "default:guide.css" %}\n'
        f'@font-face {{ font-family: "X"; src: url("https://{address}/font.ttf"); }}\n'
        f'.cover {{ background: url("ftp://{address}/bg.png"); font-family: "X"; }}\n'
    )
    template = cover_extra(
        f'<style>@import url("http://{address}/import.css");</style>\n'
        f'<img src="http://{address}/img.png">\n'
        f'<link rel="stylesheet" href="https://{address}/link.css">\n'
        f"<div style=\"background: url('gopher://{address}/inline')\">x</div>\n"
        f'<img src="//{address}/protocol-relative.png">'
    )
    project = make_project(
        tmp_path,
        {
            "templates/guide.css": css,
            "templates/guide.html.j2": template,
            "content/en/sections/closing.md": section(f"![x](http://{address}/md.png)\n"),
        },
    )
    lines = assert_clean_failure(invoke("build", str(project)))
    assert len(hits) == before, hits[before:]
    for name in ("font.ttf", "bg.png"):
        assert any(line.startswith("templates/guide.css:") and name in line for line in lines)
    for name in ("import.css", "img.png", "link.css", "inline", "protocol-relative.png"):
        assert any(line.startswith("templates/guide.html.j2:") and name in line for line in lines)
    assert any(
        line.startswith("content/en/sections/closing.md:") and "md.png" in line for line in lines
    ), lines
    assert not (project / "output" / PDF_NAME).exists()
