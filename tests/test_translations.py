"""Languages beyond the build: check --locale, missing translations, the report, make i18n, RTL."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from pypdf import PdfReader

from pocketguide.build import prepare
from pocketguide.catalogs import interface_messages
from pocketguide.cli import cli
from pocketguide.guide import base_context, render_html
from pocketguide.i18n import select_locales
from pocketguide.project import load_project
from pocketguide.resources import templates_dir

ROOT = Path(__file__).resolve().parents[1]
RTL_PROJECT = ROOT / "tests" / "fixtures" / "rtl-project"

FRENCH_GUIDE = """\
title: "Guide de poche"
subtitle: "Pour animer un groupe d'entraide"
edition: "Édition 2026"
subject: "Un aide-mémoire pour les personnes qui animent des groupes d'entraide."
"""
ENGLISH_GUIDE = """\
title: "Pocket guide"
subtitle: "For peer-support group facilitators"
edition: "2026 edition"
subject: "A reminder for the people who lead peer-support groups."
"""
FRENCH_OPENING = """\
---
title: "Ouvrir la rencontre"
---
Bienvenue à toutes et à tous.
"""


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def pot_ids() -> set[str]:
    with (templates_dir() / "i18n" / "messages.pot").open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.fixture
def french(tmp_path, monkeypatch) -> Path:
    """A project in en and fr where fr translates the guide text and one of two sections."""
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Test Group\nlocales: [en, fr]\n", encoding="utf-8"
    )
    content = tmp_path / "content"
    (content / "fr" / "sections").mkdir(parents=True)
    (content / "manifest.yaml").write_text(
        "sections: [opening, closing, crisis-numbers]\nscenarios: [silence]\n", encoding="utf-8"
    )
    (content / "fr" / "guide.yaml").write_text(FRENCH_GUIDE, encoding="utf-8")
    # No kit: block, as in French: the default one names scenarios this guide leaves out.
    (content / "en").mkdir()
    (content / "en" / "guide.yaml").write_text(ENGLISH_GUIDE, encoding="utf-8")
    (content / "fr" / "sections" / "opening.md").write_text(FRENCH_OPENING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


MISSING = [
    'templates/i18n/fr.po: missing translation of the interface ("Contents", "Call", ...: '
    "using en); start it with: pocketguide translate fr",
    "content/fr/sections/closing.md: missing translation (using en)",
    "content/fr/sections/crisis-numbers.md: missing translation (using en)",
    "content/fr/scenarios/silence.yaml: missing translation (using en)",
    "content/fr/hotlines.yaml: missing translation (using en)",
]


# The project's text names only {emergency}, from pocketguide's own list (check prints it).
EMERGENCY = "{emergency} prints 911 (pocketguide's own list: Emergency services)"


def test_check_reports_missing_translations(french):
    result = invoke("check", ".")
    assert result.exit_code == 0
    assert result.stderr == "".join(f"warning: {m}\n" for m in MISSING)
    assert result.stdout == f"en: {EMERGENCY}\nfr: {EMERGENCY}\nok: . (5 warnings)\n"


def test_missing_translations_are_named_from_the_working_folder(french, monkeypatch):
    # From the parent folder the warning said "content/fr/...", a folder that isn't there.
    monkeypatch.chdir(french.parent)
    result = invoke("check", french.name)
    lines = result.stderr.splitlines()
    assert (
        f"warning: {french.name}/content/fr/sections/closing.md: missing translation (using en)"
        in lines
    )


def test_check_strict_fails_on_missing_translations(french):
    result = invoke("check", ".", "--strict")
    assert result.exit_code == 1
    # Each once, as an error: they were printed as warnings, then again as errors.
    assert result.stderr.splitlines() == [f"{m} (--strict)" for m in MISSING]


def test_build_warns_about_missing_translations_and_strict_refuses(french):
    missing = sorted(MISSING)
    result = invoke("build", ".", "--locale", "fr")
    assert result.exit_code == 0, result.stderr
    assert sorted(result.stderr.splitlines()) == [f"warning: {m}" for m in missing]
    strict = invoke("build", ".", "--locale", "fr", "--strict", "--force")
    assert strict.exit_code == 1
    assert sorted(strict.stderr.splitlines()) == [f"{m} (--strict)" for m in missing]


@pytest.fixture
def vietnamese(french) -> Path:
    """The French project with a third language, vi, that has no content folder yet."""
    config = french / "pocketguide.yaml"
    config.write_text(config.read_text().replace("[en, fr]", "[en, fr, vi]"), encoding="utf-8")
    return french


VI_NOT_STARTED = (
    "content/vi/: no translation yet (6 files print in en); start one with: "
    "pocketguide translate vi --content"
)


def test_a_language_with_no_content_gets_one_warning_with_how_to_start(vietnamese, monkeypatch):
    result = invoke("check", ".", "--locale", "vi")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1:] == [f"warning: {VI_NOT_STARTED}"]
    # From the parent folder, the folder and the command name the project.
    monkeypatch.chdir(vietnamese.parent)
    result = invoke("check", vietnamese.name, "--locale", "vi")
    name = vietnamese.name
    assert result.stderr.splitlines()[1:] == [
        f"warning: {name}/content/vi/: no translation yet (6 files print in en); start one "
        f"with: pocketguide translate vi {name} --content"
    ]


def test_translate_content_copies_what_the_language_lacks_and_each_copy_warns(vietnamese):
    own = vietnamese / "content" / "vi" / "sections" / "opening.md"
    own.parent.mkdir(parents=True)
    own.write_text(FRENCH_OPENING.replace("Bienvenue", "Chào mừng"), encoding="utf-8")
    result = invoke("translate", "vi", "--content")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "created templates/i18n/vi.po: 50 strings, 50 to translate",
        "copied 5 files to translate into content/vi/",
    ]
    shipped = load_project(Path(".")).content_dirs[1] / "en"
    for relative in ("sections/closing.md", "scenarios/silence.yaml"):
        copy = vietnamese / "content" / "vi" / relative
        assert copy.read_bytes() == (shipped / relative).read_bytes()
    # The project's own English text, not the shipped one it replaced.
    guide = vietnamese / "content" / "vi" / "guide.yaml"
    assert guide.read_text(encoding="utf-8") == ENGLISH_GUIDE
    assert "Chào mừng" in own.read_text(encoding="utf-8")  # never replaced
    check = invoke("check", ".", "--locale", "vi")
    copied = sorted(line for line in check.stderr.splitlines() if "not translated yet" in line)
    assert copied == [
        f"warning: content/vi/{relative}: not translated yet (the same text as en)"
        for relative in (
            "guide.yaml",
            "hotlines.yaml",
            "scenarios/silence.yaml",
            "sections/closing.md",
            "sections/crisis-numbers.md",
        )
    ]
    assert "no (en)" in invoke("check", ".", "--locale", "vi", "--translations").stdout
    # A translated file stops warning; running the command again copies nothing.
    closing = vietnamese / "content" / "vi" / "sections" / "closing.md"
    closing.write_text(
        closing.read_text().replace("Closing the meeting", "Kết thúc buổi họp"), encoding="utf-8"
    )
    after = invoke("check", ".", "--locale", "vi").stderr
    assert "sections/closing.md" not in after
    assert "sections/crisis-numbers.md: not translated yet" in after
    again = invoke("translate", "vi", "--content")
    assert again.stdout.splitlines()[1] == "content/vi/: nothing to copy, every file has its own"
    # A language typed in another case copies into the folder builds read; one not
    # configured is refused, as no edition would print it.
    config = vietnamese / "pocketguide.yaml"
    config.write_text(config.read_text().replace("[en, fr, vi]", "[en, fr, vi, pt-BR]"))
    typed = invoke("translate", "pt-br", "--content")
    assert typed.stdout.splitlines()[1] == "copied 6 files to translate into content/pt-BR/"
    refused = invoke("translate", "de", "--content")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "pocketguide.yaml: de is not under locales:, so no edition would print its text; add "
        "it there first\n",
    )
    assert not (vietnamese / "templates" / "i18n" / "de.po").exists()  # nothing written
    # The project then rewrites its English: the copy, still the shipped English, still warns.
    own = vietnamese / "content" / "en" / "sections" / "crisis-numbers.md"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text((shipped / "sections" / "crisis-numbers.md").read_text() + "\nOur own line.\n")
    assert "sections/crisis-numbers.md: not translated yet (the same text as en)" in (
        invoke("check", ".", "--locale", "vi").stderr
    )


def test_check_locale_checks_only_the_chosen_languages(french):
    assert invoke("check", ".", "--locale", "en").stdout == f"en: {EMERGENCY}\nok: . (0 warnings)\n"
    (french / "content" / "es" / "sections").mkdir(parents=True)
    (french / "content" / "es" / "sections" / "closing.md").write_text("no front matter\n")
    assert invoke("check", ".", "--strict").exit_code == 1  # fr's warnings, not es
    for args in (["--locale", "es"], ["--locale", "en", "--locale", "es"], ["--locale", "all"]):
        result = invoke("check", ".", *args)
        assert result.exit_code == 1, args
        assert (
            "content/es/sections/closing.md:1: missing front matter (a --- block with at least "
            "a title)" in result.stderr.splitlines()
        )
    unknown = invoke("check", ".", "--locale", "de")
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        'unknown locale "de"; available: en, fr, es; to publish in it, add de to locales: in '
        "pocketguide.yaml, then run: pocketguide translate de . --content\n"
    )
    # `all` is every configured language, and each shipped one no configured tag is in.
    assert select_locales(load_project(french), ("all",)) == ["en", "fr", "es"]
    config = french / "pocketguide.yaml"
    config.write_text(config.read_text().replace("locales: [en, fr]", "locales: [en-GB, fr]"))
    # A project in British English got a US English edition too.
    assert select_locales(load_project(french), ("all",)) == ["en-GB", "fr", "es"]
    # A French-only Canadian project's English edition was spelt the US way.
    config.write_text(
        config.read_text().replace("locales: [en-GB, fr]", "locales: [fr]\nregion: CA")
    )
    assert select_locales(load_project(french), ("all",)) == ["fr", "en-CA", "es"]
    # English in another spelling needs no translation: `translate en-CA --content` was said.
    assert invoke("check", ".", "--locale", "en-AU").stderr == (
        'unknown locale "en-AU"; available: fr, en, es; to publish in it, add en-AU to locales: '
        "in pocketguide.yaml\n"
    )


def test_translations_table(french):
    (french / "templates").mkdir()
    (french / "templates" / "extra.html.j2").write_text('{{ _("Our own label") }}\n')
    total = len(pot_ids()) + 1  # the project's own template adds one string
    result = invoke("check", ".", "--translations", "--locale", "fr")
    assert result.exit_code == 0
    assert result.stdout == (
        "content/<locale>/           fr\n"
        "guide.yaml                  yes\n"
        "sections/opening.md         yes\n"
        "sections/closing.md         no (en)\n"
        "sections/crisis-numbers.md  no (en)\n"
        "scenarios/silence.yaml      no (en)\n"
        "hotlines.yaml               no (en)\n"
        f"interface strings           0/{total}\n"
        f"fr: {EMERGENCY}\n"
        "ok: . (5 warnings)\n"
    )
    every = invoke("check", ".", "--translations").stdout.splitlines()
    assert [re.split(r"\s{2,}", row) for row in every] == [
        ["content/<locale>/", "en", "fr", "es"],
        ["guide.yaml", "yes", "yes", "no (default)"],  # the project rewrote it in English
        ["sections/opening.md", "yes", "yes", "yes"],
        ["sections/closing.md", "yes", "no (en)", "yes"],
        ["sections/crisis-numbers.md", "yes", "no (en)", "yes"],
        ["scenarios/silence.yaml", "yes", "no (en)", "yes"],
        ["hotlines.yaml", "yes", "no (en)", "yes"],
        ["interface strings", f"{total}/{total}", f"0/{total}", f"{total - 1}/{total}"],
        [f"en: {EMERGENCY}"],
        [f"fr: {EMERGENCY}"],
        ["ok: . (5 warnings)"],
    ]
    assert len({row.index("yes", 28) for row in every[1:3]}) == 1  # columns line up


def test_message_catalog_is_extracted_from_the_templates(tmp_path):
    pybabel = Path(sys.executable).parent / "pybabel"
    out = tmp_path / "messages.pot"
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-o", str(out), "templates"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as handle:
        extracted = {m.id for m in read_po(handle) if m.id}
    assert extracted == pot_ids()  # run `make i18n` after changing a template string
    assert extracted == interface_messages(load_project(tmp_path))


@pytest.fixture(scope="module")
def isolated_fonts(tmp_path_factory) -> dict[str, str]:
    """An environment whose fontconfig knows no system font: only bundled fonts can help."""
    folder = tmp_path_factory.mktemp("fontconfig")
    conf = folder / "fonts.conf"
    conf.write_text(f"<fontconfig><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n")
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def build_isolated(project: Path, out: Path, env: dict[str, str]):
    return subprocess.run(
        [sys.executable, "-m", "pocketguide", "build", str(project), "--out", str(out), "--strict"],
        env=env,
        capture_output=True,
        text=True,
    )


def test_arabic_overlay_renders_right_to_left_without_missing_glyphs(tmp_path, isolated_fonts):
    result = build_isolated(RTL_PROJECT, tmp_path, isolated_fonts)
    assert result.returncode == 0, result.stderr  # --strict: no .notdef glyph was logged
    pdf = tmp_path / "peer-network-ar-guide-ar.pdf"
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    texts = [page.extract_text() for page in reader.pages]
    assert texts[0].splitlines()[0].strip() == "دليل الجيب للميسّرين"
    assert any(t.startswith("افتتاح الاجتماع") for t in texts)
    assert any("911" in t and "خدمات الطوارئ" in t for t in texts)
    # Right to left: short headings sit against the right margin, not the left one.
    page = pdfium.PdfDocument(pdf)[2]
    width = page.get_size()[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    for heading in ("الترحيب", "جولة البداية"):
        start = text.index(heading)
        boxes = [textpage.get_charbox(i) for i in range(start, start + len(heading))]
        assert min(box[0] for box in boxes) > width / 2, heading
    # The interface speaks Arabic too (the project's templates/i18n/ar.po): no "CONTENTS".
    assert "المحتويات" in texts[1] and "CONTENTS" not in "".join(texts).upper()
    # The crisis numbers mirror too: the gap after "CALL 988" is on its left, before "TEXT"
    # (it was on its right, so "TEXT" touched the number it does not belong to).
    crisis = next(page for page in pdfium.PdfDocument(pdf) if TEXT_AR in _text(page))
    assert _gap_after_text_label(crisis, TEXT_AR) > 2 * 72 / 25.4
    project = load_project(RTL_PROJECT)
    prepared = prepare(project, "ar")
    assert '<html lang="ar" dir="rtl">' in render_html(project, prepared.content, prepared.assets)
    assert invoke("check", str(RTL_PROJECT), "--strict").exit_code == 0


def _text(page) -> str:
    return page.get_textpage().get_text_range()


TEXT_AR = "رسالة نصية"  # "Text", in the fixture's templates/i18n/ar.po


def _gap_after_text_label(page, word: str) -> float:
    """Points between the label's right edge and the number on its right, on one line."""
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    start = text.index(word)
    label = [textpage.get_charbox(i) for i in range(start, start + len(word))]
    right, line = max(box[2] for box in label), label[0][1]
    gaps = []
    for index, char in enumerate(text):
        left, bottom, _, _ = textpage.get_charbox(index)
        if char.isdigit() and abs(bottom - line) < 2 and left > right:
            gaps.append(left - right)
    return min(gaps)


