"""A guide rebuilt in a fresh process: lay out only the sections that changed.

A full build of the guide leaves a layout record next to its fingerprint: which pages each
fragment of the HTML (pocketguide.frames) filled, a digest of each fragment as it would be
laid out alone, and each page's frame (pocketguide.frames.frame). The next build, after a
hotline edit, lays out only the fragments whose digest changed, starting on the same page,
and splices their pages into the last guide PDF, the file in the output folder, once the
manifest has confirmed it is the file that build wrote. The front matter (cover and
contents) must be unchanged and every re-laid-out page must keep its frame, so page numbers,
contents, bookmarks and links stay exact; otherwise, and whenever WeasyPrint says anything,
the caller builds the whole guide as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pocketguide.errors import PocketguideError
from pocketguide.frames import MAX_SHARE, digest, frame, split_guide, start_at
from pocketguide.pdf import PdfResult, Rendering


def relayout(
    html: str,
    base_dir: Path,
    roots: list[Path],
    source: str,
    base: bytes,
    record: dict,
    launch: Callable | None = None,
) -> PdfResult | None:
    """The guide PDF for `html`, from `base` (laid out as `record` says) and changed fragments.

    `launch` starts lay_out_pages, here (start_here) or in a build process, and returns what
    to call for its result. None when the result cannot be exact: then the whole guide must
    be laid out.
    """
    parts = split_guide(html)
    try:
        changed = _changed_fragments(parts, record) if parts else None
        frames = record["frames"]
        positions = [first - 1 + i for first, count, _ in changed or () for i in range(count)]
        wanted = [frames[i] for i in positions]
    except (KeyError, TypeError, ValueError, IndexError):  # a record from another version
        return None
    if not changed:
        return None  # nothing changed that a fragment shows, yet the fingerprint did: be whole
    if positions != sorted(set(positions)):
        return None  # sections that overlap: not a record this code wrote
    if len(positions) > MAX_SHARE * len(frames) or None in wanted:
        return None  # too many pages to gain anything, or a page with forms or inner links
    laid_out = (launch or start_here)(changed, wanted, base_dir, roots, source)
    # While a build process lays the pages out, read the old PDF (pypdf: imported after fork).
    from pocketguide.splice import Base, splice

    old = Base([], base)
    if len(old.reader.pages) != len(frames):
        return None  # not the file the record describes
    for i in positions:
        old.signature(i)
    if (part := laid_out()) is None:
        return None
    data = splice(old, positions, part)
    if data is None:
        return None
    keys = {first: digest(text) for first, _, text in changed}
    fragments = [f | {"key": keys.get(f["start"], f["key"])} for f in record["fragments"]]
    return PdfResult(data, len(frames), [], layout=record | {"fragments": fragments})


def start_here(*args: object) -> Callable[[], bytes | None]:
    """Run lay_out_pages in this process."""
    part = lay_out_pages(*args)
    return lambda: part


def lay_out_pages(
    changed: list, frames: list, base_dir: Path, roots: list[Path], source: str
) -> bytes | None:
    """The PDF of the changed fragments' pages, if each keeps its page count and frame."""
    try:
        with Rendering(base_dir, roots, source) as rendering:
            pages = []
            for _start, count, text in changed:
                document = rendering.document(text)
                if len(document.pages) != count:
                    return None
                pages += document.pages
            if [frame(page) for page in pages] != frames:
                return None  # a page moved an anchor, bookmark or link: the rest would be off
            part = rendering.write(document.copy(pages))
    except PocketguideError:
        return None  # the whole build that follows reports it, with all its context
    return None if rendering.warnings else part  # likewise: it says what WeasyPrint said


def _changed_fragments(parts: tuple[str, list[str], str], record: dict) -> list | None:
    """(first page, page count, HTML) of each fragment that differs from the record's."""
    head, chunks, tail = parts
    fragments, pages = record["fragments"], len(record["frames"])
    if len(chunks) != len(fragments) + 1 or digest(head + chunks[0] + tail) != record["front"]:
        return None
    changed = []
    for fragment, chunk in zip(fragments, chunks[1:], strict=True):
        start, count = int(fragment["start"]), int(fragment["pages"])
        if start < 1 or count < 1 or start + count - 1 > pages:
            return None  # pages no guide of this record has
        text = start_at(head, start) + chunk + tail
        if digest(text) != fragment["key"]:
            changed.append((start, count, text))
    return changed
