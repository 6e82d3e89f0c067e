"""Language tags (en, es-MX, en_GB): a tag's language, and its Babel locale."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError


def language_of(tag: str) -> str:
    """The language of a locale tag: "en" for en-GB or en_GB."""
    return tag.replace("_", "-").split("-")[0].lower()


def babel_locale(tag: str) -> Locale:
    """The Babel locale of a language tag: en, es, en-GB or en_GB."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise ValueError(f'"{tag}" is not a language tag like en, es or en-GB') from None


def is_language(tag: str) -> bool:
    """True for a language tag Babel knows (es, es-MX, zh-Hant), whose name it can print."""
    try:
        babel_locale(tag)
    except ValueError:
        return False
    return True


def language_name(tag: str, locale: str) -> str:
    """A language tag as a name in a locale's language ("es" -> "Spanish"), else the tag."""
    if not is_language(tag):
        return tag
    return babel_locale(tag).get_display_name(babel_locale(locale)) or tag


RTL_LANGUAGES = {"ar", "he", "fa", "ur", "yi", "ps"}


def right_to_left(locale: str) -> bool:
    """Whether a locale's language is written right to left (its books bind on the right)."""
    return language_of(locale) in RTL_LANGUAGES


# Codes people write for a country that ISO 3166-1 spells otherwise: the UK is GB.
_REGION_ALIASES = {
    "UK": "GB", "EN": "GB", "GBR": "GB", "USA": "US", "IRL": "IE", "AUS": "AU", "NZL": "NZ",
    "CAN": "CA", "MEX": "MX", "ESP": "ES", "DEU": "DE", "FRA": "FR", "KEN": "KE", "IND": "IN",
}  # fmt: skip


def unknown_region(value: str) -> str:
    """The message for a region code that is not one, with the code meant if it is clear."""
    meant = _REGION_ALIASES.get(value.strip().upper())
    hint = f'; did you mean "{meant}"?' if meant else " (e.g. US, GB)"
    return f'"{value}" is not a known ISO 3166-1 region code{hint}'
