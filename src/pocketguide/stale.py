"""Other outputs in the folder made from earlier numbers: named after every build.

`build` rebuilds only the formats it is asked for, so after a hotline edit a zine built last
week may still print last week's number. The manifest remembers which project and which
numbers (the hotline file and organization.phone) each output was made from; a build names
the project's outputs that are still the files written then (by their digest) but were made
from other numbers. A build with nothing to do names them too, from what its last real build
recorded, without loading the project.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.cache import Manifest
from pocketguide.digests import file_digest
from pocketguide.errors import display_path

if TYPE_CHECKING:
    from pocketguide.project import Project


def numbers_digest(project: Project) -> str | None:
    """A digest of what every output's numbers come from: the hotline file, the org's phone."""
    path = project.hotlines_path
    if path is None or not path.is_file():
        return None
    phone = project.config.organization.phone if project.config else None
    extra = f"\0{phone.normalized}" if phone else ""  # the back cover and the zine print it
    return hashlib.sha256(f"{file_digest(path)}{extra}".encode()).hexdigest()


def stale_context(project: Project) -> dict:
    """What naming the project's outputs made from other numbers takes, kept with a request."""
    hotlines = project.hotlines_path
    phone = project.config is not None and project.config.organization.phone is not None
    return {
        "root": str(project.root.resolve()),
        "numbers": numbers_digest(project),
        "source": (project.shown(hotlines) if hotlines else "")
        + (" or organization.phone" if phone else ""),
        "folder": display_path(project.root),
        "locales": list(project.locales),
    }


def stale_warnings(manifest: Manifest, project: Project, written: list[Path]) -> list[str]:
    """Other outputs of the project in the folder, made from other numbers."""
    return stale_from(manifest, stale_context(project), written)


def stale_from(manifest: Manifest, context: dict, written: list[Path]) -> list[str]:
    """stale_warnings from a recorded stale_context."""
    root = Path(context["root"])
    where = "" if context["folder"] == "." else f" {context['folder']}"
    default_out = (root / "output").resolve()
    locales = context["locales"]
    warnings = []
    for path, fmt, locale in manifest.made_from_other_numbers(root, context["numbers"], written):
        # The command that writes this very file: its format, language and folder.
        again = f"pocketguide build{where}" + (f" --format {fmt}" if fmt else "")
        if locale and (len(locales) > 1 or locale not in locales):
            again += f" --locale {locale}"
        if path.parent.resolve() != default_out:
            again += f" --out {display_path(path.parent)}"
        warnings.append(
            f"{display_path(path)} was made before the last change to {context['source']} and "
            f"may print old numbers; rebuild it: {again}"
        )
    return warnings
