"""Where things live: a project's config file, and the bundled default content and templates."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

CONFIG_NAME = "pocketguide.yaml"  # a folder holding this file is an organization project
# How every template is parsed: rendering it, and mapping its CSS lines for warnings.
WHITESPACE = {"trim_blocks": True, "lstrip_blocks": True}


@cache
def data_dir(name: str) -> Path:
    """Return the folder of bundled data `name` ("content" or "templates")."""
    packaged = resources.files("pocketguide") / name
    if packaged.is_dir():
        return Path(str(packaged))
    # Editable installs and source checkouts keep the folders at the repository root.
    source = Path(__file__).resolve().parents[2] / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"pocketguide's bundled {name}/ folder is missing; reinstall it")


def content_dir() -> Path:
    """The default guide's content folder."""
    return data_dir("content")


def every_locale(configured: list[str]) -> list[str]:
    """`--locale all`: the configured locales, then each shipped language none of them is in.

    A project in en-GB and es gets no US English edition it never asked for.
    """
    shipped = sorted(d.name for d in content_dir().iterdir() if (d / "guide.yaml").is_file())
    languages = {tag.replace("_", "-").split("-")[0].lower() for tag in configured}
    return list(dict.fromkeys([*configured, *(tag for tag in shipped if tag not in languages)]))


def is_shipped(path: Path) -> bool:
    """Whether a file is part of the shipped default content (not a project's own copy)."""
    return Path(path).resolve().is_relative_to(content_dir().resolve())


def templates_dir() -> Path:
    """The default templates, CSS and fonts folder."""
    return data_dir("templates")
