"""4. Markdown: raw HTML and unsafe links are sanitized; no unsafe or local link reaches a PDF."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from pocketguide.markup import to_html

from .helpers import PDF_NAME, invoke, make_project, pdf_internals, section

HOSTILE = """\
[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [spaced]( javascript:alert(1))
[file](file:///etc/passwd) [data](data:text/html;base64,PGI+aGk8L2I+)
[relative](other.md) [up](../../pocketguide.yaml) [root](/etc/passwd)
[vb](vbscript:msgbox) [web](https://example.org/ok) [call](tel:988) [here](#contents)
<a href="javascript:alert(2)">raw js</a> <a href="file:///etc/shadow">raw file</a>
<script>alert(3)</script><iframe src="https://example.org"></iframe>
<img alt="pixel" src="data:image/png;base64,AAAA" onerror="alert(4)">
<p style="font-size: 1e9px" onclick="x">styled</p>
<object data="file:///etc/passwd"></object><embed src="x.swf"><form action="https://x"></form>
<link rel="attachment" href="pocketguide.yaml"><style>body { display: none }</style>
"""


def test_raw_html_and_unsafe_links_are_sanitized():
    html = to_html(HOSTILE)
    lowered = html.lower()
    for banned in (
        "javascript:", "vbscript:", "file:", "data:", "<script", "<iframe", "<object", "<embed",
        "<form", "<link", "<style", "onerror", "onclick", "style=", "other.md", "pocketguide.yaml",
        "/etc/passwd", "alert(3)",
    ):  # fmt: skip
        assert banned not in lowered, banned
    assert '<a href="https://example.org/ok">web</a>' in html
    assert '<a href="tel:988">call</a>' in html
    assert '<a href="#contents">here</a>' in html
    assert "<a>relative</a>" in html  # the text stays, the link goes


@pytest.fixture(scope="module")
def hostile_pdf(tmp_path_factory) -> bytes:
    root = tmp_path_factory.mktemp("markdown-hostile")
    project = make_project(root, {"content/en/sections/closing.md": section(HOSTILE)})
    result = invoke("build", str(project), "--quiet")
    assert result.exit_code == 0, result.output
    return (project / "output" / PDF_NAME).read_bytes()


def _link_targets(data: bytes) -> list[str]:
    import io

    targets = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def test_only_safe_links_become_annotations(hostile_pdf):
    targets = _link_targets(hostile_pdf)
    assert "https://example.org/ok" in targets
    assert "tel:988" in targets
    for target in targets:
        assert target.startswith(("https:", "http:", "mailto:", "tel:", "sms:")), target


def test_no_build_machine_path_in_the_pdf(hostile_pdf):
    internals = pdf_internals(hostile_pdf)
    repo = str(Path(__file__).resolve().parents[2]).encode()
    for leak in (b"file:", repo, str(Path.home()).encode(), os.fsencode(os.sep + "tmp" + os.sep)):
        assert leak not in internals, leak


def test_a_body_converted_again_is_remembered_with_its_images_found_each_time(
    tmp_path, monkeypatch
):
    import markdown

    text = "A body seen once before ![map](map.png) <script>x()</script>"
    first = to_html(text, tmp_path / "one")
    made = []
    monkeypatch.setattr(markdown, "Markdown", lambda *a, **k: made.append(1))
    assert to_html(text, tmp_path / "one") == first
    # Images are still found from each section's own folder.
    assert (tmp_path / "two" / "map.png").as_uri() in to_html(text, tmp_path / "two")
    assert made == []
    assert "<script>" not in first and (tmp_path / "one" / "map.png").as_uri() in first
