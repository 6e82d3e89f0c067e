"""An organization's hotlines: YAML or CSV in, checked numbers out, stale dates flagged."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from pocketguide.errors import Problem, display_path
from pocketguide.models import HotlineFile
from pocketguide.validate import validate
from pocketguide.yamlload import MAX_BYTES, LineDict, LineList, load_yaml_file, read_input

CSV_COLUMNS = (
    "name",
    "phone",
    "text",
    "url",
    "hours",
    "languages",
    "category",
    "notes",
    "verified",
)


def load_hotlines(path: Path, region: str, root: Path) -> tuple[HotlineFile | None, list[Problem]]:
    """Read hotlines.yaml or hotlines.csv; problems name file:line (or file.csv:ROW)."""
    shown = display_path(path, root)
    if not path.is_file():
        return None, [Problem(shown, None, "hotlines file not found")]
    if path.suffix.lower() == ".csv":
        data, problems = _read_csv(path, shown)
    else:
        data, problems = load_yaml_file(path, shown=shown)
    if problems:
        return None, problems
    return validate(HotlineFile, data, shown, context={"region": region})


def _read_csv(path: Path, shown: str) -> tuple[LineDict | None, list[Problem]]:
    """Turn a CSV file into the same structure as hotlines.yaml, rows keeping their numbers."""
    try:
        raw = read_input(path)
        if len(raw) > MAX_BYTES:
            return None, [Problem(shown, None, f"file is larger than {MAX_BYTES // 1_000_000} MB")]
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        return None, [Problem(shown, None, f"cannot read file: {exc.strerror}")]
    except UnicodeDecodeError:
        return None, [Problem(shown, None, "file is not valid UTF-8 text")]
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return None, [Problem(shown, None, f"invalid CSV: {exc}")]
    if not rows:
        return None, [Problem(shown, 1, "file is empty")]
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown or "name" not in header:
        expected = ",".join(CSV_COLUMNS)
        return None, [Problem(shown, 1, f"the header must use the columns {expected}")]
    entries = LineList()
    entries.line, entries.lines = 2, []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            return None, [Problem(shown, number, f"{len(row)} cells, but {len(header)} columns")]
        entry = LineDict()
        entry.line, entry.lines = number, {}
        for key, cell in zip(header, row, strict=False):
            if cell.strip():
                value = cell.strip()
                entry[key] = [v.strip() for v in value.split(";")] if key == "languages" else value
                entry.lines[key] = number
        entries.append(entry)
        entries.lines.append(number)
    data = LineDict(hotlines=entries)
    data.line, data.lines = 1, {"hotlines": 2}
    return data, []


def stale_warnings(
    hotlines: HotlineFile, shown: str, max_age_days: int, today: dt.date
) -> list[str]:
    """One warning per entry whose `verified` date is missing or too old."""
    warnings = []
    for entry in hotlines.hotlines:
        if entry.verified is None:
            warnings.append(
                f'{shown}: {entry.name}: no "verified" date; check the number, then add the date'
            )
        elif (today - entry.verified).days > max_age_days:
            warnings.append(
                f"{shown}: {entry.name}: last verified {entry.verified.isoformat()}, "
                f"more than {max_age_days} days ago"
            )
    return warnings
