"""The imposition arithmetic on its own: page maps, zine panels, card grids, creep, fitting."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pocketguide.imposition import (
    Side,
    back_rotation,
    booklet_layout,
    card_grid,
    creep_offsets,
    fit,
    saddle_pad,
    saddle_sides,
    zine_panel_mm,
    zine_panels,
)
from pocketguide.paper import PAPER_MM

N = None


def one_based(sides: list[Side]) -> list[tuple[int, str, int | None, int | None]]:
    """Sides as (sheet, front/back, left, right) with 1-based pages, as a printer reads them."""
    return [
        (
            s.sheet + 1,
            "front" if s.front else "back",
            None if s.left is None else s.left + 1,
            None if s.right is None else s.right + 1,
        )
        for s in sides
    ]


def test_pad_puts_blanks_before_the_back_cover():
    assert saddle_pad(4) == [0, 1, 2, 3]
    assert saddle_pad(5) == [0, 1, 2, 3, N, N, N, 4]
    assert saddle_pad(13) == [*range(12), N, N, N, 12]
    assert saddle_pad(48) == list(range(48))


def test_pad_of_one_page_goes_after_it():
    assert saddle_pad(1) == [0, N, N, N]


def test_pad_refuses_no_pages():
    with pytest.raises(ValueError):
        saddle_pad(0)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, [(1, "front", N, 1), (1, "back", N, N)]),
        (4, [(1, "front", 4, 1), (1, "back", 2, 3)]),
        (
            5,
            [(1, "front", 5, 1), (1, "back", 2, N), (2, "front", N, 3), (2, "back", 4, N)],
        ),
        (
            8,
            [(1, "front", 8, 1), (1, "back", 2, 7), (2, "front", 6, 3), (2, "back", 4, 5)],
        ),
    ],
)
def test_saddle_page_maps(n, expected):
    assert one_based(saddle_sides(n)) == expected


def test_saddle_13_pages():
    sides = one_based(saddle_sides(13))
    assert len(sides) == 8
    assert sides[:2] == [(1, "front", 13, 1), (1, "back", 2, N)]
    assert sides[2:4] == [(2, "front", N, 3), (2, "back", 4, N)]
    assert sides[-2:] == [(4, "front", 10, 7), (4, "back", 8, 9)]


def test_saddle_48_pages():
    sides = one_based(saddle_sides(48))
    assert len(sides) == 24
    assert sides[:2] == [(1, "front", 48, 1), (1, "back", 2, 47)]
    assert sides[-2:] == [(12, "front", 26, 23), (12, "back", 24, 25)]


@given(st.integers(min_value=1, max_value=400))
def test_saddle_sides_fold_into_reading_order(n):
    order = saddle_pad(n)
    total = len(order)
    sides = saddle_sides(n)
    assert len(sides) == total // 2
    seen = [p for s in sides for p in (s.left, s.right) if p is not None]
    assert sorted(seen) == list(range(n))
    for front, back in zip(sides[::2], sides[1::2], strict=True):
        assert front.front and not back.front and front.sheet == back.sheet
        i = front.sheet
        # Behind the front's right page is the next page; behind its left, the one before it.
        assert (front.right, back.left) == (order[2 * i], order[2 * i + 1])
        assert (back.right, front.left) == (order[total - 2 - 2 * i], order[total - 1 - 2 * i])
    if n > 1:  # the back cover stays last
        assert order[-1] == n - 1


@given(st.integers(min_value=1, max_value=200))
def test_a_right_to_left_booklet_is_every_side_mirrored(n):
    # Bound on the right: sheet 1's front shows page 1 on the left of the back cover.
    mirrored = [(s.sheet, s.front, s.right, s.left) for s in saddle_sides(n)]
    assert [(s.sheet, s.front, s.left, s.right) for s in saddle_sides(n, True)] == mirrored


def test_a_right_to_left_8_page_booklet():
    expected = [(1, "front", 1, 8), (1, "back", 7, 2), (2, "front", 3, 6), (2, "back", 5, 4)]
    assert one_based(saddle_sides(8, right_to_left=True)) == expected


def test_creep_moves_inner_sheets_not_the_outermost():
    assert creep_offsets(4, 1.5) == [0.0, 0.5, 1.0, 1.5]
    assert creep_offsets(1, 2.0) == [0.0]
    assert creep_offsets(0, 2.0) == []


@given(st.integers(min_value=2, max_value=100), st.floats(min_value=0, max_value=10))
def test_creep_is_linear_from_zero_to_total(n, total):
    offsets = creep_offsets(n, total)
    assert offsets[0] == 0 and offsets[-1] == pytest.approx(total)
    steps = [b - a for a, b in itertools.pairwise(offsets)]
    assert all(s == pytest.approx(total / (n - 1)) for s in steps)


def test_zine_panels_match_the_one_page_zine():
    panels = zine_panels()
    top = sorted((p for p in panels if p.row == 0), key=lambda p: p.col)
    bottom = sorted((p for p in panels if p.row == 1), key=lambda p: p.col)
    assert [p.page + 1 for p in top] == [5, 4, 3, 2]
    assert [p.page + 1 for p in bottom] == [6, 7, 8, 1]
    assert {p.rotation for p in top} == {180}
    assert {p.rotation for p in bottom} == {0}


def test_a_right_to_left_zine_is_the_mirror_image():
    panels = zine_panels(right_to_left=True)
    rows = [sorted((p for p in panels if p.row == r), key=lambda p: p.col) for r in (0, 1)]
    assert [p.page + 1 for p in rows[0]] == [2, 3, 4, 5]
    assert [p.page + 1 for p in rows[1]] == [1, 8, 7, 6]
    mirrored = {(p.page, 3 - p.col, p.row, p.rotation) for p in zine_panels()}
    assert {(p.page, p.col, p.row, p.rotation) for p in panels} == mirrored


def test_zine_panel_sizes():
    assert zine_panel_mm(PAPER_MM["a4"]) == (74.25, 105.0)
    assert zine_panel_mm(PAPER_MM["letter"]) == pytest.approx((69.85, 107.95))


def test_cr80_cards_per_sheet():
    letter = card_grid(PAPER_MM["letter"], (85.6, 54.0))
    a4 = card_grid(PAPER_MM["a4"], (85.6, 54.0))
    assert (letter.count, letter.cols, letter.rows, letter.landscape) == (8, 2, 4, False)
    assert (a4.count, a4.cols, a4.rows, a4.landscape) == (10, 2, 5, False)
    assert len(letter.fronts) == len(letter.backs) == 8


def test_card_grid_tries_landscape():
    grid = card_grid((210.0, 297.0), (120.0, 50.0))
    assert grid.landscape and (grid.cols, grid.rows) == (2, 3)


def test_card_backs_mirror_columns_for_duplex():
    grid = card_grid(PAPER_MM["letter"], (85.6, 54.0))
    left, right = grid.fronts[0], grid.fronts[1]
    assert left[0] < right[0] and left[1] == right[1]  # card 1 at the top left
    assert left[1] == max(y for _, y in grid.fronts)
    for (fx, fy), (bx, by) in zip(grid.fronts, grid.backs, strict=True):
        assert bx == pytest.approx(grid.paper_w - fx - grid.card_w)
        assert by == fy
    assert grid.backs[0][0] == pytest.approx(right[0])


@given(
    st.sampled_from(sorted(PAPER_MM)),
    st.floats(min_value=20, max_value=150),
    st.floats(min_value=20, max_value=150),
)
def test_cards_stay_inside_margins_with_room_for_marks(paper, w, h):
    grid = card_grid(PAPER_MM[paper], (w, h))
    for x, y in grid.fronts:
        assert x >= 6 + 4 - 1e-9 and y >= 6 + 4 - 1e-9
        assert x + w <= grid.paper_w - 10 + 1e-9 and y + h <= grid.paper_h - 10 + 1e-9
    xs = sorted({round(x, 6) for x, _ in grid.fronts})
    ys = sorted({round(y, 6) for _, y in grid.fronts})
    assert all(b - a >= w + 1.5 - 1e-9 for a, b in itertools.pairwise(xs))
    assert all(b - a >= h + 1.5 - 1e-9 for a, b in itertools.pairwise(ys))


def test_card_grid_refuses_margins_below_6_mm():
    with pytest.raises(ValueError):
        card_grid(PAPER_MM["a4"], (85.6, 54.0), margin_mm=3.0)


@pytest.mark.parametrize(
    ("w", "h", "duplex", "turn"),
    [
        (210, 297, "long", 0),
        (210, 297, "short", 180),
        (297, 210, "long", 180),
        (297, 210, "short", 0),
    ],
)
def test_back_rotation(w, h, duplex, turn):
    assert back_rotation(w, h, duplex) == turn


def test_fit_examples():
    assert fit(100, 200, 50, 50) == (0.25, 12.5, 0.0)
    assert fit(100, 50, 100, 50) == (1.0, 0.0, 0.0)


@given(*(st.floats(min_value=1, max_value=2000) for _ in range(4)))
def test_fit_keeps_aspect_and_centres(sw, sh, bw, bh):
    scale, dx, dy = fit(sw, sh, bw, bh)
    assert sw * scale <= bw * (1 + 1e-9) and sh * scale <= bh * (1 + 1e-9)
    assert sw * scale == pytest.approx(bw) or sh * scale == pytest.approx(bh)
    assert dx == pytest.approx((bw - sw * scale) / 2) and dx >= -1e-9
    assert dy == pytest.approx((bh - sh * scale) / 2) and dy >= -1e-9


@pytest.mark.parametrize(
    ("page", "paper", "expected"),
    [
        ((105, 148), "a4", (210, 297, 2)),  # A6: two copies on portrait A4
        ((148, 210), "a4", (297, 210, 1)),  # A5: one copy, landscape
        ((107.95, 139.7), "letter", (215.9, 279.4, 2)),  # quarter-letter: two on Letter
        ((148, 210), "letter", None),  # A5 twice is 296 mm: wider than Letter's 279.4
    ],
)
def test_booklet_layout_puts_two_copies_on_a_sheet_when_they_fit(page, paper, expected):
    layout = booklet_layout(*page, *PAPER_MM[paper], 0.2)
    assert layout == (None if expected is None else pytest.approx(expected))
