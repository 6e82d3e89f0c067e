"""Change every text a content model or an HTML document holds (respelling, numbers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel

T = TypeVar("T")
_TAG = re.compile(r"(<[^>]*>)")


def html_parts(html: str) -> list[str]:
    """HTML cut into its tags and the text between them, in order (a tag starts with "<")."""
    return _TAG.split(html)


def map_text(value: T, change: Callable[[str], str], keep: frozenset[str] = frozenset()) -> T:
    """The value with `change` applied to each string in it, except fields named in `keep`.

    A value is a string, a content model, or a list of them; anything else is kept as is.
    """
    if isinstance(value, str):
        return change(value)  # type: ignore[return-value]
    if isinstance(value, BaseModel):
        fields = (name for name in type(value).model_fields if name not in keep)
        update = {name: map_text(getattr(value, name), change, keep) for name in fields}
        return value.model_copy(update=update)  # type: ignore[return-value]
    if isinstance(value, list):
        return [map_text(item, change, keep) for item in value]  # type: ignore[return-value]
    return value