ARABIC_HOTLINES = """\
hotlines:
  - name: خط الدعم
    phone: "502-555-0199"
    text: "741741"
    keyword: HOME
    category: warmline
    verified: 2026-11-01
"""


def test_numbers_read_left_to_right_in_an_arabic_line(tmp_path):
    # Unprotected, "(502) 555-0199" in a right-to-left line was drawn "555-0199 (502)".
    project = tmp_path / "project"
    shutil.copytree(RTL_PROJECT, project)
    (project / "hotlines.yaml").write_text(ARABIC_HOTLINES, encoding="utf-8")
    result = invoke("build", str(project), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr  # verified in drawing order
    pdf = pdfium.PdfDocument(tmp_path / "out" / "peer-network-ar-guide-ar.pdf")
    page = next(p for p in pdf if "0199" in _text(p))
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    line = textpage.get_charbox(text.index("0199"))[1]
    digits = [
        (textpage.get_charbox(i)[0], char)
        for i, char in enumerate(text)
        if char.isdigit() and abs(textpage.get_charbox(i)[1] - line) < 2
    ]
    # Left to right on the page: the text number (read last), then the phone number, whose
    # digits keep their own left-to-right order.
    assert "".join(char for _x, char in sorted(digits)) == "741741" + "5025550199"


ARABIC_KIT = """\
kit:
  guidelines: ["ما يُقال هنا يبقى هنا.", "تكلّم أو مرّر دورك.", "شخص واحد في كل مرة."]
  opening: ["رحّب بالجميع.", "اقرأ الإرشادات."]
  closing: ["اشكر الجميع.", "انتهِ في الوقت."]
  avoid: ["الإصلاح", "الإنقاذ", "النصيحة", "التصحيح", "الحكم"]
  scenarios: [silence, monopolizing, distress]
"""


def test_card_numbers_sit_under_their_names_on_the_right(tmp_path):
    # Laid out left to right, a number block lined up on the left, away from its name.
    project = tmp_path / "project"
    shutil.copytree(RTL_PROJECT, project)
    guide = project / "content" / "ar" / "guide.yaml"
    guide.write_text(guide.read_text(encoding="utf-8") + ARABIC_KIT, encoding="utf-8")
    manifest = project / "content" / "manifest.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "scenarios: []", "scenarios: [silence, monopolizing, distress]"
        )
    )
    (project / "hotlines.yaml").write_text(ARABIC_HOTLINES, encoding="utf-8")
    result = invoke(
        "build", str(project), "--out", str(tmp_path / "out"), "--format", "card-single"
    )
    assert result.exit_code == 0, result.stderr
    back = pdfium.PdfDocument(tmp_path / "out" / "peer-network-ar-card-single-ar.pdf")[1]
    textpage = back.get_textpage()
    text = textpage.get_text_range()

    def right_edge(word: str) -> float:
        start = text.index(word)
        return max(textpage.get_charbox(i)[2] for i in range(start, start + len(word)))

    assert abs(right_edge("741741") - right_edge("خط الدعم")) < 1 * 72 / 25.4


