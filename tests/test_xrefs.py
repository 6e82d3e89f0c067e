"""Cross-references: a link to another part of the guide prints the page it leads to."""

from __future__ import annotations

import re

from pypdf import PdfReader

from conftest import run
from pocketguide.xrefs import unlink_missing

# Every default section but the crisis numbers and two that link: one to the crisis numbers,
# one to two scenarios.
ALL_BUT = (
    "facilitator-role, before-the-meeting, opening, guidelines, keeping-it-moving, closing,"
    " scenarios, feedback-and-limits, self-care, notes"
)


def _page_of(reader: PdfReader, anchor: str) -> int:
    """The page (from 1) a named destination of the guide is on."""
    return reader.get_destination_page_number(reader.named_destinations[anchor]) + 1


def _words(*texts: str) -> str:
    """The texts as one line of words, with words hyphenated at a line's end made whole."""
    return " ".join(" ".join(text.split()) for text in texts).replace("\u2010 ", "")


def _internal_links(page) -> list[str]:
    names = []
    for annotation in page.get("/Annots") or []:
        annotation = annotation.get_object()
        action = annotation.get("/A") or {}
        if "/Dest" in annotation or "/D" in action:
            names.append(str(annotation.get("/Dest") or action["/D"]))
    return names


def test_cross_references_print_and_link_to_their_pages(guide_reader, guide_texts):
    crisis = _page_of(guide_reader, "sec-crisis-numbers")
    start = " ".join(guide_texts[2].split())
    assert f"turn to the crisis numbers page (p. {crisis}) and fill it in." in start
    assert "sec-crisis-numbers" in _internal_links(guide_reader.pages[2])
    avoid = next(i for i, t in enumerate(guide_texts) if "Safety comes first" in t)
    words = _words(*guide_texts[avoid : avoid + 2])
    suicidal = _page_of(guide_reader, "scn-suicidal-thoughts")
    threats = _page_of(guide_reader, "scn-abuse-or-threats")
    assert (
        f"The scenarios “Suicidal thoughts” (p. {suicidal}) and “Abuse or threats” "
        f"(p. {threats}) say how." in words
    )


def test_a_link_to_a_part_the_guide_leaves_out_prints_as_words(tmp_path):
    # "Five things to avoid" links to two scenarios; without them it must neither say
    # "(p. 0)" nor make WeasyPrint warn of a missing anchor.
    config = f"organization:\n  name: Lean\nsections:\n  exclude: [{ALL_BUT}]\n"
    (tmp_path / "pocketguide.yaml").write_text(config)
    result = run("build", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr, result.stderr
    reader = PdfReader(tmp_path / "output" / "lean-guide-en.pdf")
    text = _words(*(page.extract_text() for page in reader.pages))
    assert "The scenarios “Suicidal thoughts” and “Abuse or threats” say how." in text
    assert "turn to the crisis numbers page (p. " in text  # that one is still there
    links = [name for page in reader.pages[2:] for name in _internal_links(page)]
    assert set(links) == {"sec-crisis-numbers"}  # one link may take two lines: two areas


def test_an_own_link_that_leads_nowhere_warns_with_its_file_and_line(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(
        f"organization:\n  name: Lean\nsections:\n  exclude: [things-to-avoid, {ALL_BUT}]\n"
    )
    sections = tmp_path / "content" / "en" / "sections"
    sections.mkdir(parents=True)
    (sections / "how-to-use.md").write_text(
        "---\ntitle: How to use this guide\n---\nKeep it with you.\n\n"
        "See [our own page](#sec-missing) and [the numbers](#sec-crisis-numbers).\n"
    )
    result = run("build", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (
        "warning: content/en/sections/how-to-use.md:6: the link to "
        "#sec-missing leads to no section or scenario of this guide (#sec-<id> or #scn-<id>); "
        "it prints as plain words"
    ) in result.stderr.splitlines()
    text = PdfReader(tmp_path / "output" / "lean-guide-en.pdf").pages[2].extract_text()
    assert re.search(r"See our own page and the numbers\s\(p\.\s\d+\)\.", " ".join(text.split()))


def test_unlink_missing_keeps_links_whose_target_is_in_the_document():
    html = (
        '<nav id="contents"></nav><p><a href="#contents">kept</a> '
        '<a href="#gone">gone <b>words</b></a> <a href="tel:988">988</a></p>'
    )
    assert unlink_missing(html) == (
        '<nav id="contents"></nav><p><a href="#contents">kept</a> '
        'gone <b>words</b> <a href="tel:988">988</a></p>'
    )
