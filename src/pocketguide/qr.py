"""QR codes for hotline web addresses: segno, inline SVG, modules large enough to scan."""

from __future__ import annotations

import functools

import segno

MODULE_MM = 0.55  # phones scan printed modules of 0.5 mm and up reliably
BORDER = 2


def qr_image(url: str) -> dict[str, object]:
    """An SVG data URI for url and the printed size in mm that keeps modules >= 0.5 mm."""
    return dict(_qr_image(url))  # a copy: the caller's to change


@functools.lru_cache(maxsize=256)
def _qr_image(url: str) -> dict[str, object]:
    # Remembered: `watch` rebuilds the same codes after every edit (15 ms a code).
    code = segno.make(url, error="m", micro=False)
    modules = code.symbol_size(border=BORDER)[0]
    return {
        "src": code.svg_data_uri(scale=1, border=BORDER, unit="mm", omitsize=False),
        "mm": round(modules * MODULE_MM, 2),
        "modules": modules,
    }
