"""Splice re-laid-out pages into the last full PDF of a guide.

Inside `watch`, a hotline edit changes a few crisis pages. Writing them alone (a small PDF)
and putting their content, resources and link annotations into the last full PDF
(pocketguide.pdfwrite) costs a fraction of writing every page again. The structure tree,
outline, named destinations and metadata of the full PDF are kept, so a splice is only made
when they are still exactly right: the pages keep their size, anchors, bookmarks and link
count, and each page's structure (element types, attributes, marked-content ids) is the same
in the new pages as in the old. Anything else returns None, and the caller writes the whole
document as before.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from pocketguide.pdfwrite import (
    STRUCTURAL,
    ObjectWriter,
    Reader,
    Unexpected,
    can_rewrite,
    dictionary,
    rewrite,
)

_SKIP = {"/P", "/Pg", "/K", "/Obj"}  # references, not content, in structure elements
# WeasyPrint names a table header cell `<table element's object number>-<row>-<column>`.
_HEADER_ID = re.compile(r"^\d+-(\d+-\d+)$")


@dataclass
class Base:
    """The last full PDF of a document, with its laid-out pages and parsed structure."""

    pages: list
    data: bytes
    _reader: Reader | None = None
    _signatures: dict[int, list] = field(default_factory=dict)

    @property
    def reader(self) -> Reader:
        """The full PDF, parsed once."""
        if self._reader is None:
            self._reader = Reader(io.BytesIO(self.data))
        return self._reader

    def signature(self, index: int) -> list | None:
        """The structure of page `index`, parsed once."""
        if index not in self._signatures:
            self._signatures[index] = page_signature(self.reader, index)
        return self._signatures[index]


def page_signature(reader: Reader, index: int) -> list | None:
    """A page's structure elements as nested plain values, without references.

    None for an untagged PDF, which has no structure to compare.
    """
    page_ref = reader.pages[index].indirect_reference
    tree = reader.trailer["/Root"].get("/StructTreeRoot")
    if tree is None:
        return None
    document = tree["/K"][0].get_object()
    found = []
    for kid in document["/K"]:
        element = kid.get_object()
        if element.get("/Pg") == page_ref:
            found.append(_shape(element))
    return found


def _shape(value: PdfObject, key: str = ""):
    """A structure element (or a value in one, under `key`) as plain, comparable values."""
    if isinstance(value, IndirectObject):
        value = value.get_object()
    if isinstance(value, DictionaryObject):
        if value.get("/Type") == "/OBJR":
            return "OBJR"
        shape = {k: _shape(item, k) for k, item in value.items() if k not in _SKIP}
        if "/K" in value:
            kids = value["/K"]
            shape["/K"] = [_shape(kid) for kid in (kids if isinstance(kids, list) else [kids])]
        return shape
    if isinstance(value, ArrayObject):
        return [_shape(item, key) for item in value]
    if key in ("/ID", "/Headers") and (cell := _HEADER_ID.match(str(value))):
        return f"header {cell.group(1)}"  # the table's object number differs between files
    return repr(value)


def splice(base: Base, positions: list[int], part: bytes) -> bytes | None:
    """The base PDF with its pages at `positions` replaced by the pages of `part`, or None."""
    if not can_rewrite(base.data):
        return None
    small = Reader(io.BytesIO(part))
    if len(small.pages) != len(positions):
        return None
    full = base.reader
    try:
        for j, i in enumerate(positions):
            signature = page_signature(small, j)
            if signature is None or signature != base.signature(i):
                return None
        page_map = {
            small.pages[j].indirect_reference.idnum: full.pages[i].indirect_reference
            for j, i in enumerate(positions)
        }
        salt = hashlib.sha256(part).digest()
        writer = ObjectWriter(int(full.trailer["/Size"]), page_map, salt)
        for j, i in enumerate(positions):
            if not _replace_page(writer, full.pages[i], small.pages[j]):
                return None
        writer.finish()
    except Unexpected:
        return None
    return rewrite(base.data, full, writer.objects, _old_parts(full, positions))


def _old_parts(full: Reader, positions: list[int]) -> set[int]:
    """What the replaced pages drew and linked with: it goes if nothing else still uses it.

    Their content streams (the old numbers), resources, and after an earlier splice the
    fonts and images it added; never a page or a structure element.
    """
    todo: list = []
    for i in positions:
        page = full.pages[i]
        todo += [page.raw_get(key) for key in ("/Contents", "/Resources") if key in page]
        for link in page.get("/Annots", []):
            link = link.get_object()
            todo += [link.raw_get(key) for key in link if key not in ("/P", "/StructParent")]
    found: set[int] = set()
    while todo:
        value = todo.pop()
        if isinstance(value, IndirectObject):
            target = value.get_object()
            structural = isinstance(target, DictionaryObject) and target.get("/Type") in STRUCTURAL
            if value.idnum in found or structural:
                continue
            found.add(value.idnum)
            value = target
        if isinstance(value, DictionaryObject):
            todo += [value.raw_get(key) for key in value]
        elif isinstance(value, ArrayObject):
            todo += list(value)
    return found


def _replace_page(writer: ObjectWriter, old, new) -> bool:
    """Point the old page at the new content and resources; rewrite its link annotations."""
    if set(old) != set(new):
        return False  # a key only one of them has (a transparency /Group) would be lost
    old_annots, new_annots = list(old.get("/Annots", [])), list(new.get("/Annots", []))
    if len(old_annots) != len(new_annots):
        return False
    for kept, made in zip(old_annots, new_annots, strict=True):
        if not isinstance(kept, IndirectObject):
            return False  # rewritten in place, so it needs an object number
        kept_dict, made_dict = kept.get_object(), made.get_object()
        if made_dict.get("/Subtype") != kept_dict.get("/Subtype"):
            return False
        own = ("/StructParent", "/P")  # its place in the structure tree and page stay
        entries = [(k, writer.copy(v)) for k, v in made_dict.items() if k not in own]
        entries += [(k, writer.keep(kept_dict.raw_get(k))) for k in own if k in kept_dict]
        writer.put(kept.idnum, dictionary(entries))
    new_parts = ("/Contents", "/Resources")
    entries = [
        (k, writer.copy(new.raw_get(k)) if k in new_parts else writer.keep(v))
        for k, v in old.items()
    ]
    writer.put(old.indirect_reference.idnum, dictionary(entries))
    return True
