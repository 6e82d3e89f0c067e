"""Paper sizes shared by the proof sheet, the print formats and `pocketguide impose`."""

from __future__ import annotations

MM = 72 / 25.4  # PDF points per millimetre

PAPER_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}


def paper_for(region: str) -> str:
    """Letter in the US and Canada, A4 elsewhere."""
    return "letter" if region in ("US", "CA") else "a4"


PAPER_NAMES = {"letter": "Letter", "a4": "A4"}


def how_to_print(fmt: str, paper: str, duplex: str, pages: int) -> str:
    """How to print a sheet a format writes on a home printer ("" for page-size formats)."""
    name = PAPER_NAMES.get(paper, paper)
    if fmt == "zine":
        return f"print on {name}, one side, at actual size; fold as the README says"
    count = pages // 2
    sheets = (
        f" ({count} sheet{'' if count == 1 else 's'})" if fmt == "booklet" and pages else ""
    )  # 0: said already
    both = f"print on {name}, both sides{sheets}, flip on {duplex} edge, at actual size"
    if fmt == "card":
        return f"{both}; cut on the marks"
    if fmt == "booklet":
        return f"{both}; fold and staple as the README says"
    return ""
