"""The default guide as a reader gets it: size, pages, outline, contents links, numbers, fonts."""

from __future__ import annotations

import re

from pypdf import PdfReader

from conftest import MM, run, tiny_config
from pocketguide.content import load_content
from pocketguide.project import load_project


def _content(tmp_path):
    return load_content(load_project(tmp_path), "en")


def _outline(reader):
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).replace("- ", "")


def test_pages_are_a6(guide_reader):
    for page in guide_reader.pages:
        assert abs(float(page.mediabox.width) - 105 * MM) <= 0.5
        assert abs(float(page.mediabox.height) - 148 * MM) <= 0.5


def test_page_count_in_range(guide_reader):
    assert 28 <= len(guide_reader.pages) <= 48


def test_every_section_and_scenario_is_bookmarked(guide_reader, tmp_path):
    content = _content(tmp_path)
    titles = {title: depth for depth, title, _ in _outline(guide_reader)}
    for section in content.sections:
        assert titles.get(section.meta.title) == 0, section.id
    for entry in content.scenarios:
        assert titles.get(entry.script.title) == 1, entry.id
    assert len(content.scenarios) >= 10


def test_outline_entries_point_to_their_pages(guide_reader, guide_texts):
    for _, title, page in _outline(guide_reader):
        assert _flat(title) in _flat(guide_texts[page]), title


def assert_scenarios_fit(reader, texts: list[str], content) -> None:
    """Each scenario starts a page, and its last block is on that same page."""
    outline = {title: page for _, title, page in _outline(reader)}
    for entry in content.scenarios:
        page = outline[entry.script.title]
        text = _flat(texts[page])
        assert _flat(entry.script.signs[0])[:25] not in _flat(texts[page - 1]), entry.id
        assert _flat(entry.script.signs[0])[:25] in text, entry.id
        assert _flat(entry.script.escalate[-1])[:25] in text, entry.id


def test_each_scenario_starts_a_page_and_fits_on_it(guide_reader, guide_texts, tmp_path):
    assert_scenarios_fit(guide_reader, guide_texts, _content(tmp_path))


def test_contents_links_go_to_the_page_numbers_they_print(guide_reader, guide_texts):
    toc_pages = [i for i, text in enumerate(guide_texts) if text.lstrip().startswith("Contents")]
    assert toc_pages
    checked = 0
    for index in toc_pages:
        page = guide_reader.pages[index]
        text = guide_texts[index]
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if not isinstance(dest, str):
                continue
            target = guide_reader.named_destinations[dest]
            number = guide_reader.get_destination_page_number(target) + 1
            assert re.search(rf"[ .]{number}\b", text), (dest, number)
            checked += 1
    assert checked >= 23


def test_contents_numbers_match_outline(guide_reader, guide_texts):
    toc = " ".join(t for t in guide_texts if t.lstrip().startswith("Contents"))
    for depth, title, page in _outline(guide_reader)[1:]:
        if title == "Contents" or depth > 0:
            continue
        pattern = re.escape(title) + r"[ .]*" + str(page + 1) + r"\b"
        assert re.search(pattern, toc.replace("\n", " ")), title


def test_crisis_numbers_are_tel_links(guide_reader):
    uris = set()
    for page in guide_reader.pages:
        for annot in page.get("/Annots", []):
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(action["/URI"])
    assert {"tel:988", "sms:988", "tel:911"} <= uris


def test_crisis_page_has_labelled_blanks(guide_texts):
    # Labels wrap inside their column; compare words, not line breaks.
    crisis = " ".join(" ".join(t.split()) for t in guide_texts if "Local numbers" in t)
    for label in (
        "Local crisis line",
        "My supervisor",
        "Crisis team that comes to you",
        "Domestic violence",
        "Sexual assault",
        "Poison control",
        "Child protective services",
        "Adult protective services",
        "Substance use",
        "Support line (not for emergencies)",
    ):
        assert label in crisis


def test_at_least_two_notes_pages(guide_reader, guide_texts):
    notes_start = next(p for _, t, p in _outline(guide_reader) if t == "Notes")
    assert len(guide_texts) - notes_start >= 3  # two ruled pages, then the back cover


def test_no_page_of_the_default_guide_is_left_blank_or_holds_only_spare_lines(guide_texts):
    # Three unlabelled write-in lines ran onto a page of their own after the thirteen
    # labelled ones; then a blank page stood before the back cover. Every page has words now:
    # the labelled lines end on the page they start on, and a third notes page fills the gap.
    assert all(text.strip() for text in guide_texts)
    local = [i for i, text in enumerate(guide_texts) if "Local crisis line" in text]
    assert len(local) == 1 and "Meeting address" in guide_texts[local[0]]
    assert guide_texts[local[0] + 1].startswith("Notes")


def test_cover_has_no_page_number_and_others_do(guide_texts):
    assert not re.search(r"^\s*1\s*$", guide_texts[0], re.M)
    assert re.search(r"\b5\b", guide_texts[4])


