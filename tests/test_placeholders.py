"""{emergency} and {crisis} in the guide's text print the project's own numbers."""

from __future__ import annotations

import re

import pytest

from conftest import run
from pocketguide.content import load_content
from pocketguide.errors import display_path
from pocketguide.models import HotlineFile
from pocketguide.placeholders import fill, fill_ins
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


def test_the_numbers_come_from_the_hotlines_as_printed():
    us = _hotlines(
        [
            {"name": "Warmline", "phone": "502-555-0142", "category": "warmline"},
            {"name": "Lifeline", "phone": "988", "category": "crisis", "languages": ["en"]},
            {"name": "Línea", "phone": "502-555-0199", "category": "crisis", "languages": ["es"]},
            {"name": "Emergency", "phone": "911", "category": "emergency"},
        ]
    )
    assert fill_ins(us, "US", "en") == {"crisis": "988", "emergency": "911"}
    # The Spanish edition names the line that speaks Spanish, as the crisis page prints it.
    assert fill_ins(us, "US", "es")["crisis"] == "(502) 555-0199"
    # A French edition: no line lists French, so the first crisis line.
    assert fill_ins(us, "US", "fr")["crisis"] == "988"


def test_without_entries_the_region_decides_and_nothing_is_made_up():
    assert fill_ins([], "US", "en") == {"crisis": "988", "emergency": "911"}
    assert fill_ins([], "GB", "en-GB") == {"emergency": "999"}  # no crisis line: none invented
    assert fill_ins([], "GN", "fr") == {}
    # A text-only line gives nothing to call.
    shout = _hotlines([{"name": "Shout", "text": "85258", "category": "crisis"}], "GB")
    assert "crisis" not in fill_ins(shout, "GB", "en-GB")


def test_only_known_placeholders_with_a_number_are_filled():
    values = {"emergency": "999"}
    assert fill("Call {emergency}; {crisis}; {other}; {not one}", values) == (
        "Call 999; {crisis}; {other}; {not one}"
    )


def test_a_uk_project_prints_999_and_its_crisis_line_in_the_default_text(tmp_path):
    content = load_content(load_project(_gb_project(tmp_path)), "en-GB")
    scenario = next(s.script for s in content.scenarios if s.id == "suicidal-thoughts")
    assert scenario.quick == (
        "In danger right now? Call 999. Otherwise, ask about suicide directly, stay with them, "
        "and call 116 123 together."
    )
    assert "call 999" in content.guide.back_cover
    crisis_page = next(s for s in content.sections if s.meta.layout == "crisis")
    assert "If anyone is in immediate danger, call 999." in crisis_page.html
    assert run("check", str(tmp_path / "org")).exit_code == 0


def test_a_project_with_no_crisis_line_is_told_where_the_text_needs_one(tmp_path):
    project = _gb_project(tmp_path, crisis="")
    result = run("check", str(project))
    guide = display_path(content_dir() / "en" / "guide.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{display_path(project / 'hotlines.yaml', project)}: no crisis line to print where the "
        f"guide's text says {{crisis}} ({guide}:7 and 3 more); add an entry with category: "
        "crisis and a phone number\n",
    )


def test_a_hotlines_file_with_errors_is_not_said_to_lack_a_crisis_line(tmp_path):
    bad = SAMARITANS + '  - name: Typo\n    phone: "0800 12"\n    category: warmline\n'
    result = run("check", str(_gb_project(tmp_path, crisis=bad)))
    assert result.exit_code == 1
    assert "no crisis line" not in result.stderr
    assert result.stderr == 'hotlines.yaml:9: Typo: "0800 12" is not a valid GB phone number\n'


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
    content = load_content(load_project(project), "en-GB")
    closing = next(s for s in content.sections if s.id == "closing")
    assert "In danger? Call 999." in closing.html


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
