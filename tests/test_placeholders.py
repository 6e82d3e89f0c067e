"""{emergency} and {crisis} in the guide's text print the project's own numbers."""

from __future__ import annotations

import re

import pytest

from conftest import run, tiny_config
from pocketguide.content import load_content
from pocketguide.errors import display_path
from pocketguide.models import HotlineFile
from pocketguide.placeholders import Filled, fill_html, fill_ins, fill_text
from pocketguide.project import load_project
from pocketguide.resources import content_dir

SAMARITANS = '  - name: Samaritans\n    phone: "116 123"\n    hours: 24/7\n    category: crisis\n'


def _hotlines(entries: list[dict], region: str = "US") -> list:
    return HotlineFile.model_validate({"hotlines": entries}, context={"region": region}).hotlines


def _gb_project(tmp_path, crisis: str = SAMARITANS):
    project = tmp_path / "org"
    assert run("init", str(project), "--region", "GB").exit_code == 0
    path = project / "hotlines.yaml"
    path.write_text(path.read_text().replace("hotlines:\n", "hotlines:\n" + crisis, 1))
    return project


def _shown(values: dict) -> dict[str, str]:
    return {name: filled.display for name, filled in values.items()}


def _html(project_dir, locale: str) -> str:
    """The guide's rendered HTML, numbers filled in."""
    from pocketguide.brand import resolve_brand
    from pocketguide.guide import render_html

    project = load_project(project_dir)
    return render_html(project, load_content(project, locale), resolve_brand(project)[0])


def _text(html: str) -> str:
    """The words of a document's body."""
    body = html.split("<body", 1)[1]
    return " ".join(re.sub(r"<[^>]+>", "", body).split())


def test_the_numbers_come_from_the_hotlines_as_printed():
    us = _hotlines(
        [
            {"name": "Warmline", "phone": "502-555-0142", "category": "warmline"},
            {"name": "Lifeline", "phone": "988", "category": "crisis", "languages": ["en"]},
            {"name": "Línea", "phone": "502-555-0199", "category": "crisis", "languages": ["es"]},
            {"name": "Emergency", "phone": "911", "category": "emergency"},
        ]
    )
    assert _shown(fill_ins(us, "US", "en")) == {"crisis": "988", "emergency": "911"}
    # The Spanish edition names the line that speaks Spanish, as the crisis page prints it.
    assert fill_ins(us, "US", "es")["crisis"].display == "(502) 555-0199"
    assert fill_ins(us, "US", "es")["crisis"].uri == "tel:+1-502-555-0199"
    # A French edition: no line lists French, so the first crisis line.
    assert fill_ins(us, "US", "fr")["crisis"].display == "988"


def test_the_crisis_line_is_one_open_day_and_night_for_this_region():
    # The text says "call {crisis}" at any hour: an evening line listed first got it, and so
    # did a Mexican line in a US guide; "spa" never matched an edition in "es".
    lines = _hotlines(
        [
            {"name": "Línea MX", "phone": "+52 800 911 2000", "region": "MX", "category": "crisis"},
            {"name": "+52", "phone": "+52 800 911 2000", "hours": "24/7", "category": "crisis"},
            {"name": "Teen", "phone": "800-852-8336", "hours": "6pm-10pm", "category": "crisis"},
            {"name": "Unsure", "phone": "502-555-0177", "category": "crisis"},
            {"name": "Lifeline", "phone": "988", "hours": "24/7", "category": "crisis"},
            {"name": "Línea", "phone": "502-555-0199", "hours": "24/7", "category": "crisis",
             "languages": ["spa"]},
            {"name": "Campus police", "phone": "502-852-6111", "category": "emergency"},
        ]
    )  # fmt: skip
    assert _shown(fill_ins(lines, "US", "en")) == {"crisis": "988", "emergency": "911"}
    assert fill_ins(lines, "US", "es")["crisis"].display == "(502) 555-0199"
    # Campus police is no emergency number: the region's is named, and no entry backs it.
    assert fill_ins(lines, "US", "en")["emergency"].entry is None
    evening = [line for line in lines if line.name in ("Teen", "Unsure")]
    assert fill_ins(evening, "US", "en")["crisis"].display == "(502) 555-0177"  # hours unknown


