"""Read one Markdown section file: its front matter checked, its body as safe HTML."""

from __future__ import annotations

from pathlib import Path

from pocketguide.contentmodels import SectionMeta
from pocketguide.errors import PocketguideError, Problems, display_path
from pocketguide.markup import images_without_alt, split_front_matter, to_html
from pocketguide.validate import validate
from pocketguide.yamlload import YamlProblem, check_top_level, decode_input, parse_yaml, read_input


def load_section(path: Path, problems: Problems) -> tuple[SectionMeta, str] | None:
    """Read one Markdown section file with its front matter."""
    shown = display_path(path, problems.root)
    try:  # a regular file of at most MAX_BYTES (never a FIFO), as YAML files are read
        text = decode_input(read_input(path))
    except OSError as exc:
        problems.add(path, None, f"cannot read file: {exc.strerror}")
        return None
    except YamlProblem as exc:  # not UTF-8 (at its line), a byte-order mark, too large
        problems.add(path, exc.line, exc.message)
        return None
    try:
        front, body, first_line = split_front_matter(text)
    except ValueError as exc:
        problems.add(path, 1, str(exc))
        return None
    if front is None:
        problems.add(path, 1, "missing front matter (a --- block with at least a title)")
        return None
    try:
        data = parse_yaml(front, path, line_offset=1)
    except YamlProblem as exc:
        problems.add(path, exc.line, exc.message)
        return None
    data, found = check_top_level(data, shown, dict)
    if not found:
        meta, found = validate(SectionMeta, data, shown)
    for item in found:
        problems.add(path, (item.line or 1) + 1, item.message)
    for line, src in images_without_alt(body):
        problems.add(path, first_line + line - 1, f'image "{src}" has no alt text')
    if found:
        return None
    try:
        return meta, to_html(body, path.parent)
    except PocketguideError as exc:  # nested too deeply, or too long
        problems.add(shown, None, exc.problems[0].message)
        return None
