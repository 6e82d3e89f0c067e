"""Join two tagged PDFs that WeasyPrint wrote from the two halves of one guide.

`--jobs 2` lays out the first half of a guide (cover, contents, the first sections) in one
process and the rest in another (pocketguide.halves). This module makes one PDF of the two,
as WeasyPrint would have written it in one go: the second half's pages follow the first's in
one page tree; its structure elements join the first half's document element, with their
parent-tree keys moved past the first half's; the outlines are chained; the named
destinations are merged, dropping the stand-ins each half was given for anchors only the
other half has; table header ids and font subset tags are renamed where the halves could
share them. The first half's catalog, metadata and document information stay.

Anything not laid out as WeasyPrint 70 writes it (nested page trees, forms, attachments,
page labels) returns None, and the caller lays the guide out in one piece.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import string
import zlib
from collections.abc import Callable

from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, IndirectObject, NumberObject, PdfObject

from pocketguide.pdfwrite import (
    Reader,
    _finish,
    _packed_objects,
    _reached,
    _repack,
    can_rewrite,
    dictionary_end,
    leaf,
)

# In one pass over an object's bytes (a stream's dictionary only): literal strings (pydyf
# escapes every parenthesis in them), hex strings, references, structure parent keys, and
# font subset tags (ISO 32000-1, 9.6.4).
_TOKENS = re.compile(
    rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>|(\d+) 0 R\b|(/StructParents? )(\d+)|/([A-Z]{6})\+",
    re.S,
)
_OBJ_HEAD = re.compile(rb"^\d+ 0 obj\s*")
_OBJ_TAIL = re.compile(rb"\s*endobj\s*$")
# Catalog entries a joined file can hold only as the first half has them.
_REFUSED = ("/AcroForm", "/PageLabels")


class _Half:
    """One half's PDF: its reader, the bytes of every object, and its structural objects."""

    def __init__(self, data: bytes) -> None:
        self.reader = Reader(io.BytesIO(data))
        if set(self.reader.xref) != {0}:
            raise ValueError("generation numbers other than 0")
        self.header = data[: min(self.reader.xref[0].values())]
        self.bodies = _bodies(data, self.reader)
        self.root = self.reader.trailer.raw_get("/Root").idnum
        self.catalog = self.reader.trailer["/Root"]
        if any(key in self.catalog for key in _REFUSED):
            raise ValueError("a catalog entry this join does not merge")
        self.pages = self.catalog.raw_get("/Pages").idnum
        kids = self.catalog["/Pages"]["/Kids"]
        if any(kid.get_object().get("/Type") != "/Page" for kid in kids):
            raise ValueError("a nested page tree")
        self.kids = [kid.idnum for kid in kids]
        self.tree = self.catalog["/StructTreeRoot"]
        documents = self.tree["/K"]
        if not isinstance(documents, ArrayObject) or len(documents) != 1:
            raise ValueError("no single document element")
        self.document = documents[0].idnum
        elements = self.reader.get_object(self.document)["/K"]
        self.elements = elements if isinstance(elements, ArrayObject) else ArrayObject([elements])
        parent_tree = self.tree["/ParentTree"]
        if "/Kids" in parent_tree:
            raise ValueError("a parent tree in parts")
        self.nums = list(parent_tree["/Nums"])
        self.ids = list(self.tree["/IDTree"]["/Names"]) if "/IDTree" in self.tree else []
        names = self.catalog.get("/Names", {})
        if set(names) - {"/Dests"} or "/Kids" in names.get("/Dests", {}):
            raise ValueError("attachments, other name trees, or one in parts")
        self.dests = list(names.get("/Dests", {}).get("/Names", []))
        self.outlines = self.catalog.get("/Outlines")
        if self.outlines is not None and "/First" not in self.outlines:
            self.outlines = None  # an empty outline: nothing to chain

    def reference(self, owner, key: str) -> int:
        """The object number `owner[key]` refers to."""
        return owner.raw_get(key).idnum


def join(first: bytes, second: bytes, stand_ins: tuple[set[str], set[str]]) -> bytes | None:
    """One PDF of `first`'s pages, then `second`'s; None if the two cannot be joined exactly.

    `stand_ins` are the anchor names each half was given only so that its links to the
    other half were kept: their destinations come from the other half.
    """
    if not (can_rewrite(first) and can_rewrite(second)):
        return None
    try:
        return _join(_Half(first), _Half(second), stand_ins)
    # What a file not laid out as expected raises while it is read; never a silent catch-all.
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, PdfReadError, zlib.error):
        return None


