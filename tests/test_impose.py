"""Imposition on real PDFs: which numbered page lands where and which way up, read back
from text positions; page sizes; marks; creep; errors; and the `impose` command."""

from __future__ import annotations

import ctypes
import re
from io import BytesIO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
)

from conftest import MM, run
from pocketguide.errors import PocketguideError
from pocketguide.impose import impose_booklet, impose_cards, impose_zine
from pocketguide.imposition import saddle_sides

A4 = (210 * MM, 297 * MM)
LETTER = (215.9 * MM, 279.4 * MM)
A6 = (105.0, 148.0)
QUARTER_LETTER = (107.95, 139.7)
HELVETICA = DictionaryObject(
    {
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }
)


def numbered(n: int, size_mm: tuple[float, float] = A6) -> bytes:
    """A PDF of n pages, each with its number "P<i>" starting at the page centre."""
    w, h = size_mm[0] * MM, size_mm[1] * MM
    writer = PdfWriter()
    for i in range(1, n + 1):
        page = writer.add_blank_page(w, h)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): HELVETICA})}
        )
        stream = ContentStream(None, writer)
        stream.set_data(f"BT /F1 9 Tf 1 0 0 1 {w / 2:.3f} {h / 2:.3f} Tm (P{i}) Tj ET".encode())
        page.replace_contents(stream)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def placements(page) -> list[tuple[int, float, float, float]]:
    """(page number, x, y, scale) of every numbered page; a negative scale is upside down.

    Read with pdfium from the written sheet, so the positions are where a printer puts them.
    """
    out = BytesIO()
    writer = PdfWriter()
    writer.add_page(page)
    writer.write(out)
    pdf = pdfium.PdfDocument(out.getvalue())
    textpage = pdf[0].get_textpage()
    found = []
    for match in re.finditer(r"P(\d+)", textpage.get_text_range()):
        x, y, matrix = ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_MATRIX()
        pdfium_c.FPDFText_GetCharOrigin(textpage, match.start(), x, y)
        pdfium_c.FPDFText_GetMatrix(textpage, match.start(), matrix)
        found.append((int(match[1]), x.value, y.value, matrix.a))
    return found


def ops(page) -> str:
    """The page's content stream with whitespace normalized."""
    return " ".join(page.get_contents().get_data().decode().split())


def size(page) -> tuple[float, float]:
    return float(page.mediabox.width), float(page.mediabox.height)


