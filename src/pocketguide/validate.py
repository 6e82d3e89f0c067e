"""Validate parsed YAML against a pydantic model, turning errors into path:line problems."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from pocketguide.errors import Problem
from pocketguide.yamlload import line_of

M = TypeVar("M", bound=BaseModel)
# pydantic's wording for the usual slips, said in the words of a YAML file's author.
_PLAIN = {
    "date_from_datetime_parsing": "{input} is not a date written year-month-day, like 2026-11-01",
    "date_parsing": "{input} is not a date written year-month-day, like 2026-11-01",
    "date_type": "{input} is not a date written year-month-day, like 2026-11-01",
    "string_type": "must be text (put it in quotes if YAML reads it as something else)",
    "bool_parsing": "{input} must be true or false",
    "bool_type": "must be true or false",
    "int_parsing": "{input} must be a whole number",
    "int_type": "must be a whole number",
    "list_type": "must be a list, e.g. [a, b] or one `- item` per line",
    "string_too_short": "is empty; write it, or leave the key out",
    "dict_type": "must be a mapping of keys and values, e.g. {{name: ...}}",
    "date_from_datetime_inexact": "{input} has a time; write only the date, like 2026-11-01",
    "greater_than_equal": "{input} is too small; it must be at least {ge}",
    "less_than_equal": "{input} is too big; it must be at most {le}",
    "model_type": "must be a mapping of keys and values, e.g. {{name: ...}}",
}


def validate(
    model: type[M], data: Any, shown: str, context: dict | None = None
) -> tuple[M | None, list[Problem]]:
    """Validate data; return (instance, []) or (None, problems naming shown:line)."""
    try:
        return model.model_validate(data, context=context), []
    except ValidationError as exc:
        return None, [_problem(model, data, shown, err) for err in exc.errors()]


_MEANT = {"colour": ("primary",), "color": ("primary",), "colours": ("primary",)}


def _problem(model: type[BaseModel], data: Any, shown: str, err: dict) -> Problem:
    loc = tuple(err["loc"])
    line = line_of(data, loc)
    kind = err["type"]
    if kind in ("extra_forbidden", "missing"):
        parent = _label(data, loc[:-1])
        where = f" in {parent}" if parent else ""
        key = str(loc[-1])
        if kind == "missing":
            return Problem(shown, line, f'missing required key "{key}"{where}')
        fields = _fields_at(model, loc[:-1])
        # "phone_number" is too far from "phone" for difflib: a field it starts with counts.
        prefixed = [f for f in fields if key.lower().startswith(f"{f}_")]
        close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6) or prefixed
        # Words for a field that share no letters with its name: brand's "colour" is primary.
        close = close or [f for f in _MEANT.get(key.lower(), ()) if f in fields]
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        return Problem(shown, line, f'unknown key "{key}"{where}{hint}')
    message = err["msg"].removeprefix("Value error, ")
    if kind in _PLAIN:
        value = err.get("input")
        # Only a scalar is shown back; a list or mapping would print as Python.
        shown_input = f'"{value}"' if isinstance(value, (str, int, float, dt.date)) else ""
        message = _PLAIN[kind].format(input=shown_input, **err.get("ctx", {})).strip()
        if kind.startswith("date") and isinstance(value, str) and "/" in value:
            # Excel rewrites 2026-11-01 as 11/1/2026 on every save of a CSV file.
            message += " (a spreadsheet may have rewritten it: format that column as Text)"
    if kind in ("too_short", "too_long") and err.get("ctx", {}).get("field_type") == "List":
        ctx = err["ctx"]
        count = ctx["actual_length"]
        has = f"has {count} item{'' if count == 1 else 's'}"
        if kind == "too_short":
            message = f"{has}; write at least {ctx['min_length']}"
        else:
            message = f"{has}; keep at most {ctx['max_length']}"
    if kind == "string_too_short" and loc[-1] in ("name", "title") and "translations" not in loc:
        message = "is empty; write what it should print"  # required: "leave it out" is no help
    if kind == "literal_error":
        message = f"must be one of {err['ctx']['expected']}, not {err.get('input')!r}"
    label = _label(data, loc)
    return Problem(shown, line, f"{label}: {message}" if label else message)


def _label(data: Any, loc: tuple) -> str:
    """Name an error's place: a list entry's `name` when it has one, else the key path."""
    node, name, after = data, None, []
    for part in loc:
        after.append(part)
        node = _child(node, part)
        named = isinstance(node, dict) and isinstance(node.get("name"), str) and node["name"]
        if isinstance(part, int) and named:
            name, after = node["name"], []
    field = ".".join(str(p) for p in after if not isinstance(p, int))
    if name is None:  # counted from 1, as a reader counts entries
        return ".".join(f"entry {p + 1}" if isinstance(p, int) else str(p) for p in loc)
    return name if field in ("", "phone", "text") else f"{name}: {field}"


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names of the (nested) model an error location points into."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _model_in(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, dict):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None