def _join(a: _Half, b: _Half, stand_ins: tuple[set[str], set[str]]) -> bytes:
    shift = max(a.bodies) + 1
    keys = max((int(k) for k in a.nums[0::2]), default=-1) + 1
    # References to the second half's page tree, structure root and document element, and
    # to its outline root, go to the first half's: its pages and elements join those.
    mapped = {
        b.pages: a.pages,
        b.reference(b.catalog, "/StructTreeRoot"): a.reference(a.catalog, "/StructTreeRoot"),
        b.document: a.document,
    }
    if a.outlines is not None and b.outlines is not None:
        mapped[b.reference(b.catalog, "/Outlines")] = a.reference(a.catalog, "/Outlines")
    a_ids, b_ids = {str(k) for k in a.ids[0::2]}, {str(k) for k in b.ids[0::2]}
    renamed = {name: f"{name}.2" for name in b_ids} if a_ids & b_ids else {}
    salt = hashlib.sha256(b"".join(b.bodies[n] for n in b.kids)).digest()
    renumber = _renumberer(lambda n: mapped.get(n, n + shift), keys, renamed, salt)

    def moved(value: PdfObject) -> bytes:
        return renumber(leaf(value))

    bodies = dict(a.bodies)
    bodies |= {n + shift: renumber(body) for n, body in b.bodies.items()}
    # The page tree: one flat list of pages.
    kids = [b"%d 0 R" % n for n in a.kids] + [b"%d 0 R" % (n + shift) for n in b.kids]
    count = b"%d" % len(kids)
    bodies[a.pages] = _with(
        a.catalog["/Pages"], {"/Kids": b"[" + b" ".join(kids) + b"]", "/Count": count}
    )
    # The structure tree: the second half's elements after the first's, its keys moved.
    elements = leaf(a.elements)[:-1] + b" " + moved(b.elements)[1:]
    bodies[a.document] = _with(a.reader.get_object(a.document), {"/K": elements})
    b_nums = [NumberObject(int(v) + keys) if i % 2 == 0 else v for i, v in enumerate(b.nums)]
    nums = leaf(ArrayObject(a.nums))[:-1] + b" " + moved(ArrayObject(b_nums))[1:]
    tree = {"/ParentTree": b"<</Nums " + nums + b">>"}
    if "/ParentTreeNextKey" in a.tree:
        tree["/ParentTreeNextKey"] = b"%d" % (
            keys + max((int(k) for k in b.nums[0::2]), default=-1) + 1
        )
    if a.ids or b.ids:
        pairs = _pairs(a.ids, leaf) + [(renamed.get(k, k), v) for k, v in _pairs(b.ids, moved)]
        tree["/IDTree"] = b"<</Names " + _name_array(pairs) + b">>"
    bodies[a.reference(a.catalog, "/StructTreeRoot")] = _with(a.tree, tree)
    catalog: dict[str, bytes] = {}
    # Named destinations: each anchor from the half that really has it.
    dests = [(k, v) for k, v in _pairs(a.dests, leaf) if k not in stand_ins[0]]
    dests += [(k, v) for k, v in _pairs(b.dests, moved) if k not in stand_ins[1]]
    if len({k for k, _ in dests}) != len(dests):
        raise ValueError("an anchor in both halves")
    if dests:
        catalog["/Names"] = b"<</Dests <</Names " + _name_array(dests) + b">>>>"
    # Outlines: the second half's top-level bookmarks follow the first's.
    if b.outlines is not None and a.outlines is None:
        catalog["/Outlines"] = b"%d 0 R" % (b.reference(b.catalog, "/Outlines") + shift)
    elif b.outlines is not None:
        a_last = a.reference(a.outlines, "/Last")
        b_first = b.reference(b.outlines, "/First") + shift
        bodies[a_last] = _with(a.reader.get_object(a_last), {"/Next": b"%d 0 R" % b_first})
        first_item = b.reader.get_object(b_first - shift)
        bodies[b_first] = _with(first_item, {"/Prev": b"%d 0 R" % a_last}, renumber)
        total = int(a.outlines.get("/Count", 0)) + int(b.outlines.get("/Count", 0))
        last = b.reference(b.outlines, "/Last") + shift
        ends = {"/Last": b"%d 0 R" % last, "/Count": b"%d" % total}
        bodies[a.reference(a.catalog, "/Outlines")] = _with(a.outlines, ends)
    kept = {k: v for k, v in _entries(a.catalog).items() if k != "/Names"}
    bodies[a.root] = _dictionary(kept | catalog)
    return _write(a, bodies)


def _pairs(array: list, write: Callable[[PdfObject], bytes]) -> list[tuple[str, bytes]]:
    """A name tree's flat /Names array as (name, written value) pairs."""
    return [(str(k), write(v)) for k, v in zip(array[0::2], array[1::2], strict=True)]


