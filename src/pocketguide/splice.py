"""Splice re-laid-out pages into the last full PDF of a guide, as an incremental update.

Inside `watch`, a hotline edit changes a few crisis pages. Writing them alone (a small PDF)
and appending their content, resources and link annotations to the last full PDF as an
incremental update (ISO 32000-1, 7.5.6) costs a fraction of writing every page again. The
structure tree, outline, named destinations and metadata of the full PDF are kept, so a splice
is only made when they are still exactly right: the pages keep their size, anchors,
bookmarks and link count, and each page's structure (element types, attributes, marked-content
ids) is the same in the new pages as in the old. Anything else returns None, and the caller
writes the whole document as before.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

MAX_SHARE = 0.5  # past this share of changed pages, a full write is about as fast
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SKIP = {"/P", "/Pg", "/K", "/Obj"}  # references, not content, in structure elements


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
    for page in (old, new):
        if any(page.forms.values()) or any(link[0] != "external" for link in page.links):
            return False  # form fields and internal links reach outside the page
    return (
        (old.width, old.height, old.bleed) == (new.width, new.height, new.bleed)
        and old.anchors == new.anchors
        and old.bookmarks == new.bookmarks
        and len(old.links) == len(new.links)
    )


@dataclass
class Base:
    """The last full PDF of a document, with its laid-out pages and parsed structure."""

    pages: list
    data: bytes
    _reader: PdfReader | None = None
    _signatures: dict[int, list] = field(default_factory=dict)

    @property
    def reader(self) -> PdfReader:
        """The full PDF, parsed once."""
        if self._reader is None:
            self._reader = PdfReader(io.BytesIO(self.data))
        return self._reader

    def signature(self, index: int) -> list | None:
        """The structure of page `index`, parsed once."""
        if index not in self._signatures:
            self._signatures[index] = page_signature(self.reader, index)
        return self._signatures[index]


def page_signature(reader: PdfReader, index: int) -> list | None:
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


def _shape(value: PdfObject):
    """A structure element as plain, comparable values."""
    value = value.get_object() if isinstance(value, IndirectObject) else value
    if isinstance(value, DictionaryObject):
        if value.get("/Type") == "/OBJR":
            return "OBJR"
        shape = {key: _plain(item) for key, item in value.items() if key not in _SKIP}
        if "/K" in value:
            kids = value["/K"]
            kids = kids if isinstance(kids, ArrayObject) else [kids]
            shape["/K"] = [_shape(kid) for kid in kids]
        return shape
    return _plain(value)


def _plain(value: PdfObject):
    if isinstance(value, IndirectObject):
        value = value.get_object()
    if isinstance(value, DictionaryObject):
        return {key: _plain(item) for key, item in value.items() if key not in _SKIP}
    if isinstance(value, ArrayObject):
        return [_plain(item) for item in value]
    return repr(value)


class _Unexpected(Exception):
    """The new pages reach an object a splice cannot copy."""


class _Writer:
    """Serialises pypdf objects into an update section, renumbering the small PDF's objects."""

    def __init__(self, first_free: int, page_map: dict[int, IndirectObject]):
        self.next = first_free
        self.page_map = page_map  # small PDF page object number -> full PDF page reference
        self.numbers: dict[int, int] = {}
        self.pending: list[tuple[int, PdfObject]] = []
        self.objects: dict[int, bytes] = {}

    def copy(self, value: PdfObject) -> bytes:
        """`value` from the small PDF, its references pointing to copies in the update."""
        return self._write(value, remap=True)

    def keep(self, value: PdfObject) -> bytes:
        """`value` from the full PDF, its references left as they are."""
        return self._write(value, remap=False)

    def _write(self, value: PdfObject, remap: bool) -> bytes:
        if isinstance(value, IndirectObject):
            return b"%d 0 R" % (self._number(value) if remap else value.idnum)
        if isinstance(value, DictionaryObject):
            parts = [b"<<"]
            for key, item in value.items():
                if isinstance(value, StreamObject) and key == "/Length":
                    continue
                parts += [_leaf(NameObject(key)), b" ", self._write(item, remap), b"\n"]
            if isinstance(value, StreamObject):
                data = value._data  # the stream as stored (still compressed)
                parts += [b"/Length %d>>\nstream\n" % len(data), data, b"\nendstream"]
            else:
                parts.append(b">>")
            return b"".join(parts)
        if isinstance(value, ArrayObject):
            return b"[" + b" ".join(self._write(item, remap) for item in value) + b"]"
        return _leaf(value)

    def _number(self, reference: IndirectObject) -> int:
        if reference.idnum in self.page_map:
            return self.page_map[reference.idnum].idnum
        if reference.idnum not in self.numbers:
            target = reference.get_object()
            if isinstance(target, DictionaryObject) and target.get("/Type") in (
                "/Page",
                "/Pages",
                "/Catalog",
                "/StructElem",
                "/StructTreeRoot",
            ):
                raise _Unexpected(str(target.get("/Type")))
            self.numbers[reference.idnum] = self.next
            self.pending.append((self.next, target))
            self.next += 1
        return self.numbers[reference.idnum]

    def put(self, number: int, body: bytes) -> None:
        """Set object `number` of the update."""
        self.objects[number] = body

    def finish(self) -> None:
        """Write every copied object still waiting."""
        while self.pending:
            number, target = self.pending.pop()
            self.objects[number] = self.copy(target)