def test_without_entries_the_region_decides_and_nothing_is_made_up():
    assert _shown(fill_ins([], "US", "en")) == {"crisis": "988", "emergency": "911"}
    assert _shown(fill_ins([], "GB", "en-GB")) == {"emergency": "999"}  # no crisis line invented
    assert fill_ins([], "GN", "fr") == {}
    # A text-only line gives nothing to call.
    shout = _hotlines([{"name": "Shout", "text": "85258", "category": "crisis"}], "GB")
    assert "crisis" not in fill_ins(shout, "GB", "en-GB")


def test_numbers_fill_the_html_as_links_kept_on_one_line():
    values = {"crisis": Filled("(502) 555-0199", "tel:+1-502-555-0199")}
    html = (
        '<html><head><title>Call {crisis}</title></head><body><h2 data-short="Call {crisis}">'
        'Call {crisis}</h2><p>[<a href="tel:{crisis}">Call {crisis}</a>] {emergency} {other}'
        "</p></body></html>"
    )
    assert fill_html(html, values) == (
        '<html><head><title>Call (502) 555-0199</title></head><body><h2 data-short="Call (502) '
        '555-0199">Call <a class="filled ltr-number" href="tel:+1-502-555-0199">(502) 555-0199'
        '</a></h2><p>[<a href="tel:+15025550199">Call <span class="ltr-number">(502) 555-0199'
        "</span></a>] {emergency} {other}</p></body></html>"
    )
    assert fill_text("[x](sms:{crisis}) {crisis}", values) == "[x](sms:+15025550199) (502) 555-0199"


def test_doubled_braces_print_the_placeholder_itself(tmp_path):
    # A guide explaining the placeholders had no way to write one: {{crisis}} printed {988}.
    values = {"crisis": Filled("988", "tel:988")}
    html = "<body><p>Write {{crisis}} for {crisis}; <a>{{crisis}}</a></p></body>"
    assert fill_html(html, values) == (
        '<body><p>Write {crisis} for <a class="filled ltr-number" href="tel:988">988</a>; '
        "<a>{crisis}</a></p></body>"
    )
    assert fill_text("{{crisis}} {crisis} {{unknown}}", values) == "{crisis} 988 {unknown}"
    project = _gb_project(tmp_path)
    section = project / "content" / "en-GB" / "sections" / "closing.md"
    section.parent.mkdir(parents=True)
    default = (content_dir() / "en" / "sections" / "closing.md").read_text(encoding="utf-8")
    section.write_text(default + "\nWrite {{crisis}} or {{whatever}} as they are.\n")
    result = run("check", str(project))
    assert result.exit_code == 0, result.output
    assert "placeholder" not in result.stderr
    assert "Write {crisis} or {whatever} as they are." in _html(project, "en-GB")


def test_a_uk_project_prints_999_and_its_crisis_line_in_the_default_text(tmp_path):
    text = _text(_html(_gb_project(tmp_path), "en-GB"))
    assert "If someone is in danger right now, call 999 first" in text
    assert "Offer to call 116 123 together" in text
    # The back cover, emergency first.
    assert "If anyone is in immediate danger, call 999. If you or someone" in text
    assert "is in crisis, call 116 123." in text
    assert "If anyone is in immediate danger, call 999." in text  # the crisis page
    assert "{" not in text
    assert run("check", str(tmp_path / "org")).exit_code == 0


def test_a_project_with_no_crisis_line_is_told_where_the_text_needs_one(tmp_path):
    project = _gb_project(tmp_path, crisis="")
    result = run("check", str(project))
    guide = display_path(content_dir() / "en" / "guide.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{display_path(project / 'hotlines.yaml', project)}: no crisis line with a phone number "
        f"to print where the guide's text says {{crisis}} ({guide}:7 and 3 more); add an entry "
        "with category: crisis and a phone number\n",
    )


