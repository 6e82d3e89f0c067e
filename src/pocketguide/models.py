"""Pydantic schemas of the hotlines (entries, their translations, the file), and the base."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal
from urllib.parse import quote

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from pocketguide.locales import babel_locale, is_language, language_of
from pocketguide.phones import (
    Number,
    is_emergency,
    knows_emergency,
    number_text,
    parse_number,
    region_code,
)

Text = str
Lines = list[str]
# In print order: emergency first, so "in danger right now" is never overleaf.
CATEGORIES = (
    "emergency",
    "crisis",
    "substance-use",
    "domestic-violence",
    "sexual-assault",
    "youth",
    "veterans",
    "warmline",
    "local",
    "other",
)


LONGEST_URL = 500


class Strict(BaseModel):
    """Base for every schema: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class HotlineWords(Strict):
    """An entry's words in another language; its numbers stay the entry's own."""

    name: Text | None = Field(default=None, min_length=1)
    hours: Text | None = Field(default=None, min_length=1)
    notes: Text | None = Field(default=None, min_length=1)


class Hotline(Strict):
    """A crisis or referral number; phone and text numbers are checked for their region."""

    name: Text = Field(min_length=1)  # printed above the number: an empty one is a slip
    region: str | None = None
    phone: Number | None = None
    text: Number | None = None
    keyword: str | None = None  # what a text line asks people to send first ("SHOUT")
    url: str | None = None
    hours: Text | None = None
    languages: list[str] = Field(default_factory=list)
    category: Literal[CATEGORIES] = "other"  # type: ignore[valid-type]
    notes: Text | None = None
    verified: dt.date | None = None
    translations: dict[str, HotlineWords] = Field(default_factory=dict)
    # Where the entry starts in its file (line, or CSV row), for messages; not part of the data.
    _line: int | None = PrivateAttr(default=None)

    @property
    def numbers(self) -> list[Number]:
        """The entry's phone and text numbers, those it has."""
        return [n for n in (self.phone, self.text) if n is not None]

    @field_validator("region")
    @classmethod
    def _region(cls, value: str | None) -> str | None:
        return None if value is None else region_code(value)

    @field_validator("phone", "text", mode="before")
    @classmethod
    def _number(cls, value: object, info: ValidationInfo) -> Number | None:
        if value is None or isinstance(value, Number):
            return value
        home = (info.context or {}).get("region", "US")
        region = info.data.get("region") or home
        return parse_number(number_text(value), region, sms=info.field_name == "text", home=home)

    @field_validator("languages", mode="before")
    @classmethod
    def _language_codes(cls, value: object) -> object:
        # "en, es" in one item (or a CSV cell) is two codes; a name would print untranslated.
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return value
        codes = [code.strip() for item in value for code in re.split(r"[,;]", item)]
        codes = [code for code in codes if code]
        for code in codes:
            if not is_language(code):
                raise ValueError(
                    f'"{code}" is not a language code; write codes such as en, es, vi (the '
                    "guide prints their names in each edition's language)"
                )
        return codes

    @field_validator("keyword")
    @classmethod
    def _keyword(cls, value: str | None) -> str | None:
        if value is None:
            return value
        words = value.split()
        # ASCII only: "ＳＨＯＵＴ" (full width) or a Cyrillic "О" look right but reach no one.
        plain = all(w.isascii() and w.isalnum() for w in words)
        if not (1 <= len(words) <= 2 and plain and len(value) <= 20):
            raise ValueError(
                f'"{value}" is not a text keyword: one or two words of the letters A-Z and '
                "digits, as the service asks (e.g. SHOUT)"
            )
        if len(words) == 2 and words[0].upper() == "TEXT":
            raise ValueError(
                f'"{value}": the guide prints "Text {words[1]} to ..." itself; write only '
                f"the word to send ({words[1]})"
            )
        return " ".join(words)

    @property
    def text_uri(self) -> str | None:
        """The sms: link of the text number, with the keyword as the message when there is one."""
        if self.text is None:
            return None
        return f"{self.text.uri}?body={quote(self.keyword)}" if self.keyword else self.text.uri

    @field_validator("translations")
    @classmethod
    def _languages(cls, value: dict[str, HotlineWords]) -> dict[str, HotlineWords]:
        return _language_keys(value)

    def words_in(self, locale: str) -> HotlineWords | None:
        """The entry's translation for a locale (es-MX), else for its language (es), if any."""
        return _translation(self.translations, locale)

    def in_language(self, locale: str) -> Hotline:
        """The entry as a locale's edition prints it: translated words, the same numbers."""
        words = self.words_in(locale)
        if words is None:
            return self
        return self.model_copy(update=words.model_dump(exclude_none=True))

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError(f'"{value}" must start with https://')
        if value is not None and len(value) > LONGEST_URL:
            # Its QR code would not fit a pocket page (and past ~2,300 none can hold it).
            raise ValueError(
                f"{len(value)} characters is too long for a QR code a pocket page can print; "
                f"use a link of at most {LONGEST_URL}"
            )
        return value

    @field_validator("verified")
    @classmethod
    def _verified(cls, value: dt.date | None) -> dt.date | None:
        # A day of slack: the checker's calendar may be ahead of this machine's.
        if value is not None and value > dt.date.today() + dt.timedelta(days=1):
            raise ValueError(f"{value.isoformat()} is in the future; use the day you checked")
        return value

    @model_validator(mode="after")
    def _reachable(self) -> Hotline:
        if not (self.phone or self.text or self.url):
            raise ValueError("needs at least one of phone, text, url")
        if self.keyword and not self.text:
            raise ValueError(f'keyword: "{self.keyword}" needs the number to text it to (text:)')
        if self.keyword and self.text and _is_number(self.keyword, self.text):
            raise ValueError(
                f'keyword: "{self.keyword}" is the text number itself; write the word the '
                "service asks people to send (e.g. HOME), or leave keyword out"
            )
        return self

    @model_validator(mode="after")
    def _emergency(self, info: ValidationInfo) -> Hotline:
        # A short code filed as emergency must be the real one: 9111 for 911 is a typo
        # that phonenumbers accepts as a carrier short code.
        region = self.region or (info.context or {}).get("region", "US")
        phone = self.phone
        short = phone is not None and phone.short and knows_emergency(region)
        if self.category == "emergency" and short and not is_emergency(phone, region):
            raise ValueError(
                f'phone: "{phone.raw}" is not an emergency number in {region}; check its '
                "digits, or file it under category: local if it is a local service's line"
            )
        return self


