"""7. Pathological documents fail cleanly: exit 1, one line per problem, no traceback."""

from __future__ import annotations

import logging

import pytest

from pocketguide.errors import PocketguideError
from pocketguide.markup import to_html
from pocketguide.pdf import html_to_pdf

from .helpers import PDF_NAME, assert_clean_failure, invoke, make_project, png, section

LOGO = "brand:\n  logo: brand/logo.png\n"


def test_200_nested_blockquotes():
    with pytest.raises(PocketguideError, match="nested more than 20 levels deep"):
        to_html("> " * 200 + "deep\n")


def test_150_nested_lists():
    with pytest.raises(PocketguideError, match="nested more than 20 levels deep"):
        to_html("".join("    " * depth + "- item\n" for depth in range(150)))


def test_ordinary_nesting_is_fine():
    html = to_html("> quote\n>\n> > inner\n\n- a\n    - b\n        - c\n")
    assert html.count("<blockquote>") == 2 and html.count("<ul>") == 3


def test_deep_markdown_fails_the_build_cleanly(tmp_path):
    project = make_project(tmp_path, {"content/en/sections/closing.md": section("> " * 200 + "x")})
    lines = assert_clean_failure(invoke("build", str(project)))
    assert any("nested more than 20 levels deep" in line for line in lines), lines


def test_deep_html_in_a_template_fails_before_layout(tmp_path):
    body = "<div>" * 300 + "x" + "</div>" * 300
    with pytest.raises(PocketguideError, match="nested 300 levels deep"):
        html_to_pdf(f"<html><body>{body}</body></html>", tmp_path, [tmp_path], "out.pdf")


@pytest.mark.parametrize("value", ["1e9px", "100000pt", "9999999em", "1e12%"])
def test_absurd_css_lengths_in_an_overlay_are_refused(tmp_path, value):
    css = '{% include "default:guide.css" %}\n' + f"p {{ font-size: {value}; }}\n"
    project = make_project(tmp_path, {"templates/guide.css": css})
    lines = assert_clean_failure(invoke("build", str(project)))
    assert lines == [f"templates/guide.css:2: the CSS value {value} is too large"]
    assert not (project / "output" / PDF_NAME).exists()


def test_corrupt_image_fails_the_build(tmp_path):
    project = make_project(tmp_path, {"brand/logo.png": png(4, 4)[:40] + b"garbage"}, LOGO)
    lines = assert_clean_failure(invoke("build", str(project)))
    # At the line that names it, with a reason (WeasyPrint's own message gave neither).
    assert lines == [
        "pocketguide.yaml:7: brand.logo: brand/logo.png: a damaged image (Truncated File "
        "Read); open it and save it again"
    ]


def test_huge_image_file_is_refused(tmp_path):
    project = make_project(tmp_path, {"brand/logo.png": png(4, 4)}, LOGO)
    with (project / "brand" / "logo.png").open("r+b") as handle:
        handle.truncate(21_000_000)  # sparse: over the cap without using the disk
    lines = assert_clean_failure(invoke("build", str(project)))
    assert any("larger than 20 MB" in line for line in lines), lines


@pytest.mark.parametrize(("width", "height"), [(12_000, 9_000), (20_000, 20_000)])
def test_decompression_bomb_png_is_refused_not_decoded(tmp_path, width, height):
    """Above Pillow's warning limit (89M pixels) and above its error limit (179M pixels)."""
    bomb = png(width, height)
    assert len(bomb) < 100_000
    project = make_project(tmp_path, {"brand/logo.png": bomb}, LOGO)
    lines = assert_clean_failure(invoke("build", str(project)))
    limit = 89_478_485 * (1 if width * height <= 2 * 89_478_485 else 2)
    assert lines == [
        f"pocketguide.yaml:7: brand.logo: brand/logo.png: too large to open safely (Image size "
        f"({width * height} pixels) exceeds limit of {limit} pixels, could be decompression "
        "bomb DOS attack); save it smaller"
    ]


