"""An organization's hotlines: YAML or CSV in, checked numbers out, stale dates flagged."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.errors import Problem, display_path
from pocketguide.models import Hotline, HotlineFile
from pocketguide.phones import is_emergency
from pocketguide.validate import validate
from pocketguide.yamlload import MAX_BYTES, LineDict, LineList, load_yaml_file, read_input

if TYPE_CHECKING:
    from pocketguide.lock import LockedEntry

CSV_COLUMNS = (
    "name",
    "phone",
    "text",
    "keyword",
    "url",
    "hours",
    "languages",
    "category",
    "notes",
    "verified",
)
# A column `name:es`, `hours:es` or `notes:es` holds an entry's words in that language.
TRANSLATED_COLUMNS = ("name", "hours", "notes")


def load_hotlines(path: Path, region: str, root: Path) -> tuple[HotlineFile | None, list[Problem]]:
    """Read hotlines.yaml or hotlines.csv; problems name the file and line."""
    shown = display_path(path, root)
    if not path.is_file():
        return None, [Problem(shown, None, "hotlines file not found")]
    if path.suffix.lower() not in (".csv", ".yaml", ".yml"):
        message = (
            "hotlines are read from a .yaml or .csv file; from a spreadsheet, save it as "
            '"CSV UTF-8" and name that file under hotlines: in pocketguide.yaml'
        )
        return None, [Problem(shown, None, message)]
    if path.suffix.lower() == ".csv":
        data, problems = _read_csv(path, shown)
    else:
        data, problems = load_yaml_file(path, shown=shown)
    if problems:
        return None, problems
    hotlines, problems = validate(HotlineFile, data, shown, context={"region": region})
    if hotlines is None:
        return None, problems
    _note_lines(hotlines, data)
    problems = _duplicate_names(hotlines, shown)
    return (None if problems else hotlines), problems


def _note_lines(hotlines: HotlineFile, data: object) -> None:
    """Remember where each entry starts in its file (YAML line or CSV row), and each blank."""
    if not isinstance(data, dict):
        return
    lines = getattr(data.get("hotlines"), "lines", [])
    for entry, line in zip(hotlines.hotlines, lines, strict=False):
        entry._line = line
    # Validated already: translations, if any, is a mapping of mappings.
    translated = (data.get("translations") or {}).values()
    for labels in [data.get("blanks"), *(words.get("blanks") for words in translated)]:
        for label, line in zip(labels or [], getattr(labels, "lines", []), strict=False):
            if isinstance(label, str):
                hotlines._blank_lines.setdefault(label, line)


def _duplicate_names(hotlines: HotlineFile, shown: str) -> list[Problem]:
    """Names identify entries (card: hotlines:, hotlines.lock), so each must be unique."""
    first: dict[str, Hotline] = {}
    problems = []
    for entry in hotlines.hotlines:
        earlier = first.setdefault(entry.name, entry)
        if earlier is not entry:
            where = f" (first at line {earlier._line})" if earlier._line else ""
            message = f"{entry.name}: the name is used twice{where}; give each entry its own name"
            problems.append(Problem(shown, entry._line, message))
    # Each edition prints its own names: two entries must not share one there either.
    for tag in sorted({tag for entry in hotlines.hotlines for tag in entry.translations}):
        printed: dict[str, Hotline] = {}
        for entry in hotlines.hotlines:
            name = entry.in_language(tag).name
            earlier = printed.setdefault(name, entry)
            if earlier is not entry:
                message = (
                    f"{entry.name}: in {tag} it prints as {name}, as {earlier.name} does; "
                    "give each entry its own name"
                )
                problems.append(Problem(shown, entry._line, message))
    return problems


def misfiled_emergency(entry: Hotline, region: str) -> bool:
    """An entry filed as emergency whose phone is no emergency number (a police desk line)."""
    phone, region = entry.phone, entry.region or region
    return entry.category == "emergency" and phone is not None and not is_emergency(phone, region)


def where(shown: str, entry: Hotline | LockedEntry) -> str:
    """`file:line` of an entry, for messages."""
    return f"{shown}:{entry._line}" if entry._line else shown


def _read_csv(path: Path, shown: str) -> tuple[LineDict | None, list[Problem]]:
    """Turn a CSV file into the same structure as hotlines.yaml, rows keeping their numbers."""
    try:
        raw = read_input(path)
        if len(raw) > MAX_BYTES:
            return None, [Problem(shown, None, f"file is larger than {MAX_BYTES // 1_000_000} MB")]
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        return None, [Problem(shown, None, f"cannot read file: {exc.strerror}")]
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = 'file is not UTF-8 text; in the spreadsheet program, save it as "CSV UTF-8"'
        return None, [Problem(shown, line, message)]
    try:
        rows = _csv_rows(text)
    except csv.Error as exc:
        return None, [Problem(shown, None, f"invalid CSV: {exc}")]
    if not rows:
        return None, [Problem(shown, 1, "file is empty")]
    header = [_column(h) for h in rows[0][1]]
    if None in header or "name" not in header:
        expected = ",".join(CSV_COLUMNS)
        message = f"the header must use the columns {expected} (and name:es, hours:es, notes:es)"
        return None, [Problem(shown, 1, message)]
    # _column lower-cases: "Phone" after "phone" would replace it, cell by cell, unsaid.
    if repeated := sorted({c for c in header if header.count(c) > 1}):
        names = ", ".join(repeated)
        message = f"the header has {names} more than once; keep one column of each"
        return None, [Problem(shown, 1, message)]
    entries = LineList()
    entries.line, entries.lines = 2, []
    problems = []
    for number, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            # A missing or extra comma would shift every later cell into the wrong column.
            message = (
                f"row has {len(row)} field{'s' * (len(row) != 1)}, the header has {len(header)}"
            )
            if row and "\n" in row[-1]:  # a quote that never closes swallows the lines after it
                message = "a quote opened on this line is never closed"
            problems.append(Problem(shown, number, message))
            continue
        entry = LineDict()
        entry.line, entry.lines = number, {}
        for key, cell in zip(header, row, strict=True):
            if not cell.strip():
                continue
            value = cell.strip()
            if ":" in key:
                _translate(entry, number, *key.split(":", 1), value)
                continue
            entry[key] = [value] if key == "languages" else value  # split by the model
            entry.lines[key] = number
        entries.append(entry)
        entries.lines.append(number)
    if problems:
        return None, problems
    data = LineDict(hotlines=entries)
    data.line, data.lines = 1, {"hotlines": 2}
    return data, []


def _column(title: str) -> str | None:
    """A CSV column's key: `phone`, or `name:es` for a translated one; None if unknown."""
    field, colon, tag = title.strip().partition(":")
    field = field.strip().lower()
    if not colon:
        return field if field in CSV_COLUMNS else None
    return f"{field}:{tag.strip()}" if field in TRANSLATED_COLUMNS and tag.strip() else None


def _translate(entry: LineDict, line: int, field: str, tag: str, value: str) -> None:
    """Put a translated cell where hotlines.yaml has it: translations: {tag: {field: value}}."""
    words = _mapping_in(_mapping_in(entry, "translations", line), tag, line)
    words[field] = value
    words.lines[field] = line


def _mapping_in(parent: LineDict, key: str, line: int) -> LineDict:
    """parent[key], made an empty mapping on `line` if it is not there yet."""
    if key not in parent:
        child = LineDict()
        child.line, child.lines = line, {}
        parent[key] = child
        parent.lines[key] = line
    return parent[key]


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """Each CSV row with the file line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, start = [], 1
    for row in reader:
        rows.append((start, row))
        start = reader.line_num + 1
    return rows
