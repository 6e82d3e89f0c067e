"""Pydantic schemas of the guide's text: manifest, cover and kit texts, sections, scenarios."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from pocketguide.models import Lines, Strict, Text

_ID = re.compile(r"[^/\\.\s][^/\\]*")  # a file name: no folder, not hidden


def _file_names(ids: list[str]) -> list[str]:
    """Ids are file names (sections/<id>.md), without a folder: "sub/closing" was a traceback."""
    for name in ids:
        if not _ID.fullmatch(name) or name.endswith((".md", ".yaml")):
            raise ValueError(f'"{name}" is no id: write the file name without its folder or ending')
    return ids


def _once_each(ids: list[str]) -> list[str]:
    """Each id listed once where the list is what prints: a repeat printed twice."""
    repeated = [name for index, name in enumerate(ids) if name in ids[:index]]
    if repeated:
        raise ValueError(f'"{repeated[0]}" is listed twice; list each id once')
    return ids


IdNames = Annotated[list[str], AfterValidator(_file_names)]
Ids = Annotated[list[str], AfterValidator(_file_names), AfterValidator(_once_each)]


class Manifest(Strict):
    """The order of sections and scenarios, by id."""

    sections: Ids = Field(min_length=1)
    scenarios: Ids = Field(default_factory=list)


class Kit(Strict):
    """Short texts for the wallet card and the one-sheet zine."""

    guidelines: list[Text] = Field(min_length=3, max_length=7)
    opening: list[Text] = Field(min_length=2, max_length=5)
    closing: list[Text] = Field(min_length=2, max_length=5)
    avoid: list[Text] = Field(min_length=5, max_length=5)
    scenarios: list[Text] = Field(min_length=3, max_length=3)


class GuideText(Strict):
    """Cover and metadata text of one locale."""

    title: Text = Field(min_length=1)
    subtitle: Text
    edition: Text
    author: Text = "pocketguide"
    subject: Text
    keywords: Text | None = None  # the PDF's keywords, in the edition's language
    back_cover: Text = ""
    kit: Kit | None = None


class SectionMeta(Strict):
    """Front matter of a section's Markdown file."""

    title: Text = Field(min_length=1)
    short_title: Text | None = None
    layout: Literal["text", "scenarios", "crisis", "notes"] = "text"
    notes_pages: int = Field(default=2, ge=0, le=20)


class Scenario(Strict):
    """One scenario script: the same structure for every situation."""

    title: Text = Field(min_length=1)
    short_title: Text | None = None
    quick: Text
    signs: Lines = Field(min_length=1)
    going_on: Lines = Field(min_length=1)
    say: Lines = Field(min_length=2, max_length=3)
    do: Lines = Field(min_length=1, max_length=8)
    avoid: Lines = Field(min_length=1)
    escalate: Lines = Field(min_length=1)