def test_a_weasyprint_error_record_fails_the_build(tmp_path, monkeypatch):
    import weasyprint

    real_render = weasyprint.HTML.render

    def render_with_an_error(self, *args, **kwargs):
        logging.getLogger("weasyprint").error("something broke")
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", render_with_an_error)
    with pytest.raises(PocketguideError) as info:
        html_to_pdf('<html lang="en"><p>x</p></html>', tmp_path, [tmp_path], "out.pdf")
    assert [str(p) for p in info.value.problems] == ["out.pdf: WeasyPrint: something broke"]


def test_a_weasyprint_crash_without_a_message_still_says_what_failed(tmp_path, monkeypatch):
    import weasyprint

    def render_and_crash(self, *args, **kwargs):
        raise AssertionError  # as WeasyPrint 70 does on `width: calc(1px +)`

    monkeypatch.setattr(weasyprint.HTML, "render", render_and_crash)
    with pytest.raises(PocketguideError) as info:
        html_to_pdf('<html lang="en"><p>x</p></html>', tmp_path, [tmp_path], "out.pdf")
    assert [str(p) for p in info.value.problems] == [
        "out.pdf: PDF rendering failed: WeasyPrint raised AssertionError, which unusual CSS "
        "can set off"
    ]
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.css").write_text("p { width: calc(1px +) }")
    with pytest.raises(PocketguideError) as info:  # no pocketguide.yaml: overlays unused
        html_to_pdf('<html lang="en"><p>x</p></html>', tmp_path, [tmp_path], "out.pdf")
    assert str(info.value.problems[0]).endswith("can set off")
    (tmp_path / "pocketguide.yaml").write_text("organization: {name: X}\n")
    with pytest.raises(PocketguideError) as info:
        html_to_pdf('<html lang="en"><p>x</p></html>', tmp_path, [tmp_path], "out.pdf")
    assert str(info.value.problems[0]).endswith("can set off (check templates/guide.css)")


def test_a_bug_of_pocketguide_is_not_called_a_rendering_failure(tmp_path, monkeypatch):
    # A finisher step is pocketguide's code run inside WeasyPrint's write: its bug read as
    # "PDF rendering failed", the way hostile CSS does, and sent users to their templates.
    import pocketguide.tagfix

    monkeypatch.setattr(pocketguide.tagfix, "join_links", None)
    with pytest.raises(PocketguideError) as info:
        html_to_pdf('<html lang="en"><p>x</p></html>', tmp_path, [tmp_path], "out.pdf")
    assert [str(p) for p in info.value.problems] == [
        "out.pdf: pocketguide failed (TypeError: 'NoneType' object is not callable); "
        "please report it"
    ]
    # Measuring after layout is no rendering at all: its error is not dressed up as one.
    monkeypatch.undo()
    import pocketguide.pdf

    monkeypatch.setattr(pocketguide.pdf, "PX_MM", None)
    html = '<html lang="en"><div data-fit="card front"><p>x</p></div></html>'
    with pytest.raises(TypeError):
        html_to_pdf(html, tmp_path, [tmp_path], "out.pdf", measure=True)


def test_weasyprint_that_cannot_start_is_a_one_line_error(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pocketguide.fetcher", None)  # as if the import failed
    with pytest.raises(PocketguideError) as info:
        html_to_pdf('<html lang="en"><p>x</p></html>', tmp_path, [tmp_path], "out.pdf")
    assert [str(p) for p in info.value.problems] == [
        "out.pdf: WeasyPrint cannot start: import of pocketguide.fetcher halted; "
        "None in sys.modules"
    ]


def test_ctrl_c_while_rendering_stops_and_is_not_called_a_css_problem(tmp_path, monkeypatch):
    # It was "PDF rendering failed: WeasyPrint raised KeyboardInterrupt, which unusual CSS can
    # set off", and `watch` went on watching after the first Ctrl-C.
    import weasyprint

    def render_interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(weasyprint.HTML, "render", render_interrupted)
    with pytest.raises(KeyboardInterrupt):
        html_to_pdf('<html lang="en"><p>x</p></html>', tmp_path, [tmp_path], "out.pdf")
