"""Reading WeasyPrint's structure tree as pydyf objects: references, kids, page MCIDs."""

from __future__ import annotations

import pydyf

_REF = b" 0 R"


def page_mcids(pdf, parent_tree) -> dict[bytes, pydyf.Array]:
    """Each page's MCID-to-element array in the parent tree, by page reference."""
    references = pdf.page_references
    return {
        references[parent_tree[i]]: parent_tree[i + 1]
        for i in range(0, len(parent_tree), 2)
        if isinstance(parent_tree[i + 1], pydyf.Array) and parent_tree[i] < len(references)
    }  # the other entries are annotations' (a single reference each)


def kids_of(element) -> list:
    """An element's /K as a list: MCIDs, and references to elements and annotations."""
    kids = element.get("K", [])
    return list(kids) if isinstance(kids, (list, pydyf.Array)) else [kids]


def elements_in(pdf, kids) -> list[int]:
    """The object numbers of the structure elements among these kids."""
    numbers = (number_of(kid) for kid in kids if not isinstance(kid, int))
    return [n for n in numbers if n is not None and type_of(pdf.objects[n]) == "/StructElem"]


def is_objr(pdf, kid) -> bool:
    """Whether a kid refers to an annotation (an object reference)."""
    number = None if isinstance(kid, int) else number_of(kid)
    return number is not None and type_of(pdf.objects[number]) == "/OBJR"


def type_of(value) -> str | None:
    """A dictionary's /Type, else None."""
    return value.get("Type") if isinstance(value, pydyf.Dictionary) else None


def text_of(value) -> str:
    """A pydyf string's text."""
    return str(value.string if isinstance(value, pydyf.String) else value)


def number_of(reference) -> int | None:
    """The object number of an indirect reference as pydyf writes it (b"12 0 R")."""
    if isinstance(reference, str):
        reference = reference.encode()
    if isinstance(reference, bytes) and reference.endswith(_REF):
        return int(reference[: -len(_REF)])
    return None


def resolve(pdf, reference):
    """The object a reference names, or the value itself when it is no reference."""
    number = number_of(reference)
    return pdf.objects[number] if number is not None else reference
