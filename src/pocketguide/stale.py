"""Other outputs in the folder made from an earlier hotline file: named after a build.

`build` rebuilds only the formats it is asked for, so after a hotline edit a zine built last
week may still print last week's number. The manifest remembers which project and which
hotline file each output was made from; a build names the project's outputs that are still
the files written then (by their digest) but were made from another hotline file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.cache import Manifest, file_digest
from pocketguide.errors import display_path

if TYPE_CHECKING:
    from pocketguide.project import Project


def numbers_digest(project: Project) -> str | None:
    """A digest of the project's own hotline file: what every output's numbers come from."""
    path = project.hotlines_path
    return file_digest(path) if path is not None and path.is_file() else None


def stale_warnings(manifest: Manifest, project: Project, written: list[Path]) -> list[str]:
    """Other outputs of the project in the folder, made from an earlier hotline file."""
    numbers = numbers_digest(project)
    warnings = []
    folder = display_path(project.root)
    where = "" if folder == "." else f" {folder}"
    default_out = (project.root / "output").resolve()
    stale = manifest.made_from_other_numbers(project.root.resolve(), numbers, written)
    for path, fmt, locale in stale:
        # The command that writes this very file: its format, language and folder.
        again = f"pocketguide build{where}" + (f" --format {fmt}" if fmt else "")
        if locale and (len(project.locales) > 1 or locale not in project.locales):
            again += f" --locale {locale}"
        if path.parent.resolve() != default_out:
            again += f" --out {display_path(path.parent)}"
        warnings.append(
            f"{display_path(path)} was made before the last change to "
            f"{project.shown(project.hotlines_path)} and may print old numbers; "
            f"rebuild it: {again}"
        )
    return warnings