def _leaf(value: PdfObject) -> bytes:
    out = io.BytesIO()
    value.write_to_stream(out)
    return out.getvalue()


def splice(base: Base, positions: list[int], part: bytes) -> bytes | None:
    """The base PDF with its pages at `positions` replaced by the pages of `part`, or None."""
    if not _STARTXREF.search(base.data[-64:]):
        return None
    small = PdfReader(io.BytesIO(part))
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
        writer = _Writer(int(full.trailer["/Size"]), page_map)
        for j, i in enumerate(positions):
            if not _replace_page(writer, full.pages[i], small.pages[j]):
                return None
        writer.finish()
    except _Unexpected:
        return None
    return _append(base.data, full.trailer, writer)


def _replace_page(writer: _Writer, old, new) -> bool:
    """Point the old page at the new content and resources; rewrite its link annotations."""
    if set(old) != set(new):
        return False  # a key only one of them has (a transparency /Group) would be lost
    old_annots = [a for a in old.get("/Annots", [])]
    new_annots = [a for a in new.get("/Annots", [])]
    if len(old_annots) != len(new_annots):
        return False
    for kept, made in zip(old_annots, new_annots, strict=True):
        if not isinstance(kept, IndirectObject):
            return False  # rewritten in place, so it needs an object number
        kept_dict, made_dict = kept.get_object(), made.get_object()
        if made_dict.get("/Subtype") != kept_dict.get("/Subtype"):
            return False
        body = [b"<<"]
        for key, item in made_dict.items():
            if key in ("/StructParent", "/P"):
                continue
            body += [_leaf(NameObject(key)), b" ", writer.copy(item), b"\n"]
        for key in ("/StructParent", "/P"):
            if key in kept_dict:
                body += [_leaf(NameObject(key)), b" ", writer.keep(kept_dict.raw_get(key)), b"\n"]
        writer.put(kept.idnum, b"".join(body) + b">>")
    body = [b"<<"]
    for key, item in old.items():
        if key in ("/Contents", "/Resources"):
            item, write = new.raw_get(key), writer.copy
        else:
            write = writer.keep
        body += [_leaf(NameObject(key)), b" ", write(item), b"\n"]
    writer.put(old.indirect_reference.idnum, b"".join(body) + b">>")
    return True


def _append(data: bytes, trailer: DictionaryObject, writer: _Writer) -> bytes:
    """`data` followed by the update section: objects, then a cross-reference stream."""
    previous = int(_STARTXREF.search(data[-64:]).group(1))
    out = io.BytesIO()
    out.write(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number in sorted(writer.objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, writer.objects[number]))
    xref_number = writer.next
    offsets[xref_number] = out.tell()
    numbers = sorted(offsets)
    index, rows = [], []
    for number in numbers:
        if index and index[-2] + index[-1] == number:
            index[-1] += 1
        else:
            index += [number, 1]
        rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    stream = b"".join(rows)
    entries = [
        b"/Type /XRef",
        b"/Size %d" % (xref_number + 1),
        b"/W [1 4 2]",
        b"/Index [%s]" % b" ".join(b"%d" % n for n in index),
        b"/Prev %d" % previous,
        b"/Root " + writer.keep(trailer.raw_get("/Root")),
    ]
    for key in ("/Info", "/ID"):
        if key in trailer:
            entries.append(_leaf(NameObject(key)) + b" " + writer.keep(trailer.raw_get(key)))
    entries.append(b"/Length %d" % len(stream))
    out.write(b"%d 0 obj\n<<%s>>\nstream\n" % (xref_number, b"\n".join(entries)))
    out.write(stream + b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number])
    return out.getvalue()
