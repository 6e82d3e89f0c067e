"""The back cover stays on one page at the smallest page size, in the longest language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from pocketguide.cli import cli

ROOT = Path(__file__).resolve().parents[1]
CONFIG = """\
organization:
  name: Test Org
  slug: test
  website: https://example.org
  phone: "+1 502 555 0242"
  email: info@example.org
locales: [es]
page: a7
brand:
  logo: logo.svg
"""


def test_a7_back_cover_with_logo_and_contacts_fits_one_page(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "riverside" / "brand" / "logo.svg", tmp_path / "logo.svg")
    # Approved, so that the back cover holds its longest content: the verified date too.
    assert CliRunner().invoke(cli, ["approve", str(tmp_path)]).exit_code == 0
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--format", "guide"])
    assert result.exit_code == 0, result.output
    pages = PdfReader(tmp_path / "output" / "test-guide-es.pdf").pages
    last = pages[-1].extract_text()
    # The back text, the organization, the date and the edition line share the last page.
    for text in ("No haces este trabajo", "Test Org", "info@example.org", "Edici"):
        assert text in last, text
    assert "Números verificados al" in last
    assert "Edici" not in pages[-2].extract_text()
    assert float(pages[-1].mediabox.height) * 25.4 / 72 == pytest.approx(105.0, abs=0.1)
