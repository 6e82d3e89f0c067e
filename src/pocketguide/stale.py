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
        "locales": list(project.locales),
    }


def stale_warnings(
    manifest: Manifest,
    project: Project,
    written: list[Path],
    only: str | None = None,
    failed: bool = False,
) -> list[str]:
    """Other outputs of the project in the folder (of format `only`), made from other numbers.

    `failed`: said beside a build's errors, whose rebuild fails until they are fixed.
    """
    return stale_from(manifest, stale_context(project), written, only, failed)


def stale_from(
    manifest: Manifest,
    context: dict,
    written: list[Path],
    only: str | None = None,
    failed: bool = False,
) -> list[str]:
    """stale_warnings from a recorded stale_context: a line per file, or per command when many.

    Three or more files left behind (an en+es project's guide, booklet, card and zine) make
    one line for each command that rebuilds them, not a screenful that buries an error.
    """
    root = Path(context["root"])
    folder = display_path(root)  # from where this command runs, not where the last build ran
    where = "" if folder == "." else f" {folder}"
    default_out = (root / "output").resolve()
    locales = context["locales"]
    found = manifest.made_from_other_numbers(root, context["numbers"], written)
    found = [item for item in found if only is None or item[1] == only]
    made = f"made before the last change to {context['source']} and may print old numbers"
    # The command that writes each file: its format, options, language and folder.
    groups: dict[tuple[str, str, str], list[tuple[Path, str, str, str]]] = {}
    for path, fmt, locale, flags in found:
        out = "" if path.parent.resolve() == default_out else f" --out {display_path(path.parent)}"
        # The proof sheet, for checking the numbers, is made in the primary language.
        proof = fmt == "proof"
        named = locale if locale and (len(locales) > 1 or locale not in locales) else ""
        key = ("proof", "", out) if proof else ("build", flags, out)
        item = (path, "", "", "") if proof else (path, fmt or "", named, locale or "")
        groups.setdefault(key, []).append(item)
    rebuild = "once the errors are fixed, rebuild" if failed else "rebuild"
    warnings = []
    for (command, flags, out), files in groups.items():
        languages = any(named for _, _, named, _ in files)
        # One file needs --locale es: then each needs its own, or the command skips it.
        files = [(p, f, (n or lang) if languages else n, lang) for p, f, n, lang in files]
        # A file recorded without its format or language (an older manifest) cannot be put
        # into one command with others: it would be named, yet left out.
        unknown = command == "build" and any(
            not fmt or (languages and not named) for _, fmt, named, _ in files
        )
        if len(found) < 3 or len(files) == 1 or unknown:
            warnings += [
                f"{display_path(path)} was {made}; {rebuild} it: "
                + _command(f"{command}{where}", [fmt], flags, [named], out)
                for path, fmt, named, _ in files
            ]
        else:
            names = ", ".join(file[0].name for file in files)
            formats, named = [file[1] for file in files], [file[2] for file in files]
            again = _command(f"{command}{where}", formats, flags, named, out)
            where_files = display_path(files[0][0].parent)
            warnings.append(
                f"{len(files)} files in {where_files} were {made} ({names}); {rebuild} them: "
                + again
            )
    return warnings


def _command(start: str, formats: list[str], flags: str, languages: list[str], out: str) -> str:
    """`pocketguide <start>` with each format and language once, the print flags and --out."""
    again = f"pocketguide {start}" + "".join(f" --format {f}" for f in dict.fromkeys(formats) if f)
    again += f" {flags}" if flags else ""
    return again + "".join(f" --locale {code}" for code in dict.fromkeys(languages) if code) + out
