"""Print formats end to end: card, card-single, zine, booklet, print-shop, options and errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import never_approved, run, tiny_config
from pocketguide.cli import cli
from pocketguide.cli_options import FORMAT_CHOICES
from pocketguide.fitcheck import Fit, overflow_problems, spare_lines
from pocketguide.imposition import booklet_scale
from pocketguide.options import FORMATS, Options, expand_formats, ignored_options, output_stem
from pocketguide.paper import PAPER_MM, how_to_print

MM = 72 / 25.4


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def size_mm(page) -> tuple[float, float]:
    box = page.mediabox
    return round(float(box.width) / MM, 1), round(float(box.height) / MM, 1)


def assert_size(page, width_mm: float, height_mm: float, box: str = "mediabox") -> None:
    rect = getattr(page, box)
    assert abs(float(rect.width) - width_mm * MM) <= 0.5
    assert abs(float(rect.height) - height_mm * MM) <= 0.5


@pytest.fixture(scope="session")
def every_format(tmp_path_factory) -> Path:
    """The default project built in every format once (the guide render is shared)."""
    folder = tmp_path_factory.mktemp("formats")
    result = invoke("build", str(folder), "--format", "all", "--quiet")
    assert result.exit_code == 0, result.output
    return folder / "output"


def tiny(tmp_path: Path, extra: str = "", guide_yaml: str | None = None) -> Path:
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra=extra))
    if guide_yaml is not None:
        (tmp_path / "content" / "en").mkdir(parents=True)
        (tmp_path / "content" / "en" / "guide.yaml").write_text(guide_yaml)
    return tmp_path


def test_cli_choices_match_the_formats():
    assert (*FORMATS, "all") == FORMAT_CHOICES
    assert expand_formats(("card", "all", "card")) == ("card", *[f for f in FORMATS if f != "card"])


def test_output_names_of_guide_variants():
    assert output_stem("guide", Options()) == "guide"
    assert output_stem("guide", Options(large_print=True)) == "guide-large"
    assert output_stem("guide", Options(print_shop=True)) == "guide-print-shop"
    assert output_stem("zine", Options(print_shop=True)) == "zine"
    # The large-print booklet overwrote the regular one, which then stayed "up to date".
    assert output_stem("booklet", Options(large_print=True)) == "booklet-large"
    assert output_stem("booklet", Options()) == "booklet"


def test_all_writes_every_format_named_slug_format_locale(every_format):
    names = sorted(p.name for p in every_format.glob("*.pdf"))
    assert names == sorted(f"pocketguide-{fmt}-en.pdf" for fmt in FORMATS)


def test_card_single_is_two_faces_at_cr80_size(every_format):
    reader = PdfReader(every_format / "pocketguide-card-single-en.pdf")
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert_size(page, 85.6, 54.0)
    front, back = (page.extract_text() for page in reader.pages)
    assert "Group guidelines" in front and "Speak or pass" in front
    assert "Crisis numbers" in back and "988" in back and "911" in back
    uris = {a["/A"]["/URI"] for a in reader.pages[1]["/Annots"]}
    assert {"tel:988", "tel:911"} <= uris


def test_card_sheets_hold_eight_cards_on_letter(every_format):
    reader = PdfReader(every_format / "pocketguide-card-en.pdf")
    assert len(reader.pages) == 2
    fronts, backs = (page.extract_text() for page in reader.pages)
    for page in reader.pages:
        assert_size(page, *PAPER_MM["letter"])
    assert fronts.count("Group guidelines") == 8
    assert backs.count("Crisis numbers") == 8


def test_zine_is_one_landscape_sheet_with_eight_panels(every_format):
    reader = PdfReader(every_format / "pocketguide-zine-en.pdf")
    assert len(reader.pages) == 1
    assert_size(reader.pages[0], 279.4, 215.9)
    text = reader.pages[0].extract_text()
    for heading in ("Group guidelines", "Opening", "Closing", "Quick responses"):
        assert heading in text
    assert "Five things to avoid" in text and "988" in text


def test_the_zine_cover_colour_stays_clear_of_the_sheet_edges(every_format):
    # A home printer leaves 3-5 mm unprinted: a cover filled to the sheet's edge came out with
    # a white strip on two sides only.
    import pypdfium2

    from pocketguide.config import Brand

    primary = tuple(int(Brand().primary[i : i + 2], 16) for i in (1, 3, 5))
    image = pypdfium2.PdfDocument(every_format / "pocketguide-zine-en.pdf")[0]
    pixels = image.render(scale=2).to_pil().convert("RGB")  # 144 dpi: 1 mm is 5.7 px
    width, height = pixels.size
    covered = [
        (x, y)
        for y in range(0, height, 2)
        for x in range(0, width, 2)
        if all(abs(a - b) < 8 for a, b in zip(pixels.getpixel((x, y)), primary, strict=True))
    ]
    assert len(covered) > width * height / 8 / 4 / 2  # most of one panel of eight
    edge = 4 * 144 / 25.4
    xs, ys = [x for x, _ in covered], [y for _, y in covered]
    assert min(xs) > edge and min(ys) > edge
    assert max(xs) < width - edge and max(ys) < height - edge


def test_booklet_imposes_the_guide_without_scaling(every_format):
    guide = PdfReader(every_format / "pocketguide-guide-en.pdf")
    booklet = PdfReader(every_format / "pocketguide-booklet-en.pdf")
    assert len(booklet.pages) == 2 * -(-len(guide.pages) // 4)
    for page in booklet.pages:  # an A5 sheet side fits Letter once, turned sideways
        assert_size(page, 279.4, 215.9)
    first = booklet.pages[0].extract_text()
    assert "Facilitator’s Pocket Guide" in first and "You are not doing this alone" in first


def test_card_a7_size_and_a4_paper(tmp_path):
    project = tiny(tmp_path, "card:\n  size: a7\npaper: a4\n")
    result = invoke("build", str(project), "--format", "card-single", "--format", "card")
    assert result.exit_code == 0, result.output
    single = PdfReader(project / "output" / "tiny-card-single-en.pdf")
    assert_size(single.pages[0], 105.0, 74.0)
    sheets = PdfReader(project / "output" / "tiny-card-en.pdf")
    assert_size(sheets.pages[0], 297.0, 210.0)  # four A7 cards fit best on A4 turned sideways
    assert sheets.pages[0].extract_text().count("Group guidelines") == 4


def test_card_face_overflow_names_the_face_and_how_much(tmp_path):
    long_line = "A guideline written far too long for a wallet card " * 3
    guide = (
        'title: "T"\nsubtitle: "S"\nedition: "E"\nsubject: "X"\nkit:\n  guidelines:\n'
        + "".join(f'    - "{long_line}"\n' for _ in range(7))
        + '  opening: ["a", "b"]\n  closing: ["a", "b"]\n'
        '  avoid: ["a", "b", "c", "d", "e"]\n  scenarios: [silence, conflict, distress]\n'
    )
    project = tiny(tmp_path, guide_yaml=guide)
    result = invoke("build", str(project), "--format", "card-single")
    assert result.exit_code == 1
    assert re.fullmatch(
        r"output/tiny-card-single-en\.pdf: the card front overflows by \d+\.\d mm "
        r"\(\d+\.\d mm of content in 47\.0 mm\); shorten its text "
        r"\(type is never shrunk to make it fit\)\n",
        result.stderr.replace(str(project) + "/", ""),
    ), result.stderr
    assert not (project / "output" / "tiny-card-single-en.pdf").exists()


def test_unknown_card_hotline_names_the_config_line(tmp_path):
    project = tiny(tmp_path, "card:\n  hotlines: [Nowhere Line]\n")
    result = invoke("build", str(project), "--format", "card-single")
    assert result.exit_code == 1
    assert result.stderr == (
        'pocketguide.yaml:7: card: hotlines: "Nowhere Line" is not a hotline name in this project\n'
    )


@pytest.mark.parametrize(
    ("names", "hint"),
    [
        ('["NHS111"]', '; did you mean "NHS 111"?'),
        # Unquoted, a name with a comma is two to YAML.
        ("[NHS 111, Leeds Warmline (peer, volunteer-run)]",
         '; a name with a comma in it goes in quotes: "Leeds Warmline (peer, volunteer-run)"'),
        ('["Somewhere else"]', ""),
    ],
)  # fmt: skip
def test_a_card_name_that_is_no_entry_says_which_was_meant(tmp_path, names, hint):
    from pocketguide.kit import unknown_card_hotlines
    from pocketguide.models import Hotline
    from pocketguide.project import load_project

    project = tiny(tmp_path, f"card:\n  hotlines: {names}\n")
    entries = [
        Hotline(name=name, phone="999", category="emergency", region="GB")
        for name in ("NHS 111", "Leeds Warmline (peer, volunteer-run)")
    ]
    said = {p.message for p in unknown_card_hotlines(load_project(project), entries)}
    assert any(message.endswith(f"is not a hotline name in this project{hint}") for message in said)


def test_kit_scenarios_that_are_not_in_the_guide_are_named_at_their_lines(tmp_path):
    # `check` said "ok" and the zine build named only the first, with no line.
    default = Path(__file__).parents[1] / "content" / "en" / "guide.yaml"
    text = default.read_text(encoding="utf-8")
    assert "  scenarios: [monopolizing, silence, suicidal-thoughts]\n" in text
    text = text.replace(
        "  scenarios: [monopolizing, silence, suicidal-thoughts]\n",
        "  scenarios:\n    - monopolizing\n    - silense\n    - crisis\n",
    )
    project = tiny(tmp_path, guide_yaml=text)
    line = text.splitlines().index("    - silense") + 1
    expected = [
        f'content/en/guide.yaml:{line}: kit: scenarios: "silense" is not a scenario of this '
        'guide; did you mean "silence"?',
        f'content/en/guide.yaml:{line + 1}: kit: scenarios: "crisis" is not a scenario of this '
        "guide",
    ]
    build = invoke("build", str(project), "--format", "zine")
    assert build.exit_code == 1
    assert build.stderr.replace(str(project) + "/", "").splitlines() == expected
    check = invoke("check", str(project))
    assert check.exit_code == 0
    shown = check.stderr.replace(str(project) + "/", "").splitlines()
    assert [f"warning: {m}" for m in expected] == [w for w in shown if "kit: scenarios" in w]
    assert invoke("check", str(project), "--strict").exit_code == 1


def test_kit_scenarios_of_the_default_text_that_a_project_leaves_out(tmp_path, monkeypatch):
    from pocketguide.errors import display_path
    from pocketguide.resources import content_dir

    monkeypatch.chdir(tmp_path)
    project = tmp_path
    (project / "pocketguide.yaml").write_text("organization:\n  name: Tiny\n")
    (project / "content").mkdir()
    (project / "content" / "manifest.yaml").write_text(
        "sections: [opening, crisis-numbers]\nscenarios: [silence, conflict]\n"
    )
    default = display_path(content_dir() / "en" / "guide.yaml")
    expected = (
        'content/en/guide.yaml: kit: scenarios: the default text names "monopolizing" and '
        f'"suicidal-thoughts", which this guide leaves out; copy {default} here and choose '
        "from: silence, conflict"
    )
    build = invoke("build", ".", "--format", "zine")
    assert (build.exit_code, build.stderr) == (1, expected + "\n")
    check = invoke("check", ".")
    assert f"warning: {expected}" in check.stderr.splitlines()


def test_a_card_with_no_crisis_or_emergency_number_warns(tmp_path, monkeypatch):
    # A spreadsheet filtered to one warmline made a "Crisis numbers" card without 988 or 911,
    # and `check` said "ok".
    monkeypatch.chdir(tmp_path)
    project = tiny(tmp_path, "hotlines: hotlines.yaml\n")
    (project / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Peer Warmline\n    phone: 512-589-0144\n    category: warmline\n"
        "    verified: 2026-11-01\n"
    )
    warning = (
        "warning: hotlines.yaml: the card and zine show no crisis line or emergency number, "
        "only Peer Warmline; add entries with category crisis and emergency (988 and 911)"
    )
    unapproved = f"warning: {never_approved()}\n"
    build = invoke("build", ".", "--format", "card-single")
    assert (build.exit_code, build.stderr) == (0, unapproved + warning + "\n")
    assert invoke("check", ".").stderr == unapproved + warning + "\n"
    guide = invoke("build", ".", "--format", "guide", "--force")
    assert guide.stderr == unapproved  # no card, no word


@pytest.mark.parametrize(("region", "emergency"), [("GB", "999"), ("MX", "911"), ("DE", "112")])
def test_the_missing_emergency_number_is_named_for_the_region(tmp_path, region, emergency):
    from types import SimpleNamespace

    from pocketguide.kit import kit_gaps
    from pocketguide.project import load_project

    (tmp_path / "pocketguide.yaml").write_text(f"organization:\n  name: T\nregion: {region}\n")
    content = SimpleNamespace(
        hotlines_path=tmp_path / "hotlines.yaml",
        hotlines=SimpleNamespace(hotlines=[]),
        numbers={},
    )
    [warning] = kit_gaps(load_project(tmp_path), content, [])
    assert warning.endswith(f"(your crisis line and {emergency})")  # 112 is no number in MX


def test_print_shop_guide_has_bleed_and_trim_boxes(tmp_path):
    project = tiny(tmp_path)
    result = invoke("build", str(project), "--print-shop")
    assert result.exit_code == 0, result.output
    reader = PdfReader(project / "output" / "tiny-guide-print-shop-en.pdf")
    page = reader.pages[0]
    assert_size(page, 105.0, 148.0, "trimbox")
    assert_size(page, 111.0, 154.0, "bleedbox")
    assert_size(page, 111.0, 154.0, "mediabox")


def test_overflow_problems_only_for_faces_taller_than_their_room():
    fits = [Fit("card front", 40.0, 47.0), Fit("zine panel 6 (things to avoid)", 99.75, 97.95)]
    problems = overflow_problems(fits, "out.pdf")
    assert [str(p) for p in problems] == [
        "out.pdf: the zine panel 6 (things to avoid) overflows by 1.8 mm (99.8 mm of content"
        " in 98.0 mm); shorten its text (type is never shrunk to make it fit)"
    ]
    assert overflow_problems([Fit("card back", 47.1, 47.0)], "out.pdf") == []
    for label in ("card back", "zine panel 7 (crisis numbers)"):
        [problem] = overflow_problems([Fit(label, 50.0, 47.0)], "out.pdf")
        assert problem.message.endswith(
            "(50.0 mm of content in 47.0 mm); show fewer numbers by listing the ones to keep "
            "under card: hotlines: in pocketguide.yaml (type is never shrunk to make "
            "it fit)"
        )
    long_name = 'hotlines.yaml:8: "A name of fifty letters or so, much too long"'
    [problem] = overflow_problems([Fit("card back", 50.0, 47.0)], "out.pdf", long_name)
    assert problem.message.endswith(
        f"(50.0 mm of content in 47.0 mm); shorten the long name at {long_name}, or show fewer "
        "numbers by listing the ones to keep under card: hotlines: in pocketguide.yaml (type is "
        "never shrunk to make it fit)"
    )


def test_a_card_back_overflowing_under_a_long_name_names_it(tmp_path, monkeypatch):
    # It blamed the number of entries; the 200-letter name at hotlines.yaml:8 went unnamed.
    name = "Peer Support Warmline, run by volunteers who have been there themselves, " * 3
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="hotlines: hotlines.yaml\n"))
    (tmp_path / "hotlines.yaml").write_text(
        'hotlines:\n  - name: Emergency services\n    phone: "911"\n    category: emergency\n'
        '  - name: "988 Lifeline"\n    phone: "988"\n    category: crisis\n'
        f'  - name: "{name.strip()}"\n    phone: 502-589-0142\n    category: warmline\n'
    )
    monkeypatch.chdir(tmp_path)
    result = run("build", ".", "--format", "card-single")
    assert result.exit_code == 1
    assert f'shorten the long name at hotlines.yaml:8: "{name.strip()}", or show fewer' in (
        result.stderr
    )


WIDE = """\
hotlines:
  - name: Crisis Text Line
    text: "741741"
    keyword: WWWWWWWWWWWWWWWWWWWW
    category: crisis
    verified: 2026-11-01
  - name: Samaritans
    phone: "+44 800 068 4141"
    category: crisis
    verified: 2026-11-01
