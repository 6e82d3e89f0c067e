"""pocketguide.yaml: the organization project's settings, validated up front."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal

from pydantic import Field, field_validator

from pocketguide.contentmodels import IdNames, Ids
from pocketguide.locales import babel_locale
from pocketguide.models import Strict
from pocketguide.phones import Number, number_text, parse_number, region_code

CARD_SIZES_MM = {"cr80": (85.6, 54.0), "a7": (105.0, 74.0)}
_EMAIL = re.compile(r"[^@\s:<>]+@[^@\s:<>]+\.[^@\s.:<>]+")
MIN_PAGE_MM = (70, 100)  # width, height
PAGE_SIZES_MM = {
    "a6": (105.0, 148.0),
    "a7": (74.0, 105.0),
    "quarter-letter": (107.95, 139.7),
    "a5": (148.0, 210.0),  # a handbook rather than a pocket guide, as many charities print
    "half-letter": (139.7, 215.9),
}
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s+([0-9]+(?:\.[0-9]+)?)\s*(mm|in)\s*")


MAX_SLUG = 60  # file names: <slug>-guide-large-<locale>.pdf stays far below 255 bytes


def slugify(text: str, fallback: str = "guide") -> str:
    """A file-name-safe slug: ASCII letters, digits and hyphens (`fallback` when none are left).

    A long name is cut at a hyphen to at most MAX_SLUG characters.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[: MAX_SLUG + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut[:MAX_SLUG]
    return slug or fallback


class Organization(Strict):
    """Who publishes the guide."""

    name: str = Field(min_length=1)
    slug: str | None = None
    website: str | None = None
    phone: Number | None = None
    email: str | None = None

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str | None) -> str | None:
        if value is not None and len(value) > MAX_SLUG:
            raise ValueError(f'is longer than {MAX_SLUG} characters; try "{slugify(value)}"')
        if value is not None and slugify(value) != value:
            raise ValueError(f'"{value}" may use only a-z, 0-9 and -; try "{slugify(value)}"')
        return value

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: object, info) -> Number | None:
        if value is None or isinstance(value, Number):
            return value
        return parse_number(number_text(value), (info.context or {}).get("region", "US"))

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError(f'"{value}" must start with https://')
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        # Printed for readers to write to, so a slip like info-at-example is caught here.
        if value is not None and not _EMAIL.fullmatch(value.strip()):
            raise ValueError(f'"{value}" is not an email address like info@example.org')
        return value.strip() if value else value


class Brand(Strict):
    """Logo, colours and body font."""

    logo: str | None = None
    primary: str = "#1d4e89"
    accent: str = "#f4a259"
    font: str | None = None
    # The other faces of the body font; without one, WeasyPrint prints that text in the
    # regular face (it makes no bold or italic of its own).
    font_bold: str | None = None
    font_italic: str | None = None
    font_bold_italic: str | None = None

    @field_validator("primary", "accent", mode="before")
    @classmethod
    def _colour(cls, value: object) -> str:
        if value is None:  # `primary: #1d4e89` unquoted: YAML reads # as a comment
            raise ValueError('is empty; put the colour in quotes, e.g. "#1d4e89"')
        if isinstance(value, str) and _COLOUR.fullmatch(value):
            return value.lower()
        return _css_colour(value)


def _lower(value: object) -> object:
    """Paper and card names as people write them ("A4", "Letter"), in the schema's case."""
    return value.strip().lower() if isinstance(value, str) else value


def _css_colour(value: object) -> str:
    """A CSS colour name or rgb()/hsl()/hwb() as brand guides give them ("navy"), as "#rrggbb".

    CSS Color 4 syntax too: `rgb(122 30 60)`, with spaces, is how design tools copy colours.
    """
    from tinycss2.color4 import Color, parse_color  # tinycss2 is WeasyPrint's CSS parser

    colour = parse_color(value.strip()) if isinstance(value, str) else None
    if not isinstance(colour, Color) or colour.space not in ("srgb", "hsl", "hwb"):
        raise ValueError(
            f'"{value}" is not a colour: write a hex code like "#1d4e89", a CSS colour name '
            'like "navy", or "rgb(29, 78, 137)"'
        )
    if colour.alpha < 1:
        raise ValueError(f'"{value}" is see-through; brand colours print solid, e.g. "#1d4e89"')
    red_green_blue = colour.to("srgb").coordinates
    return "#" + "".join(f"{round(min(max(part, 0), 1) * 255):02x}" for part in red_green_blue)


