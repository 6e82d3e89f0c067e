"""Brand files and colours: logo and font must exist; text colours must be readable (WCAG)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from pocketguide.contrast import WHITE, contrast_ratio, hex_rgb
from pocketguide.errors import Problem
from pocketguide.images import UNSIZED, image_problem
from pocketguide.project import Project

LOGO_TYPES = {".svg", ".png", ".jpg", ".jpeg"}  # logos often arrive as JPEG
FONT_TYPES = {".ttf", ".otf", ".woff", ".woff2"}
MIN_TEXT_CONTRAST = 4.5
# The crisis numbers print large and bold in brand.primary: below WCAG's 3:1 for large text
# they cannot be read, so that is an error, not a warning.
MIN_NUMBER_CONTRAST = 3.0


# How each kind of file starts: WeasyPrint's own message for a damaged image names neither the
# key nor a reason ("Failed to load image at 'file:///...': ").
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".ttf": (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf"),
    ".otf": (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf"),
    ".woff": (b"wOFF",),
    ".woff2": (b"wOF2",),
}


def _looks_like(path: Path) -> bool:
    """Whether a brand file's first bytes are those of its kind (an SVG has an <svg tag)."""
    with path.open("rb") as handle:
        head = handle.read(65536)  # an SVG may open with a long comment
    if path.suffix.lower() == ".svg":
        return b"<svg" in head
    return head.startswith(_MAGIC[path.suffix.lower()])


def _image_problem(path: Path) -> str | None:
    """images.image_problem, remembered: the fetcher asks again for the same file."""
    path, info = path.resolve(), path.stat()  # resolved, as the fetcher names it
    return image_problem(str(path), info.st_mtime_ns, info.st_size, path.suffix.lower())


def _font_damage(path: Path) -> str | None:
    """Why a font file cannot be used, if so: WeasyPrint only warns and prints in Noto Sans."""
    if path.suffix.lower() == ".woff2":
        return None  # reading one needs brotli, which pocketguide does not install
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            for tag in font.reader.keys():  # noqa: SIM118 (a reader, not a dict)
                font.reader[tag]  # every table's bytes are in the file
    except (TTLibError, OSError, ValueError, AssertionError) as exc:
        return str(exc) or type(exc).__name__
    return None


# The faces of the body font, as (key, CSS font-weight, CSS font-style).
FACES = (
    ("font", "normal", "normal"),
    ("font_bold", "bold", "normal"),
    ("font_italic", "normal", "italic"),
    ("font_bold_italic", "bold", "italic"),
)


@dataclass(frozen=True)
class BrandAssets:
    """Resolved brand files as file: URLs for the templates."""

    logo_url: str | None
    font_url: str | None
    # (weight, style, url) of every face of the brand's body font, when it has one.
    font_faces: tuple[tuple[str, str, str], ...] = ()


def resolve_brand(project: Project) -> tuple[BrandAssets, list[Problem], list[str]]:
    """Check brand files and colours; return assets, errors and warnings."""
    if project.config is None:
        return BrandAssets(None, None), [], []
    brand = project.config.brand
    shown = project.shown(project.config_path)
    problems: list[Problem] = []
    urls: dict[str, str | None] = dict.fromkeys(["logo", *(face for face, _w, _s in FACES)])
    for key, allowed in (("logo", LOGO_TYPES), *((face, FONT_TYPES) for face, _w, _s in FACES)):
        relative = getattr(brand, key)
        if relative is None:
            continue
        path = project.path(relative)
        line = project.line("brand", key)
        kinds = ", ".join(sorted(allowed))
        if not path.is_relative_to(project.root):
            problems.append(Problem(shown, line, f"brand.{key}: {relative} is outside the project"))
        elif not path.is_file():
            problems.append(Problem(shown, line, f"brand.{key}: file not found: {relative}"))
        elif path.suffix.lower() not in allowed:
            problems.append(Problem(shown, line, f"brand.{key}: {relative} must be one of {kinds}"))
        elif not _looks_like(path):
            kind = path.suffix.lower().lstrip(".").upper()
            message = f"brand.{key}: {relative} is not a {kind} file inside (damaged, or renamed?)"
            problems.append(Problem(shown, line, message))
        elif allowed is LOGO_TYPES and (why := _image_problem(path)) is not None:
            # Here, not only when rendering: `check` said "ok" for a damaged logo.
            joined = " " if why == UNSIZED else ": "
            problems.append(Problem(shown, line, f"brand.{key}: {relative}{joined}{why}"))
        elif allowed is FONT_TYPES and (damage := _font_damage(path)):
            message = f"brand.{key}: {relative} is a damaged font ({damage}); get the file again"
            problems.append(Problem(shown, line, message))
        else:
            urls[key] = path.as_uri()
    warnings = []
    line = project.line("brand", "font") or project.line("brand") or 1
    # WeasyPrint 70 neither makes bold or italic from a regular file (it prints the regular
    # glyphs) nor mixes files of two fonts in one family (one face then wins for all text).
    faces = tuple((weight, style, urls[face]) for face, weight, style in FACES if urls[face])
    missing = [f"brand.{face}" for face, _w, _s in FACES[1:] if getattr(brand, face) is None]
    if urls["font"] and missing:
        warnings.append(
            f"{shown}:{line}: brand.font has no {', '.join(missing)}: WeasyPrint prints that "
            "text in the regular face, so headings and emphasis lose their weight or slant; "
            "add the matching files of the same font"
        )
    elif brand.font is None and len(missing) < len(FACES) - 1:
        warnings.append(
            f"{shown}:{line}: brand.font_bold, font_italic and font_bold_italic are used only "
            "with brand.font, the regular face"
        )
    # Rounded down, so 2.996 shows as 2.9:1 and never as the 3:1 it misses.
    ratio = math.floor(contrast_ratio(hex_rgb(brand.primary), WHITE) * 10) / 10
    if ratio < MIN_NUMBER_CONTRAST:
        problems.append(
            Problem(
                shown,
                project.line("brand", "primary") or 1,
                f'brand.primary "{brand.primary}" has contrast {ratio:.1f}:1 against white; the '
                f"crisis numbers print in it and need at least {MIN_NUMBER_CONTRAST:.0f}:1 "
                f"(body text {MIN_TEXT_CONTRAST}:1): choose a darker colour",
            )
        )
    elif ratio < MIN_TEXT_CONTRAST:
        warnings.append(
            f"{shown}:{project.line('brand', 'primary') or 1}: "
            f'brand.primary "{brand.primary}" is used for text and has contrast '
            f"{ratio:.1f}:1 against white; text needs at least {MIN_TEXT_CONTRAST}:1"
        )
    return BrandAssets(urls["logo"], urls["font"], faces), problems, warnings