def test_a_hotlines_file_with_errors_is_not_said_to_lack_a_crisis_line(tmp_path):
    bad = SAMARITANS + '  - name: Typo\n    phone: "0800 12"\n    category: warmline\n'
    result = run("check", str(_gb_project(tmp_path, crisis=bad)))
    assert result.exit_code == 1
    assert "no crisis line" not in result.stderr
    assert result.stderr == 'hotlines.yaml:10: Typo: "0800 12" is not a valid GB phone number\n'


def test_an_unknown_placeholder_is_an_error_at_its_line(tmp_path, monkeypatch):
    project = _gb_project(tmp_path)
    section = project / "content" / "en" / "sections" / "closing.md"
    section.parent.mkdir(parents=True, exist_ok=True)
    section.write_text("---\ntitle: Closing\n---\n\nIn danger? Call {emergancy}.\n{Org}\n")
    monkeypatch.chdir(project)
    result = run("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        'content/en/sections/closing.md:5: unknown placeholder "{emergancy}": pocketguide fills '
        'in {emergency} and {crisis}; did you mean "{emergency}"?\n'
        'content/en/sections/closing.md:6: unknown placeholder "{Org}": pocketguide fills in '
        "{emergency} and {crisis}\n",
    )
    section.write_text("---\ntitle: Closing\n---\n\nIn danger? Call {emergency}.\n")
    assert run("check", ".").exit_code == 0
    assert "In danger? Call 999." in _text(_html(project, "en-GB"))


_LITERAL = re.compile(r"(?<![\d+-])(988|911)(?![\d-])")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_shipped_text_writes_its_numbers_as_placeholders(language):
    # A literal 911 in the default text printed in UK guides, or forced a copy of the file.
    folder = content_dir() / language
    english = content_dir() / "en"
    for path in folder.rglob("*"):
        if path.suffix not in (".md", ".yaml") or path.name == "hotlines.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        assert not _LITERAL.search(text), path
        assert set(re.findall(r"\{(\w+)\}", text)) <= {"emergency", "crisis"}, path
        # A translation names the same numbers as the English, as often.
        original = (english / path.relative_to(folder)).read_text(encoding="utf-8")
        for name in ("{emergency}", "{crisis}"):
            assert text.count(name) == original.count(name), (path, name)


def _without_hotlines_key(project):
    config = project / "pocketguide.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("hotlines:"))
    )


def test_a_uk_project_never_falls_back_to_the_us_numbers(tmp_path, monkeypatch):
    # Saved as hotlines.csv with no `hotlines:` line, the numbers were ignored: the guide
    # printed 988 and 911, "verified", and check --strict said ok.
    project = _gb_project(tmp_path)
    _without_hotlines_key(project)
    (project / "hotlines.yaml").rename(project / "hotlines.csv")
    monkeypatch.chdir(project)
    lines = run("check", ".", "--strict").stderr.splitlines()
    assert lines[0] == (
        "pocketguide.yaml: hotlines.csv is not used, so the guide would print the default "
        "numbers instead; add `hotlines: hotlines.csv` to pocketguide.yaml"
    )
    shipped = display_path(content_dir() / "en" / "hotlines.yaml")
    assert lines[1] == (
        f"pocketguide.yaml:8: region GB: this edition would print the default US numbers (988, "
        f"911) from {shipped}; put your numbers in hotlines.yaml in the project folder (one file "
        "for every language)"
    )


def test_a_canadian_project_never_prints_the_us_lifeline_as_its_own(tmp_path, monkeypatch):
    # 988 reaches Canada's 9-8-8, but the card named the US Lifeline, its site and chat, and
    # printed "Numbers verified as of" from pocketguide's check of the US service.
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: T\n  slug: t\nregion: CA\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run("check", ".")
    shipped = display_path(content_dir() / "en" / "hotlines.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        f"pocketguide.yaml:4: region CA: this edition would print the US 988 Lifeline's entry "
        f"(its name, website and chat) from {shipped}; put Canada's 9-8-8 Suicide Crisis "
        "Helpline and your numbers in hotlines.yaml in the project folder (pocketguide init "
        "--region CA writes one to start from)\n",
    )