def test_all_fonts_embedded(guide_reader):
    seen = 0
    for page in guide_reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            holder = descendants[0].get_object() if descendants else font
            descriptor = holder["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert "Guide-Sans" in font["/BaseFont"]
            seen += 1
    assert seen


def test_metadata_title_and_language(guide_reader):
    meta = guide_reader.metadata
    assert meta.title == "Facilitator’s Pocket Guide"
    assert meta.author == "pocketguide"
    assert meta.subject
    assert guide_reader.trailer["/Root"]["/Lang"] == "en"


def test_running_heads_skip_the_page_where_a_section_starts(guide_texts):
    assert guide_texts[1].count("Contents") == 1  # the heading, not a running head over it
    assert guide_texts[3].count("Your role") == 1  # section start: its heading only
    assert guide_texts[4].count("Your role") == 2  # next page: running head + a sentence


def test_crisis_entries_are_never_hyphenated(tmp_path):
    # Long words at a line's end: elsewhere in the guide they would be hyphenated.
    name = "Southeastern Intercommunity Neighbourhood Responsiveness Collaborative Warmline"
    notes = "Counterproductive misunderstandings notwithstanding, representatives listen."
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="hotlines: hotlines.yaml\n"))
    (tmp_path / "hotlines.yaml").write_text(
        f'hotlines:\n  - name: {name}\n    phone: "502-555-0142"\n    category: warmline\n'
        f"    notes: {notes}\n    verified: 2026-11-01\n"
    )
    assert run("build", str(tmp_path), "--quiet").exit_code == 0
    text = PdfReader(tmp_path / "output" / "tiny-guide-en.pdf").pages[2].extract_text()
    words = " ".join(text.split())  # line ends become spaces; a hyphenated word stays split
    assert name in words and notes in words, text


def test_lines_to_say_aloud_and_the_back_cover_keep_their_words_whole(guide_texts):
    # "every-one" in a line read aloud, or "su-pervisor" on the back cover, trips the reader:
    # those are never hyphenated (guide.css), though the running text around them is.
    assert "Lean on your supervisor, your fellow facilitators" in " ".join(guide_texts[-1].split())
    said = " ".join(" ".join(t.split()) for t in guide_texts)
    assert "keep this a safe place for everyone. Would anyone like to add or change" in said
    assert "Let’s remember our agreement to keep things respectful." in said


def test_the_back_cover_is_a_left_hand_page(guide_reader, guide_texts):
    # The outside of the last leaf when printed and bound. When the notes end on a left-hand
    # page, the right-hand page after them stays blank (as with the 2026 content's page 39);
    # the default guide's notes now end on a right-hand page, right before the back cover.
    assert len(guide_reader.pages) % 2 == 0
    assert "You are not doing this alone" in guide_texts[-1]
    # Before it: the last ruled notes page, or a page left blank, with no running head
    # ("Notes") and no page number.
    before = guide_texts[-2]
    assert before.strip() == "" or before.split()[0] == "Notes"


def test_a_scenario_page_shows_the_name_the_contents_list(guide_texts):
    # The contents say "A member seems disengaged ... 22"; page 22's heading is "A member seems
    # bored or checked out": the running head names it as the contents do.
    contents = guide_texts[1]
    page = next(t for t in guide_texts if t.startswith("A member seems bored or checked out"))
    number = guide_texts.index(page) + 1
    assert page.split()[-5:] == ["A", "member", "seems", "disengaged", str(number)]
    assert any(line.startswith("A member seems disengaged") for line in contents.splitlines())


def _uris(reader) -> list[str]:
    return [
        str(annot.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/URI" in annot.get_object().get("/A", {})
    ]


def test_a_hotline_web_address_is_a_link(guide_reader):
    # It printed beside its QR code as plain text: on screen the crisis chat could not be opened.
    assert "https://988lifeline.org" in _uris(guide_reader)


def test_the_file_identifier_names_the_output(guide_reader):
    # Every guide of every organization had the same permanent /ID: "pocketguide".
    assert str(guide_reader.trailer["/ID"][0]) == "pocketguide pocketguide-guide-en.pdf"


def test_a_number_is_found_only_where_it_prints_whole(default_guide):
    # Squashing the text's spaces found 112 in "CALL 911 24/7": a number hidden by a
    # stylesheet passed whenever its digits ran across neighbouring words.
    import pytest

    from pocketguide.errors import PocketguideError
    from pocketguide.verify import verify_pdf

    data = default_guide.read_bytes()
    assert verify_pdf(data, "g", (105, 148), ["911", "988", "9 1 1"]) >= 28
    with pytest.raises(PocketguideError) as missing:
        verify_pdf(data, "g", (105, 148), ["112"])
    assert str(missing.value) == 'g: the number "112" is missing from the PDF'
