"""Paper sizes shared by the proof sheet, the print formats and `pocketguide impose`."""

from __future__ import annotations

MM = 72 / 25.4  # PDF points per millimetre

PAPER_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}


def paper_for(region: str) -> str:
    """Letter in the US and Canada, A4 elsewhere."""
    return "letter" if region in ("US", "CA") else "a4"
