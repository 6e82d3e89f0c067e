"""Write a PDF again with some objects replaced, added or dropped, as one clean revision.

pocketguide.splice uses it to put newly written pages into the last full PDF of a guide.
Unchanged objects are copied byte for byte; an object stream that held a replaced object is
unpacked and packed again without it, so no old version of a page, a link or its content stream
(an old phone number) stays anywhere in the file, as it would in an incremental update.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import string
import zlib

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
    read_object,
)

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_REFERENCE = re.compile(rb"(\d+) 0 R\b")
# A stream's dictionary ends at the ">>" before "stream", which a string in it may hold too
# (an image's /Alt text): literal strings (pydyf escapes every parenthesis in them) and hex
# strings are read past.
_STRING_OR_STREAM = re.compile(
    rb"\((?:[^()\\]|\\.)*\)|(?<!<)<(?!<)[0-9A-Fa-f\s]*>|>>\s*stream\r?\n", re.S
)
_SUBSET_NAME = re.compile(r"^/[A-Z]{6}\+")  # a font subset's tag (ISO 32000-1, 9.6.4)
STRUCTURAL = ("/Page", "/Pages", "/Catalog", "/StructElem", "/StructTreeRoot")


class Unexpected(Exception):
    """The copied objects reach one that cannot be copied (a page, the catalog, a tag)."""


class ObjectWriter:
    """Serialises pypdf objects; objects copied from another PDF get new numbers.

    `page_map` sends that PDF's page objects to the target's own pages. Font subsets copied
    in get new tags derived from `salt`, so that no two subsets in the target share a name.
    """

    def __init__(self, first_free: int, page_map: dict[int, IndirectObject], salt: bytes):
        self.next = first_free
        self.page_map = page_map
        self.salt = salt
        self.numbers: dict[int, int] = {}
        self.pending: list[tuple[int, PdfObject]] = []
        self.objects: dict[int, bytes] = {}
        self._tags: dict[str, str] = {}

    def copy(self, value: PdfObject) -> bytes:
        """`value` from the other PDF, its references pointing to copies."""
        return self._write(value, remap=True)

    def keep(self, value: PdfObject) -> bytes:
        """`value` from the target PDF, its references left as they are."""
        return self._write(value, remap=False)

    def put(self, number: int, body: bytes) -> None:
        """Set object `number` of the target."""
        self.objects[number] = body

    def finish(self) -> None:
        """Write every copied object still waiting."""
        while self.pending:
            number, target = self.pending.pop()
            self.objects[number] = self.copy(target)

    def _write(self, value: PdfObject, remap: bool) -> bytes:
        if isinstance(value, IndirectObject):
            return b"%d 0 R" % (self._number(value) if remap else value.idnum)
        if isinstance(value, DictionaryObject):
            entries = []
            for key, item in value.items():
                if remap and key in ("/BaseFont", "/FontName") and _SUBSET_NAME.match(item):
                    item = NameObject("/" + self._tag(item[1:7]) + item[7:])
                if key != "/Length" or not isinstance(value, StreamObject):
                    entries.append((key, self._write(item, remap)))
            if not isinstance(value, StreamObject):
                return dictionary(entries)
            data = value._data  # the stream as stored (still compressed)
            entries.append(("/Length", b"%d" % len(data)))
            return dictionary(entries) + b"\nstream\n" + data + b"\nendstream"
        if isinstance(value, ArrayObject):
            return b"[" + b" ".join(self._write(item, remap) for item in value) + b"]"
        return leaf(value)

    def _number(self, reference: IndirectObject) -> int:
        if reference.idnum in self.page_map:
            return self.page_map[reference.idnum].idnum
        if reference.idnum not in self.numbers:
            target = reference.get_object()
            if isinstance(target, DictionaryObject) and target.get("/Type") in STRUCTURAL:
                raise Unexpected(str(target.get("/Type")))
            self.numbers[reference.idnum] = self.next
            self.pending.append((self.next, target))
            self.next += 1
        return self.numbers[reference.idnum]

    def _tag(self, old: str) -> str:
        if old not in self._tags:
            digest = hashlib.sha256(self.salt + old.encode()).digest()
            self._tags[old] = "".join(string.ascii_uppercase[b % 26] for b in digest[:6])
        return self._tags[old]


def dictionary(entries: list[tuple[str, bytes]]) -> bytes:
    """A dictionary from its keys and already written values."""
    return b"<<" + b"".join(leaf(NameObject(k)) + b" " + v + b"\n" for k, v in entries) + b">>"


def leaf(value: PdfObject) -> bytes:
    """A simple PDF object (name, number, string...) as written in a file."""
    out = io.BytesIO()
    value.write_to_stream(out)
    return out.getvalue()


def can_rewrite(data: bytes) -> bool:
    """True if `data` ends with a cross-reference offset, as a PDF written in one go does."""
    return _STARTXREF.search(data[-64:]) is not None


def rewrite(
    data: bytes, reader: PdfReader, objects: dict[int, bytes], candidates: set[int]
) -> bytes | None:
    """`data` written again: `objects` replace or add, the rest is copied.

    Those of `candidates` (what replaced objects used) that nothing reaches any more go.
    None if the file is not laid out as expected (then nothing should be spliced into it).
    """
    start_xref = int(_STARTXREF.search(data[-64:]).group(1))
    if set(reader.xref) != {0}:
        return None  # generation numbers other than 0: not a file WeasyPrint wrote in one go
    direct = dict(reader.xref[0])  # object number -> offset
    packed = dict(reader.xref_objStm)  # object number -> (object stream, index)
    old_xref = next((n for n, offset in direct.items() if offset == start_xref), None)
    if old_xref is None:
        return None
    del direct[old_xref]
    bounds = [*sorted(direct.values()), start_xref]
    ends = dict(itertools.pairwise(bounds))
    bodies = {n: data[offset : ends[offset]] for n, offset in direct.items()}
    try:
        holders = {h: _packed_objects(reader, h) for h in {h for h, _index in packed.values()}}
    except ValueError:  # an object stream whose header does not match its objects
        return None
    for held in holders.values():
        bodies |= dict(held)
    dropped = candidates - _reached(bodies | objects, reader.trailer)
    gone = set(objects) | dropped | {old_xref}
    repack = {packed[n][0] for n in gone if n in packed}
    out = io.BytesIO()
    out.write(data[: bounds[0]])
    entries = {n: (2, stream, index) for n, (stream, index) in packed.items() if n not in gone}
    for number, offset in sorted(direct.items(), key=lambda item: item[1]):
        if number in gone:
            continue
        if not data.startswith(b"%d 0 obj" % number, offset):
            return None
        entries[number] = (1, out.tell(), 0)
        if number in repack:
            body, kept = _repack(holders[number], gone)
            out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
            entries.update({n: (2, number, index) for index, n in enumerate(kept)})
        else:
            out.write(data[offset : ends[offset]])
    for number in sorted(objects):
        entries[number] = (1, out.tell(), 0)
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    return _finish(out, entries, reader.trailer)


class Reader(PdfReader):
    """pypdf's reader, parsing an object in an object stream only when it is asked for.

    pypdf 7 parses every object of an object stream the first time one is read. A splice
    reads a few dozen of a guide's thousands, and that parse was most of its time.
    """

    def __init__(self, stream: io.BytesIO) -> None:
        self._unpacked: dict[int, tuple[io.BytesIO, int, dict[int, int]]] = {}
        super().__init__(stream)

    def _get_object_from_stream(self, indirect_reference: IndirectObject) -> PdfObject:
        # pypdf's own (private) method for this; anything unexpected is left to it.
        number = indirect_reference.idnum
        try:
            holder = self.xref_objStm[number][0]
            if holder in self.xref_objStm:
                raise KeyError(holder)  # a stream inside a stream: pypdf checks for cycles
            if holder not in self._unpacked:
                raw, first, numbers, starts = _index(self.get_object(holder))
                self._unpacked[holder] = (
                    io.BytesIO(raw),
                    first,
                    dict(zip(numbers, starts, strict=True)),
                )
            data, first, offsets = self._unpacked[holder]
            data.seek(first + offsets[number])
            value = read_object(data, self)
        except (KeyError, ValueError, PdfReadError):
            return super()._get_object_from_stream(indirect_reference)
        if self.cache_get_indirect_object(0, number) is None:
            self.cache_indirect_object(0, number, value)
        return value


def _index(stream: StreamObject) -> tuple[bytes, int, list[int], list[int]]:
    """An object stream's data, where its objects start, their numbers and offsets."""
    raw, first = stream.get_data(), int(stream["/First"])
    pairs = [int(x) for x in raw[:first].split()]
    return raw, first, pairs[0::2], pairs[1::2]


