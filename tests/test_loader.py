"""The strict loader: scalars stay strings, duplicates and aliases refused, errors located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pocketguide.content import load_content
from pocketguide.errors import PocketguideError
from pocketguide.project import load_project
from pocketguide.resources import content_dir
from pocketguide.yamlload import YamlProblem, load_yaml_file, parse_yaml


def test_scalars_stay_strings():
    data = parse_yaml("phone: 988\ncode: 0123\nanswer: NO\nratio: 1.50\nwhen: 2026-09-15\n", "x")
    assert data == {
        "phone": "988",
        "code": "0123",
        "answer": "NO",
        "ratio": "1.50",
        "when": "2026-09-15",
    }


def test_lists_and_lines_are_kept():
    data = parse_yaml("items:\n  - a\n  - 7\n", "x")
    assert data["items"] == ["a", "7"]
    assert data.lines["items"] == 1
    assert data["items"].lines == [2, 3]


def test_duplicate_key_names_both_lines():
    with pytest.raises(YamlProblem) as info:
        parse_yaml("title: a\nsay: b\ntitle: c\n", "x")
    assert info.value.line == 3
    assert info.value.message == 'duplicate key "title" (first on line 1, again on line 3)'


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "base: &b {k: v}\nother: *b\n"])
def test_anchors_and_aliases_refused(text):
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text, "x")
    assert "anchors and aliases" in info.value.message
    assert info.value.line == 1


def test_lone_surrogate_escape_is_a_yaml_problem():
    with pytest.raises(YamlProblem) as info:
        parse_yaml('name: ok\nregion: "\\ud800"\n', "x.yaml")
    assert (info.value.line, info.value.message) == (
        2,
        "invalid character escape (a lone UTF-16 surrogate)",
    )


def test_malformed_yaml_reports_path_and_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("title: ok\nsay: [unclosed\nnext: 1\n")
    data, problems = load_yaml_file(path)
    assert data is None
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:")
    assert problems[0].line is not None and problems[0].line >= 2


@pytest.mark.parametrize(
    ("text", "line", "quote"),
    [
        # PyYAML blamed line 7, "indented differently", far from the missing quote.
        (
            'a:\n  - name: A\n    hours: "Every day, 7am-11pm\n    b: c\n  - name: B\n'
            '    c: "d"\n    notes: Call us\n',
            3,
            '"',
        ),
        ('a:\n  phone: "502-589-0142\n  b: c\n', 2, '"'),
        ("a:\n  name: 'Ann''s line\n  b: c\n  d: 'e'\n  f: g: h\n", 2, "'"),
    ],
)
def test_a_quote_left_open_is_named_at_its_line(text, line, quote):
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text, "hotlines.yaml")
    assert (info.value.line, info.value.message) == (
        line,
        f"invalid YAML: a quote opened on this line is never closed (add the closing {quote})",
    )


@pytest.mark.parametrize(
    "text", ['do:\n  - "Stay calm"\n  - {crisis} now, together\n', "quick: {crisis} now\n"]
)
def test_a_placeholder_starting_a_value_asks_for_quotes(text):
    # It said "this line is indented differently", about a line indented like the rest.
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text, "scenario.yaml")
    assert info.value.message == (
        'invalid YAML: a value that starts with "{" must be in quotes ("{crisis} ...")'
    )
    assert info.value.line == text.count("\n")


def test_tabs_bom_and_empty_files_are_clear_errors(tmp_path):
    cases = {
        "tab.yaml": b"a:\n\tb: 1\n",
        "bom.yaml": b"\xef\xbb\xbfa: 1\n",
        "empty.yaml": b"",
        "list.yaml": b"- a\n- b\n",
    }
    messages = {}
    for name, raw in cases.items():
        (tmp_path / name).write_bytes(raw)
        _, problems = load_yaml_file(tmp_path / name)
        messages[name] = problems[0].message
    assert "tab" in messages["tab.yaml"]
    assert "byte-order mark" in messages["bom.yaml"]
    assert messages["empty.yaml"] == "file is empty"
    assert messages["list.yaml"] == "the top level must be a mapping (key: value)"


@pytest.fixture
def project(tmp_path) -> Path:
    """An organization project with a full copy of the default content as its overlay."""
    (tmp_path / "pocketguide.yaml").write_text("organization:\n  name: Test Org\n")
    shutil.copytree(content_dir(), tmp_path / "content")
    return tmp_path


def _errors(project: Path) -> list[str]:
    with pytest.raises(PocketguideError) as info:
        load_content(load_project(project), "en")
    return str(info.value.message).splitlines()


def test_scenario_missing_say_is_named(project):
    path = project / "content/en/scenarios/silence.yaml"
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("say:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    path.write_text("\n".join(lines[:start] + lines[end:]) + "\n")
    assert _errors(project) == ['content/en/scenarios/silence.yaml:1: missing required key "say"']


def test_unknown_key_suggests_the_right_one(project):
    path = project / "content/en/scenarios/conflict.yaml"
    path.write_text(path.read_text().replace("escalate:", "escalte:"))
    errors = _errors(project)
    line = 1 + path.read_text().splitlines().index("escalte:")
    assert sorted(errors) == [
        'content/en/scenarios/conflict.yaml:1: missing required key "escalate"',
        f'content/en/scenarios/conflict.yaml:{line}: unknown key "escalte" '
        '(did you mean "escalate"?)',
    ]


def test_several_problems_reported_together(project):
    (project / "content/en/sections/closing.md").write_text("---\ntitle: [x\n---\nBody\n")
    (project / "content/en/sections/notes.md").write_text("No front matter\n")
    scenario = project / "content/en/scenarios/distress.yaml"
    scenario.write_text(scenario.read_text() + "title: again\n")
    errors = _errors(project)
    assert len(errors) == 3
    assert errors[0].startswith("content/en/sections/closing.md:2: invalid YAML")
    assert errors[1] == (
        "content/en/sections/notes.md:1: missing front matter (a --- block with at least a title)"
    )
    assert errors[2].startswith("content/en/scenarios/distress.yaml:")
    assert 'duplicate key "title" (first on line 1' in errors[2]


def test_front_matter_errors_use_file_lines(project):
    path = project / "content/en/sections/opening.md"
    text = path.read_text().replace("layout: text", "layout: poster")
    path.write_text(text)
    line = 1 + text.splitlines().index("layout: poster")
    [message] = _errors(project)
    assert message.startswith(f"content/en/sections/opening.md:{line}: layout: must be one of")


def test_project_overlay_replaces_default_file(project):
    path = project / "content/en/sections/closing.md"
    path.write_text('---\ntitle: "Closing, our way"\n---\nOur own closing words.\n')
    content = load_content(load_project(project), "en")
    closing = next(s for s in content.sections if s.id == "closing")
    assert closing.meta.title == "Closing, our way"
    assert closing.source == path


def test_a_text_parsed_again_is_remembered_and_each_caller_gets_its_own_copy(monkeypatch):
    import pocketguide.yamlload as yamlload

    text = "name: Ana  # unique to this test\nitems:\n  - one\n  - two\n"
    first = parse_yaml(text, "a.yaml")
    parsed = []
    monkeypatch.setattr(yamlload._Loader, "get_single_node", lambda self: parsed.append(1))
    second = parse_yaml(text, "b.yaml")
    assert parsed == []  # not parsed again
    assert second == first and second.lines == first.lines == {"name": 1, "items": 2}
    assert second["items"].lines == [3, 4]
    first["items"].append("three")
    first.lines["name"] = 9
    assert parse_yaml(text, "a.yaml") == {"name": "Ana", "items": ["one", "two"]}
    assert parse_yaml(text, "a.yaml").lines["name"] == 1


def test_a_problem_is_raised_every_time_not_remembered():
    text = "name: Ana\n\tbad: tab\n"
    for _ in range(2):
        with pytest.raises(YamlProblem) as info:
            parse_yaml(text, "a.yaml", line_offset=3)
        assert info.value.line == 5


def test_a_large_text_is_not_remembered(monkeypatch):
    import pocketguide.yamlload as yamlload

    text = "notes: " + "x" * yamlload.CACHED_CHARS + "\n"
    parse_yaml(text, "big.yaml")
    before = yamlload._parse_text.cache_info()
    assert parse_yaml(text, "big.yaml") == {"notes": "x" * yamlload.CACHED_CHARS}
    after = yamlload._parse_text.cache_info()
    assert (after.hits, after.misses, after.currsize) == (
        before.hits,
        before.misses,
        before.currsize,
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # A tab after a value is invisible in most editors: "indentation" sent people looking
        # at the wrong thing.
        (
            "name: a\t\nregion: US\n",
            1,
            "a tab character after the text is not allowed; delete it or use a space",
        ),
        ("brand:\n\tlogo: x\n", 2, "tab characters are not allowed for indentation; use spaces"),
        # A Windows path in double quotes reads \U as an escape.
        (
            'logo: "C:\\Users\\maria\\logo.png"\n',
            1,
            "expected escape sequence of 8 hexadecimal "
            "numbers, but found 's' (in double quotes a backslash starts an escape: write a path "
            "with forward slashes, relative to the project, like brand/logo.png)",
        ),
    ],
)
def test_syntax_errors_say_what_to_do(text, line, message):
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text, "x.yaml")
    assert (info.value.line, info.value.message) == (line, f"invalid YAML: {message}")