def assert_places(page, expected):
    """Every (page number, x, y, scale) matches, in any order, to 0.5 pt."""
    got = sorted(placements(page))
    expected = sorted(expected)
    assert [g[0] for g in got] == [e[0] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert g[1:] == pytest.approx(e[1:], abs=0.5), (got, expected)


def booklet_expectation(n, page_mm, paper, copies, duplex):
    """Where each page centre should be on each output page, from the standard order."""
    pw, ph = page_mm[0] * MM, page_mm[1] * MM
    short, long_ = paper
    sheet_w, sheet_h = (short, long_) if copies == 2 else (long_, short)
    x0, y0 = (sheet_w - 2 * pw) / 2, (sheet_h - copies * ph) / 2
    turn_backs = (sheet_w > sheet_h) == (duplex == "long")
    pages = []
    for side in saddle_sides(n):
        spots = []
        for copy in range(copies):
            cy = y0 + copy * ph + ph / 2
            for index, cx in ((side.left, x0 + pw / 2), (side.right, x0 + 1.5 * pw)):
                if index is not None:
                    if not side.front and turn_backs:
                        spots.append((index + 1, sheet_w - cx, sheet_h - cy, -1.0))
                    else:
                        spots.append((index + 1, cx, cy, 1.0))
        pages.append(spots)
    return (sheet_w, sheet_h), pages


CASES = [
    pytest.param(A6, "a4", A4, 2, id="a6-on-a4-two-up"),
    pytest.param(A6, "letter", LETTER, 1, id="a6-on-letter-single"),
]


@pytest.mark.parametrize("duplex", ["long", "short"])
@pytest.mark.parametrize(("page_mm", "paper", "paper_pt", "copies"), CASES)
@pytest.mark.parametrize("n", [1, 4, 5, 8, 13, 48])
def test_saddle_page_map(n, page_mm, paper, paper_pt, copies, duplex):
    reader = PdfReader(BytesIO(impose_booklet(numbered(n, page_mm), paper, duplex)))
    sheet, expected = booklet_expectation(n, page_mm, paper_pt, copies, duplex)
    assert len(reader.pages) == len(expected)
    for page, spots in zip(reader.pages, expected, strict=True):
        assert size(page) == pytest.approx(sheet, abs=0.5)
        assert_places(page, spots)


def test_saddle_quarter_letter_two_up_on_letter():
    reader = PdfReader(BytesIO(impose_booklet(numbered(4, QUARTER_LETTER), "letter")))
    sheet, expected = booklet_expectation(4, QUARTER_LETTER, LETTER, 2, "long")
    assert sheet == pytest.approx(LETTER)
    for page, spots in zip(reader.pages, expected, strict=True):
        assert size(page) == pytest.approx(LETTER, abs=0.5)
        assert_places(page, spots)


def test_saddle_hand_checked_map():
    """5 pages, A6 on A4: sheet 1 front 5|1, back 2|blank; sheet 2 front blank|3, back 4|blank."""
    reader = PdfReader(BytesIO(impose_booklet(numbered(5), "a4")))
    left, right = 105 * MM / 2, 105 * MM * 1.5
    bottom, top = 0.5 * MM + 74 * MM, 0.5 * MM + 222 * MM
    maps = [[(5, left), (1, right)], [(2, left)], [(3, right)], [(4, left)]]
    for page, spots in zip(reader.pages, maps, strict=True):
        assert_places(page, [(p, x, y, 1.0) for p, x in spots for y in (bottom, top)])


def test_creep_moves_inner_pages_toward_the_spine_not_the_outermost():
    plain = PdfReader(BytesIO(impose_booklet(numbered(12), "a4")))
    crept = PdfReader(BytesIO(impose_booklet(numbered(12), "a4", creep_mm=2.0)))
    shift = {}
    for before, after in zip(plain.pages, crept.pages, strict=True):
        for (p, x0, _, _), (q, x1, _, _) in zip(
            sorted(placements(before)), sorted(placements(after)), strict=True
        ):
            assert p == q
            shift[p] = round((x1 - x0) / MM, 3)
    spine_left = {12, 2, 10, 4, 8, 6}  # left of the fold on sheets 1, 2, 3
    assert {p: abs(s) for p, s in shift.items()} == {
        **dict.fromkeys((12, 1, 2, 11), 0.0),
        **dict.fromkeys((10, 3, 4, 9), 1.0),
        **dict.fromkeys((8, 5, 6, 7), 2.0),
    }
    assert all(shift[p] >= 0 for p in spine_left) and all(
        shift[p] <= 0 for p in shift if p not in spine_left
    )


def test_creep_clips_pages_at_the_fold():
    data = impose_booklet(numbered(8), "letter", creep_mm=3.0)
    inner_front = PdfReader(BytesIO(data)).pages[2].get_contents().get_data().decode()
    clips = [
        tuple(float(v) for v in found)
        for found in re.findall(r"(\S+) (\S+) (\S+) (\S+) re W n", inner_front)
    ]
    # The innermost sheet's left page is clipped 3 mm short of its full width at the fold;
    # the right page loses the same 3 mm on its inner (left) edge.
    assert clips[0][:3] == pytest.approx((0, 0, 105 * MM - 3 * MM), abs=0.01)
    assert clips[1][::2] == pytest.approx((3 * MM, 105 * MM - 3 * MM), abs=0.01)


def test_booklet_single_copy_has_crop_and_fold_marks_and_two_up_a_cut_line():
    single = PdfReader(BytesIO(impose_booklet(numbered(4), "letter"))).pages[0]
    two_up = PdfReader(BytesIO(impose_booklet(numbered(4), "a4"))).pages[0]
    single_ops, two_up_ops = ops(single), ops(two_up)
    assert single_ops.count(" m ") == 10 and "[4 3] 0 d" not in single_ops
    # Dashed, at the spine, above and below the pages: where to fold the stack of sheets.
    spine, top, bottom = LETTER[1] / 2, (LETTER[0] + 148 * MM) / 2, (LETTER[0] - 148 * MM) / 2
    assert "[1 1] 0 d" in single_ops
    assert f"{spine:.2f} {top + MM:.2f} m {spine:.2f} {top + 4 * MM:.2f} l S" in single_ops
    assert f"{spine:.2f} {bottom - MM:.2f} m {spine:.2f} {bottom - 4 * MM:.2f} l S" in single_ops
    assert "/Artifact BMC" in single_ops
    cut = 0.5 * MM + 148 * MM
    assert f"{cut:.2f} m {210 * MM:.2f} {cut:.2f} l S" in two_up_ops
    assert "[4 3] 0 d" in two_up_ops
    assert two_up_ops.count(" m ") == 1  # the copies fill the paper: no room for crop marks


def test_booklet_never_scales_and_refuses_pages_too_big():
    with pytest.raises(PocketguideError) as err:
        impose_booklet(numbered(4, (215.9, 279.4)), "letter", name="big.pdf")
    assert err.value.message == (
        "big.pdf: pages of 215.9 x 279.4 mm do not fit a booklet on letter paper"
        " (two side by side need 431.8 x 279.4 mm)"
    )


def test_booklet_refuses_a_later_page_larger_than_the_first():
    writer = PdfWriter()
    for part in (numbered(2), numbered(1, (148, 210))):
        writer.append(PdfReader(BytesIO(part)))
    out = BytesIO()
    writer.write(out)
    with pytest.raises(PocketguideError) as err:
        impose_booklet(out.getvalue(), "a4", name="mixed.pdf")
    assert err.value.message == (
        "mixed.pdf: page 3 is 148.0 x 210.0 mm, larger than its 105.0 x 148.0 mm panel"
    )


def test_booklet_fit_pages_scales_to_half_the_paper():
    reader = PdfReader(
        BytesIO(impose_booklet(numbered(4, (215.9, 279.4)), "letter", fit_pages=True))
    )
    assert size(reader.pages[0]) == pytest.approx((LETTER[1], LETTER[0]), abs=0.5)
    scales = {round(abs(s), 4) for page in reader.pages for *_, s in placements(page)}
    assert scales == {round(139.7 / 215.9, 4)}


def test_output_is_deterministic():
    data = numbered(8)
    assert impose_booklet(data, "a4", creep_mm=1.0) == impose_booklet(data, "a4", creep_mm=1.0)
    assert impose_zine(data, "a4", fit_pages=True) == impose_zine(data, "a4", fit_pages=True)


ZINE_A4 = (74.25, 105.0)


def zine_expectation(paper_pt, panel_mm, labels):
    """Page centres of the zine: top row 5 4 3 2 upside down, bottom row 6 7 8 1 upright."""
    pw, ph = panel_mm[0] * MM, panel_mm[1] * MM
    cells = [(5, 0, 1), (4, 1, 1), (3, 2, 1), (2, 3, 1), (6, 0, 0), (7, 1, 0), (8, 2, 0), (1, 3, 0)]
    return [
        (p, (col + 0.5) * pw, (row + 0.5) * ph, -1.0 if row else 1.0)
        for p, col, row in cells
        if p in labels
    ]


def test_zine_map_and_rotations():
    page = PdfReader(BytesIO(impose_zine(numbered(8, ZINE_A4), "a4"))).pages[0]
    assert size(page) == pytest.approx((A4[1], A4[0]), abs=0.5)
    assert_places(page, zine_expectation(A4, ZINE_A4, range(1, 9)))


def test_zine_pads_fewer_pages_with_blanks():
    page = PdfReader(BytesIO(impose_zine(numbered(5, ZINE_A4), "a4"))).pages[0]
    assert_places(page, zine_expectation(A4, ZINE_A4, range(1, 6)))


def test_zine_marks():
    text = ops(PdfReader(BytesIO(impose_zine(numbered(8, ZINE_A4), "a4"))).pages[0])
    pw, ph = 74.25 * MM, 105 * MM
    assert f"{pw:.2f} {ph:.2f} m {3 * pw:.2f} {ph:.2f} l S" in text  # the cut
    for i in (1, 2, 3):  # vertical folds
        assert f"{i * pw:.2f} 0.00 m {i * pw:.2f} {2 * ph:.2f} l S" in text
    assert text.count("/Artifact BMC") == 2


def test_zine_fit_pages_on_letter():
    page = PdfReader(BytesIO(impose_zine(numbered(8), "letter", fit_pages=True))).pages[0]
    assert size(page) == pytest.approx((LETTER[1], LETTER[0]), abs=0.5)
    scale = min(69.85 / 105, 107.95 / 148)
    assert_places(
        page,
        [
            (p, x, y, s * scale)
            for p, x, y, s in zine_expectation(LETTER, (69.85, 107.95), range(9))
        ],
    )


def test_zine_errors():
    with pytest.raises(PocketguideError) as err:
        impose_zine(numbered(9, ZINE_A4), "a4", name="nine.pdf")
    assert err.value.message == "zine takes at most 8 pages; nine.pdf has 9"
    with pytest.raises(PocketguideError) as err:
        impose_zine(numbered(8), "a4", name="a6.pdf")
    assert err.value.message == (
        "a6.pdf: page 1 is 105.0 x 148.0 mm, larger than its 74.2 x 105.0 mm panel"
    )


@pytest.mark.parametrize(("paper", "paper_pt", "count"), [("letter", LETTER, 8), ("a4", A4, 10)])
@pytest.mark.parametrize("duplex", ["long", "short"])
def test_card_sheets(paper, paper_pt, count, duplex):
    reader = PdfReader(BytesIO(impose_cards(numbered(2, (85.6, 54.0)), paper, duplex=duplex)))
    assert len(reader.pages) == 2
    front, back = reader.pages
    assert size(front) == size(back) == pytest.approx(paper_pt, abs=0.5)
    fronts = placements(front)
    backs = placements(back)
    assert [p for p, *_ in fronts] == [1] * count and [p for p, *_ in backs] == [2] * count
    # Each back lies behind a front: mirrored across the long edge of the portrait sheet.
    w, _h = paper_pt
    mirrored = sorted((w - x, y) for _, x, y, _ in fronts)
    for got, want in zip(sorted((x, y) for _, x, y, _ in backs), mirrored, strict=True):
        assert got == pytest.approx(want, abs=0.01)
    assert {s for *_, s in fronts} == {1.0}
    assert {s for *_, s in backs} == {1.0 if duplex == "long" else -1.0}
    assert (
        ops(front).count(" m ") == ops(back).count(" m ") == count * 8
    )  # two marks at every corner


def test_card_front_only_and_errors():
    reader = PdfReader(BytesIO(impose_cards(numbered(1, (85.6, 54.0)), "a4")))
    assert len(reader.pages) == 1
    with pytest.raises(PocketguideError) as err:
        impose_cards(numbered(3, (85.6, 54.0)), "a4", name="three.pdf")
    assert err.value.message == "cards take one or two pages (front and back); three.pdf has 3"


def test_rotated_pages_and_offset_boxes_are_placed_upright():
    writer = PdfWriter()
    writer.append(PdfReader(BytesIO(numbered(4))))
    writer.pages[1].rotate(90)  # shown landscape: 148 x 105 mm
    box = type(writer.pages[0].mediabox)
    for page in writer.pages[2:]:
        page.mediabox = box((-10, -20, 105 * MM + 30, 148 * MM + 40))
        page.trimbox = box((0, 0, 105 * MM, 148 * MM))
    out = BytesIO()
    writer.write(out)
    front, back = PdfReader(BytesIO(impose_booklet(out.getvalue(), "a4", fit_pages=True))).pages
    left, right = 105 * MM / 2, 105 * MM * 1.5
    # Pages 3 and 4 are placed by their trim box, not their larger media box.
    assert sorted((p, round(x, 1), s) for p, x, _, s in placements(front)) == [
        (1, round(right, 1), 1.0),
        (1, round(right, 1), 1.0),
        (4, round(left, 1), 1.0),
        (4, round(left, 1), 1.0),
    ]
    # Page 2 is shown as its /Rotate says (text running down), centred in its panel.
    turned = sorted((y, x, s) for p, x, y, s in placements(back) if p == 2)
    bottom, top = 0.5 * MM + 74 * MM, 0.5 * MM + 222 * MM
    assert [v for spot in turned for v in spot] == pytest.approx(
        [bottom, left, 0.0, top, left, 0.0], abs=0.5
    )


# The command


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_impose_command_saddle(folder):
    (folder / "in.pdf").write_bytes(numbered(13))
    result = run("impose", "in.pdf", "--layout", "saddle", "-o", "out.pdf")
    assert result.exit_code == 0
    # The paper it chose, and how to print it, as build says (a US user got A4 unsaid).
    assert result.stdout == (
        "out.pdf  4 sheets  (print on A4, both sides, flip on long edge, at actual size; fold "
        "and staple as the README says)\n"
    )
    reader = PdfReader(folder / "out.pdf")
    assert len(reader.pages) == 8
    assert size(reader.pages[0]) == pytest.approx(A4, abs=0.5)  # A6 input: A4 by default


def test_impose_command_letter_default_and_fit(folder):
    (folder / "in.pdf").write_bytes(numbered(8, (215.9, 279.4)))
    result = run("impose", "in.pdf", "--layout", "zine", "-o", "zine.pdf")
    assert result.stdout == (
        "zine.pdf  1 sheet  (print on Letter, one side, at actual size; fold as the README says)\n"
    )
    page = PdfReader(folder / "zine.pdf").pages[0]
    assert size(page) == pytest.approx((LETTER[1], LETTER[0]), abs=0.5)
    assert len(placements(page)) == 8


def test_impose_command_right_to_left_zine_and_booklet(folder):
    (folder / "in.pdf").write_bytes(numbered(8, ZINE_A4))
    result = run("impose", "in.pdf", "--layout", "zine", "--right-to-left", "-o", "zine.pdf")
    assert result.stdout == (
        "zine.pdf  1 sheet  (print on A4, one side, at actual size; fold as the README says)\n"
    )
    width = ZINE_A4[0] * MM * 4
    expected = [(p, width - x, y, s) for p, x, y, s in zine_expectation(A4, ZINE_A4, range(1, 9))]
    assert_places(PdfReader(folder / "zine.pdf").pages[0], expected)
    (folder / "a6.pdf").write_bytes(numbered(4))
    run("impose", "a6.pdf", "--layout", "saddle", "--right-to-left", "-o", "booklet.pdf")
    front = PdfReader(folder / "booklet.pdf").pages[0]
    left, right = 105 * MM / 2, 105 * MM * 1.5
    assert [(p, round(x)) for p, x, _y, _s in placements(front)][:2] == [
        (1, round(left)),
        (4, round(right)),
    ]
    cards = run("impose", "a6.pdf", "--layout", "cards", "--right-to-left", "-o", "c.pdf")
    assert cards.exit_code == 1
    assert cards.stderr == "--right-to-left applies only to --layout saddle or zine\n"


def test_impose_command_cards_with_paper(folder):
    (folder / "card.pdf").write_bytes(numbered(2, (85.6, 54.0)))
    result = run("impose", "card.pdf", "--layout", "cards", "--paper", "letter", "-o", "s.pdf")
    assert result.stdout == (
        "s.pdf  1 sheet  (print on Letter, both sides, flip on long edge, at actual size; cut on "
        "the marks)\n"
    )
    assert len(placements(PdfReader(folder / "s.pdf").pages[1])) == 8


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (b"%PDF-1.4 garbage", (), "bad.pdf: not a readable PDF (Stream has ended unexpectedly)"),
        (None, (), "bad.pdf: cannot read the file: No such file or directory"),
        (numbered(9), (), "zine takes at most 8 pages; bad.pdf has 9"),
        (numbered(2), ("-o", "bad.pdf"), "bad.pdf: the output would replace the input"),
        (numbered(2), ("--creep", "2"), "--creep applies only to --layout saddle"),
    ],
)
def test_impose_command_errors(folder, content, args, message):
    if content is not None:
        (folder / "bad.pdf").write_bytes(content)
    result = run("impose", "bad.pdf", "--layout", "zine", "-o", "out.pdf", *args)
    assert result.exit_code == 1
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert not (folder / "out.pdf").exists()


