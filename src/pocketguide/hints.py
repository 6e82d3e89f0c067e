"""The last layout of each guide this user built, kept outside the output folder.

A guide's layout record (pocketguide.frames.record_of: where each section starts, the page
of each contents entry) lets `--jobs 2` lay out its two halves at once (pocketguide.halves).
The output folder keeps it too, but a build into a new or emptied folder would then have
none. So it is also kept in the user's cache folder (`$XDG_CACHE_HOME/pocketguide`, else
`~/.cache/pocketguide`), one small file per project, naming each guide file. It is only ever
a guess: the halves check it against what they lay out. A cache that cannot be read or written only
means laying the guide out in one piece.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

_VERSION = 1  # of what a file holds; another version's files are not read
_KEPT = 40  # guide files (languages, sizes, output folders) kept per project


def folder() -> Path:
    """Where layout hints are kept."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "pocketguide" / "layouts"


def _file(project: Path) -> Path:
    name = hashlib.sha256(str(Path(project).resolve()).encode()).hexdigest()[:32]
    return folder() / f"{name}.json"


def exists(project: Path) -> bool:
    """Whether a layout of any guide of `project` was kept (cheap: it decides, before the
    project is loaded, how many processes a build starts)."""
    return _file(project).is_file()


def load(project: Path, target: Path) -> dict | None:
    """The layout record kept for `project`'s guide file `target`, if any."""
    record = _layouts(project).get(Path(target).name)
    return record if isinstance(record, dict) else None


def save(project: Path, target: Path, record: dict) -> None:
    """Keep `record` as the last layout of `project`'s guide file `target`."""
    layouts = _layouts(project)
    layouts.pop(Path(target).name, None)
    layouts[Path(target).name] = record  # the newest last; the oldest go past _KEPT
    _write(project, layouts)


def forget(project: Path, target: Path) -> None:
    """Keep no layout of `project`'s guide file `target`."""
    layouts = _layouts(project)
    if layouts.pop(Path(target).name, None) is not None:
        _write(project, layouts)


def _write(project: Path, layouts: dict) -> None:
    text = json.dumps({"version": _VERSION, "layouts": dict(list(layouts.items())[-_KEPT:])})
    path = _file(project)
    import tempfile  # not before a build writes: a no-op rebuild never does

    with contextlib.suppress(OSError):  # a read-only home or a full disk: no hint, no harm
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".hint-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(name, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise


def _refuse(constant: str) -> float:
    raise ValueError(f"{constant} in a layout hint")


def _layouts(project: Path) -> dict:
    try:
        data = json.loads(_file(project).read_text(encoding="utf-8"), parse_constant=_refuse)
    except (OSError, UnicodeError, ValueError, RecursionError):  # RecursionError: [[[[...
        return {}
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return {}
    layouts = data.get("layouts")
    return layouts if isinstance(layouts, dict) else {}
