"""Which laid-out pages of a guide can be replaced alone (pocketguide.splice replaces them).

A page can be replaced without touching the rest of the PDF when it keeps its size, bleed,
anchors, bookmarks and number of links, and reaches nothing outside itself (form fields,
links within the document). Kept free of pypdf, so build processes start fast.
"""

from __future__ import annotations

import json

MAX_SHARE = 0.5  # past this share of changed pages, a full write is about as fast


def changed_pages(old: list, new: list) -> list[int] | None:
    """Positions where `new` holds other page objects than `old`; None if it cannot splice."""
    if len(old) != len(new):
        return None
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a is not b]
    if len(changed) > MAX_SHARE * len(new):
        return None
    for i in changed:
        if not _same_frame(old[i], new[i]):
            return None
    return changed


def _same_frame(old, new) -> bool:
    """True if a page can replace another without touching anything outside it."""
    return (kept := frame(old)) is not None and kept == frame(new)


def frame(page) -> dict | None:
    """What must stay equal for a laid-out page to be replaced alone, as JSON values.

    None if the page reaches outside itself (form fields, internal links): it never splices.
    """
    if any(page.forms.values()) or any(link[0] != "external" for link in page.links):
        return None
    shape = {
        "size": [page.width, page.height, page.bleed],
        "anchors": page.anchors,
        "bookmarks": page.bookmarks,
        "links": len(page.links),
    }
    try:
        return json.loads(json.dumps(shape))  # tuples become lists, as in a saved record
    except (TypeError, ValueError):  # a value JSON cannot hold exactly: compare nothing
        return None
