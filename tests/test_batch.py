"""Batch builds: projects build in parallel and one failure never stops the others."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import MM, never_approved, tiny_config
from pocketguide.batch import build_many, find_projects, run_batch_cli
from pocketguide.errors import PocketguideError

HOTLINES = "hotlines:\n  - name: Test Warmline\n    phone: 502-555-0242\n    verified: {date}\n"


def _tiny(folder: Path, slug: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "pocketguide.yaml").write_text(tiny_config(slug.title(), slug))
    (folder / "hotlines.yaml").write_text(HOTLINES.format(date=dt.date.today()))
    return folder


@pytest.fixture
def parent(tmp_path) -> Path:
    """Two good projects, one broken one, and a folder that is not a project."""
    _tiny(tmp_path / "alpha", "alpha")
    _tiny(tmp_path / "beta", "beta")
    broken = _tiny(tmp_path / "broken", "broken")
    hotlines = HOTLINES.format(date=dt.date.today()).replace("0242", "02X2")
    (broken / "hotlines.yaml").write_text(hotlines)
    (tmp_path / "notes").mkdir()
    return tmp_path


def test_batch_continues_past_a_failing_project(parent, capsys, monkeypatch):
    monkeypatch.chdir(parent)
    projects = find_projects(parent)
    assert [p.name for p in projects] == ["alpha", "beta", "broken"]
    with pytest.raises(PocketguideError) as caught:
        run_batch_cli([Path("alpha"), Path("broken"), Path("beta")], None, 2, False)
    assert caught.value.message == "1 of 3 projects failed: broken"
    for slug in ("alpha", "beta"):
        pdf = parent / slug / "output" / f"{slug}-guide-en.pdf"
        assert len(PdfReader(pdf).pages) == 6
    assert not (parent / "broken" / "output" / "broken-guide-en.pdf").exists()
    out, err = capsys.readouterr()
    # Each project's lines as it finishes, in any order; nobody approved alpha's or beta's numbers.
    assert sorted(err.splitlines()) == [
        'error: broken: broken/hotlines.yaml:3: Test Warmline: "502-555-02X2" contains "X"; '
        "use only digits, spaces and + - . ( )",
        f"warning: alpha: {never_approved('alpha/hotlines.yaml')}",
        f"warning: beta: {never_approved('beta/hotlines.yaml')}",
    ]
    lines = out.splitlines()
    # Plain output (not a terminal): one line per project as it finishes, then the table.
    # A project that warned is not shown as a plain "ok".
    assert sorted(line.split(" (")[0] for line in lines[:3]) == [
        "failed: broken",
        "ok, 1 warning: alpha",
        "ok, 1 warning: beta",
    ]
    assert lines[3].split() == ["project", "files", "pages", "seconds", "status"]
    assert [line.split()[:3] + line.split()[4:] for line in lines[4:]] == [
        ["alpha", "1", "6", "ok,", "1", "warning"],
        ["broken", "0", "0", "failed"],
        ["beta", "1", "6", "ok,", "1", "warning"],
    ]


def test_build_many_results_and_shared_out_folder(parent, tmp_path):
    results = build_many(
        [parent / "broken", parent / "alpha"], jobs=1, quiet=True, out_dir=tmp_path / "dist"
    )
    assert [(r.project.name, r.status, r.pages) for r in results] == [
        ("broken", "failed", 0),
        ("alpha", "ok", 6),
    ]
    assert results[1].files == [tmp_path / "dist" / "alpha" / "alpha-guide-en.pdf"]
    assert results[1].files[0].is_file()
    assert results[0].message.startswith('hotlines.yaml:3: Test Warmline: "502-555-02X2"')


def test_a_crash_in_one_project_does_not_stop_a_one_job_batch(parent, monkeypatch):
    # With --jobs 1 (one CPU) projects build in this process: only content problems were
    # caught, so a full disk in the first project stopped the batch.
    import pocketguide.build

    real = pocketguide.build.build

    def build(project_dir, **options):
        if Path(project_dir).name == "beta":
            raise OSError(28, "No space left on device")
        return real(project_dir, **options)

    monkeypatch.setattr(pocketguide.build, "build", build)
    results = build_many([parent / "beta", parent / "alpha"], jobs=1, quiet=True)
    assert [(r.project.name, r.status) for r in results] == [("beta", "failed"), ("alpha", "ok")]
    assert results[0].message == "OSError: [Errno 28] No space left on device"
    assert (parent / "alpha" / "output" / "alpha-guide-en.pdf").is_file()


def test_a_folder_without_a_config_fails_in_a_batch(parent):
    # An empty folder named by mistake built the stock guide and the table said "ok".
    results = build_many([parent / "notes", parent / "alpha"], jobs=1, quiet=True)
    assert [(r.project.name, r.status) for r in results] == [("notes", "failed"), ("alpha", "ok")]
    assert results[0].message == (
        f"{parent / 'notes'}: no pocketguide.yaml here: a batch builds projects (see pocketguide "
        "init)"
    )
    assert not (parent / "notes" / "output").exists()


def test_all_includes_a_project_that_lost_its_config_and_fails_it(parent):
    # --all left it out of the table, exit 0, while its old PDFs stayed in use.
    lost = _tiny(parent / "gamma", "gamma")
    (lost / "pocketguide.yaml").rename(lost / "pocketguide.yaml.bak")
    assert [p.name for p in find_projects(parent)] == ["alpha", "beta", "broken", "gamma"]
    [result] = build_many([lost], jobs=1, quiet=True)
    assert (result.status, result.message) == (
        "failed",
        f"{lost}: no pocketguide.yaml here: pocketguide.yaml.bak is here: rename it to "
        "pocketguide.yaml",
    )


def test_find_projects_errors(tmp_path):
    with pytest.raises(PocketguideError) as caught:
        find_projects(tmp_path)
    assert caught.value.message == (
        f"{tmp_path}: no project folders (with a pocketguide.yaml) in here"
    )
    with pytest.raises(PocketguideError) as caught:
        find_projects(tmp_path / "missing")
    assert caught.value.message == f"{tmp_path / 'missing'}: no such folder"


def test_projects_and_all_together_are_refused(tmp_path):
    import click

    with pytest.raises(click.UsageError) as caught:
        run_batch_cli([tmp_path], tmp_path, None, False)
    assert caught.value.message == "give project folders or --all PARENT, not both"


def test_two_projects_that_would_share_an_out_folder_are_a_usage_error(tmp_path, monkeypatch):
    # Usage errors exit 2, as the README says; this one exited 1, like a failed build.
    from click.testing import CliRunner

    from pocketguide.cli import cli

    for side in ("north", "south"):
        (tmp_path / side / "org").mkdir(parents=True)
        (tmp_path / side / "org" / "pocketguide.yaml").write_text(tiny_config())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "north/org", "south/org", "--out", "dist"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --out: north/org and south/org would both write to org/; rename one folder or "
        "build them separately"
    )
    assert not (tmp_path / "dist").exists()


def test_build_command_takes_several_folders_or_all(parent, monkeypatch):
    from click.testing import CliRunner

    from pocketguide.cli import cli

    monkeypatch.chdir(parent)
    runner = CliRunner()
    two = runner.invoke(cli, ["build", "alpha", "beta", "--jobs", "1", "--quiet"])
    assert two.exit_code == 0, two.output
    assert (parent / "beta" / "output" / "beta-guide-en.pdf").is_file()
    every = runner.invoke(cli, ["build", "--all", ".", "--jobs", "1", "--quiet"])
    assert every.exit_code == 1
    assert every.stderr.splitlines()[-1] == "1 of 3 projects failed: broken"
    both = runner.invoke(cli, ["build", "alpha", "--all", "."])
    assert both.exit_code == 2
    assert both.stderr.splitlines()[-1] == "Error: give project folders or --all PARENT, not both"


def test_a_folder_named_twice_is_built_once(parent, monkeypatch):
    monkeypatch.chdir(parent)
    results = run_batch_cli([Path("alpha"), Path("beta"), Path("./alpha/")], None, 1, True)
    assert [result.project for result in results] == [Path("alpha"), Path("beta")]


def test_a_failed_project_still_counts_the_files_it_wrote(parent):
    # Its only hotline is in no card category: the guide is written, then the card fails.
    [result] = build_many(
        [parent / "alpha"], jobs=1, quiet=True, formats=("guide", "card-single")
    )  # fmt: skip
    assert result.status == "failed"
    assert result.message.startswith("hotlines.yaml: no entry with category crisis")
    assert result.files == [parent / "alpha" / "output" / "alpha-guide-en.pdf"]
    assert result.pages == 6


def test_on_a_terminal_messages_print_above_the_bar_on_stderr(capsys, tmp_path):
    # They were written past rich's bar and ran into it ("0:00:00warning: ...").
    from pocketguide.batch import ProjectResult, _Progress

    result = ProjectResult(tmp_path / "west", status="failed", message="hotlines.yaml:4: bad")
    result.warnings.append("hotlines.yaml:2: old")
    with _Progress(1, fancy=True) as progress:
        progress.done(result)
    captured = capsys.readouterr()
    lines = [line.strip() for line in captured.err.splitlines()]
    name = result.name
    assert f"warning: {name}: hotlines.yaml:2: old" in lines
    assert f"error: {name}: hotlines.yaml:4: bad" in lines
    assert captured.out == ""


def test_a_project_configured_for_large_print_builds_it_in_a_batch(tmp_path):
    # build --all could not make one chapter's large-print guide: the flag is for every project.
    for name, extra in (("north", ""), ("south", "large_print: true\n")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "pocketguide.yaml").write_text(tiny_config(name.title(), name, extra))
    results = build_many([tmp_path / "north", tmp_path / "south"], jobs=1, quiet=True)
    assert [[f.name for f in r.files] for r in results] == [
        ["north-guide-en.pdf"],
        ["south-guide-large-en.pdf"],
    ]
    page = PdfReader(results[1].files[0]).pages[0]
    assert round(float(page.mediabox.width) / MM) == 148  # A5


def test_the_config_completes_the_print_options_for_check_and_build(tmp_path):
    from pocketguide.options import Options, for_project, output_stem
    from pocketguide.project import load_project

    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="large_print: true\n"))
    options = for_project(Options(paper="a4"), load_project(tmp_path).config)
    assert (options.large_print, options.paper) == (True, "a4")
    assert output_stem("guide", options) == "guide-large"  # the name check --render gives too
    assert for_project(Options(), None) == Options()


def test_a_number_changed_since_approval_is_said_apart_in_the_table(tmp_path):
    # "ok, 2 warnings" read the same as a fictional number's; this chapter prints a new number.
    from pocketguide.batch import ProjectResult, shown_status

    project = _tiny(tmp_path / "columbus", "columbus")
    hotlines = project / "hotlines.yaml"
    assert build_many([project], jobs=1, quiet=True)[0].status == "ok"
    from pocketguide.approve import approve_project

    approve_project(project)
    new = "  - name: County line\n    phone: 614-276-2273\n    verified: 2026-11-01\n"
    hotlines.write_text(hotlines.read_text().replace("0242", "0243") + new)
    [result] = build_many([project], jobs=1, quiet=True, force=True)
    assert shown_status(result) == f"ok, {len(result.warnings)} warnings (2 not approved)"
    other = ProjectResult(project)
    other.warnings = ["columbus/hotlines.yaml:3: (614) 555-0142 is a fictional number"]
    assert shown_status(other) == "ok, 1 warning"
