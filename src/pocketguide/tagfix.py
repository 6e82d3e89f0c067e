"""Repair gaps in WeasyPrint 70's structure tree before the PDF is written (a finisher).

- Running heads and page numbers (margin boxes) are tagged, but their structure elements are
  linked from no parent (content outside the tree, which PDF/UA checkers fail). They become
  pagination artifacts (`/Artifact <</Type /Pagination>> BDC`), which is what they are.
- Only the document has a /Lang: a fallback section (`lang="en"` in a Spanish edition) was
  read with the edition's pronunciation. Its element gets its own /Lang.
- Leader dots (`leader(". ")`) were text, read out one by one: they become layout artifacts.
  A contents entry was three nested /Link elements with an annotation each (the <a>, its
  ::after and the leader in it): it is one element with one annotation.
- Table header cells get an /ID that data cells name in /Headers, but the tree has no
  /IDTree to find them by. One is added.

Works on WeasyPrint's pydyf objects (documented as what a finisher receives), before they are
serialized: no PDF is parsed.
"""

from __future__ import annotations

import logging

import pydyf

from pocketguide.taglinks import join_links
from pocketguide.tagtree import elements_in, kids_of, number_of, page_mcids, resolve, text_of


def fix_tags(pdf, document=None) -> None:
    """Repair the structure tree; /Lang, leaders and links need the laid-out document."""
    root_ref = pdf.catalog.get("StructTreeRoot")
    if root_ref is None:
        return  # an untagged PDF: nothing to repair
    root = resolve(pdf, root_ref)
    top = number_of(root["K"][0])
    leaves = _leaf_boxes(pdf, document, top) if document is not None else None
    reachable = _reachable(pdf, root["K"])
    parent_tree = resolve(pdf, root["ParentTree"])["Nums"]
    for page_ref, mapping in page_mcids(pdf, parent_tree).items():
        orphans = {mcid for mcid, ref in enumerate(mapping) if number_of(ref) not in reachable}
        if orphans:
            page = resolve(pdf, page_ref)
            _mark_artifacts(resolve(pdf, page["Contents"]).stream, orphans, "/Pagination")
            for mcid in orphans:
                _empty(pdf, mapping[mcid], reachable)
                mapping[mcid] = "null"
    if leaves is not None:
        _mark_languages(pdf, document, top, leaves)
        _drop_leaders(pdf, document, leaves, parent_tree)
        join_links(pdf, top, parent_tree)
    _add_id_tree(pdf, root, reachable)


class _Rebuild:
    """Stands in for the PDF and a page's marked content while WeasyPrint rebuilds its tree.

    The copy has the real tree's shape, and each stand-in MCID names the box it was made for.
    """

    def __init__(self, page_references) -> None:
        self.page_references = page_references
        self.objects: list = []
        self.boxes: list = []

    def add_object(self, element) -> None:
        """Number an element as pydyf would, in a list of its own."""
        element.number = len(self.objects)
        self.objects.append(element)

    def pop(self, box) -> dict:
        """A page's marked content for this box, as WeasyPrint's drawing recorded it."""
        self.boxes.append(box)
        return {"tag": "Span", "mcid": len(self.boxes) - 1}


def _leaf_boxes(pdf, document, top: int) -> dict[int, list] | None:
    """(MCID, box) of the content each structure element holds directly, by element number.

    WeasyPrint keeps no link from an element to its box, and its MCIDs number the boxes in
    drawing order, which is not tree order. Its own builder is run again over the same
    boxes, so the copy matches the real tree kid for kid and names each MCID's box.
    """
    copy, rebuild = _rebuilt_tree(pdf, document)
    found: dict[int, list] = {}
    todo = [(top, copy)]
    while todo:
        number, twin = todo.pop()
        kids, twins = kids_of(pdf.objects[number]), kids_of(twin)
        if pdf.objects[number]["S"] != twin["S"] or len(kids) != len(twins):
            # Another WeasyPrint than the one this was written for: the PDF is still right,
            # only without these repairs. Said as a warning, never a failed build.
            logging.getLogger("weasyprint").warning(
                "pocketguide could not match WeasyPrint's structure tree, so languages and "
                "contents leaders are tagged as WeasyPrint wrote them"
            )
            return None
        for kid, other in zip(kids, twins, strict=True):
            if isinstance(kid, int):
                found.setdefault(number, []).append((kid, rebuild.boxes[other]))
            elif elements_in(pdf, [kid]):
                todo.append((number_of(kid), rebuild.objects[number_of(other)]))
    return found


