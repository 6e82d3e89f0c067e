"""Fit arithmetic: fixed-size faces (card faces, zine panels) and the guide's write-in lines."""

from __future__ import annotations

from dataclasses import dataclass

from pocketguide.errors import Problem

TOLERANCE_MM = 0.2


# A name longer than this takes two or more lines on a card: it may be what overflows.
LONG_NAME = 40

# The crisis page's write-in lines, as guide.css sets them (in --mm, which large print scales):
# each line's height and gap, the page's top and bottom margins, the "Local numbers" heading.
LINE_MM = 8.2 + 0.6
MARGINS_MM = 12 + 12
HEADING_MM = 7
LARGE_PRINT_SCALE = 1.4  # guide.html.j2's --mm in large print
SPARE_LINES = 3  # unlabelled lines under the labelled ones, for numbers of the reader's own


@dataclass(frozen=True)
class Fit:
    """How tall a box's content is, and how much room the box has, in millimetres."""

    label: str
    content_mm: float
    room_mm: float
    wide_mm: float = 0.0  # how far text reaches past the box's sides (into padding or off)
    widest: str = ""  # that text: a number or word wider than its column
    columns: int = 1  # numbers side by side (the kit's two-column list) or one under another
    unbreakable: bool = False  # `widest` alone is wider than its column: only shortening helps


def overflow_problems(fits: list[Fit], source: str, long_name: str = "") -> list[Problem]:
    """One problem per face whose content is taller than its room, saying by how much.

    `long_name`: the longest entry name the numbers' faces print, as `file:line: "name"`.
    """
    problems = []
    for fit in fits:
        if fit.wide_mm > TOLERANCE_MM:
            problems.append(
                Problem(
                    source,
                    None,
                    f'the {fit.label} is {fit.wide_mm:.1f} mm too wide: "{fit.widest}" does not '
                    f"fit across its {'column' if fit.columns > 1 else 'face'} and would be cut "
                    f"off at the edge; {_narrower(fit)} (type is never shrunk to make it fit)",
                )
            )
        over = fit.content_mm - fit.room_mm
        if over > TOLERANCE_MM:
            problems.append(
                Problem(
                    source,
                    None,
                    f"the {fit.label} overflows by {over:.1f} mm "
                    f"({fit.content_mm:.1f} mm of content in {fit.room_mm:.1f} mm); "
                    f"{_advice(fit.label, long_name)} (type is never shrunk to make it fit)",
                )
            )
    return problems


def _narrower(fit: Fit) -> str:
    """What to change: two columns of numbers become one with two numbers or fewer."""
    if fit.columns > 1 and not fit.unbreakable:
        return (
            "list at most two numbers under card: hotlines: in pocketguide.yaml, which prints "
            "them in one column"
        )
    return "shorten it"


def _advice(label: str, long_name: str = "") -> str:
    """What to change: the faces with crisis numbers fill up with entries, not with text."""
    if label == "card back" or "crisis numbers" in label:
        fewer = (
            "show fewer numbers by listing the ones to keep under card: hotlines: in "
            "pocketguide.yaml"
        )
        return f"shorten the long name at {long_name}, or {fewer}" if long_name else fewer
    return "shorten its text"


def spare_lines(labelled: int, page_height_mm: float, scale: float = 1.0) -> int:
    """How many unlabelled write-in lines to add under `labelled` ones: up to SPARE_LINES.

    Only as many as fit on the page the labelled lines end on, less one for a label that
    takes an extra line: three spare lines alone on a page of their own read as a mistake.
    """
    first = int((page_height_mm - scale * (MARGINS_MM + HEADING_MM)) / (scale * LINE_MM))
    later = int((page_height_mm - scale * MARGINS_MM) / (scale * LINE_MM))
    if first < 1 or later < 1:
        return 0
    left = labelled - first
    used = labelled if left <= 0 else left % later or later
    room = (first if left <= 0 else later) - used
    return max(0, min(SPARE_LINES, room - 1))