def test_missing_glyph_is_a_warning_that_strict_refuses(tmp_path, isolated_fonts):
    project = tmp_path / "project"
    shutil.copytree(RTL_PROJECT, project)
    opening = project / "content" / "ar" / "sections" / "opening.md"
    opening.write_text(opening.read_text(encoding="utf-8") + "\nनमस्ते\n", encoding="utf-8")
    result = build_isolated(project, tmp_path / "out", isolated_fonts)
    assert result.returncode == 1
    # Named where the character is written, not at the PDF that could not show it.
    line = opening.read_text(encoding="utf-8").splitlines().index("नमस्ते") + 1
    assert (
        f"content/ar/sections/opening.md:{line}: WeasyPrint: .notdef glyph "
        'rendered for Unicode string unsupported by fonts: "न" (U+0928) (--strict)'
    ) in result.stderr.splitlines()
    assert not (tmp_path / "out" / "peer-network-ar-guide-ar.pdf").exists()


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en", "September 15, 2026"), ("es", "15 de septiembre de 2026"), ("ar", "15 سبتمبر 2026")],
)
def test_verified_date_is_written_in_the_guide_language(tmp_path, locale, expected):
    project = load_project(RTL_PROJECT if locale == "ar" else tmp_path)
    prepared = prepare(project, locale)
    hotlines = prepared.content.hotlines
    dated = [h.model_copy(update={"verified": dt.date(2026, 9, 15)}) for h in hotlines.hotlines]
    content = replace(prepared.content, hotlines=hotlines.model_copy(update={"hotlines": dated}))
    assert base_context(project, content, prepared.assets)["verified_as_of"] == expected