"""


def test_a_number_wider_than_its_card_column_is_an_error(tmp_path):
    # Beside a column widened by a long keyword, "+44 800 068 4141" ran 4 mm off the card's
    # edge, and the build only said the number was "missing from the PDF".
    project = tiny(tmp_path)
    lifeline = '  - name: Lifeline\n    phone: "988"\n    category: crisis\n'
    (project / "hotlines.yaml").write_text(WIDE + lifeline + "    verified: 2026-11-01\n")
    result = invoke("build", str(project), "--format", "card")
    assert result.exit_code == 1
    assert re.fullmatch(
        re.escape(f"warning: {never_approved()}\n")
        + r'output/tiny-card-en\.pdf: the card back is \d+\.\d mm too wide: "\+44 800 068 '
        r'4141" does not fit across its column and would be cut off at the edge; list at most '
        r"two numbers under card: hotlines: in pocketguide\.yaml, which prints them in one "
        r"column \(type is never shrunk to make it fit\)\n",
        result.stderr.replace(str(project) + "/", ""),
    ), result.stderr
    # Two numbers print one under the other, and both fit.
    (project / "hotlines.yaml").write_text(WIDE)
    result = invoke("build", str(project), "--format", "card", "--quiet")
    assert result.exit_code == 0, result.stderr
    text = PdfReader(project / "output" / "tiny-card-en.pdf").pages[1].extract_text()
    assert "+44 800 068 4141" in text and "WWWWWWWWWWWWWWWWWWWW" in text


def test_a_name_too_long_for_the_card_is_named_not_the_number_it_pushes_out(tmp_path):
    # "Lifeline" was blamed, with advice to list fewer numbers, for a warmline's long name.
    project = tiny(tmp_path)
    (project / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Warm" + "x" * 56 + "\n    phone: 502-555-0142\n"
        "    category: warmline\n  - name: Lifeline\n    phone: '988'\n    category: crisis\n"
        "  - name: Emergency\n    phone: '911'\n    category: emergency\n"
    )
    result = invoke("build", str(project), "--format", "card")
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "too wide" in line]
    assert re.fullmatch(
        r'.*the card back is \d+\.\d mm too wide: "Warmx+" does not fit across its column and '
        r"would be cut off at the edge; shorten it \(type is never shrunk to make it fit\)",
        line,
    ), line


def test_overflow_problems_for_text_wider_than_its_face():
    fits = [
        Fit("card front", 40.0, 47.0, 0.15, "nearly"),  # within the tolerance
        Fit("zine panel 2 (guidelines)", 40.0, 47.0, 2.04, "https://example.org/a-long-path"),
    ]
    assert [str(p) for p in overflow_problems(fits, "out.pdf")] == [
        'out.pdf: the zine panel 2 (guidelines) is 2.0 mm too wide: "https://example.org/a-long-'
        'path" does not fit across its face and would be cut off at the edge; shorten it (type '
        "is never shrunk to make it fit)"
    ]


def test_a_phone_number_never_breaks_across_lines(tmp_path):
    # Riverside's zine printed "Riverside Peer Network · (502)" and "555-0100" on two lines.
    config = tiny_config(name="Riverside Peer Network").replace(
        "  slug: tiny\n", '  slug: tiny\n  phone: "502-589-0100"\n'
    )
    (tmp_path / "pocketguide.yaml").write_text(config)
    result = invoke("build", str(tmp_path), "--format", "zine", "--quiet")
    assert result.exit_code == 0, result.output
    text = PdfReader(tmp_path / "output" / "tiny-zine-en.pdf").pages[0].extract_text()
    assert "(502) 589-0100" in text


def test_each_home_printer_sheet_says_how_to_print_it(tmp_path):
    # Nothing said to print at actual size, which side to flip, or how many sheets a booklet is.
    assert how_to_print("booklet", "a4", "short", 20) == (
        "print on A4, both sides (10 sheets), flip on short edge, at actual size; fold and "
        "staple as the README says"
    )
    assert how_to_print("card", "letter", "long", 2) == (
        "print on Letter, both sides, flip on long edge, at actual size; cut on the marks"
    )
    assert how_to_print("guide", "letter", "long", 40) == ""
    project = tiny(tmp_path)
    result = invoke("build", str(project), "--format", "zine", "--paper", "a4")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "  (print on A4, one side, at actual size; fold as the README says)\n"
    )


def test_print_options_no_format_uses_are_said(tmp_path):
    # `build --paper a4` wrote the A6 guide and said nothing.
    assert ignored_options(("guide",), Options(paper="a4", creep_mm=1)) == [
        "--paper a4 has no effect: it is for the card, zine and booklet only (add --format card)",
        "--creep has no effect: it is for the booklet only (add --format booklet)",
    ]
    assert ignored_options(("all",), Options(paper="a4", duplex="short", creep_mm=1)) == []
    assert ignored_options(("zine",), Options(print_shop=True, large_print=True)) == [
        "--print-shop has no effect: it is for the guide only (add --format guide)",
        "--large-print has no effect: it is for the guide and booklet only (add --format guide)",
    ]
    result = invoke("build", str(tiny(tmp_path)), "--duplex", "short", "--quiet")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: --duplex short has no effect: it is for the card and booklet only "
        "(add --format card)\n"
    )


def test_a_large_print_booklet_on_letter_prints_a_little_smaller(tmp_path):
    # It failed by default in the US: A5 pages do not fit Letter twice.
    assert booklet_scale((148, 210), PAPER_MM["a4"]) == 1.0
    assert round(booklet_scale((148, 210), PAPER_MM["letter"]), 3) == round(279.4 / 2 / 148, 3)
    project = tiny(tmp_path)
    result = invoke("build", str(project), "--format", "booklet", "--large-print")
    assert result.exit_code == 0, result.output
    assert result.stderr.replace(f"{project}/", "").splitlines()[-1] == (
        "warning: output/tiny-booklet-large-en.pdf: the guide's 148 x 210 mm pages print at 94% "
        "to fit two side by side on letter; build with --paper a4 to print them full size"
    )
    sheet = PdfReader(project / "output" / "tiny-booklet-large-en.pdf").pages[0]
    assert_size(sheet, 279.4, 215.9)


def test_printed_sheets_keep_their_source_title_and_language(every_format):
    # The card, zine and booklet had no title, author or language, only "Producer: pocketguide".
    for fmt in ("card", "zine", "booklet"):
        reader = PdfReader(every_format / f"pocketguide-{fmt}-en.pdf")
        assert reader.metadata.title == "Facilitator’s Pocket Guide", fmt
        assert reader.trailer["/Root"]["/Lang"] == "en", fmt


def test_a_card_with_a_crisis_line_but_no_emergency_number_warns(tmp_path, monkeypatch):
    # A UK charity deleted its 999 entry: the card and zine printed Samaritans alone, and
    # `check --strict` said "ok".
    monkeypatch.chdir(tmp_path)
    project = tiny(tmp_path, "hotlines: hotlines.yaml\n")
    (project / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Lifeline\n    phone: '988'\n    category: crisis\n"
        "    verified: 2026-11-01\n"
    )
    warning = (
        "warning: hotlines.yaml: the card and zine show no emergency number; add an entry with "
        "category emergency (911)"
    )
    unapproved = f"warning: {never_approved()}\n"
    assert invoke("check", ".").stderr == unapproved + warning + "\n"
    assert invoke("check", ".", "--strict").exit_code == 1
    build = invoke("build", ".", "--format", "zine")
    assert (build.exit_code, build.stderr) == (0, unapproved + warning + "\n")


@pytest.mark.parametrize(("region", "emergency"), [("GB", "999"), ("DE", "112"), ("AU", "000")])
def test_the_emergency_number_a_card_lacks_is_the_regions(tmp_path, region, emergency):
    from types import SimpleNamespace

    from pocketguide.kit import kit_gaps
    from pocketguide.project import load_project

    (tmp_path / "pocketguide.yaml").write_text(f"organization:\n  name: T\nregion: {region}\n")
    crisis = SimpleNamespace(category="crisis", name="Samaritans", phone="116 123", text=None)
    content = SimpleNamespace(
        hotlines_path=tmp_path / "hotlines.yaml",
        hotlines=SimpleNamespace(hotlines=[crisis]),
        numbers={},
    )
    assert kit_gaps(load_project(tmp_path), content, [crisis]) == [
        "hotlines.yaml: the card and zine show no emergency number; add an entry with category "
        f"emergency ({emergency})"
    ]


@pytest.mark.parametrize(
    ("chosen", "warning"),
    [
        ("Lifeline", "the card and zine show no emergency number; name Emergency services too"),
        # The zine's quick lines said "call 988 together"; its numbers panel left 988 out.
        (
            "Emergency services",
            "the card and zine leave out Lifeline, the crisis line the guide's text says to call "
            "({crisis}, 988); name it too",
        ),
        # Named in this order, 911 came second on the card, after the crisis line.
        (
            "Lifeline, Emergency services",
            "the card and zine show Emergency services after Lifeline; name the emergency "
            "number first",
        ),
    ],
)
def test_card_hotlines_leaving_out_a_number_the_guide_relies_on_warn(
    tmp_path, monkeypatch, chosen, warning
):
    monkeypatch.chdir(tmp_path)
    project = tiny(tmp_path, f"hotlines: hotlines.yaml\ncard:\n  hotlines: [{chosen}]\n")
    (project / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Lifeline\n    phone: '988'\n    category: crisis\n"
        "    verified: 2026-11-01\n  - name: Emergency services\n    phone: '911'\n"
        "    category: emergency\n    verified: 2026-11-01\n"
    )
    build = invoke("build", ".", "--format", "card-single")
    assert (build.exit_code, build.stderr) == (
        0,
        f"warning: {never_approved()}\nwarning: pocketguide.yaml:8: {warning}\n",
    )


def test_the_card_prints_the_hours_of_a_line_not_always_open(tmp_path, monkeypatch):
    # A reader at 2 a.m. rang a warmline open 4pm-11pm: the card printed its number alone.
    monkeypatch.chdir(tmp_path)
    project = tiny(tmp_path, "hotlines: hotlines.yaml\n")
    (project / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Lifeline\n    phone: '988'\n    hours: 24/7\n    category: crisis\n"
        "    verified: 2026-11-01\n  - name: Emergency services\n    phone: '911'\n"
        "    category: emergency\n    verified: 2026-11-01\n  - name: Peer Warmline\n"
        "    phone: 512-589-0144\n    hours: Every day, 4pm-11pm\n    category: warmline\n"
        "    verified: 2026-11-01\n"
    )
    result = invoke("build", ".", "--format", "card-single")
    assert result.exit_code == 0, result.output
    back = " ".join(PdfReader(project / "output" / "tiny-card-single-en.pdf").pages[1]
                    .extract_text().split())  # fmt: skip
    assert "Peer Warmline (512) 589-0144" in back and "Every day, 4pm-11pm" in back
    assert "24/7" not in back


@pytest.mark.parametrize(
    ("page", "size"), [("a5", (148.0, 210.0)), ("half-letter", (139.7, 215.9))]
)
def test_handbook_page_sizes_by_name(tmp_path, page, size):
    # A UK charity prints A5 handbooks; `page: a5` was refused, with only "148 210 mm" left.
    project = tiny(tmp_path, f"page: {page}\n")
    result = invoke("build", str(project))
    assert result.exit_code == 0, result.output
    assert_size(PdfReader(project / "output" / "tiny-guide-en.pdf").pages[0], *size)


@pytest.mark.parametrize(
    ("labelled", "height", "scale", "spare"),
    [
        (0, 148, 1.0, 3),  # A6: thirteen lines fit under the heading
        (9, 148, 1.0, 3),
        (10, 148, 1.0, 2),  # one line kept free, for a label that takes two lines
        (12, 148, 1.0, 0),
        (13, 148, 1.0, 0),  # the default thirteen fill the page: none start a page alone
        (14, 148, 1.0, 3),  # one ran over already: spare lines keep it company
        (27, 148, 1.0, 0),  # 13 + 14: the second page is full too
        (6, 105, 1.0, 1),  # A7: eight lines fit
        (13, 210, 1.4, 0),  # large print: A5 pages, everything 1.4 times larger
        (3, 20, 1.0, 0),  # no room at all
    ],
)
def test_spare_lines_never_start_a_page_of_their_own(labelled, height, scale, spare):
    assert spare_lines(labelled, height, scale) == spare