class FileWords(Strict):
    """The file's own words in another language: the labels of the blank lines."""

    blanks: list[str] | None = None


class HotlineFile(Strict):
    """hotlines.yaml: the numbers, and the labelled blank lines for the crisis page."""

    hotlines: list[Hotline] = Field(default_factory=list)
    blanks: list[str] = Field(default_factory=list)
    translations: dict[str, FileWords] = Field(default_factory=dict)
    # Whether the file itself gave `blanks` (not the locale's default labels copied in).
    _own_blanks: bool = PrivateAttr(default=False)
    # The line each blank label is written on (its own and its translations'), for messages.
    _blank_lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @field_validator("translations")
    @classmethod
    def _languages(cls, value: dict[str, FileWords]) -> dict[str, FileWords]:
        return _language_keys(value)

    @field_validator("hotlines", mode="before")
    @classmethod
    def _none_yet(cls, value: Any) -> Any:
        # `hotlines:` with only comments under it (init's example, not yet filled in).
        return [] if value is None else value

    @model_validator(mode="after")
    def _note_own_blanks(self) -> HotlineFile:
        self._own_blanks = "blanks" in self.model_fields_set and bool(self.blanks)
        return self

    @property
    def own_blanks(self) -> bool:
        """True when the file's own `blanks` labels print (they may need translating)."""
        return self._own_blanks

    def blanks_in(self, locale: str) -> list[str] | None:
        """The blank labels translated for a locale or its language, if the file gives them."""
        words = _translation(self.translations, locale)
        return words.blanks if words else None


def _language_keys(value: dict[str, Any]) -> dict[str, Any]:
    """Check that every key of a translations mapping is a language tag, each language once."""
    seen: dict[str, str] = {}
    for tag in value:
        babel_locale(tag)
        same = seen.setdefault(tag.replace("_", "-").lower(), tag)
        if same != tag:  # es and ES, or es_MX and es-MX: one would silently replace the other
            raise ValueError(f"{same} and {tag} are the same language; keep one")
    return value


def _translation(translations: dict[str, Any], locale: str) -> Any:
    """The translation for a locale (es-MX), else for its language (es), else None."""
    tag = locale.replace("_", "-")
    by_tag = {key.replace("_", "-").lower(): words for key, words in translations.items()}
    return by_tag.get(tag.lower()) or by_tag.get(language_of(tag))


def _is_number(keyword: str, number: Number) -> bool:
    """True if a keyword is the digits of the number it is texted to (741741 for 741741)."""
    digits = keyword.replace(" ", "")
    written = re.sub(r"\D", "", number.raw)
    return digits.isdigit() and digits in {written, number.normalized.lstrip("+")}