def test_a_rewritten_file_without_its_translation_is_reported(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Test Group\nlocales: [en, es]\n", encoding="utf-8"
    )
    own = tmp_path / "content" / "en" / "sections" / "closing.md"
    own.parent.mkdir(parents=True)
    own.write_text('---\ntitle: "Closing"\n---\nOur own way of closing.\n', encoding="utf-8")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: content/es/sections/closing.md: missing translation of the project's own "
        "version (using the default)\n"
    )
    table = invoke("check", str(tmp_path), "--translations").stdout.splitlines()
    assert [line.split() for line in table if line.startswith("sections/closing.md")] == [
        ["sections/closing.md", "yes", "no", "(default)"]
    ]
    # translate --content starts it from the project's own text, not the shipped Spanish.
    assert invoke("translate", "es", str(tmp_path), "--content").exit_code == 0
    copy = tmp_path / "content" / "es" / "sections" / "closing.md"
    assert copy.read_text(encoding="utf-8") == own.read_text(encoding="utf-8")
    assert invoke("check", str(tmp_path)).stderr == (
        "warning: content/es/sections/closing.md: not translated yet (the same text as en)\n"
    )


def test_a_right_to_left_booklet_is_bound_on_its_right(tmp_path):
    # The Arabic booklet folded like an English book: cover on the right half, spine left.
    result = invoke("build", str(RTL_PROJECT), "--out", str(tmp_path), "--format", "booklet")
    assert result.exit_code == 0, result.output
    page = pdfium.PdfDocument(tmp_path / "peer-network-ar-booklet-ar.pdf")[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    start = text.index("عون عملي")  # the cover's subtitle
    right = textpage.get_charbox(start)[2]  # its first letter is its rightmost
    assert right < page.get_size()[0] / 2  # the front cover is the sheet's left half


def test_no_warning_for_the_default_hotlines_file_a_project_does_not_use(french):
    # A project's own hotlines file with its own blanks never reads content/fr/hotlines.yaml.
    own = "hotlines:\n  - name: A\n    phone: '988'\n    category: crisis\nblanks: [Other]\n"
    (french / "hotlines.yaml").write_text(own + "translations:\n  fr: {blanks: [Autre]}\n")
    config = (french / "pocketguide.yaml").read_text() + "hotlines: hotlines.yaml\n"
    (french / "pocketguide.yaml").write_text(config)
    lines = invoke("check", ".").stderr.splitlines()
    assert "warning: content/fr/sections/closing.md: missing translation (using en)" in lines
    assert not any("content/fr/hotlines.yaml" in line for line in lines), lines


def test_a_section_that_falls_back_says_its_language(french):
    # English text in a French edition was hyphenated by French rules.
    from pocketguide.build import prepare
    from pocketguide.guide import render_html
    from pocketguide.project import load_project

    project = load_project(french)
    prepared = prepare(project, "fr")
    html = render_html(project, prepared.content, prepared.assets)
    assert 'id="sec-closing" lang="en">' in html  # taken from English
    assert 'id="sec-opening">' in html  # translated: the document's own language
