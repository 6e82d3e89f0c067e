"""WeasyPrint's stylesheet messages point at the project's own CSS file and line."""

from __future__ import annotations

from pathlib import Path

from conftest import run, tiny_config
from pocketguide.csslines import Piece, overlay_location, template_pieces
from pocketguide.render import make_environment
from pocketguide.resources import templates_dir

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


def test_a_short_overlay_gets_its_own_line(tmp_path):
    css = "h1 {\n  colr: red;\n}\n"
    root = project(tmp_path, {"guide.css": css})
    assert overlay_location(MESSAGE.format(at="6:3"), page(css), root) == (
        "templates/guide.css",
        2,
        "Ignored `colr: red` at 2:3, unknown property.",
    )


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


def rendered(root: Path, name: str = "guide.css") -> str:
    """The overlay as Jinja renders it into the page (includes and whitespace rules applied)."""
    return make_environment([root / "templates"]).get_template(name).render()


def at_of(html: str, needle: str) -> str:
    """WeasyPrint's `line:column` of the first `needle` in the page's style text."""
    text = html.split("<style>", 1)[1]
    offset = text.index(needle)
    line_start = text.rfind("\n", 0, offset) + 1
    return f"{text.count(chr(10), 0, offset) + 1}:{offset - line_start + 1}"


def test_a_short_rule_after_the_included_default_gets_the_overlays_line(tmp_path):
    css = '{% include "default:guide.css" %}\nh1 {\n  colr: red;\n}\n'
    root = project(tmp_path, {"guide.css": css})
    html = page(rendered(root))
    at = at_of(html, "colr")
    default_lines = (templates_dir() / "guide.css").read_text(encoding="utf-8").count("\n")
    assert at == f"{5 + default_lines}:3"  # the default's lines come first
    assert overlay_location(MESSAGE.format(at=at), html, root) == (
        "templates/guide.css",
        3,
        "Ignored `colr: red` at 3:3, unknown property.",
    )


def test_a_rule_on_the_line_the_default_ends_gets_the_overlays_column(tmp_path):
    # trim_blocks drops the newline after the include, so "h1 {" joins the default's last line.
    css = '{% include "default:guide.css" %}\nh1 { colr: red; }\n'
    root = project(tmp_path, {"guide.css": css})
    html = page(rendered(root))
    at = at_of(html, "colr")
    assert int(at.split(":")[1]) > 6  # WeasyPrint's column counts the default's "}" too
    assert overlay_location(MESSAGE.format(at=at), html, root) == (
        "templates/guide.css",
        2,
        "Ignored `colr: red` at 2:6, unknown property.",
    )


def test_a_warning_in_the_included_default_names_the_default_file(tmp_path):
    css = '{% include "default:guide.css" %}\nh1 {\n  colr: red;\n}\n'
    root = project(tmp_path, {"guide.css": css})
    html = page(rendered(root))
    default = (templates_dir() / "guide.css").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(default, 1) if text.startswith(":root {"))
    message = "Ignored `--pt: 1pt` at {at}, unknown property."
    # The default part starts on style line 5, after the @font-face part and both markers.
    assert overlay_location(message.format(at=f"{4 + line}:9"), html, root) == (
        "default:guide.css",
        line,
        f"Ignored `--pt: 1pt` at {line}:9, unknown property.",
    )


def test_after_unknown_output_the_default_is_found_by_searching(tmp_path):
    css = '{{ brand }}\n{% include "default:guide.css" %}\nh1 {\n  colr: red;\n}\n'
    root = project(tmp_path, {"guide.css": css})
    text = (templates_dir() / "guide.css").read_text(encoding="utf-8").rstrip("\n")
    html = page("navy\n" + text + "h1 {\n  colr: red;\n}")
    # After `{{ brand }}` the default is found again by searching; the short rule follows it.
    at = at_of(html, "colr")
    assert overlay_location(MESSAGE.format(at=at), html, root)[:2] == ("templates/guide.css", 4)
    assert overlay_location(MESSAGE.format(at="5:1"), html, root) is None  # "navy": unknown


def test_short_text_after_unknown_output_is_not_guessed(tmp_path):
    css = "{{ brand.primary }}\np {\n  colr: red;\n}\n"  # "p {...}" is shorter than 20
    root = project(tmp_path, {"guide.css": css})
    html = page("p {\n  colr: navy;\n}\n#0a0a0a\np {\n  colr: red;\n}")
    assert overlay_location(MESSAGE.format(at="10:3"), html, root) is None


def test_template_pieces_follow_jinjas_whitespace_rules():
    source = (
        '{% include "default:guide.css" %}\nh1 {\n  {# note #}\n  a: b;\n}\n'
        "{{ x }}p { c: d }\n.q { e: f }\n  {% if y %}\n.r {}\n  {% endif %}\nend\n"
    )
    assert template_pieces(source) == [
        Piece("include", "default:guide.css"),
        Piece("data", "h1 {\n", 2, 1),
        Piece("data", "  a: b;\n}\n", 4, 1),
        Piece("unknown"),
        Piece("data", "p { c: d }\n.q { e: f }\n", 6, 8),
        Piece("unknown"),
        Piece("data", ".r {}\n", 9, 1),
        Piece("unknown"),
        Piece("data", "end", 11, 1),
    ]


def test_the_build_warning_names_the_overlay_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(), encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.css").write_text(
        '{% include "default:guide.css" %}\nh1 {\n  colr: red;\n}\n', encoding="utf-8"
    )
    result = run("build", ".")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: templates/guide.css:3: WeasyPrint: Ignored `colr: red` at 3:3, "
        "unknown property.\n"
    )
    strict = run("build", ".", "--strict", "--force")
    assert strict.exit_code == 1
    assert strict.stderr == (
        "templates/guide.css:3: WeasyPrint: Ignored `colr: red` at 3:3, unknown property. "
        "(--strict)\n"
    )