class Sections(Strict):
    """Drop or reorder the default sections by id."""

    exclude: IdNames = Field(default_factory=list)  # a repeat excludes it all the same
    order: Ids | None = None


class Verification(Strict):
    """How old a hotline's `verified` date may be."""

    max_age_days: int = Field(default=365, ge=1, le=3650)


class CardSettings(Strict):
    """The wallet card: its size and, optionally, which hotlines its back shows."""

    size: Literal["cr80", "a7"] = "cr80"
    hotlines: list[str] | None = None

    @field_validator("size", mode="before")
    @classmethod
    def _size(cls, value: object) -> object:
        return _lower(value)


class BuildSettings(Strict):
    """Reproducible builds."""

    date: dt.date | None = None


class Config(Strict):
    """The whole pocketguide.yaml."""

    organization: Organization
    region: str = "US"
    locales: list[str] = Field(default_factory=lambda: ["en"], min_length=1)
    page: str = "a6"
    paper: Literal["letter", "a4"] | None = None
    card: CardSettings = Field(default_factory=CardSettings)
    brand: Brand = Field(default_factory=Brand)
    hotlines: str | None = None
    sections: Sections = Field(default_factory=Sections)
    verification: Verification = Field(default_factory=Verification)
    build: BuildSettings = Field(default_factory=BuildSettings)
    fillable: bool = False  # crisis-page blank lines become PDF form fields
    large_print: bool = False  # build the guide as --large-print does, always

    @field_validator("region")
    @classmethod
    def _region(cls, value: str) -> str:
        return region_code(value)

    @field_validator("paper", mode="before")
    @classmethod
    def _paper(cls, value: object) -> object:
        return _lower(value)

    @field_validator("page")
    @classmethod
    def _page(cls, value: str) -> str:
        page_size_mm(value)
        return value

    @field_validator("locales")
    @classmethod
    def _locales(cls, value: list[str]) -> list[str]:
        for tag in value:
            babel_locale(tag)
            # es_MX is taken as es-MX (its folder keeps the underscore); en-gb is refused.
            if tag.replace("_", "-") != (canonical := canonical_tag(tag)):
                raise ValueError(
                    f'"{tag}" is written {canonical} (language in small letters, region in '
                    f"capitals), as its content folder is named: content/{canonical}/"
                )
        repeated = sorted({tag for tag in value if value.count(tag) > 1})
        if repeated:
            raise ValueError(f'"{repeated[0]}" is listed twice; list each locale once')
        return value

    @property
    def slug(self) -> str:
        """The organization's slug, or its name slugified."""
        return self.organization.slug or slugify(self.organization.name)


def canonical_tag(tag: str) -> str:
    """A language tag as BCP 47 writes it: en-GB, zh-Hant-TW, es-419."""
    language, *rest = tag.replace("_", "-").split("-")
    parts = [language.lower()]
    for part in rest:
        parts.append(part.title() if len(part) == 4 else part.upper() if len(part) <= 3 else part)
    return "-".join(parts)


def page_size_mm(value: str) -> tuple[float, float]:
    """Page width and height in mm for a name (a6, a5, quarter-letter, ...) or "W H mm|in"."""
    key = value.strip().lower()
    if key in PAGE_SIZES_MM:
        return PAGE_SIZES_MM[key]
    match = _SIZE.fullmatch(key)
    if not match:
        names = ", ".join(PAGE_SIZES_MM)
        raise ValueError(f'"{value}" is not one of {names} or "WIDTH HEIGHT mm|in"')
    factor = 25.4 if match.group(3) == "in" else 1.0
    width, height = float(match.group(1)) * factor, float(match.group(2)) * factor
    # Below about A7 (74 x 105 mm) the cover title and a line of body text no longer fit.
    if not (MIN_PAGE_MM[0] <= width <= 300 and MIN_PAGE_MM[1] <= height <= 430):
        raise ValueError(
            f'"{value}" is outside {MIN_PAGE_MM[0]}-300 mm wide and {MIN_PAGE_MM[1]}-430 mm high '
            "(A7 is 74 x 105 mm)"
        )
    return width, height
