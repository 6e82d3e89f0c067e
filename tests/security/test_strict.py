"""12. Strict: --strict turns every warning into an error; allowed notices live in one place."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from pocketguide import pdf
from pocketguide.pdf import ALLOWED_NOTICES, html_to_pdf

from .helpers import PDF_NAME, assert_clean_failure, invoke, make_project

SRC = Path(__file__).resolve().parents[2] / "src" / "pocketguide"
WARNINGS = {
    "stale date": (
        {"hotlines.yaml": "hotlines:\n  - name: Old\n    phone: '988'\n    verified: 2020-01-01\n"},
        "",
        "Old: last verified 2020-01-01",
    ),
    "missing date": (
        {"hotlines.yaml": "hotlines:\n  - name: Undated\n    phone: '988'\n"},
        "",
        'Undated: no "verified" date',
    ),
    "low contrast": ({}, "brand:\n  primary: '#2a9d8f'\n", "contrast 3.3:1"),
    "weasyprint warning": (
        {"templates/guide.css": '{% include "default:guide.css" %}\n.cover { colr: red; }\n'},
        "",
        "WeasyPrint: Ignored `colr: red`",
    ),
}


@pytest.mark.parametrize("case", list(WARNINGS))
def test_strict_turns_each_warning_into_an_error(tmp_path, case):
    files, extra, text = WARNINGS[case]
    project = make_project(tmp_path, files, extra)
    plain = invoke("build", str(project), "--quiet")
    assert plain.exit_code == 0, plain.output
    assert text in plain.stderr
    (project / "output" / PDF_NAME).unlink()
    lines = assert_clean_failure(invoke("build", str(project), "--strict", "--quiet"))
    assert any(text in line and line.endswith("(--strict)") for line in lines), lines
    assert not (project / "output" / PDF_NAME).exists()


def _render_logging(tmp_path, monkeypatch, level: int, message: str):
    import weasyprint

    real_render = weasyprint.HTML.render

    def render_and_log(self, *args, **kwargs):
        logging.getLogger("weasyprint").log(level, message)
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", render_and_log)
    return html_to_pdf('<html lang="en"><p>x</p></html>', tmp_path, [tmp_path], "out.pdf")


@pytest.mark.parametrize("notice", ALLOWED_NOTICES)
def test_allowed_notices_are_never_warnings(tmp_path, monkeypatch, notice):
    result = _render_logging(tmp_path, monkeypatch, logging.WARNING, notice + " for font X")
    assert result.warnings == []


def test_any_other_weasyprint_warning_is_a_warning(tmp_path, monkeypatch):
    result = _render_logging(tmp_path, monkeypatch, logging.WARNING, "Something odd")
    assert result.warnings == ["out.pdf: WeasyPrint: Something odd"]


def test_allowed_notices_are_listed_in_one_place():
    assert isinstance(ALLOWED_NOTICES, tuple) and ALLOWED_NOTICES
    for path in SRC.glob("*.py"):
        text = path.read_text()
        if path.name != "pdf.py":
            assert "ALLOWED_NOTICES =" not in text, path.name
            for notice in ALLOWED_NOTICES:
                assert notice not in text, path.name
    assert len(re.findall(r"^ALLOWED_NOTICES\b", Path(pdf.__file__).read_text(), re.M)) == 1


def test_check_strict_fails_on_a_warning_too(tmp_path, monkeypatch):
    make_project(tmp_path, extra="brand:\n  primary: '#2a9d8f'\n")
    monkeypatch.chdir(tmp_path)
    assert invoke("check", ".").exit_code == 0
    lines = assert_clean_failure(invoke("check", ".", "--strict"))
    assert lines[-1].endswith("(--strict)")