def _reached(bodies: dict[int, bytes], trailer) -> set[int]:
    """Every object the trailer's root and info reach, following `N 0 R` in their bytes.

    Only a stream's dictionary is read; text that merely looks like a reference keeps an
    object, never drops one.
    """
    todo = [trailer.raw_get(key).idnum for key in ("/Root", "/Info") if key in trailer]
    reached: set[int] = set()
    while todo:
        number = todo.pop()
        if number in reached:
            continue
        reached.add(number)
        body = bodies.get(number, b"")
        todo += [int(n) for n in _REFERENCE.findall(body, 0, dictionary_end(body))]
    return reached


def dictionary_end(body: bytes) -> int:
    """Where a stream object's dictionary ends (just after its `>>`); else the body's length."""
    for match in _STRING_OR_STREAM.finditer(body):
        if match.group(0).startswith(b">>"):
            return match.start() + 2
    return len(body)


def _packed_objects(reader: PdfReader, number: int) -> list[tuple[int, bytes]]:
    """The number and bytes of each object in object stream `number`, in order."""
    raw, first, numbers, starts = _index(reader.get_object(number))
    stops = [*starts[1:], len(raw) - first]
    return [
        (n, raw[first + start : first + stop].strip())
        for n, start, stop in zip(numbers, starts, stops, strict=True)
    ]


