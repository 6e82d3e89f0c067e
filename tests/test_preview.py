"""`pocketguide preview`: PNG pages and a contact sheet of the right pixel sizes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image

from conftest import run, tiny_config
from pocketguide.preview import parse_pages, select_pages

HOTLINES = "hotlines:\n  - name: Test Warmline\n    phone: 502-555-0142\n    verified: {date}\n"
# pdfium rounds up: an A6 page (105 x 148 mm) at 100 dpi is 413.4 x 582.7 px.
A6_AT_100_DPI = (414, 583)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """A five-page project, previewed once with the default pages."""
    folder = tmp_path_factory.mktemp("preview")
    (folder / "pocketguide.yaml").write_text(tiny_config())
    (folder / "hotlines.yaml").write_text(HOTLINES.format(date=dt.date.today()))
    result = run("preview", str(folder))
    assert result.exit_code == 0, result.output
    return folder


def test_default_preview_shows_every_page_of_a_short_guide(tiny):
    folder = tiny / "output" / "tiny-guide-en-preview"
    pngs = sorted(p.name for p in folder.iterdir())
    assert pngs == [f"page-0{n}.png" for n in range(1, 7)]
    for name in pngs:
        with Image.open(folder / name) as image:
            assert image.size == A6_AT_100_DPI
    with Image.open(tiny / "output" / "tiny-guide-en-preview.png") as sheet:
        # 4 columns x 2 rows of 414 x 583 pages, 24 px gutters, a 28 px page-number band.
        assert sheet.size == (4 * 414 + 5 * 24, 2 * (583 + 28) + 3 * 24)
        assert sheet.getpixel((5, 5)) == (236, 236, 236)


def test_pages_option_selects_pages_and_clears_old_ones(tiny):
    result = run("preview", str(tiny), "--pages", "1,3-4")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].endswith("tiny-guide-en-preview/  3 PNG pages of 6")
    folder = tiny / "output" / "tiny-guide-en-preview"
    assert sorted(p.name for p in folder.iterdir()) == ["page-01.png", "page-03.png", "page-04.png"]
    with Image.open(tiny / "output" / "tiny-guide-en-preview.png") as sheet:
        assert sheet.size == (3 * 414 + 4 * 24, 583 + 28 + 2 * 24)


def test_one_page_is_one_page(tiny):
    result = run("preview", str(tiny), "--pages", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2].endswith(
        "tiny-guide-en-preview.png  contact sheet of 1 page"
    )
    assert result.stdout.splitlines()[-1].endswith("tiny-guide-en-preview/  1 PNG page of 6")


def test_out_of_range_pages_are_refused(tiny):
    result = run("preview", str(tiny), "--pages", "2-9")
    assert result.exit_code == 1
    assert result.stderr == "--pages: page 9 is out of range; the PDF has 6 pages\n"


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("abc", '"abc" is not a page list like 1-8, 3 or 1,3,5-7'),
        ("1-x", '"1-x" is not a page list like 1-8, 3 or 1,3,5-7'),
        ("3-1", '"3-1": the range 3-1 runs backwards'),
        ("0-3", '"0-3": pages are numbered from 1'),
    ],
)
def test_a_bad_page_list_is_a_usage_error_before_building(tmp_path, spec, reason):
    result = run("preview", str(tmp_path), "--pages", spec)
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: cli preview [OPTIONS] [PROJECT_DIR]\n"
        "Try 'cli preview --help' for help.\n\n"
        f"Error: Invalid value for '--pages': {reason}\n"
    )
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("spec", "ranges"),
    [
        ("1-8", [(1, 8)]),
        ("3", [(3, 3)]),
        ("1,3,5-7", [(1, 1), (3, 3), (5, 7)]),
        (" 2 - 4 ", [(2, 4)]),
    ],
)
def test_parse_pages(spec, ranges):
    assert parse_pages(spec) == ranges


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", '"" is not a page list like 1-8, 3 or 1,3,5-7'),
        ("1,,2", '"1,,2" is not a page list like 1-8, 3 or 1,3,5-7'),
        ("abc", '"abc" is not a page list like 1-8, 3 or 1,3,5-7'),
        ("0-3", '"0-3": pages are numbered from 1'),
        ("5-3", '"5-3": the range 5-3 runs backwards'),
    ],
)
def test_parse_pages_errors(spec, message):
    with pytest.raises(ValueError) as caught:
        parse_pages(spec)
    assert str(caught.value) == message


def test_select_pages_keeps_order_without_repeats():
    assert select_pages([(3, 4), (1, 1), (4, 5)], 10) == [3, 4, 1, 5]
    assert select_pages(None, 40) == list(range(1, 9))
    assert select_pages(None, 3) == [1, 2, 3]


def test_a_zine_previews_on_the_paper_asked_for(tmp_path):
    # preview had no --paper: an A4 zine could not be previewed in a US project.
    (tmp_path / "pocketguide.yaml").write_text(tiny_config())
    hotline = HOTLINES.format(date=dt.date.today()) + "    category: warmline\n"
    (tmp_path / "hotlines.yaml").write_text(hotline)
    for paper, size in (("a4", (1170, 827)), ("letter", (1100, 850))):  # at 100 dpi, rounded up
        result = run("preview", str(tmp_path), "--format", "zine", "--paper", paper)
        assert result.exit_code == 0, result.output
        with Image.open(tmp_path / "output" / "tiny-zine-en-preview" / "page-01.png") as image:
            assert image.size == size, paper
    result = run("preview", str(tmp_path), "--format", "zine", "--pages", "2")
    assert result.exit_code == 1
    assert result.stderr == "--pages: page 2 is out of range; the PDF has 1 page\n"
