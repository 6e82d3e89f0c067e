"""Repair two gaps in WeasyPrint 70's structure tree before the PDF is written (a finisher).

- Running heads and page numbers (margin boxes) are tagged, but their structure elements are
  linked from no parent: content that belongs to no element of the tree, which PDF/UA
  checkers fail and screen readers skip or read out of order. They become pagination
  artifacts (`/Artifact <</Type /Pagination>> BDC`), which is what they are.
- Table header cells get an /ID that data cells name in /Headers, but the tree has no
  /IDTree to find them by. One is added.

Works on WeasyPrint's pydyf objects (documented as what a finisher receives), before they are
serialized: no PDF is parsed.
"""

from __future__ import annotations

import pydyf

_REF = b" 0 R"


def fix_tags(pdf) -> None:
    """Mark margin-box content as artifacts and add the /IDTree (WeasyPrint finisher step)."""
    root_ref = pdf.catalog.get("StructTreeRoot")
    if root_ref is None:
        return  # an untagged PDF: nothing to repair
    root = _get(pdf, root_ref)
    reachable = _reachable(pdf, root["K"])
    parent_tree = _get(pdf, root["ParentTree"])["Nums"]
    for position in range(0, len(parent_tree), 2):
        index, mapping = parent_tree[position], parent_tree[position + 1]
        if not isinstance(mapping, pydyf.Array) or index >= len(pdf.page_references):
            continue  # an annotation's entry (a single reference), not a page's MCIDs
        orphans = {mcid for mcid, ref in enumerate(mapping) if _number(ref) not in reachable}
        if orphans:
            page = _get(pdf, pdf.page_references[index])
            _mark_artifacts(_get(pdf, page["Contents"]).stream, orphans)
            for mcid in orphans:
                _empty(pdf, mapping[mcid], reachable)
                mapping[mcid] = "null"
    _add_id_tree(pdf, root, reachable)


def _empty(pdf, reference, reachable: set[int]) -> None:
    """Empty an unlinked element and its unlinked parents: nothing points to them any more.

    pydyf cannot drop an object once numbered, so each stays in the file as an empty `<< >>`.
    """
    while (number := _number(reference)) is not None and number not in reachable:
        element = pdf.objects[number]
        if not isinstance(element, pydyf.Dictionary) or not element:
            return
        reference = element.get("P")
        element.clear()


def _mark_artifacts(stream: list, mcids: set[int]) -> None:
    """Turn the marked-content sequences with these MCIDs into pagination artifacts."""
    for i in range(1, len(stream) - 1):
        properties = stream[i]
        if (
            isinstance(properties, pydyf.Dictionary)
            and properties.get("MCID") in mcids
            and stream[i + 1] == b"BDC"
        ):
            stream[i - 1] = "/Artifact"
            stream[i] = pydyf.Dictionary({"Type": "/Pagination"})


def _reachable(pdf, kids) -> set[int]:
    """Object numbers of every structure element reachable from the tree's root."""
    found: set[int] = set()
    todo = list(kids)
    while todo:
        number = _number(todo.pop())
        if number is None or number in found:
            continue
        element = pdf.objects[number]
        if not isinstance(element, pydyf.Dictionary) or element.get("Type") != "/StructElem":
            continue
        found.add(number)
        children = element.get("K", [])
        todo.extend(children if isinstance(children, (list, pydyf.Array)) else [children])
    return found


def _add_id_tree(pdf, root, reachable: set[int]) -> None:
    """A name tree from each element /ID to its element, for /Headers to refer by."""
    named = []
    for number in reachable:
        element = pdf.objects[number]
        if "ID" in element:
            key = element["ID"]
            text = key.string if isinstance(key, pydyf.String) else str(key)
            named.append((str(text), element.reference))
    if named:
        names = pydyf.Array()
        for key, reference in sorted(named):
            names.extend([pydyf.String(key), reference])
        root["IDTree"] = pydyf.Dictionary({"Names": names})


def _number(reference) -> int | None:
    """The object number of an indirect reference as pydyf writes it (b"12 0 R")."""
    if isinstance(reference, str):
        reference = reference.encode()
    if isinstance(reference, bytes) and reference.endswith(_REF):
        return int(reference[: -len(_REF)])
    return None


def _get(pdf, reference):
    number = _number(reference)
    return pdf.objects[number] if number is not None else reference