def test_impose_never_overwrites_a_file_that_is_not_a_pdf(folder):
    # `-o notes.txt` replaced the user's text with PDF bytes.
    (folder / "in.pdf").write_bytes(numbered(2))
    (folder / "notes.txt").write_text("keep me")
    result = run("impose", "in.pdf", "--layout", "zine", "-o", "notes.txt")
    assert (result.exit_code, result.stderr) == (
        1,
        "notes.txt: refusing to overwrite a file that is not a PDF\n",
    )
    assert (folder / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize("contents", ["null", "dangling", "array with null"])
def test_pages_with_null_or_missing_contents_impose_as_blank(contents):
    writer = PdfWriter(clone_from=PdfReader(BytesIO(numbered(2, ZINE_A4))))
    blank = writer.pages[1]
    if contents == "null":
        blank[NameObject("/Contents")] = NullObject()
    elif contents == "dangling":
        blank[NameObject("/Contents")] = IndirectObject(9999, 0, writer)
    else:
        blank[NameObject("/Contents")] = ArrayObject([NullObject()])
    out = BytesIO()
    writer.write(out)
    sheet = PdfReader(BytesIO(impose_zine(out.getvalue(), "a4"))).pages[0]
    assert [p[0] for p in placements(sheet)] == [1]


def test_imposing_keeps_no_writer_alive():
    import gc

    from pocketguide import sheets

    for _ in range(3):
        impose_booklet(numbered(4), "a4")
    gc.collect()
    assert len(sheets._FORMS) == 0


def test_an_encrypted_pdf_is_named_as_such(monkeypatch):
    writer = PdfWriter(clone_from=PdfReader(BytesIO(numbered(4))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    locked = BytesIO()
    writer.write(locked)
    with pytest.raises(PocketguideError, match=r"^in.pdf: the PDF is encrypted$"):
        impose_booklet(locked.getvalue(), "a6", "long", 0.0, fit_pages=True, name="in.pdf")
    # AES needs a package pocketguide does not install: pypdf's error named the package.
    from pypdf.errors import DependencyError

    def needs_cryptography(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", needs_cryptography)
    with pytest.raises(PocketguideError, match=r"^in.pdf: the PDF is encrypted$"):
        impose_booklet(locked.getvalue(), "a6", "long", 0.0, fit_pages=True, name="in.pdf")
