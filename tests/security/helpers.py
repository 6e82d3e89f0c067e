"""Helpers for the hardening tests: tiny hostile projects, CLI runs, PDF internals."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from click.testing import CliRunner, Result
from pypdf import PdfReader
from pypdf.generic import StreamObject

from pocketguide.cli import cli

KEEP = ("closing", "crisis-numbers")
DROP = (
    "how-to-use", "facilitator-role", "before-the-meeting", "opening", "guidelines",
    "keeping-it-moving", "things-to-avoid", "scenarios", "feedback-and-limits", "self-care",
    "notes",
)  # fmt: skip
CONFIG = (
    f"organization:\n  name: Test Org\n  slug: test\nsections:\n  exclude: [{', '.join(DROP)}]\n"
)
PDF_NAME = "test-guide-en.pdf"
# Put last in a hotlines file, so earlier lines keep their numbers: a card without one warns.
EMERGENCY_ENTRY = (
    "  - name: Emergency services\n    phone: '911'\n    category: emergency\n"
    "    verified: 2026-11-01\n"
)


def make_project(root: Path, files: dict[str, str | bytes] | None = None, extra: str = "") -> Path:
    """A small organization project (two sections) with extra config and files."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pocketguide.yaml").write_text(CONFIG + extra, encoding="utf-8")
    for relative, body in (files or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    return root


def section(body: str, title: str = "Closing") -> str:
    """A Markdown section file with front matter."""
    return f"---\ntitle: {title}\n---\n\n{body}"


def cover_extra(html: str) -> str:
    """A guide template overlay that adds html to the cover."""
    return (
        '{% extends "default:guide.html.j2" %}\n'
        "{% block cover_extra %}\n" + html + "\n{% endblock %}\n"
    )


def invoke(*args: str) -> Result:
    """Run the CLI in-process, catching exceptions so a traceback would show as a failure."""
    return CliRunner().invoke(cli, list(args))


def assert_clean_failure(result: Result) -> list[str]:
    """Exit 1 through PocketguideError (no traceback); return the error lines."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(line.strip() for line in lines)
    return lines


def pdf_internals(data: bytes) -> bytes:
    """The raw PDF and every object, streams decompressed, to search for leaked text."""
    reader = PdfReader(io.BytesIO(data))
    chunks = [data]
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if isinstance(obj, StreamObject):
            chunks.append(obj.get_data())
        if obj is not None:
            chunks.append(repr(obj).encode("utf-8", "replace"))
    return b"\n".join(chunks)


def png(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of any size; zeros compress so a huge one is a few kilobytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
