"""Image files that would not print as meant: damaged pictures, and SVGs without a size."""

from __future__ import annotations

import functools
import warnings
from xml.etree.ElementTree import Element, ParseError, parse

RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
UNSIZED = (
    'has no size, so it would print cut off; add viewBox="0 0 W H" to its <svg> tag, W and H '
    "the width and height of the drawing"
)


@functools.lru_cache(maxsize=256)
def image_problem(path: str, _mtime: int, _size: int, suffix: str) -> str | None:
    """Why an image cannot be printed as meant, if so; WeasyPrint draws a cut-short PNG as a
    black box and says nothing, and for other damage names no reason."""
    if suffix == ".svg":
        try:
            root = parse(path).getroot()
        except ParseError as exc:
            return f"not valid SVG ({exc}); open it and save it again"
        return UNSIZED if _unsized(root) else None
    if suffix not in RASTER:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # Pillow only warns below twice its limit
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify() if suffix == ".png" else image.load()  # verify: PNG checksums
    except UnidentifiedImageError:
        return f"not a {suffix.lstrip('.').upper()} image inside (damaged, or renamed?)"
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return f"too large to open safely ({str(exc).rstrip('.')}); save it smaller"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"a damaged image ({exc}); open it and save it again"
    return None


def _unsized(root: Element) -> bool:
    """True for an <svg> with neither a viewBox nor a width and height.

    WeasyPrint draws such a drawing at full scale in a 300 x 150 px box, whatever size it is
    shown at: a logo wider than that prints cut off.
    """
    if root.get("viewBox"):
        return False
    sizes = (root.get("width", "").strip(), root.get("height", "").strip())
    return not all(size and not size.endswith("%") for size in sizes)
