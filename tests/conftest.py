"""Shared fixtures: real PDFs are rendered once per session and shared."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from pocketguide.cli import cli

MM = 72 / 25.4
# Every default section but the crisis numbers: a project like this builds in about a second.
NOT_CRISIS = (
    "how-to-use, facilitator-role, before-the-meeting, opening, guidelines, keeping-it-moving,"
    " closing, things-to-avoid, scenarios, feedback-and-limits, self-care, notes"
)


def pytest_configure(config) -> None:
    """Layout hints (pocketguide.hints) go to a cache folder of this test run, not the home's."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="pocketguide-test-cache-")


def pytest_unconfigure(config) -> None:
    """Remove this test run's cache folder."""
    shutil.rmtree(os.environ.get("XDG_CACHE_HOME", ""), ignore_errors=True)


def never_approved(path: str = "hotlines.yaml") -> str:
    """What check and build say of a project's own dated numbers when it has no hotlines.lock.

    `path` is the hotlines file as shown; a warning line is "warning: " and this.
    """
    return (
        f'{path}: no "Numbers verified as of" date is printed until someone checks every number '
        "and runs pocketguide approve"
    )


def tiny_config(name: str = "Tiny Org", slug: str = "tiny", extra: str = "") -> str:
    """A pocketguide.yaml whose guide has only the crisis-numbers section."""
    return (
        f"organization:\n  name: {name}\n  slug: {slug}\n"
        f"sections:\n  exclude: [{NOT_CRISIS}]\n{extra}"
    )


def run(*args: str):
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def default_guide(tmp_path_factory) -> Path:
    """The default guide, built once from an empty folder."""
    folder = tmp_path_factory.mktemp("default")
    result = run("build", str(folder), "--quiet")
    assert result.exit_code == 0, result.output
    return folder / "output" / "pocketguide-guide-en.pdf"


@pytest.fixture(scope="session")
def guide_reader(default_guide) -> PdfReader:
    """A pypdf reader over the default guide."""
    return PdfReader(default_guide)


@pytest.fixture(scope="session")
def guide_texts(guide_reader) -> list[str]:
    """The extracted text of every page of the default guide."""
    return [page.extract_text() or "" for page in guide_reader.pages]
