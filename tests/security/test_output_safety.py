"""9. Output safety: a failed or killed write never damages the last good PDF or leaves temps."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pocketguide import output
from pocketguide.errors import PocketguideError
from pocketguide.output import check_output_path, write_atomic
from pocketguide.resources import content_dir, templates_dir

from .helpers import PDF_NAME, assert_clean_failure, invoke, make_project, section

OLD = b"%PDF-1.7\n% the last good build\n"
NEW = b"%PDF-1.7\n% a new build\n" + b"0" * 100_000


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".tmp" in p.name)


@pytest.fixture
def previous(tmp_path) -> Path:
    """A project whose output folder holds the last good PDF."""
    project = make_project(tmp_path / "project")
    target = project / "output" / PDF_NAME
    target.parent.mkdir()
    target.write_bytes(OLD)
    return target


def test_failed_build_leaves_previous_pdf_identical(previous):
    project = previous.parent.parent
    (project / "content/en/sections").mkdir(parents=True)
    (project / "content/en/sections/closing.md").write_text(section("").replace("title", "titel"))
    assert_clean_failure(invoke("build", str(project)))
    assert previous.read_bytes() == OLD
    assert temp_files(project) == []


def test_exception_mid_write_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "guide.pdf"
    target.write_bytes(OLD)

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(PocketguideError) as info:
        write_atomic(target, NEW)
    assert str(info.value.message) == f"{target}: could not write the file: No space left on device"
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]


@pytest.mark.parametrize("unnamed", [True, False], ids=["o_tmpfile", "named-temp"])
def test_exception_at_the_rename_keeps_old_file(tmp_path, monkeypatch, unnamed):
    if not unnamed:
        monkeypatch.setattr(output, "_open_unnamed", lambda folder: None)
    target = tmp_path / "guide.pdf"
    target.write_bytes(OLD)

    def broken_replace(*args, **kwargs):
        raise KeyboardInterrupt  # not even an OSError: the temp file must still go

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, NEW)
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]


def test_write_replaces_content_and_keeps_a_readable_mode(tmp_path):
    target = tmp_path / "sub" / "guide.pdf"
    write_atomic(target, OLD)
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW
    assert target.stat().st_mode & 0o044 == 0o044  # group and others may read a published PDF
    assert [p.name for p in target.parent.iterdir()] == ["guide.pdf"]


FILE_LIMIT = 700_000  # above the fonts WeasyPrint copies to a temp folder, below this PDF


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


def test_full_disk_in_a_subprocess_keeps_the_previous_pdf(previous):
    from PIL import Image

    project = previous.parent.parent
    (project / "brand").mkdir()
    noise = Image.frombytes("RGB", (600, 600), os.urandom(600 * 600 * 3))  # incompressible
    noise.save(project / "brand" / "logo.png")
    with (project / "pocketguide.yaml").open("a") as config:
        config.write("brand:\n  logo: brand/logo.png\n")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pocketguide", "build", str(project)],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_limit_file_size,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{PDF_NAME}: could not write the file: File too large" in result.stderr
    assert previous.read_bytes() == OLD
    assert temp_files(project) == []


KILLED_WRITER = """
import os, sys
from pathlib import Path
from pocketguide import output
if sys.argv[2] == "named":
    output._open_unnamed = lambda folder: None
def stop_here(fd):
    print("writing", flush=True)
    sys.stdin.read()  # wait, mid-write, until the parent kills us
os.fsync = stop_here
output.write_atomic(Path(sys.argv[1]), b"%PDF-1.7 new" + b"0" * 1_000_000)
"""


@pytest.mark.parametrize("mode", ["unnamed", "named"])
def test_sigkill_during_the_write_keeps_the_previous_pdf(tmp_path, mode):
    target = tmp_path / "guide.pdf"
    target.write_bytes(OLD)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(target), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline() == "writing\n"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdin.close()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == OLD
    if mode == "named":
        # A killed process cannot delete its named temp file; the next write sweeps it.
        assert len(temp_files(tmp_path)) == 1
        write_atomic(target, NEW)
        assert target.read_bytes() == NEW
    assert temp_files(tmp_path) == []


@pytest.mark.parametrize("folder", ["content", "content/en", "templates", "brand"])
def test_output_inside_the_project_inputs_is_refused(previous, folder):
    project = previous.parent.parent
    (project / folder).mkdir(parents=True, exist_ok=True)
    lines = assert_clean_failure(invoke("build", str(project), "--out", str(project / folder)))
    assert lines[-1].endswith(f"output may not be written inside {Path(folder).parts[0]}/")
    assert list((project / folder).glob("*.pdf")) == []
    assert not (project / folder / ".pocketguide-cache").exists()  # not even the build cache


@pytest.mark.parametrize("base", [content_dir, templates_dir])
def test_output_inside_the_package_defaults_is_refused(base):
    with pytest.raises(PocketguideError, match="output may not be written inside"):
        check_output_path(base() / "en" / "guide.pdf")


def test_output_equal_to_an_input_file_is_refused(tmp_path):
    project = make_project(tmp_path)
    config = project / "pocketguide.yaml"
    before = config.read_bytes()
    renamed = project / "test-guide-en.pdf"
    renamed.symlink_to(config)
    with pytest.raises(PocketguideError, match="not a PDF"):
        write_atomic(renamed, NEW)
    plain = project / "notes.pdf"
    plain.write_text("my notes, not a PDF")
    with pytest.raises(PocketguideError, match="not a PDF"):
        write_atomic(plain, NEW)
    assert config.read_bytes() == before
    assert plain.read_text() == "my notes, not a PDF"
