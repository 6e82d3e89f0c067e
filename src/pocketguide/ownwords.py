"""Numbers a project writes outside its content: templates, interface translations, its name.

A crisis number typed into a template overlay's cover, a `.po` file's translation or
`organization.name` prints as surely as one in a section, so it gets the checks the project's
prose gets (pocketguide.prose): a number no hotline entry has, a mistyped short code, 988 or
911 where they are not the region's. In a template only the words count: tags, Jinja code and
stylesheets are blanked out first (line breaks kept, so lines still match), since a colour
`#999` or a `width="911"` is no number to call.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.errors import Problem
from pocketguide.prose import text_findings

if TYPE_CHECKING:
    from pocketguide.placeholders import Filled
    from pocketguide.project import Project

_CODE = re.compile(
    r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<(style|script)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>",
    re.S | re.I,
)
# In a .po file only the translations print: comments, msgid and msgctxt lines are English
# strings of pocketguide's own, or file references ("#: guide.html.j2:74").
_PO_SKIP = re.compile(r"^\s*(?:#|msgid\b|msgid_plural\b|msgctxt\b).*$", re.M)


def template_words(template: str) -> str:
    """The words of a template as a reader sees them; everything else turned into spaces."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), template)


def po_words(catalog: str) -> str:
    """The translations of a .po file, other lines left empty."""
    return _PO_SKIP.sub("", catalog)


def own_words_findings(
    project: Project, known: set[str], values: dict[str, Filled]
) -> tuple[list[Problem], list[str]]:
    """Errors and warnings for numbers in the project's templates, .po files and name."""
    problems: list[Problem] = []
    warnings: list[str] = []
    texts: list[tuple[str, str]] = []
    for folder in project.template_dirs:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".j2", ".html", ".po") and path.is_file():
                text = _read(path)
                words = po_words(text) if path.suffix == ".po" else template_words(text)
                texts.append((words, project.shown(path)))
    name = project.config.organization.name if project.config else ""
    if name and project.config_path is not None:
        line = project.line("organization", "name") or 1
        texts.append(("\n" * (line - 1) + name, project.shown(project.config_path)))
    for words, shown in texts:
        # Links are left to the template's own checks: "tel:{{ h.phone.uri }}" is no number.
        found, doubtful = text_findings(words, shown, project.region, True, known, values, "")
        problems += found
        warnings += doubtful
    return problems, warnings


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return ""  # the template loader reports an unreadable template at its own step