def test_numbers_kept_for_one_language_do_not_leave_another_edition_the_us_ones(
    tmp_path, monkeypatch
):
    # content/en/hotlines.yaml held the UK numbers; the Spanish edition printed 988 and 911.
    project = _gb_project(tmp_path)
    own = project / "content" / "en" / "hotlines.yaml"
    own.parent.mkdir(parents=True)
    (project / "hotlines.yaml").rename(own)
    _without_hotlines_key(project)
    config = project / "pocketguide.yaml"
    config.write_text(config.read_text().replace("locales: [en-GB]", "locales: [en-GB, es]"))
    monkeypatch.chdir(project)
    result = run("check", ".")
    shipped = display_path(content_dir() / "es" / "hotlines.yaml")
    assert result.exit_code == 1
    assert (
        f"pocketguide.yaml:8: region GB: this edition would print the default US numbers (988, "
        f"911) from {shipped}; put your numbers in hotlines.yaml in the project folder (one file "
        "for every language); or copy content/en/hotlines.yaml to content/es/"
    ) in result.stderr.splitlines()


def test_placeholders_written_almost_right_are_errors_not_printed_as_written(tmp_path, monkeypatch):
    project = _gb_project(tmp_path)
    section = project / "content" / "en" / "sections" / "closing.md"
    section.parent.mkdir(parents=True, exist_ok=True)
    section.write_text(
        "---\ntitle: Closing\n---\n\nCall { crisis } or {*crisis*}.\nOr ｛emergency｝.\n"
        "[Call {crisis}](tel:999)\n"
    )
    hotlines = project / "hotlines.yaml"
    text = hotlines.read_text().replace(
        "category: crisis\n", "category: crisis\n    notes: Or {emergency}\n", 1
    )
    hotlines.write_text(text + "# {todo}: add the warmline\n")
    monkeypatch.chdir(project)
    result = run("check", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        'content/en/sections/closing.md:5: "{ crisis }" prints as written: write {crisis}',
        'content/en/sections/closing.md:5: "{*crisis*}" prints as written: write {crisis}',
        'content/en/sections/closing.md:6: "｛emergency｝" prints as written: write {emergency}',
        "hotlines.yaml:9: {emergency} is not filled in a hotline entry: write the number",
        # With them, not a run later: the link that shows 116 123 and dials 999.
        'content/en/sections/closing.md:7: the link "Call 116 123" shows 116 123 but dials 999; '
        "make them the same number",
    ]
    # Once they are right, the link is the one problem left.
    section.write_text("---\ntitle: Closing\n---\n\n[Call {crisis}](tel:999)\n")
    hotlines.write_text(text.replace("    notes: Or {emergency}\n", ""))
    assert run("check", ".").stderr.splitlines() == [
        'content/en/sections/closing.md:5: the link "Call 116 123" shows 116 123 but dials 999; '
        "make them the same number"
    ]


def test_a_crisis_line_not_always_open_or_a_us_112_warns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config())
    entries = (
        "hotlines:\n"
        '  - name: Teen Line\n    phone: "800-852-8336"\n    hours: 6pm-10pm\n'
        "    category: crisis\n"
        '  - name: Warmline\n    phone: "502-555-0242"\n    category: warmline\n'
    )
    (tmp_path / "hotlines.yaml").write_text(entries)
    assert run("check", ".").stderr.splitlines()[0] == (
        "warning: hotlines.yaml:2: Teen Line: the guide's text says to call it ({crisis}) at any "
        "hour, but it is not open day and night (6pm-10pm); list a crisis line open 24/7, or "
        "write its hours as 24/7 if it is"
    )
    # 112 answers only from mobile phones in the US.
    (tmp_path / "hotlines.yaml").write_text(
        entries + '  - name: Emergency\n    phone: "112"\n    category: emergency\n'
    )
    assert (
        "warning: hotlines.yaml:9: Emergency: 112 answers only from mobile phones in US, and the "
        "guide's text says to call it ({emergency}); use 911"
    ) in run("check", ".").stderr.splitlines()


