"""What only the finished HTML shows, refused: a hand-written verified date, unread numbers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pocketguide.errors import PocketguideError, Problem
from pocketguide.printedtext import printed_problems, printed_words
from pocketguide.project import Project

CLAIM = "Numbers verified as of"
_SPACE = r"(?:\s|&nbsp;|&#160;|&#xa0;|\xa0)+"  # as a source file may space the words


def refuse_written_claim(env: Any, html: str, project: Project, date: str | None) -> None:
    """A "Numbers verified as of" that is not the edition's own date: refused.

    Written by hand in a template or text, it printed beside unapproved numbers, or kept an
    old date after the numbers were approved again.
    """
    marker = "\x00"
    said = env.from_string('{{ _("Numbers verified as of %(date)s", date=d) }}').render(d=marker)
    # As printed: "N<span>umbers</span>", a zero-width space or a soft hyphen hid it.
    text = " ".join(printed_words(html).split()).casefold()  # no-break spaces, capitals alike
    for phrase in {" ".join(said.split(marker)[0].split()), CLAIM}:
        if not phrase:
            continue
        key = phrase.casefold()
        for found in re.finditer(re.escape(key), text):
            if date and text[found.end() :].lstrip().startswith(date.casefold()):
                continue  # the edition's own claim, or the same words and date
            true = f"its date is {date}" if date else "no date can be vouched for in this edition"
            message = (
                f'the guide prints "{phrase}" with a date of its own, but {true} (see the '
                "warnings); print it only as the default templates do, "
                "{% if verified_as_of %}...{{ verified_as_of }}"
            )
            path, line = written_where(project, phrase)
            raise PocketguideError(Problem(project.shown(path), line, message))


def refuse_unread_numbers(html: str, project: Project, known: set[str], dated: bool) -> None:
    """Numbers the page prints that no check of the source read (see printedtext): refused."""
    problems = []
    for message, written in printed_problems(html, project.region, known, dated):
        path, line = _number_where(project, written)
        problems.append(Problem(project.shown(path), line, message))
    if problems:
        raise PocketguideError(problems)


def _number_where(project: Project, written: str) -> tuple[Path, int | None]:
    """Where a printed number is most likely written: as printed, else by its last digits."""
    runs = re.findall(r"\d+", written)
    head = written[: len(written) - len(runs[-1])].rstrip(" .-") if runs else ""
    patterns = [re.escape(written), rf"(?<!\d){runs[-1]}(?!\d)" if runs else "", written[-4:]]
    patterns.append(re.escape(head) if sum(ch.isdigit() for ch in head) >= 5 else "")
    return _found_where(project, *(re.compile(p) for p in patterns if p))


def written_where(project: Project, phrase: str) -> tuple[Path, int | None]:
    """The project's own file and line that write `phrase`; its templates folder if none does."""
    return _found_where(project, re.compile(_SPACE.join(map(re.escape, phrase.split())), re.I))


def _found_where(project: Project, *patterns: re.Pattern[str]) -> tuple[Path, int | None]:
    """The project's own file and line matching the first pattern that any file matches.

    Its templates folder when none does. Each file is read once, whatever the patterns.
    """
    folders = [*project.template_dirs, *project.content_dirs[:-1]]  # never the shipped ones
    texts = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                texts.append((path, path.read_text(encoding="utf-8")))
            except (UnicodeDecodeError, OSError):
                continue  # a font or an image: it writes no words
    for pattern in patterns:
        for path, text in texts:
            if found := pattern.search(text):
                return path, text.count("\n", 0, found.start()) + 1
    return project.root / "templates", None