def _name_array(pairs: list[tuple[str, bytes]]) -> bytes:
    """A name tree's /Names array, sorted by name as the tree requires."""
    return b"[" + b" ".join(_key(k) + b" " + v for k, v in sorted(pairs)) + b"]"


def _key(name: str) -> bytes:
    """A name-tree key written as WeasyPrint (pydyf) writes strings, and so its links' /Dest:
    ASCII as it is, anything else as UTF-16 with a byte-order mark. pypdf would write "niños"
    in PDFDocEncoding, and viewers that compare the bytes (Poppler) found no destination."""
    try:
        return b"(" + re.sub(rb"([\\()])", rb"\\\1", name.encode("ascii")) + b")"
    except UnicodeEncodeError:
        return b"<" + ("\ufeff" + name).encode("utf-16-be").hex().encode() + b">"


def _renumberer(number: Callable[[int], int], keys: int, ids: dict[str, str], salt: bytes):
    """A function giving an object's bytes with the second half's numbers, keys, ids and tags."""
    tags: dict[bytes, bytes] = {}

    def tag(old: bytes) -> bytes:
        if old not in tags:
            digest = hashlib.sha256(salt + old).digest()
            tags[old] = "".join(string.ascii_uppercase[x % 26] for x in digest[:6]).encode()
        return tags[old]

    def replace(match: re.Match) -> bytes:
        if match.group(1) is not None:
            return b"%d 0 R" % number(int(match.group(1)))
        if match.group(2) is not None:
            return match.group(2) + b"%d" % (int(match.group(3)) + keys)
        if match.group(4) is not None:
            return b"/" + tag(match.group(4)) + b"+"
        text = match.group(0)
        if ids and text.startswith(b"(") and (name := text[1:-1].decode("latin-1")) in ids:
            return _key(ids[name])
        return text

    def renumber(body: bytes) -> bytes:
        end = dictionary_end(body)
        return _TOKENS.sub(replace, body[:end]) + body[end:]

    return renumber


def _bodies(data: bytes, reader: Reader) -> dict[int, bytes]:
    """Every object of a PDF written in one go, as its bytes (no `N 0 obj` around them).

    Object streams and the cross-reference stream are left out: their objects are unpacked.
    """
    direct = dict(reader.xref[0])
    holders = {holder for holder, _index in reader.xref_objStm.values()}
    start = int(re.search(rb"startxref\s+(\d+)", data[-64:]).group(1))
    bounds = sorted([*direct.values(), start])
    ends = dict(itertools.pairwise(bounds))
    bodies: dict[int, bytes] = {}
    for number, offset in direct.items():
        if number in holders or offset == start:
            continue
        raw = data[offset : ends[offset]]
        bodies[number] = _OBJ_TAIL.sub(b"", _OBJ_HEAD.sub(b"", raw, count=1), count=1)
    for holder in holders:
        bodies |= dict(_packed_objects(reader, holder))
    return bodies


def _entries(value) -> dict[str, bytes]:
    """A dictionary's entries as written values (references as references)."""
    return {
        k: b"%d 0 R" % v.idnum if isinstance(v, IndirectObject) else leaf(v)
        for k, v in ((k, value.raw_get(k)) for k in value)
    }


def _with(
    value, changes: dict[str, bytes], renumber: Callable[[bytes], bytes] | None = None
) -> bytes:
    """A dictionary's bytes with some entries set to already written values.

    `renumber` first moves the dictionary's own values into the joined file's numbers.
    """
    entries = _entries(value)
    if renumber is not None:
        entries = {k: renumber(v) for k, v in entries.items()}
    return _dictionary(entries | changes)


def _dictionary(entries: dict[str, bytes]) -> bytes:
    return b"<<" + b"".join(k.encode() + b" " + v + b"\n" for k, v in entries.items()) + b">>"


def _write(a: _Half, bodies: dict[int, bytes]) -> bytes:
    """The joined file: streams as objects, everything else packed in one object stream."""
    trailer = a.reader.trailer
    out = io.BytesIO()
    out.write(a.header)
    entries: dict[int, tuple[int, int, int]] = {}
    packed = []
    for number in sorted(_reached(bodies, trailer)):
        body = bodies[number]
        if dictionary_end(body) < len(body):  # a stream: never packed
            entries[number] = (1, out.tell(), 0)
            out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        else:
            packed.append((number, body))
    holder = max(bodies) + 1
    stream, kept = _repack(packed, set())
    entries[holder] = (1, out.tell(), 0)
    out.write(b"%d 0 obj\n%s\nendobj\n" % (holder, stream))
    entries.update({n: (2, holder, index) for index, n in enumerate(kept)})
    return _finish(out, entries, trailer)
