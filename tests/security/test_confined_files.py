"""1. Confined files: WeasyPrint and Jinja read only regular files inside the project."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from pocketguide import fetcher as fetcher_module
from pocketguide.build import prepare
from pocketguide.errors import PocketguideError
from pocketguide.fetcher import MAX_DATA_URL, ConfinedFetcher
from pocketguide.guide import render_html
from pocketguide.project import load_project

from .helpers import PDF_NAME, assert_clean_failure, cover_extra, invoke, make_project

SRC = Path(__file__).resolve().parents[2] / "src" / "pocketguide"
CANARY = "CANARY-7f3a9c"


@pytest.fixture
def layout(tmp_path):
    """A project folder and, beside it, a secret file that must never be read."""
    project = tmp_path / "project"
    (project / "brand").mkdir(parents=True)
    (project / "brand" / "ok.css").write_text("p { color: black }")
    secret = tmp_path / "secret.css"
    secret.write_text(f"/* {CANARY} */")
    return project, secret


def refusal(fetcher: ConfinedFetcher, url: str) -> str:
    with pytest.raises(PermissionError) as info:
        fetcher.fetch(url)
    assert fetcher.refused[-1] == str(info.value)
    return str(info.value)


def test_a_file_inside_the_project_is_served(layout):
    project, _ = layout
    response = ConfinedFetcher([project]).fetch((project / "brand" / "ok.css").as_uri())
    assert response.read() == b"p { color: black }"


@pytest.mark.parametrize(
    ("suffix", "reason"),
    [
        ("/brand/../../secret.css", "may not contain .."),
        ("/brand/%2e%2e/%2E%2E/secret.css", "may not contain .."),
        ("/brand/..%2f..%2fsecret.css", "may not contain .."),
    ],
)
def test_traversal_is_refused(layout, suffix, reason):
    project, _ = layout
    assert reason in refusal(ConfinedFetcher([project]), "file://" + str(project) + suffix)


def test_absolute_path_outside_is_refused(layout):
    project, secret = layout
    assert "outside the project" in refusal(ConfinedFetcher([project]), secret.as_uri())


def test_symlink_pointing_out_is_refused(layout):
    project, secret = layout
    (project / "brand" / "link.css").symlink_to(secret)
    url = (project / "brand" / "link.css").as_uri()
    assert "outside the project" in refusal(ConfinedFetcher([project]), url)


def test_device_files_are_refused(layout):
    project, _ = layout
    (project / "zero.png").symlink_to("/dev/zero")
    fetcher = ConfinedFetcher([project, Path("/")])  # even if a root were far too wide
    assert "system files" in refusal(fetcher, "file:///dev/zero")
    assert "system files" in refusal(fetcher, (project / "zero.png").as_uri())


def test_fifo_and_directory_are_refused_without_blocking(layout):
    project, _ = layout
    os.mkfifo(project / "pipe.css")
    fetcher = ConfinedFetcher([project])
    assert "not a regular file" in refusal(fetcher, (project / "pipe.css").as_uri())
    assert "not a regular file" in refusal(fetcher, (project / "brand").as_uri())


def test_other_hosts_are_refused(layout):
    project, _ = layout
    url = "file://fileserver" + str(project / "brand" / "ok.css")
    assert "other hosts" in refusal(ConfinedFetcher([project]), url)


def test_oversize_files_and_data_urls_are_refused(layout, monkeypatch):
    project, _ = layout
    big = project / "big.png"
    with big.open("wb") as handle:
        handle.truncate(fetcher_module.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    fetcher = ConfinedFetcher([project])
    assert "larger than 20 MB" in refusal(fetcher, big.as_uri())
    assert "data: URL larger" in refusal(fetcher, "data:text/css," + "a" * MAX_DATA_URL)
    assert fetcher.fetch("data:text/css,p{}").read() == b"p{}"


def test_every_weasyprint_document_and_stylesheet_gets_the_fetcher():
    calls = []
    for path in SRC.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in {"HTML", "CSS"}:
                calls.append((path.name, {k.arg for k in node.keywords}))
    assert calls, "no WeasyPrint HTML() call found"
    for name, keywords in calls:
        assert "url_fetcher" in keywords, name


def test_canary_outside_the_project_never_reaches_a_pdf(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "canary.css").write_text(f"body::after {{ content: '{CANARY}' }}")
    (secret / "canary.txt").write_text(CANARY)
    project = tmp_path / "project"
    make_project(
        project,
        {
            "templates/guide.html.j2": cover_extra(
                '<link rel="stylesheet" href="../../../secret/canary.css">\n'
                f'<link rel="stylesheet" href="{(secret / "canary.css").as_uri()}">\n'
                '<style>@import url("brand/link.css");</style>\n'
                f'<img src="{(secret / "canary.txt").as_uri()}">'
            ),
        },
    )
    (project / "brand").mkdir()
    (project / "brand" / "link.css").symlink_to(secret / "canary.css")
    lines = assert_clean_failure(invoke("build", str(project)))
    assert all(line.startswith("templates/guide.html.j2:") for line in lines), lines
    assert len(lines) >= 3
    assert not (project / "output" / PDF_NAME).exists()


def test_templates_symlinked_out_of_the_project_are_refused(tmp_path):
    (tmp_path / "secret.html").write_text(CANARY)
    project = make_project(
        tmp_path / "project", {"templates/guide.html.j2": cover_extra('{% include "leak.html" %}')}
    )
    (project / "templates" / "leak.html").symlink_to(tmp_path / "secret.html")
    loaded = load_project(project)
    prepared = prepare(loaded, "en")
    with pytest.raises(PocketguideError) as info:
        render_html(loaded, prepared.content, prepared.assets)
    [problem] = info.value.problems
    assert problem.path.endswith("templates/guide.html.j2")
    assert problem.line == 3
    assert "outside its folder" in problem.message
    assert CANARY not in str(info.value)


def test_content_symlinked_out_of_the_project_is_refused(tmp_path):
    (tmp_path / "secret.md").write_text(f"---\ntitle: {CANARY}\n---\n\n{CANARY}\n")
    project = make_project(tmp_path / "project")
    (project / "content" / "en" / "sections").mkdir(parents=True)
    (project / "content" / "en" / "sections" / "closing.md").symlink_to(tmp_path / "secret.md")
    lines = assert_clean_failure(invoke("check", str(project)))
    assert lines == ["content/en/sections/closing.md: is a link to a file outside the project"]
