"""Contents entries as one /Link each: WeasyPrint 70 nests the <a>, its ::after and leader."""

from __future__ import annotations

import pydyf

from pocketguide.tagtree import elements_in, is_objr, kids_of, number_of, page_mcids, resolve


def join_links(pdf, top: int, parent_tree) -> None:
    """Merge /Link elements nested in a /Link (an <a>'s ::after, its leader) into it."""
    owners = page_mcids(pdf, parent_tree)
    todo = [top]
    while todo:
        element = pdf.objects[todo.pop()]
        if element.get("S") == "/Link":
            _absorb(pdf, element, parent_tree, owners)
        else:
            todo.extend(elements_in(pdf, kids_of(element)))


def _absorb(pdf, link, parent_tree, owners: dict[bytes, pydyf.Array]) -> None:
    """Move nested links' content into this link; drop their annotations inside its own."""
    own = [resolve(pdf, resolve(pdf, k)["Obj"]) for k in kids_of(link) if is_objr(pdf, k)]
    kids = pydyf.Array()
    for kid in kids_of(link):
        nested = elements_in(pdf, [kid]) and pdf.objects[number_of(kid)]
        if not nested or nested["S"] != "/Link":
            kids.append(kid)
            continue
        _absorb(pdf, nested, parent_tree, owners)
        for inner in kids_of(nested):
            if isinstance(inner, int):
                owners[nested["Pg"]][inner] = link.reference
            elif is_objr(pdf, inner):
                annotation = resolve(pdf, resolve(pdf, inner)["Obj"])
                if any(_covers(outer, annotation) for outer in own):
                    _drop_annotation(pdf, inner, parent_tree)
                    continue
                parent_tree[_entry(parent_tree, annotation["StructParent"]) + 1] = link.reference
            else:
                resolve(pdf, inner)["P"] = link.reference
            kids.append(inner)
        nested.clear()
    link["K"] = kids


def _covers(outer, inner) -> bool:
    """Whether an annotation goes where another does from all of its area, or more."""
    if any(_serial(outer.get(k)) != _serial(inner.get(k)) for k in ("Dest", "A")):
        return False
    (ox1, ox2), (oy1, oy2) = (sorted(outer["Rect"][i::2]) for i in (0, 1))
    (ix1, ix2), (iy1, iy2) = (sorted(inner["Rect"][i::2]) for i in (0, 1))
    return ox1 - 0.01 <= ix1 and ix2 <= ox2 + 0.01 and oy1 - 0.01 <= iy1 and iy2 <= oy2 + 0.01


def _drop_annotation(pdf, objr_ref, parent_tree) -> None:
    """Take an annotation off its page and out of the parent tree, and empty it."""
    objr = resolve(pdf, objr_ref)
    annotation = resolve(pdf, objr["Obj"])
    page = resolve(pdf, objr["Pg"])
    page["Annots"] = pydyf.Array(
        a for a in page["Annots"] if number_of(a) != number_of(objr["Obj"])
    )
    at = _entry(parent_tree, annotation["StructParent"])
    del parent_tree[at : at + 2]
    annotation.clear()
    objr.clear()


def _entry(parent_tree, key: int) -> int:
    """Where a key is in the parent tree's flat [key, value, ...] array."""
    return next(i for i in range(0, len(parent_tree), 2) if parent_tree[i] == key)


def _serial(value) -> bytes:
    """A pydyf value as written, to compare (pydyf strings compare by identity)."""
    return pydyf.Array([value]).data
