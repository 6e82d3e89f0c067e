"""Files the system refuses (permission denied): one line naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run
from pocketguide import output


def test_an_output_folder_this_user_cannot_write_is_refused_before_building(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locked").mkdir()
    # Tests may run as root, for whom every folder is writable: the check asks os.access.
    monkeypatch.setattr(output.os, "access", lambda path, mode: Path(path).name != "locked")
    result = run("build", "--out", "locked/out")
    assert (result.exit_code, result.stderr) == (
        1,
        "locked/out: cannot write there (permission denied)\n",
    )
    assert not (tmp_path / "locked" / "out").exists()


def test_a_refused_file_operation_is_one_line_naming_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    result = run("init", "newproj", "--name", "New")
    assert (result.exit_code, result.stderr) == (1, "newproj: permission denied\n")


def test_an_error_that_names_no_file_is_not_hidden(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("no file involved")

    monkeypatch.setattr("pocketguide.init.init_project", broken)
    with pytest.raises(OSError, match="no file involved"):
        run("init", str(tmp_path / "p"), "--name", "P")


def test_a_read_only_pdf_is_not_replaced(tmp_path, monkeypatch):
    # Writing a new file and renaming it over the old one ignores the old one's mode.
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"%PDF-1.7 kept")
    monkeypatch.setattr(
        output.os, "access", lambda path, mode: not str(path).endswith("handout.pdf")
    )
    with pytest.raises(output.PocketguideError) as info:
        output.write_atomic(target, b"%PDF-1.7 new")
    assert str(info.value) == (f"{target}: the file is read-only; make it writable to replace it")
    assert target.read_bytes() == b"%PDF-1.7 kept"
