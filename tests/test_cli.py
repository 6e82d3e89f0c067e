"""The command line: exit codes, exact messages, help with examples, lazy imports."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from pocketguide import __version__
from pocketguide.cli import cli


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output == f"pocketguide, version {__version__}\n"


@pytest.mark.parametrize("command", [[], *[[name] for name in cli.commands]])
def test_every_command_has_help_with_an_example(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "pocketguide " in result.output.split("Example", 1)[1]


def test_usage_error_exits_2():
    result = invoke("build", "--format", "poster")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--format': 'poster' is not one of 'guide', 'card', "
        "'card-single', 'zine', 'booklet', 'all'."
    )


def test_an_unknown_init_locale_is_a_usage_error(tmp_path):
    result = invoke("init", str(tmp_path / "org"), "--locale", "xx")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--locale': \"xx\" is not a language tag like en, es or en-GB"
    )
    assert not (tmp_path / "org").exists()


def test_init_keeps_the_name_as_typed_and_samples_the_region(tmp_path):
    from pocketguide.project import load_project

    name = 'Friends "Together" \\ Co'
    result = invoke("init", str(tmp_path / "org"), "--name", name, "--region", "CA")
    assert result.exit_code == 0, result.output
    assert load_project(tmp_path / "org").config.organization.name == name
    hotlines = (tmp_path / "org" / "hotlines.yaml").read_text()
    assert '"416-555-0142"' in hotlines and "502-" not in hotlines
    # A name without Latin letters names files after the folder, not "guide-guide-ar.pdf".
    assert invoke("init", str(tmp_path / "Peer Net"), "--name", "شبكة دعم").exit_code == 0
    assert load_project(tmp_path / "Peer Net").slug == "peer-net"
    # A very long name made a file name the system refused, after the whole render.
    long_name = "Very Long Organization Name " * 12
    assert invoke("init", str(tmp_path / "long"), "--name", long_name).exit_code == 0
    slug = load_project(tmp_path / "long").slug
    assert slug == "very-long-organization-name-very-long-organization-name-very"


def test_a_region_in_lower_case_is_taken_as_iso_writes_it(tmp_path):
    # init took --region nz; `region: nz` in the file it wrote was an error.
    from pocketguide.models import Hotline
    from pocketguide.project import load_project

    (tmp_path / "pocketguide.yaml").write_text("organization:\n  name: Kiwi\nregion: nz\n")
    assert load_project(tmp_path).region == "NZ"
    assert Hotline(name="Line", phone="0800 543 354", region=" gb ").region == "GB"


@pytest.mark.parametrize("locale", ["en", "es"])
def test_init_files_its_sample_crisis_services_as_crisis_lines(tmp_path, locale):
    # The mobile crisis team was "local": the proof sheet told the checker to test-call it.
    import yaml

    assert invoke("init", str(tmp_path / "org"), "--locale", locale).exit_code == 0
    entries = yaml.safe_load((tmp_path / "org" / "hotlines.yaml").read_text())["hotlines"]
    named = {e["name"]: e["category"] for e in entries if "crisis" in e["name"].lower()}
    assert len(named) == 2 and set(named.values()) == {"crisis"}, named


@pytest.mark.parametrize("command", [["build"], ["impose", "in.pdf", "--layout", "saddle"]])
def test_a_creep_that_is_not_a_number_is_a_usage_error(tmp_path, monkeypatch, command):
    # "nan" passed the 0-5 range (every comparison with NaN is false): blank booklet pages.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.pdf").write_bytes(b"%PDF-1.4\n")
    result = invoke(*command, "--creep", "nan")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--creep': 'nan' is not a number of millimetres"
    )
    assert not (tmp_path / "output").exists()


def test_init_writes_nothing_when_a_folder_it_needs_is_a_file(tmp_path):
    # It wrote pocketguide.yaml and hotlines.yaml, then failed; the next init refused.
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "content").write_text("")
    result = invoke("init", str(folder))
    assert (result.exit_code, result.stderr) == (
        1,
        f"{folder / 'content'}: is a file, not a folder; nothing was changed\n",
    )
    assert sorted(p.name for p in folder.iterdir()) == ["content"]


def test_an_unknown_init_region_is_a_usage_error(tmp_path):
    result = invoke("init", str(tmp_path / "org"), "--region", "XX")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--region': \"XX\" is not a known ISO 3166-1 region code "
        "(e.g. US, GB)"
    )
    assert not (tmp_path / "org").exists()
    # The UK is GB in ISO 3166-1: said, not left to guess.
    uk = invoke("init", str(tmp_path / "org"), "--region", "UK")
    assert uk.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--region': \"UK\" is not a known ISO 3166-1 region code; "
        'did you mean "GB"?'
    )
    gb = invoke("init", str(tmp_path / "gb"), "--region", "gb")
    assert gb.exit_code == 0
    assert "region: GB " in (tmp_path / "gb" / "pocketguide.yaml").read_text()
    hotlines = tmp_path / "gb" / "hotlines.yaml"
    assert gb.stdout.splitlines()[-2] == (
        f"Next: in {hotlines}, add your crisis line and local numbers, check each one (call "
        "it; crisis and emergency lines: against what the service publishes, no test call) and "
        f"set its verified date, then run: pocketguide build {tmp_path / 'gb'}"
    )
    us = invoke("init", str(tmp_path / "us")).stdout.splitlines()[-1]
    assert us.startswith(
        f"Next: in {tmp_path / 'us' / 'hotlines.yaml'}, replace the fictional sample numbers "
        "with your own, check each one"
    )


def test_missing_folder_exits_1_with_one_line(tmp_path):
    missing = tmp_path / "nope"
    result = invoke("build", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"{missing}: no such folder\n"
    assert "Traceback" not in result.output


def test_config_error_first_line_is_exact(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Riverside\n  websight: https://example.org\nregion: XX\n"
    )
    result = invoke("build", ".")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (
        'pocketguide.yaml:3: unknown key "websight" in organization (did you mean "website"?)'
    )
    assert (
        lines[1]
        == 'pocketguide.yaml:4: region: "XX" is not a known ISO 3166-1 region code (e.g. US, GB)'
    )
    assert not (tmp_path / "output").exists()


def test_errors_name_files_as_seen_from_the_working_folder(tmp_path, monkeypatch):
    # Run from the folder above two projects, "hotlines.yaml:2" did not say whose file it was.
    project = tmp_path / "riverside"
    project.mkdir()
    (project / "pocketguide.yaml").write_text("organization:\n  name: Riverside\n")
    (project / "hotlines.yaml").write_text("hotlines:\n  - name: [Crisis line]\n")
    message = (
        "hotlines.entry 1.name: must be text (put it in quotes if YAML reads it as something else)"
    )
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "riverside")
    assert result.exit_code == 1
    assert result.stderr == f"riverside/hotlines.yaml:2: {message}\n"
    monkeypatch.chdir(project)
    assert invoke("check", ".").stderr == f"hotlines.yaml:2: {message}\n"


def test_help_does_not_import_weasyprint():
    code = (
        "import sys\n"
        "from pocketguide.cli import cli\n"
        "try:\n"
        "    cli(['--help'], prog_name='pocketguide')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('weasyprint' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")


def test_python_dash_m_works():
    out = subprocess.run(
        [sys.executable, "-m", "pocketguide", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"pocketguide, version {__version__}"


@pytest.mark.parametrize(
    ("args", "status", "said", "complained"),
    [
        (["--version"], 0, f"pocketguide, version {__version__}\nat exit\n", ""),
        (["build", "/nonexistent-folder"], 1, "at exit\n", "/nonexistent-folder: no such folder\n"),
        (["no-such-command"], 2, "at exit\n", "Error: No such command 'no-such-command'.\n"),
    ],
)
def test_the_entry_point_exits_with_click_s_status_after_exit_handlers(
    args, status, said, complained
):
    # main() skips the interpreter's slow teardown: handlers must still run, output arrive.
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('at exit'))\n"
        "from pocketguide.cli import main\n"
        f"sys.argv = ['pocketguide', *{args!r}]\n"
        "main()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (out.returncode, out.stdout) == (status, said)
    assert out.stderr.endswith(complained)


def test_paper_and_card_names_are_understood_in_any_case(tmp_path):
    # `--paper A4` failed with "'A4' is not one of 'letter', 'a4'"; people write A4 and Letter.
    from pypdf import PdfReader

    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Case Test\npaper: Letter\ncard:\n  size: A7\n"
    )
    result = invoke("build", str(tmp_path), "--format", "Zine", "--paper", "A4", "--quiet")
    assert result.exit_code == 0, result.output
    box = PdfReader(tmp_path / "output" / "case-test-zine-en.pdf").pages[0].mediabox
    assert sorted(round(float(v) * 25.4 / 72) for v in (box.width, box.height)) == [210, 297]
    result = invoke("build", str(tmp_path), "--format", "zine", "--quiet")
    assert result.exit_code == 0, result.output
    box = PdfReader(tmp_path / "output" / "case-test-zine-en.pdf").pages[0].mediabox
    assert sorted(round(float(v) * 25.4 / 72) for v in (box.width, box.height)) == [216, 279]


@pytest.mark.parametrize(("jobs", "projects"), [("1", 1), ("2", 1), ("2", 2)])
def test_a_build_leaves_no_temporary_folders(tmp_path, jobs, projects):
    # WeasyPrint copies the fonts of every document into a `weasyprint-*` folder and removes
    # it only when the document is freed, which a process ending with os._exit never does:
    # each build left 2.5 MB per document in /tmp, 28 GB on one machine.
    temp = tmp_path / "tmp"
    temp.mkdir()
    folders = [tmp_path / f"project{n}" for n in range(projects)]  # two: a batch build
    for project in folders:
        project.mkdir()
        (project / "pocketguide.yaml").write_text("organization:\n  name: Temp Test\n")
    env = {**os.environ, "TMPDIR": str(temp)}
    args = [sys.executable, "-m", "pocketguide", "build", *map(str, folders), "--jobs", jobs]
    done = subprocess.run(
        [*args, "--format", "guide", "--format", "card"], env=env, text=True, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    left = sorted(p.name for p in temp.iterdir() if not p.name.startswith("_jinja2-cache"))
    assert left == []


def test_an_empty_config_is_named_as_the_user_wrote_it(tmp_path, monkeypatch):
    # Named by its absolute path, unlike every other message.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "pocketguide.yaml").write_text("")
    result = CliRunner().invoke(cli, ["check", "org"])
    assert (result.exit_code, result.stderr) == (1, "org/pocketguide.yaml:1: file is empty\n")


def test_a_two_page_booklet_is_one_sheet():
    from pocketguide.paper import how_to_print

    assert "(1 sheet)" in how_to_print("booklet", "letter", "long", 2)
    assert "(2 sheets)" in how_to_print("booklet", "letter", "long", 4)


def test_config_values_out_of_range_or_shape_are_plain_words(tmp_path, monkeypatch):
    # pydantic's own words: "Input should be less than or equal to 3650".
    monkeypatch.chdir(tmp_path)
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "pocketguide.yaml").write_text(
        "organization:\n  name: X\n  slug: x\nverification:\n  max_age_days: 5000\nbrand: navy\n"
    )
    result = CliRunner().invoke(cli, ["check", "org"])
    assert (result.exit_code, result.stderr) == (
        1,
        "org/pocketguide.yaml:6: brand: must be a mapping of keys and values, e.g. {name: ...}\n"
        'org/pocketguide.yaml:5: verification.max_age_days: "5000" is too big; it must be at '
        "most 3650\n",
    )
