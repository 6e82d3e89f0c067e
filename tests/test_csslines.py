"""WeasyPrint's stylesheet messages point at the project's own CSS file and line."""

from __future__ import annotations

from conftest import run, tiny_config
from pocketguide.csslines import literal_runs, overlay_location

PAGE = "<html><head><style>\n@font-face { src: url(x) }\n{css}\n</style></head></html>"
MESSAGE = "Ignored `colr: red` at {at}, unknown property."


def overlay(tmp_path, css: str) -> str:
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates" / "guide.css").write_text(css, encoding="utf-8")
    return PAGE.replace("{css}", css.rstrip("\n"))


def test_a_plain_overlay_gets_its_own_line_and_column(tmp_path):
    html = overlay(tmp_path, "/* brand */\np {\n  colr: red;\n}\n")
    found = overlay_location(MESSAGE.format(at="5:3"), html, tmp_path)
    assert found == (
        "templates/guide.css",
        3,
        "Ignored `colr: red` at 3:3, unknown property.",
    )


def test_an_overlay_that_includes_the_default_counts_its_own_lines(tmp_path):
    css = '{% include "default:guide.css" %}\n\n/* our colours */\np { colr: red; }\n'
    default = "body { margin: 0 }\nh1 { color: navy }"
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.css").write_text(css, encoding="utf-8")
    html = PAGE.replace("{css}", default + "\n\n/* our colours */\np { colr: red; }")
    # Style text: 1 empty, 2 @font-face, 3-4 the default, 5 empty, 6 comment, 7 the rule.
    found = overlay_location(MESSAGE.format(at="7:5"), html, tmp_path)
    assert found is not None and found[:2] == ("templates/guide.css", 4)
    assert "at 4:5," in found[2]


def test_lines_outside_the_overlay_and_other_messages_stay_as_they_are(tmp_path):
    html = overlay(tmp_path, "p {\n  colr: red;\n}\n")
    assert overlay_location(MESSAGE.format(at="2:1"), html, tmp_path) is None  # @font-face
    assert overlay_location("Invalid or unsupported selector 'p::x'", html, tmp_path) is None
    assert overlay_location(MESSAGE.format(at="3:3"), html, tmp_path / "elsewhere") is None


def test_short_runs_are_not_guessed():
    assert literal_runs(["{% include 'x' %}", "}"], "a {\n}\n}\n") == []


def test_the_build_warning_names_the_overlay_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(), encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.css").write_text(
        '{% include "default:guide.css" %}\n\n/* our colours */\np {\n  colr: red;\n}\n',
        encoding="utf-8",
    )
    result = run("build", ".")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: templates/guide.css:5: WeasyPrint: Ignored `colr: red` at 5:3, "
        "unknown property.\n"
    )
    strict = run("build", ".", "--strict", "--force")
    assert strict.exit_code == 1
    assert strict.stderr == (
        "templates/guide.css:5: WeasyPrint: Ignored `colr: red` at 5:3, unknown property. "
        "(--strict)\n"
    )
