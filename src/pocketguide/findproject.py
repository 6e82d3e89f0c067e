"""A folder without pocketguide.yaml: the default guide, unless it looks like a mistake.

`pocketguide build` in an empty folder builds the default guide. In a folder inside a
project (its output/ or brand/), beside a config file saved under another name
(pocketguide.yml, pocketguide.yaml.txt), beside a hotlines file or lock, with hotlines in
content/<locale>/, or above projects, that
would print a generic guide without the organization's numbers: refused, saying what to run.
Light on imports: `build` asks before it loads anything.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pocketguide.errors import PocketguideError, Problem, display_path
from pocketguide.resources import CONFIG_NAME, content_dir

# A config saved under another name (pocketguide.yml, .yaml.txt, .yaml.bak); not pocketguide.py.
_SAVED_ELSEWHERE = re.compile(r"pocketguide\.(?:ya?ml|ya?ml\..+|.+\.ya?ml)")
HOTLINE_FILES = ("hotlines.yaml", "hotlines.yml", "hotlines.csv")


def refuse_unlikely_default(folder: Path) -> None:
    """Raise when a folder with no pocketguide.yaml is most likely not meant as the default."""
    folder = Path(folder)
    if (folder / CONFIG_NAME).is_file() or not folder.is_dir():
        return
    shown = display_path(folder)
    if message := _why(folder):
        raise PocketguideError(Problem(shown, None, f"no {CONFIG_NAME} here, but {message}"))


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []


def _why(folder: Path) -> str | None:
    for parent in folder.resolve().parents:
        if (parent / CONFIG_NAME).is_file():
            where = os.path.relpath(parent)  # ".." from the project's output/
            return f"{os.path.join(where, CONFIG_NAME)} is a project's: give its folder ({where})"
    if reason := lost_config(folder):
        return reason
    try:
        names = sorted(entry.name for entry in folder.iterdir())
    except OSError:
        return None
    projects = [n for n in names if (folder / n / CONFIG_NAME).is_file()]
    if projects:
        more = f" (and {len(projects) - 1} more)" if len(projects) > 1 else ""
        first = folder / projects[0]
        return (
            f"{display_path(first / CONFIG_NAME)}{more} is a project's: give its folder "
            f"({display_path(first)})"
        )
    return None


def lost_config(folder: Path) -> str | None:
    """Why a folder without pocketguide.yaml looks like a project that lost it, if it does."""
    try:
        names = sorted(entry.name for entry in folder.iterdir())
    except OSError:
        return None
    for name in names:  # saved under another name: pocketguide.yml, Pocketguide.yaml.txt
        if name != CONFIG_NAME and _SAVED_ELSEWHERE.fullmatch(name.lower()):
            return f"{name} is here: rename it to {CONFIG_NAME}"
    for name in HOTLINE_FILES:
        if name in names:
            return (
                f"{name} is: the default guide would leave its numbers out; add a "
                f"{CONFIG_NAME} beside it (see pocketguide init --help), or build the default "
                "guide in a folder of its own"
            )
    # A project's own files, which nothing reads without its config: its numbers left out.
    # (pocketguide's own source folder holds the shipped content: that is the default guide.)
    content = folder / "content"
    shipped = content.resolve() == content_dir().resolve() or (folder / "src/pocketguide").is_dir()
    languages = [] if shipped else _subfolders(content)
    for own in (
        "hotlines.lock",
        *(f"content/{d.name}/{n}" for d in languages for n in HOTLINE_FILES),
    ):
        if (folder / own).is_file():
            return (
                f"{own} is a project's: the default guide would leave its numbers out; put its "
                f"{CONFIG_NAME} back (see pocketguide init --help), or build the default guide "
                "in a folder of its own"
            )
    return None