def _repack(held: list[tuple[int, bytes]], gone: set[int]) -> tuple[bytes, list[int]]:
    """An object stream of the `held` objects not in `gone`; the numbers it keeps, in order."""
    kept, bodies, header, position = [], [], [], 0
    for n, body in held:
        if n in gone:
            continue
        kept.append(n)
        bodies.append(body)
        header.append(b"%d %d" % (n, position))
        position += len(body) + 1
    head = b" ".join(header) + b"\n"
    packed = zlib.compress(head + b"\n".join(bodies))
    dictionary = b"<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>" % (
        len(kept),
        len(head),
        len(packed),
    )
    return dictionary + b"\nstream\n" + packed + b"\nendstream", kept


def _finish(out: io.BytesIO, entries: dict[int, tuple[int, int, int]], trailer) -> bytes:
    """Append the cross-reference stream (the trailer too) and the end of the file."""
    body = out.getvalue()
    number = max(entries) + 1
    entries[number] = (1, len(body), 0)
    rows = []
    for n in range(number + 1):
        kind, field, index = entries.get(n, (0, 0, 65535 if n == 0 else 0))
        rows.append(bytes([kind]) + field.to_bytes(4, "big") + index.to_bytes(4, "big"))
    table = b"".join(rows)
    # The second half of /ID changes with every new version of a file (ISO 32000-1, 14.4).
    identifier = trailer.get("/ID")
    first = leaf(identifier[0]) if identifier else b"<>"
    fields = [
        b"/Type /XRef",
        b"/Size %d" % (number + 1),
        b"/W [1 4 4]",
        b"/Root %d 0 R" % trailer.raw_get("/Root").idnum,
        b"/ID [%s <%s>]" % (first, hashlib.md5(body).hexdigest().encode()),
    ]
    if "/Info" in trailer:
        fields.append(b"/Info %d 0 R" % trailer.raw_get("/Info").idnum)
    fields.append(b"/Length %d" % len(table))
    xref = b"%d 0 obj\n<<%s>>\nstream\n" % (number, b"\n".join(fields))
    end = b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % len(body)
    return body + xref + table + end
