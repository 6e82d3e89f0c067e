"""content/ and templates/ ship inside the wheel, and the installed wheel builds the guide."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def built(kind: str, out: Path) -> Path:
    """The one distribution python -m build makes of this checkout: kind is wheel or sdist."""
    subprocess.run(
        [sys.executable, "-m", "build", f"--{kind}", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [made] = out.glob("pocketguide-*.whl" if kind == "wheel" else "pocketguide-*.tar.gz")
    return made


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return built("wheel", tmp_path_factory.mktemp("dist"))


def test_wheel_contains_content_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "pocketguide/cli.py",
        "pocketguide/content/manifest.yaml",
        "pocketguide/content/en/guide.yaml",
        "pocketguide/content/en/scenarios/suicidal-thoughts.yaml",
        "pocketguide/templates/guide.html.j2",
        "pocketguide/templates/guide.css",
        "pocketguide/templates/fonts/NotoSans-Regular.ttf",
        "pocketguide/templates/fonts/NotoSansArabic-Regular.ttf",
        "pocketguide/templates/fonts/OFL.txt",
    ):
        assert required in names, required


def test_installed_wheel_builds_in_an_empty_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = (
        "import pocketguide.resources as r, sys\n"
        "print(r.content_dir())\n"
        "from pocketguide.cli import main\n"
        "sys.argv = ['pocketguide', 'build', '--quiet']\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=empty, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith(str(target))
    assert (empty / "output" / "pocketguide-guide-en.pdf").stat().st_size > 10_000


def test_the_sdist_holds_whole_example_projects_and_the_licence(tmp_path):
    # Unanchored patterns shipped examples/riverside/README.md and content, but not its
    # pocketguide.yaml or hotlines.yaml, so the tests that read examples/ failed from it.
    import tarfile

    with tarfile.open(built("sdist", tmp_path)) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for example in ("riverside", "harbour"):
        assert {
            f"examples/{example}/pocketguide.yaml",
            f"examples/{example}/hotlines.yaml",
        } <= names
    assert {"LICENSE", "templates/fonts/OFL.txt", ".ci/run", "benchmarks/bench.py"} <= names
    assert not any(name.startswith(("output/", ".venv/")) for name in names)
