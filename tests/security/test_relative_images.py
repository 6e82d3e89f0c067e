"""Images in a project's Markdown are found beside the Markdown file, stay confined, and fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from pocketguide.markup import resolve_images

from .helpers import PDF_NAME, assert_clean_failure, invoke, make_project, png, section

SECTION = "content/en/sections/closing.md"
MM = 72 / 25.4
Box = tuple[float, float, float, float]


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("chairs.png", "file:///p/content/en/sections/chairs.png"),
        ("../../../brand/a%20b.png", "file:///p/brand/a%20b.png"),
        ("pics/c.png?x=1#top", "file:///p/content/en/sections/pics/c.png"),
        ("/abs/d.png", "/abs/d.png"),
        ("https://example.org/e.png", "https://example.org/e.png"),
        ("data:image/png;base64,AAAA", "data:image/png;base64,AAAA"),
    ],
)
def test_relative_sources_become_files_beside_the_markdown(src, expected):
    html = f'<p><img alt="x" src="{src}"></p>'
    assert resolve_images(html, Path("/p/content/en/sections")) == (
        f'<p><img alt="x" src="{expected}"></p>'
    )


def image_project(root: Path, markdown: str, files: dict[str, bytes]) -> Path:
    """A two-section project whose closing section holds `markdown`."""
    return make_project(root, {SECTION: section(markdown), **files})


def drawn_image_boxes(pdf: Path) -> list[tuple[tuple[int, int], Box, Box]]:
    """(pixel size, drawn bounds, page trim box) in points of every image the pages draw."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            (tuple(image.get_px_size()), tuple(image.get_bounds()), tuple(page.get_trimbox()))
            for page in document
            for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
        ]
    finally:
        document.close()


def test_an_image_beside_the_section_is_printed_and_rebuilt_when_it_changes(tmp_path):
    files = {"content/en/sections/chairs.png": png(40, 30), "pics/b.png": png(30, 30)}
    markdown = (
        "Set out the chairs.\n\n![Chairs in a circle](chairs.png)\n\n![B](../../../pics/b.png)\n"
    )
    project = image_project(tmp_path, markdown, files)
    result = invoke("build", str(project))
    assert result.exit_code == 0, result.output
    drawn = {size for size, _, _ in drawn_image_boxes(project / "output" / PDF_NAME)}
    assert drawn >= {(40, 30), (30, 30)}
    assert invoke("build", str(project)).stdout.startswith("up to date:")
    (project / "content/en/sections/chairs.png").write_bytes(png(41, 30))
    assert not invoke("build", str(project)).stdout.startswith("up to date:")


def test_a_large_or_tall_image_shrinks_into_the_text_area_keeping_its_shape(tmp_path):
    files = {"content/en/sections/wide.png": png(1200, 800), "pics/tall.png": png(300, 2000)}
    markdown = "Chairs.\n\n![Chairs in a circle](wide.png)\n\n![Tall](../../../pics/tall.png)\n"
    project = image_project(tmp_path, markdown, files)
    assert invoke("build", str(project)).exit_code == 0
    drawn = {
        size: (bounds, trim)
        for size, bounds, trim in drawn_image_boxes(project / "output" / PDF_NAME)
        if size in {(1200, 800), (300, 2000)}
    }
    assert set(drawn) == {(1200, 800), (300, 2000)}
    for (width_px, height_px), ((left, bottom, right, top), trim) in drawn.items():
        # Inside the A6 page's margins: 12 mm above and below, at least 9 mm at the sides.
        assert trim[0] + 9 * MM - 0.5 <= left < right <= trim[2] - 9 * MM + 0.5
        assert trim[1] + 12 * MM - 0.5 <= bottom < top <= trim[3] - 12 * MM + 0.5
        assert (right - left) / (top - bottom) == pytest.approx(width_px / height_px, rel=0.01)
    (left, _, right, _), trim = drawn[(1200, 800)]
    assert right - left == pytest.approx(trim[2] - trim[0] - 20 * MM, abs=0.5)  # the text width


def test_a_missing_image_names_the_markdown_line(tmp_path, monkeypatch):
    project = image_project(tmp_path / "p", "Text.\n\n![Chairs](nothere.png)\n", {})
    monkeypatch.chdir(project)
    [line] = assert_clean_failure(invoke("build", "."))
    assert line == f"{SECTION}:7: refused content/en/sections/nothere.png: no such file"


def test_an_image_outside_the_project_is_refused(tmp_path, monkeypatch):
    (tmp_path / "secret.png").write_bytes(png(10, 10))
    project = image_project(tmp_path / "p", "Text.\n\n![S](../../../../secret.png)\n", {})
    monkeypatch.chdir(project)
    [line] = assert_clean_failure(invoke("build", "."))
    outside = (tmp_path / "secret.png").resolve().as_uri()
    assert line == f"{SECTION}:7: refused {outside}: outside the project"
    assert not (project / "output" / PDF_NAME).exists()


def test_a_missing_image_is_named_where_it_is_used_not_where_its_name_first_appears(
    tmp_path, monkeypatch
):
    # The project's README (searched first) mentions pics/photo.png, which exists; the
    # closing section asks for a photo.png beside it, which does not.
    files = {"README.md": "Team picture: pics/photo.png\n", "pics/photo.png": png(10, 10)}
    project = image_project(tmp_path / "p", "Text.\n\n![Team](photo.png)\n", files)
    monkeypatch.chdir(project)
    [line] = assert_clean_failure(invoke("build", "."))
    assert line == f"{SECTION}:7: refused content/en/sections/photo.png: no such file"
