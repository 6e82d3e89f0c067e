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


def number_files(project: Project) -> list[Path]:
    """The project's hotline files: the one its config names, and any in content/<locale>/."""
    own = project.hotlines_path
    files = [own] if own is not None and own.is_file() else []
    # A project may keep its numbers per language, as content/en/hotlines.yaml.
    return files + project.language_hotlines


def numbers_digest(project: Project) -> str | None:
    """A digest of what every output's numbers come from: the hotline files, the org's phone."""
    files = number_files(project)
    if not files:
        return None
    phone = project.config.organization.phone if project.config else None
    extra = f"\0{phone.normalized}" if phone else ""  # the back cover and the zine print it
    digests = "".join(file_digest(path) for path in files)
    return hashlib.sha256(f"{digests}{extra}".encode()).hexdigest()


def stale_context(project: Project) -> dict:
    """What naming the project's outputs made from other numbers takes, kept with a request."""
    files = number_files(project)
    phone = project.config is not None and project.config.organization.phone is not None
    return {
        "root": str(project.root.resolve()),
        "numbers": numbers_digest(project),
        "source": " or ".join(
            [project.shown(path) for path in files] + ["organization.phone"] * phone
        ),
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
    found = manifest.made_from_other_numbers(root, context["numbers"], written)
    for path, fmt, locale, flags in found:
        # The command that writes this very file: its format, options, language and folder.
        if fmt == "proof":  # the sheet for checking the numbers, in the primary language
            again = f"pocketguide proof{where}"
        else:
            again = f"pocketguide build{where}" + (f" --format {fmt}" if fmt else "")
            again += f" {flags}" if flags else ""
            if locale and (len(locales) > 1 or locale not in locales):
                again += f" --locale {locale}"
        if path.parent.resolve() != default_out:
            again += f" --out {display_path(path.parent)}"
        warnings.append(
            f"{display_path(path)} was made before the last change to {context['source']} and "
            f"may print old numbers; rebuild it: {again}"
        )
    return warnings
