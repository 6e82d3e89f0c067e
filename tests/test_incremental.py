"""Incremental builds: fresh outputs are skipped, --force rebuilds, edits rebuild their users."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import tiny_config
from pocketguide.build import build
from pocketguide.cache import CACHE_DIR, MANIFEST
from pocketguide.cli import cli
from pocketguide.options import Options

HOTLINES = """hotlines:
  - name: 988 Suicide & Crisis Lifeline
    phone: "988"
    category: crisis
    verified: 2026-11-01
  - name: Recovery Helpline
    phone: "502-555-0163"
    category: substance-use
    verified: 2026-11-01
"""


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pocketguide.yaml").write_text(tiny_config())
    (tmp_path / "hotlines.yaml").write_text(HOTLINES)
    return tmp_path


def fresh_flags(report) -> dict[str, bool]:
    return {item.path.name: item.fresh for item in report.written}


def test_second_build_is_up_to_date_and_force_rebuilds(project, monkeypatch):
    monkeypatch.chdir(project)
    first = invoke("build", ".")
    assert first.exit_code == 0, first.output
    pdf = project / "output" / "tiny-guide-en.pdf"
    stamp = pdf.stat().st_mtime_ns
    second = invoke("build", ".")
    assert second.exit_code == 0
    assert second.stdout == "up to date: output/tiny-guide-en.pdf\n"
    assert pdf.stat().st_mtime_ns == stamp
    forced = invoke("build", ".", "--force")
    assert forced.stdout.startswith("output/tiny-guide-en.pdf  ")
    assert pdf.stat().st_mtime_ns != stamp


def test_a_hotline_edit_rebuilds_only_the_formats_that_show_it(project):
    formats = ("guide", "card-single", "zine")
    first = build(project, formats)
    assert not any(item.fresh for item in first.written)
    hotlines = project / "hotlines.yaml"
    hotlines.write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    # The substance-use line is in the guide, not on the card or the zine.
    assert fresh_flags(build(project, formats)) == {
        "tiny-guide-en.pdf": False,
        "tiny-card-single-en.pdf": True,
        "tiny-zine-en.pdf": True,
    }
    hotlines.write_text(HOTLINES.replace('"988"', '"911"').replace("Suicide & Crisis", "Emerg"))
    assert not any(item.fresh for item in build(project, formats).written)


def test_a_stylesheet_edit_rebuilds_only_the_formats_that_include_it(project):
    formats = ("guide", "card-single")
    build(project, formats)
    (project / "templates").mkdir()
    css = project / "templates" / "guide.css"
    css.write_text('{% include "default:guide.css" %}\nh1 { letter-spacing: 0.02em; }\n')
    # The card's HTML does not include guide.css: it stays as it was, file and all.
    assert fresh_flags(build(project, formats)) == {
        "tiny-guide-en.pdf": False,
        "tiny-card-single-en.pdf": True,
    }
    # A stylesheet loaded from a file is not in any HTML: then every edit of one rebuilds all.
    (project / "templates" / "extra.css").write_text("h1 { color: black; }\n")
    css.write_text('@import url("extra.css");\n{% include "default:guide.css" %}\n')
    build(project, formats)
    (project / "templates" / "extra.css").write_text("h1 { color: navy; }\n")
    assert not any(item.fresh for item in build(project, formats).written)


def test_a_hotline_edit_names_the_other_outputs_it_leaves_behind(project, monkeypatch):
    # A plain `build` after an edit rebuilt the guide; the zine beside it kept the old number
    # and nothing said so.
    monkeypatch.chdir(project.parent)
    build(project, ("guide", "zine"))
    (project / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    result = invoke("build", project.name, "--format", "guide")
    assert result.exit_code == 0, result.output
    name = project.name
    assert result.stderr.splitlines()[-1] == (
        f"warning: {name}/output/tiny-zine-en.pdf was made before the last change to "
        f"{name}/hotlines.yaml and may print old numbers; rebuild it: pocketguide build "
        f"{name} --format zine"
    )
    assert "tiny-zine" not in invoke("build", project.name, "--format", "zine").stderr
    assert "tiny-zine" not in invoke("build", project.name, "--format", "guide", "--force").stderr


def test_numbers_kept_in_the_content_folder_name_the_outputs_left_behind(project, monkeypatch):
    # A project with its numbers in content/en/hotlines.yaml (no top-level file): after an
    # edit and a guide-only build, the zine kept the old number and nothing said so.
    own = project / "content" / "en" / "hotlines.yaml"
    own.parent.mkdir(parents=True)
    (project / "hotlines.yaml").rename(own)
    monkeypatch.chdir(project)
    build(project, ("guide", "zine"))
    own.write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    assert invoke("build", ".").stderr.splitlines()[-1] == (
        "warning: output/tiny-zine-en.pdf was made before the last change to "
        "content/en/hotlines.yaml and may print old numbers; rebuild it: pocketguide build "
        "--format zine"
    )


def test_the_command_to_rebuild_an_output_left_behind_repeats_its_options(project, monkeypatch):
    # "rebuild it: pocketguide build --format guide" rebuilt the regular guide; the large-print
    # one kept the old number, and the warning came back with the same command.
    monkeypatch.chdir(project)
    assert invoke("build", ".", "--large-print", "--format", "guide").exit_code == 0
    assert invoke("build", ".", "--paper", "a4", "--format", "zine").exit_code == 0
    (project / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    said = [line for line in invoke("build", ".").stderr.splitlines() if "rebuild it" in line]
    assert said == [
        "warning: output/tiny-guide-large-en.pdf was made before the last change to "
        "hotlines.yaml and may print old numbers; rebuild it: pocketguide build --format guide "
        "--large-print",
        "warning: output/tiny-zine-en.pdf was made before the last change to hotlines.yaml and "
        "may print old numbers; rebuild it: pocketguide build --format zine --paper a4",
    ]


def test_the_outputs_left_behind_are_named_on_every_run_and_after_a_move(project, monkeypatch):
    # Named once, then "up to date" and silence, while the zine still printed the old number;
    # and after the folder moved (Downloads to Documents) never again.
    build(project, ("guide", "zine"))
    (project / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    stale = (
        "warning: output/tiny-zine-en.pdf was made before the last change to hotlines.yaml and "
        "may print old numbers; rebuild it: pocketguide build --format zine"
    )
    monkeypatch.chdir(project)
    assert invoke("build", ".").stderr.splitlines()[-1] == stale
    again = invoke("build", ".")
    assert "up to date: output/tiny-guide-en.pdf" in again.stdout
    assert [line for line in again.stderr.splitlines() if "rebuild it" in line] == [stale]
    moved = project.parent / "moved"
    project.rename(moved)
    monkeypatch.chdir(moved)
    (moved / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0165"))
    assert invoke("build", ".").stderr.splitlines()[-1] == stale


def test_a_new_organization_phone_names_the_outputs_that_print_the_old_one(project, monkeypatch):
    # The zine and the back cover print it; only a hotline edit used to count.
    monkeypatch.chdir(project)
    config = (project / "pocketguide.yaml").read_text()
    with_phone = config.replace("  slug: tiny\n", "  slug: tiny\n  phone: 502-589-7777\n")
    (project / "pocketguide.yaml").write_text(with_phone)
    build(project, ("guide", "zine"))
    (project / "pocketguide.yaml").write_text(with_phone.replace("7777", "7778"))
    assert invoke("build", ".").stderr.splitlines()[-1] == (
        "warning: output/tiny-zine-en.pdf was made before the last change to hotlines.yaml or "
        "organization.phone and may print old numbers; rebuild it: pocketguide build --format zine"
    )


def test_the_rebuild_command_writes_the_very_file_named(project, monkeypatch):
    # The advice left out --out and --locale: run as told, it wrote elsewhere and the named
    # file kept the old number (or it built English, and the Spanish file stayed stale).
    monkeypatch.chdir(project)
    first = invoke("build", ".", "--out", "dist", "--locale", "all", "--format", "guide")
    assert first.exit_code == 0, first.output
    (project / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    result = invoke("build", ".", "--out", "dist", "--format", "guide")
    advice = [line for line in result.stderr.splitlines() if "rebuild it" in line]
    assert advice == [
        "warning: dist/tiny-guide-es.pdf was made before the last change to hotlines.yaml and "
        "may print old numbers; rebuild it: pocketguide build --format guide --locale es "
        "--out dist"
    ]
    invoke("build", ".", "--format", "guide", "--locale", "es", "--out", "dist")
    assert "rebuild it" not in invoke("build", ".", "--out", "dist", "--force").stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_language_that_fails_does_not_stop_the_others(tmp_path, monkeypatch, jobs):
    # The English card overflowed, and the Spanish PDFs kept last week's number, unnamed.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="locales: [en, es]\n"))
    (tmp_path / "hotlines.yaml").write_text(HOTLINES)
    assert invoke("build", ".", "--locale", "all", "--jobs", jobs).exit_code == 0
    (tmp_path / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    broken = tmp_path / "content" / "en" / "sections" / "crisis-numbers.md"
    broken.parent.mkdir(parents=True)
    broken.write_text("no front matter\n")
    result = invoke("build", ".", "--locale", "all", "--jobs", jobs)
    assert result.exit_code == 1
    spanish = PdfReader(tmp_path / "output" / "tiny-guide-es.pdf")
    assert "555-0164" in "".join(page.extract_text() for page in spanish.pages)
    assert result.stdout.startswith("output/tiny-guide-es.pdf  ")
    lines = result.stderr.splitlines()
    assert [line for line in lines if "rebuild it" in line or "warning" not in line] == [
        "warning: output/tiny-guide-en.pdf was made before the last change to hotlines.yaml "
        "and may print old numbers; once the errors are fixed, rebuild it: pocketguide build "
        "--format guide --locale en",
        "content/en/sections/crisis-numbers.md:1: missing front matter (a --- block with at "
        "least a title)",
    ]


def test_changed_option_or_output_file_is_rebuilt(project):
    build(project, ("card",))
    assert fresh_flags(build(project, ("card",))) == {"tiny-card-en.pdf": True}
    assert fresh_flags(build(project, ("card",), options=Options(paper="a4"))) == {
        "tiny-card-en.pdf": False
    }
    pdf = project / "output" / "tiny-card-en.pdf"
    pdf.write_bytes(pdf.read_bytes() + b"\n% edited by hand\n")
    assert fresh_flags(build(project, ("card",), options=Options(paper="a4"))) == {
        "tiny-card-en.pdf": False
    }


def test_going_back_to_an_earlier_option_rebuilds_the_file_it_overwrote(project):
    # A4, then Letter, then A4 again said "up to date" and left the Letter sheet in place.
    a4, letter = Options(paper="a4"), Options(paper="letter")
    pdf = project / "output" / "tiny-card-en.pdf"
    build(project, ("card",), options=a4)
    assert fresh_flags(build(project, ("card",), options=letter)) == {"tiny-card-en.pdf": False}
    assert fresh_flags(build(project, ("card",), options=a4)) == {"tiny-card-en.pdf": False}
    box = PdfReader(pdf).pages[0].mediabox
    assert sorted(round(float(v) * 25.4 / 72) for v in (box.width, box.height)) == [210, 297]
    assert fresh_flags(build(project, ("card",), options=a4)) == {"tiny-card-en.pdf": True}


def test_a_damaged_cache_means_a_rebuild_not_an_error(project):
    build(project)
    (project / "output" / CACHE_DIR / MANIFEST).write_text("{not json")
    assert fresh_flags(build(project)) == {"tiny-guide-en.pdf": False}
    assert fresh_flags(build(project)) == {"tiny-guide-en.pdf": True}


def test_up_to_date_builds_still_report_their_warnings(project):
    (project / "hotlines.yaml").write_text(HOTLINES.replace("2026-11-01", "2020-01-01", 1))
    first = build(project)
    assert any("verified" in w for w in first.warnings)
    again = build(project)
    assert fresh_flags(again) == {"tiny-guide-en.pdf": True}
    assert again.warnings == first.warnings
    strict = invoke("build", str(project), "--strict")
    assert strict.exit_code == 1


def test_an_output_folder_inside_the_project_is_not_an_input(project):
    dist = project / "dist"
    build(project, out_dir=dist)
    (project / "notes.txt").write_text("a coordinator's notes\n")  # any edit ends the fast path
    assert fresh_flags(build(project, out_dir=dist)) == {"tiny-guide-en.pdf": True}


def test_many_outputs_left_behind_are_one_line_with_one_command(project, monkeypatch):
    # Fourteen "rebuild it" lines, one per file, buried the one error line under them.
    monkeypatch.chdir(project)
    build(project, ("guide", "booklet", "zine"))
    (project / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    said = invoke("build", ".", "--format", "card-single").stderr.splitlines()
    assert said[-1] == (
        "warning: 3 files in output were made before the last change to hotlines.yaml and may "
        "print old numbers (tiny-booklet-en.pdf, tiny-guide-en.pdf, tiny-zine-en.pdf); rebuild "
        "them: pocketguide build --format booklet --format guide --format zine"
    )
    assert len([line for line in said if "old numbers" in line]) == 1


def test_strict_fails_while_outputs_print_old_numbers(project, monkeypatch):
    monkeypatch.chdir(project)
    build(project, ("guide", "zine"))
    # A real-looking number, an emergency entry for the zine, approved: nothing else fails.
    edited = HOTLINES.replace("502-555-0163", "502-589-1234") + (
        "  - name: Emergency services\n    phone: '911'\n    category: emergency\n"
        "    verified: 2026-11-01\n"
    )
    (project / "hotlines.yaml").write_text(edited)
    assert invoke("approve", ".").exit_code == 0
    stale = (
        "output/tiny-zine-en.pdf was made before the last change to hotlines.yaml and may print "
        "old numbers; rebuild it: pocketguide build --format zine (--strict)"
    )
    for _ in range(2):  # the build that writes the guide, then the one that finds it fresh
        result = invoke("build", ".", "--format", "guide", "--strict")
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1] == stale
        assert result.stdout.startswith(("output/tiny-guide-en.pdf  ", "up to date: "))
    assert invoke("build", ".", "--format", "zine", "--strict").exit_code == 0
    assert invoke("build", ".", "--format", "guide", "--strict").exit_code == 0


def test_the_grouped_command_rebuilds_every_file_it_names(project, monkeypatch):
    # A Spanish guide beside the English files: "--format guide --format zine --locale es"
    # left the English ones printing the old number. Run from the parent folder, too.
    monkeypatch.chdir(project.parent)
    name = project.name
    assert invoke("build", name, "--format", "guide", "--format", "zine").exit_code == 0
    assert invoke("build", name, "--format", "guide", "--locale", "es").exit_code == 0
    (project / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    said = invoke("build", name, "--format", "card-single").stderr.splitlines()[-1]
    assert said == (
        f"warning: 3 files in {name}/output were made before the last change to "
        f"{name}/hotlines.yaml and may print old numbers (tiny-guide-en.pdf, tiny-guide-es.pdf, "
        f"tiny-zine-en.pdf); rebuild them: pocketguide build {name} --format guide --format zine "
        "--locale en --locale es"
    )
    assert invoke(*said.split(": pocketguide ")[1].split()).exit_code == 0
    assert "old numbers" not in invoke("build", name, "--format", "card-single").stderr


def test_a_file_recorded_without_its_format_gets_a_line_of_its_own(project, monkeypatch):
    # A manifest from before formats were recorded: grouped, the guide was named, not rebuilt.
    import json

    monkeypatch.chdir(project)
    build(project, ("guide", "booklet", "zine"))
    manifest = project / "output" / CACHE_DIR / MANIFEST
    data = json.loads(manifest.read_text())
    for name, entry in data["outputs"].items():
        if name.endswith("tiny-guide-en.pdf"):
            entry.pop("format")
    manifest.write_text(json.dumps(data))
    (project / "hotlines.yaml").write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    said = [
        line
        for line in invoke("build", ".", "--format", "card-single").stderr.splitlines()
        if "old numbers" in line
    ]
    assert sorted(line.split(" was made")[0] for line in said) == [
        "warning: output/tiny-booklet-en.pdf",
        "warning: output/tiny-guide-en.pdf",
        "warning: output/tiny-zine-en.pdf",
    ]
    guide = next(line for line in said if "tiny-guide-en.pdf" in line)
    assert guide.endswith("rebuild it: pocketguide build")  # the whole default build


@pytest.mark.parametrize("folder", [".private", "output/numbers"])
def test_a_hotlines_file_in_a_folder_the_tree_walk_skips_is_still_an_input(project, folder):
    # Kept in .private/ (out of git): an edit said "up to date" and the old number stayed.
    (project / folder).mkdir(parents=True)
    (project / "hotlines.yaml").rename(project / folder / "hotlines.yaml")
    config = tiny_config() + f"hotlines: {folder}/hotlines.yaml\n"
    (project / "pocketguide.yaml").write_text(config)
    build(project, ("guide",), out_dir=project / "print")
    (project / folder / "hotlines.yaml").write_text(HOTLINES.replace("0163", "0164"))
    again = build(project, ("guide",), out_dir=project / "print")
    assert fresh_flags(again) == {"tiny-guide-en.pdf": False}
    text = "".join(page.extract_text() for page in PdfReader(again.written[0].path).pages)
    assert "555-0164" in text and "555-0163" not in text


def test_two_builds_saving_one_manifest_keep_each_others_records(tmp_path):
    # watch and a build in another terminal: the last to save dropped the other's outputs.
    from types import SimpleNamespace

    from pocketguide.cache import Manifest

    first, second = Manifest(tmp_path), Manifest(tmp_path)
    for manifest, name in ((first, "a.pdf"), (second, "b.pdf")):
        (tmp_path / name).write_bytes(b"%PDF-" + name.encode())
        rendered = SimpleNamespace(data=b"%PDF-" + name.encode(), pages=1, warnings=())
        manifest.record_output(tmp_path / name, "fp-" + name, rendered)
        manifest.save()
    again = Manifest(tmp_path)
    assert again.fresh_output(tmp_path / "a.pdf", "fp-a.pdf") is not None
    assert again.fresh_output(tmp_path / "b.pdf", "fp-b.pdf") is not None


def test_a_temp_file_of_a_build_still_writing_is_left_alone(tmp_path):
    # Another build's temp file, about to be renamed into place, was deleted under it.
    import os
    import time

    from pocketguide.output import STALE_TEMP_SECONDS, write_atomic

    fresh, old = tmp_path / f".x.pdf.{os.getppid()}-abc.tmp", tmp_path / ".x.pdf.def.tmp"
    fresh.write_bytes(b"%PDF-other")
    old.write_bytes(b"%PDF-killed")
    long_ago = time.time() - STALE_TEMP_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    write_atomic(tmp_path / "x.pdf", b"%PDF-ours")
    assert fresh.exists() and not old.exists()


def test_an_up_to_date_build_names_files_from_where_it_runs(project, monkeypatch):
    # Built inside the project, then again from its parent: the stored warnings still said
    # "hotlines.yaml:2", a file the user could not open from there.
    (project / "hotlines.yaml").write_text(HOTLINES.replace("2026-11-01", "2020-01-01", 1))
    monkeypatch.chdir(project)
    first = invoke("build", str(project))  # one request, named the same from both folders
    assert "warning: hotlines.yaml:2: 988 Suicide & Crisis Lifeline: last verified" in first.stderr
    monkeypatch.chdir(project.parent)
    again = invoke("build", str(project))
    assert f"up to date: {project.name}/output/tiny-guide-en.pdf" in again.stdout
    assert (
        f"warning: {project.name}/hotlines.yaml:2: 988 Suicide & Crisis Lifeline: last verified"
        in again.stderr
    )


def test_the_second_build_takes_the_no_op_path(project, monkeypatch):
    # The first build recorded its named files after hashing without them: the second build's
    # fingerprint differed, so it loaded and checked everything again.
    build(project)

    def no_loading(*_args, **_kwargs):
        raise AssertionError("the no-op path loads nothing")

    monkeypatch.setattr("pocketguide.project.load_project", no_loading)
    assert fresh_flags(build(project)) == {"tiny-guide-en.pdf": True}


def test_new_build_rules_rebuild_what_was_up_to_date(project, monkeypatch):
    # Upgraded between releases (the version unchanged): the PDFs kept the old rules' date.
    build(project)
    monkeypatch.setattr("pocketguide.digests.RULES", -1)
    assert fresh_flags(build(project)) == {"tiny-guide-en.pdf": False}
