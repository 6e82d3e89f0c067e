"""A guide laid out in two processes at once (`--jobs 2`): the front half and the back half.

WeasyPrint lays out one document page after page, in one process. The guide's sections each
start a page (pocketguide.frames), so the back half can be laid out alone, told its first
page, while another process lays out the cover, the contents and the front half: if it knows
that page, and the contents know every section's page, before either half exists. Both come
from the last layout of this guide (its record, kept by pocketguide.hints): a coordinator's
edit seldom moves a section. Each half is written as its own PDF, with a stand-in for every
anchor its links reach in the other half, and pocketguide.pdfjoin joins the two.

When the halves show the guess was wrong (the front half is longer or shorter, a contents
number is off) or a half says anything at all (a warning, a refused file), their work is
dropped and the guide is laid out in one piece, which then reports what there is to report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pocketguide.errors import PocketguideError
from pocketguide.frames import (
    MARKER,
    digest,
    frame,
    link_targets,
    number_contents,
    record_of,
    split_guide,
    start_at,
)
from pocketguide.pdf import PdfResult, Rendering

_FORM_FIELD = re.compile(r"<(?:input|textarea|select|button)\b", re.I)


@dataclass(frozen=True)
class Plan:
    """The two halves of a guide's HTML, and what their layout must show to be joined."""

    front: str  # the cover, the contents (numbered from the record) and the first sections
    back: str  # the other sections, starting on page `first`
    first: int
    contents: dict[str, int]  # the page each link's target was numbered with


@dataclass
class Half:
    """One half laid out and written: what the join and its checks need."""

    data: bytes
    pages: int
    anchors: dict[str, int]  # the page (from 1, within the half) each anchor is first on
    frames: list
    stand_ins: set[str]


def plan(html: str, record: dict) -> Plan | None:
    """Cut the guide into two halves of about equal pages, as the last layout `record` had.

    None when the guide cannot be cut (see frames.split_guide) or the record does not fit it.
    """
    parts = split_guide(html)
    if parts is None or _FORM_FIELD.search(html):
        return None  # form fields: pocketguide.pdfjoin does not join a form (--fillable)
    head, chunks, tail = parts
    try:
        starts = [int(fragment["start"]) for fragment in record["fragments"]]
        total = len(record["frames"])
        contents = {str(k): int(v) for k, v in record["contents"].items()}
        stylesheets = record["head"]
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError):
        return None  # a record from another version
    if stylesheets != digest(head):
        # Other stylesheets may move any section (a section made to start on a left-hand
        # page): a page number from the old ones is no guide.
        return None
    if len(starts) != len(chunks) - 1 or len(starts) < 2:
        return None
    targets = link_targets(chunks)
    if any(name not in contents for name in targets):
        return None  # a link's target the last layout did not have
    contents = {name: contents[name] for name in targets}
    # The back half starts with the section whose first page best splits the pages in two.
    cut = min(range(1, len(starts)), key=lambda i: abs(2 * (starts[i] - 1) - total))
    first = starts[cut]
    # Every link is numbered, the contents' and the sections' cross-references alike: a
    # target in the other half is not there for WeasyPrint to count its page.
    numbered = [number_contents(chunk, contents) for chunk in chunks]
    front = head + MARKER.join(numbered[: cut + 1]) + tail
    back = start_at(head, first) + MARKER.join(numbered[cut + 1 :]) + tail
    return Plan(front, back, first, contents)


def guessed_right(html: str, cut: Plan, layout: dict | None) -> bool:
    """Whether the guide laid out whole (its `layout`, None if it keeps none) starts the back
    half and numbers the contents as `cut` guessed: then a new layout would not help the
    halves; a wrong guess is what the new layout corrects."""
    if layout is None:
        return True  # a warning keeps no layout: the halves would say it again
    again = plan(html, layout)
    return again is not None and (again.first, again.contents) == (cut.first, cut.contents)


def lay_out_halves(
    html: str,
    base_dir: Path,
    roots: list[Path],
    source: str,
    record: dict,
    launch: Callable[..., Callable[[], Half | None]],
) -> PdfResult | None:
    """The guide's PDF from two halves laid out at once by `launch`; None to lay it out whole."""
    cut = plan(html, record)
    if cut is None:
        return None
    front = launch(cut.front, base_dir, roots, source)
    back = launch(cut.back, base_dir, roots, source)
    first, second = front(), back()
    if first is None or second is None or not fits(cut, first, second):
        return None
    from pocketguide.pdfjoin import join  # pypdf: imported while the halves are laid out

    data = join(first.data, second.data, (first.stand_ins, second.stand_ins))
    if data is None:
        return None
    anchors = {name: page + cut.first - 1 for name, page in second.anchors.items()}
    anchors |= first.anchors
    layout = record_of(html, anchors, first.frames + second.frames)
    return PdfResult(data, first.pages + second.pages, [], layout=layout)


def fits(cut: Plan, first: Half, second: Half) -> bool:
    """Whether the halves laid out as the plan guessed: the back half's first page, and
    every contents number, are those of the guide laid out whole; and whether each link
    into the other half finds its anchor there."""
    if first.pages != cut.first - 1:
        return False
    if set(first.anchors) & set(second.anchors):
        return False  # one anchor in both halves: the first would win in a whole layout
    if not (first.stand_ins <= set(second.anchors) and second.stand_ins <= set(first.anchors)):
        return False  # a link to an anchor no half has: laid out whole, WeasyPrint says so
    for name, page in cut.contents.items():
        found = first.anchors.get(name)
        if found is None and name in second.anchors:
            found = second.anchors[name] + cut.first - 1
        if found != page:
            return False
    return True


def lay_out_half(html: str, base_dir: Path, roots: list[Path], source: str) -> Half | None:
    """One half laid out and written; None if anything was said about it, or it failed."""
    try:
        with Rendering(base_dir, roots, source) as rendering:
            document = rendering.document(html)
            anchors: dict[str, int] = {}
            for number, page in enumerate(document.pages, 1):
                for name in page.anchors:
                    anchors.setdefault(name, number)
            frames = [frame(page) for page in document.pages]
            # Links to the other half's anchors would be dropped (WeasyPrint resolves links
            # within one document): an anchor stands in for each, and the join takes the
            # real destination from the other half.
            links = [link for page in document.pages for link in page.links]
            stand_ins = {link[1] for link in links if link[0] == "internal"} - set(anchors)
            if stand_ins and document.pages:
                document.pages[-1].anchors.update(dict.fromkeys(stand_ins, (0, 0, 0, 0)))
            data = rendering.write(document)
    except PocketguideError:
        return None  # the whole layout that follows reports it, with all its context
    if rendering.warnings:
        return None  # likewise: it says what WeasyPrint said, once
    return Half(data, len(document.pages), anchors, frames, stand_ins)