def _rebuilt_tree(pdf, document) -> tuple[pydyf.Dictionary, _Rebuild]:
    """WeasyPrint's structure tree built again over the laid-out pages, MCIDs naming boxes."""
    from weasyprint.pdf.tags import _build_box_tree

    rebuild = _Rebuild(pdf.page_references)
    copy = pydyf.Dictionary({"S": "/Document", "K": pydyf.Array()})
    rebuild.add_object(copy)
    for index, page in enumerate(document.pages):
        for element in _build_box_tree(page._page_box, copy, rebuild, index, {}, [], rebuild):
            copy["K"].append(element.reference)
    return copy, rebuild


def _mark_languages(pdf, document, top: int, leaves: dict[int, list]) -> None:
    """Give /Lang to the top-most elements whose content is all in another language."""
    html = next(b.element for b in document.pages[0]._page_box.children if b.element_tag == "html")
    language: dict = {}
    todo = [(html, "")]
    while todo:
        element, inherited = todo.pop()
        language[element] = element.get("lang") or inherited
        todo.extend((child, language[element]) for child in element)
    spoken: dict[int, frozenset[str]] = {}
    children: dict[int, list[int]] = {}

    def gather(number: int) -> frozenset[str]:
        own = {language.get(box.element, "") for _, box in leaves.get(number, ())}
        for kid in children.setdefault(number, elements_in(pdf, kids_of(pdf.objects[number]))):
            own |= gather(kid)
        spoken[number] = frozenset(own - {""})
        return spoken[number]

    gather(top)
    todo = [(top, text_of(pdf.catalog.get("Lang", "")))]
    while todo:
        number, inherited = todo.pop()
        only = next(iter(spoken[number])) if len(spoken[number]) == 1 else inherited
        if only.lower() != inherited.lower():
            pdf.objects[number]["Lang"] = pydyf.String(only)
        todo.extend((kid, only) for kid in children[number])


def _drop_leaders(pdf, document, leaves: dict[int, list], parent_tree) -> None:
    """Make leader dots layout artifacts, out of the elements that held them as text."""
    dots = {
        text
        for page in document.pages
        for box in page._page_box.descendants()
        if getattr(box, "is_leader", False)
        for text in box.children
    }
    owners = page_mcids(pdf, parent_tree)
    by_page: dict[bytes, set[int]] = {}
    for number, held in leaves.items():
        drop = {mcid for mcid, box in held if box in dots}
        if not drop:
            continue
        element = pdf.objects[number]
        by_page.setdefault(element["Pg"], set()).update(drop)
        element["K"] = pydyf.Array(
            k for k in element["K"] if not isinstance(k, int) or k not in drop
        )
        # A text element left empty (WeasyPrint gives each text box one) goes with its dots.
        if not element["K"] and element["S"] != "/Link":
            parent = resolve(pdf, element["P"])
            parent["K"] = pydyf.Array(k for k in parent["K"] if number_of(k) != number)
            element.clear()
    for page, drop in by_page.items():
        _mark_artifacts(resolve(pdf, resolve(pdf, page)["Contents"]).stream, drop, "/Layout")
        for mcid in drop:
            owners[page][mcid] = "null"


def _empty(pdf, reference, reachable: set[int]) -> None:
    """Empty an unlinked element and its unlinked parents: nothing points to them any more.

    pydyf cannot drop an object once numbered, so each stays in the file as an empty `<< >>`.
    """
    while (number := number_of(reference)) is not None and number not in reachable:
        element = pdf.objects[number]
        if not isinstance(element, pydyf.Dictionary) or not element:
            return
        reference = element.get("P")
        element.clear()


def _mark_artifacts(stream: list, mcids: set[int], kind: str) -> None:
    """Turn the marked-content sequences with these MCIDs into artifacts of this type."""
    for i in range(1, len(stream) - 1):
        properties = stream[i]
        if (
            isinstance(properties, pydyf.Dictionary)
            and properties.get("MCID") in mcids
            and stream[i + 1] == b"BDC"
        ):
            stream[i - 1] = "/Artifact"
            stream[i] = pydyf.Dictionary({"Type": kind})


def _reachable(pdf, kids) -> set[int]:
    """Object numbers of every structure element reachable from the tree's root."""
    found: set[int] = set()
    todo = elements_in(pdf, kids)
    while todo:
        number = todo.pop()
        if number not in found:
            found.add(number)
            todo.extend(elements_in(pdf, kids_of(pdf.objects[number])))
    return found


def _add_id_tree(pdf, root, reachable: set[int]) -> None:
    """A name tree from each element /ID to its element, for /Headers to refer by."""
    named = sorted(
        (text_of(pdf.objects[n]["ID"]), pdf.objects[n].reference)
        for n in reachable
        if "ID" in pdf.objects[n]
    )
    if named:
        names = pydyf.Array()
        for key, reference in named:
            names.extend([pydyf.String(key), reference])
        root["IDTree"] = pydyf.Dictionary({"Names": names})
