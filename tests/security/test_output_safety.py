"""A failed build never damages the last good PDF, and leaves no temp files behind."""

from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from pocketguide.cli import cli
from pocketguide.errors import PocketguideError
from pocketguide.output import write_atomic
from pocketguide.resources import content_dir


def test_failed_build_leaves_previous_pdf_identical(tmp_path, default_guide):
    (tmp_path / "pocketguide.yaml").write_text("organization:\n  name: Test Org\n  slug: test\n")
    shutil.copytree(content_dir(), tmp_path / "content")
    previous = tmp_path / "output" / "test-guide-en.pdf"
    previous.parent.mkdir()
    shutil.copy(default_guide, previous)
    before = previous.read_bytes()
    broken = tmp_path / "content/en/scenarios/silence.yaml"
    broken.write_text(broken.read_text().replace("say:", "sayy:"))
    result = CliRunner().invoke(cli, ["build", str(tmp_path)])
    assert result.exit_code == 1
    assert previous.read_bytes() == before
    assert sorted(p.name for p in previous.parent.iterdir()) == ["test-guide-en.pdf"]


def test_exception_mid_write_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "guide.pdf"
    target.write_bytes(b"old good pdf")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(PocketguideError) as info:
        write_atomic(target, b"new pdf")
    assert str(info.value.message) == f"{target}: could not write the file: No space left on device"
    assert target.read_bytes() == b"old good pdf"
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]


def test_write_replaces_content(tmp_path):
    target = tmp_path / "sub" / "guide.pdf"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["guide.pdf"]