def test_the_emergency_number_is_the_regions_usual_one_when_several_are_listed():
    # Japan: 110 (police) listed first printed "overdosed; call 110"; 119 is the ambulance.
    japan = _hotlines(
        [
            {"name": "Police", "phone": "110", "category": "emergency"},
            {"name": "Fire and ambulance", "phone": "119", "category": "emergency"},
        ],
        "JP",
    )
    assert fill_ins(japan, "JP", "ja")["emergency"].entry.name == "Fire and ambulance"


def test_sms_placeholders_text_the_entrys_text_number(tmp_path, monkeypatch):
    lifeline = _hotlines(
        [{"name": "Lifeline", "phone": "13 11 14", "text": "0477 13 11 14", "category": "crisis"}],
        "AU",
    )
    values = fill_ins(lifeline, "AU", "en-AU")
    assert fill_text("[text](sms:{crisis})", values) == "[text](sms:+61477131114)"
    # Samaritans take no texts: a link to text them is an error.
    project = _gb_project(tmp_path)
    section = project / "content" / "en" / "sections" / "closing.md"
    section.parent.mkdir(parents=True, exist_ok=True)
    section.write_text(
        "---\ntitle: Closing\n---\n\n[Text {crisis}](sms:{crisis})\n{أزمة} {crisis line}\n"
    )
    monkeypatch.chdir(project)
    assert run("check", ".").stderr.splitlines() == [
        "content/en/sections/closing.md:5: sms:{crisis} would text Samaritans, which lists no "
        "number for texts; link tel:{crisis}, or give the entry a text: number",
        'content/en/sections/closing.md:6: unknown placeholder "{أزمة}": pocketguide fills in '
        "{emergency} and {crisis}",
        'content/en/sections/closing.md:6: "{crisis line}" prints as written: write {crisis}',
    ]


def test_an_edition_no_line_speaks_keeps_the_first_line():
    # The French edition of riverside named the mobile team (no languages: listed) instead of
    # 988 (en, es), which the English edition named.
    lines = _hotlines(
        [
            {"name": "988", "phone": "988", "hours": "24/7", "languages": ["en", "es"],
             "category": "crisis"},
            {"name": "Mobile team", "phone": "502-555-0117", "hours": "24/7", "category": "crisis"},
        ]
    )  # fmt: skip
    assert fill_ins(lines, "US", "fr")["crisis"].display == "988"
    assert fill_ins(lines, "US", "es")["crisis"].display == "988"


def test_check_says_which_entry_each_placeholder_prints(tmp_path, monkeypatch):
    _gb_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("check", "org")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "en-GB: {emergency} prints 999 (org/hotlines.yaml:9: Emergency services)",
        "en-GB: {crisis} prints 116 123 (org/hotlines.yaml:5: Samaritans)",
    ]
    # The default guide's numbers come from pocketguide's own list.
    (tmp_path / "empty").mkdir()
    empty = run("check", "empty")
    assert empty.stdout.splitlines()[:2] == [
        "en: {emergency} prints 911 (pocketguide's own list: Emergency services)",
        "en: {crisis} prints 988 (pocketguide's own list: 988 Suicide & Crisis Lifeline)",
    ]
    # A language folder's own hotlines file is named with the entry's line, as the config's is.
    folder = tmp_path / "lang"
    (folder / "content" / "en").mkdir(parents=True)
    (folder / "pocketguide.yaml").write_text("organization:\n  name: Org\n  slug: org\n")
    (folder / "content" / "en" / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Emergency services\n    phone: '911'\n    category: emergency\n"
        "  - name: Lifeline\n    phone: '988'\n    category: crisis\n"
    )
    assert run("check", "lang").stdout.splitlines()[:2] == [
        "en: {emergency} prints 911 (lang/content/en/hotlines.yaml:2: Emergency services)",
        "en: {crisis} prints 988 (lang/content/en/hotlines.yaml:5: Lifeline)",
    ]
