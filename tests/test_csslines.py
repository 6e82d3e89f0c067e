"""WeasyPrint's stylesheet messages point at the project's own CSS file and line."""

from __future__ import annotations

from pathlib import Path

from conftest import run, tiny_config
from pocketguide.csslines import literal_runs, overlay_location

PAGE = (
    "<html><head><style>\n/* pocketguide:fonts.css */\n@font-face {{ src: url(x) }}\n"
    "/* pocketguide:guide.css */\n{css}\n</style></head></html>"
)  # style text lines: 1 empty, 2 marker, 3 @font-face, 4 marker, 5 on: guide.css
MESSAGE = "Ignored `colr: red` at {at}, unknown property."


def project(tmp_path, files: dict[str, str]) -> Path:
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(), encoding="utf-8")
    (tmp_path / "templates").mkdir()
    for name, css in files.items():
        (tmp_path / "templates" / name).write_text(css, encoding="utf-8")
    return tmp_path


def page(css: str) -> str:
    return PAGE.format(css=css.rstrip("\n"))


def test_a_plain_overlay_gets_its_own_line_and_column(tmp_path):
    css = "/* brand */\np {\n  colr: red;\n}\n"
    root = project(tmp_path, {"guide.css": css})
    assert overlay_location(MESSAGE.format(at="7:3"), page(css), root) == (
        "templates/guide.css",
        3,
        "Ignored `colr: red` at 3:3, unknown property.",
    )


def test_an_overlay_that_includes_the_default_counts_its_own_lines(tmp_path):
    css = '{% include "default:guide.css" %}\n\n/* our colours */\np { colr: red; }\n'
    root = project(tmp_path, {"guide.css": css})
    default = "body { margin: 0 }\nh1 { color: navy }"
    html = page(default + "\n\n/* our colours */\np { colr: red; }")
    # Style text: 5-6 the default, 7 empty, 8 the comment, 9 the rule.
    found = overlay_location(MESSAGE.format(at="9:5"), html, root)
    assert found is not None and found[:2] == ("templates/guide.css", 4)
    assert "at 4:5," in found[2]


def test_a_time_inside_the_quoted_declaration_is_not_the_location(tmp_path):
    css = '/* hours */\n.hours::after {\n  contnet: "open daily at 22:30";\n}\n'
    root = project(tmp_path, {"guide.css": css})
    message = 'Ignored `contnet: "open daily at 22:30"` at 7:3, unknown property.'
    assert overlay_location(message, page(css), root) == (
        "templates/guide.css",
        3,
        'Ignored `contnet: "open daily at 22:30"` at 3:3, unknown property.',
    )


def test_only_stylesheets_the_page_includes_are_blamed(tmp_path):
    css = "/* brand block */\np {\n  colr: red;\n}\n"
    # A backup copy and the card's stylesheet hold the same lines but are not in this page.
    root = project(tmp_path, {"card.css": css, "guide-backup.css": css, "guide.css": css})
    found = overlay_location(MESSAGE.format(at="7:3"), page(css), root)
    assert found is not None and found[0] == "templates/guide.css"
    (root / "templates" / "guide.css").unlink()  # the default guide.css was included
    assert overlay_location(MESSAGE.format(at="7:3"), page(css), root) is None


def test_unclear_cases_keep_weasyprints_words(tmp_path):
    css = "/* brand block */\np {\n  colr: red;\n}\n"
    root = project(tmp_path, {"guide.css": css})
    message = MESSAGE.format(at="7:3")
    assert overlay_location(MESSAGE.format(at="3:1"), page(css), root) is None  # @font-face
    assert overlay_location("Invalid or unsupported selector 'p::x'", page(css), root) is None
    two_styles = page(css).replace("</head>", "<style>p { colr: blue }</style></head>")
    assert overlay_location(message, two_styles, root) is None  # which <style>? unknown
    (root / "pocketguide.yaml").unlink()  # without a config, overlays are not used
    assert overlay_location(message, page(css), root) is None


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
