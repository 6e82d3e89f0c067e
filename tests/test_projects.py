"""Organization projects: init, config, overlays, sandbox, hotlines, lock, proof, branding."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import never_approved
from pocketguide.build import prepare
from pocketguide.cli import cli
from pocketguide.contrast import contrast_ratio, hex_rgb
from pocketguide.errors import PocketguideError, display_path
from pocketguide.guide import render_html
from pocketguide.hotlines import load_hotlines
from pocketguide.init import init_project
from pocketguide.project import load_project
from pocketguide.resources import content_dir, templates_dir

ROOT = Path(__file__).resolve().parents[1]
MM = 72 / 25.4


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="session")
def riverside(tmp_path_factory) -> Path:
    """A copy of examples/riverside, built once."""
    folder = tmp_path_factory.mktemp("examples") / "riverside"
    shutil.copytree(
        ROOT / "examples" / "riverside", folder, ignore=shutil.ignore_patterns("output")
    )
    result = invoke("build", str(folder))
    assert result.exit_code == 0, result.output
    # Its numbers are made up, and pocketguide says so: nothing else is wrong with it.
    assert [line.split(": ")[2] for line in result.stderr.splitlines()] == [
        "Riverside Mobile Crisis Team",
        "Riverside Peer Warmline",
        "River Valley Recovery Helpline",
        "Safe Harbor Domestic Violence Line",
        "organization.phone",
    ]
    assert all("is a fictional number" in line for line in result.stderr.splitlines())
    return folder


@pytest.fixture(scope="session")
def riverside_reader(riverside) -> PdfReader:
    return PdfReader(riverside / "output" / "riverside-guide-en.pdf")


def _project(tmp_path: Path, config: str, hotlines: str | None = None) -> Path:
    (tmp_path / "pocketguide.yaml").write_text(config)
    if hotlines is not None:
        (tmp_path / "hotlines.yaml").write_text(hotlines)
    return tmp_path


ORG = "organization:\n  name: Test Org\n  slug: test\n"
HOTLINE = (
    "hotlines:\n  - name: Test Warmline\n    phone: 502-555-0242\n    category: crisis\n"
    "    verified: {date}\n"
)  # crisis: the card then has a crisis number, and no warning says it lacks one
EMERGENCY = (  # last, so the entry above keeps its lines; without one, the card warns
    "  - name: Emergency services\n    phone: '911'\n    category: emergency\n"
    "    verified: 2026-11-01\n"
)


def test_init_creates_a_project_that_checks(tmp_path):
    folder = tmp_path / "rv"
    result = invoke("init", str(folder), "--name", "Riverside Peer Network")
    assert result.exit_code == 0, result.output
    for name in (
        "pocketguide.yaml",
        "hotlines.yaml",
        "brand/README.md",
        "content/README.md",
        "templates/README.md",
    ):
        assert (folder / name).is_file(), name
    config = (folder / "pocketguide.yaml").read_text()
    for key in (
        "organization:",
        "region:",
        "locales:",
        "page:",
        "brand:",
        "# logo:",
        "hotlines:",
        "sections:",
        "verification:",
    ):
        assert key in config
    assert "555-01" in (folder / "hotlines.yaml").read_text()
    check = invoke("check", str(folder))
    assert check.exit_code == 0, check.output
    # The samples are fictional and unverified, so the new project is not ready to print.
    assert check.stderr.splitlines() == [
        "warning: hotlines.yaml:19: Riverside Peer Network warmline: (502) 555-0142 is a "
        "fictional number (555-0100 to 555-0199 are kept for examples); put in the real one; "
        "until then no PDF prints the verified date",
        'warning: hotlines.yaml:19: Riverside Peer Network warmline: no "verified" date; '
        "check the number, then add the date",
        "warning: hotlines.yaml:24: County mobile crisis team: (502) 555-0117 is a fictional "
        "number (555-0100 to 555-0199 are kept for examples); put in the real one; "
        "until then no PDF prints the verified date",
        'warning: hotlines.yaml:24: County mobile crisis team: no "verified" date; '
        "check the number, then add the date",
    ]
    assert invoke("check", str(folder), "--strict").exit_code == 1
    assert load_project(folder).slug == "riverside-peer-network"


def test_init_in_spanish_writes_its_samples_and_blank_labels_in_spanish(tmp_path):
    folder = tmp_path / "red"
    assert invoke("init", str(folder), "--locale", "es", "--name", "Red de Apoyo").exit_code == 0
    hotlines = (folder / "hotlines.yaml").read_text()
    assert (
        "blanks: [Mi supervisora o supervisor, Sala de emergencias más cercana, Otro]\n" in hotlines
    )
    for english in ("My supervisor", "Emergency services", "Red de Apoyo warmline", "Call or"):
        assert english not in hotlines
    result = invoke("build", str(folder), "--format", "guide")
    assert result.exit_code == 0, result.output
    reader = PdfReader(folder / "output" / "red-de-apoyo-guide-es.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Servicios de emergencia" in text and "Sala de emergencias más cercana" in text
    assert "My supervisor" not in text and "Nearest emergency room" not in text


@pytest.mark.parametrize(
    ("locale", "region", "keyword"),
    [("es", "US", True), ("es-US", "US", True), ("en", "US", False), ("es", "CA", False)],
)
def test_init_in_spanish_gives_the_us_988_its_spanish_text_keyword(
    tmp_path, locale, region, keyword
):
    # Texts to 988 that start with AYUDA reach a Spanish-speaking counselor; Canada's 9-8-8
    # is another service.
    result = invoke("init", str(tmp_path / "p"), "--locale", locale, "--region", region)
    assert result.exit_code == 0, result.output
    hotlines = (tmp_path / "p" / "hotlines.yaml").read_text()
    assert ("    text: 988\n    keyword: AYUDA\n" in hotlines) is keyword
    assert hotlines.count("keyword:") == (1 if keyword else 0)


def test_init_in_a_language_without_samples_asks_to_translate_the_labels(tmp_path):
    assert invoke("init", str(tmp_path / "fr"), "--locale", "fr", "--region", "FR").exit_code == 0
    hotlines = (tmp_path / "fr" / "hotlines.yaml").read_text()
    assert hotlines.endswith(
        "blanks: [Local crisis line, My supervisor, Nearest emergency room, Other]"
        "  # write these labels in your language\n"
    )


def test_init_refuses_to_overwrite(tmp_path):
    assert invoke("init", str(tmp_path)).exit_code == 0
    before = (tmp_path / "pocketguide.yaml").read_text()
    result = invoke("init", str(tmp_path), "--name", "Other")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path / 'pocketguide.yaml'}: a project already exists here; nothing was changed\n"
    )
    assert (tmp_path / "pocketguide.yaml").read_text() == before


def test_config_errors_name_lines_and_suggest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(
        tmp_path,
        ORG + "page: b5\nbrand:\n  primry: '#000000'\n  colour: '#123456'\nverification:\n"
        "  max_age: 10\n",
    )
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        'pocketguide.yaml:4: page: "b5" is not one of a6, a7, quarter-letter, a5, half-letter or '
        '"WIDTH HEIGHT mm|in"',
        'pocketguide.yaml:6: unknown key "primry" in brand (did you mean "primary"?)',
        'pocketguide.yaml:7: unknown key "colour" in brand (did you mean "primary"?)',
        'pocketguide.yaml:9: unknown key "max_age" in verification (did you mean "max_age_days"?)',
    ]


@pytest.mark.parametrize(
    ("page", "ok"),
    [("40 60 mm", False), ("69 150 mm", False), ("105 99 mm", False), ("70 100 mm", True),
     ("2.75 4 in", False), ("3 4 in", True)],
)  # fmt: skip
def test_a_page_too_small_for_the_guide_is_refused(tmp_path, monkeypatch, page, ok):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + f'page: "{page}"\n')
    result = invoke("check", ".")
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert (result.exit_code, result.stderr) == (
            1,
            f'pocketguide.yaml:4: page: "{page}" is outside 70-300 mm wide and 100-430 mm high '
            "(A7 is 74 x 105 mm)\n",
        )


def test_usual_yaml_slips_are_explained_in_plain_words(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = ORG + "brand:\n  primary: #1d4e89\nverification:\n  max_age_days: lots\n"
    _project(tmp_path, config)
    assert invoke("check", ".").stderr.splitlines() == [
        'pocketguide.yaml:5: brand.primary: is empty; put the colour in quotes, e.g. "#1d4e89"',
        'pocketguide.yaml:7: verification.max_age_days: "lots" must be a whole number',
    ]
    hotlines = "hotlines:\n  - name: A\n    phone: '988'\n    verified: 2026-13-01\n"
    _project(tmp_path, ORG, hotlines)
    assert invoke("check", ".").stderr == (
        'hotlines.yaml:4: A: verified: "2026-13-01" is not a date written year-month-day, '
        "like 2026-11-01\n"
    )
    hotlines = "hotlines:\n  - name: A\n    phone_number: '988'\n"
    _project(tmp_path, ORG, hotlines)
    assert invoke("check", ".").stderr.splitlines()[0] == (
        'hotlines.yaml:3: unknown key "phone_number" in A (did you mean "phone"?)'
    )
    # Excel saves dates its own way in a CSV file, on every save.
    (tmp_path / "hotlines.csv").write_text("name,phone,verified\nA,988,11/1/2026\n")
    _project(tmp_path, ORG + "hotlines: hotlines.csv\n")
    assert invoke("check", ".").stderr == (
        'hotlines.csv:2: A: verified: "11/1/2026" is not a date written year-month-day, '
        "like 2026-11-01 (a spreadsheet "
        "may have rewritten it: format that column as Text)\n"
    )


def test_template_override_wins_and_extends_default(tmp_path):
    _project(tmp_path, ORG)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.html.j2").write_text(
        '{% extends "default:guide.html.j2" %}{% block cover_extra %}'
        '<p class="mine">OVERRIDE-WON</p>{% endblock %}'
    )
    project = load_project(tmp_path)
    prepared = prepare(project, "en")
    html = render_html(project, prepared.content, prepared.assets)
    assert html.count("OVERRIDE-WON") == 1
    assert "Contents" in html  # the rest of the default template is still there


def test_partial_override_replaces_only_that_file(tmp_path):
    _project(tmp_path, ORG)
    (tmp_path / "templates" / "partials").mkdir(parents=True)
    (tmp_path / "templates" / "partials" / "notes.html.j2").write_text("<p>OWN-NOTES</p>")
    project = load_project(tmp_path)
    prepared = prepare(project, "en")
    html = render_html(project, prepared.content, prepared.assets)
    assert "OWN-NOTES" in html
    assert 'class="rule"' not in html


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    ],
)
def test_sandbox_refuses_ssti(tmp_path, payload):
    _project(tmp_path, ORG)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.html.j2").write_text("<html>\n<body>\n" + payload + "\n")
    project = load_project(tmp_path)
    prepared = prepare(project, "en")
    with pytest.raises(PocketguideError) as info:
        render_html(project, prepared.content, prepared.assets)
    [problem] = info.value.problems
    assert problem.path.endswith("templates/guide.html.j2")
    assert problem.line == 3
    assert problem.message.startswith(("SecurityError", "UndefinedError"))


def test_hotline_errors_name_entry_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    hotlines = (
        "hotlines:\n"
        "  - name: Mind Infoline\n"
        "    phone: 0300 123 339\n"
        "    region: GB\n"
        "  - name: Bad Text\n"
        "    text: 988x\n"
        "  - name: Nothing\n"
        "    hours: 24/7\n"
    )
    _project(tmp_path, ORG, hotlines)
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        'hotlines.yaml:3: Mind Infoline: "0300 123 339" is not a valid GB phone number',
        'hotlines.yaml:6: Bad Text: "988x" contains "x"; use only digits, spaces and + - . ( )',
        "hotlines.yaml:7: Nothing: needs at least one of phone, text, url",
    ]


def test_csv_hotlines_and_a_bad_row(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + "hotlines: numbers.csv\n")
    (tmp_path / "numbers.csv").write_text(
        "name,phone,text,url,hours,languages,category,notes,verified\n"
        "Warmline,502-555-0142,,,24/7,en;es,warmline,,2026-11-01\n"
        "Broken,502-555-01,,,,,local,,2026-11-01\n"
    )
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr == 'numbers.csv:3: Broken: "502-555-01" is not a valid US phone number\n'
    (tmp_path / "numbers.csv").write_text(
        "name,phone,languages,category,verified\nWarmline,502-555-0142,en;es,warmline,2026-11-01\n"
    )
    prepared = prepare(load_project(tmp_path), "en")
    [entry] = prepared.content.hotlines.hotlines
    assert entry.languages == ["en", "es"]
    assert entry.phone.display == "(502) 555-0142"


def test_a_csv_project_takes_its_blank_labels_from_its_content(tmp_path, monkeypatch):
    # As the README says: a CSV file has no place for them.
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + "hotlines: numbers.csv\n")
    (tmp_path / "numbers.csv").write_text("name,phone,category\nWarm,502-589-0142,warmline\n")
    (tmp_path / "content" / "en").mkdir(parents=True)
    (tmp_path / "content" / "en" / "hotlines.yaml").write_text(
        "hotlines: []\nblanks: [My sponsor, Other]\n"
    )
    hotlines = prepare(load_project(tmp_path), "en").content.hotlines
    assert hotlines.blanks == ["My sponsor", "Other"]
    assert [entry.name for entry in hotlines.hotlines] == ["Warm"]


def test_csv_slips_a_spreadsheet_makes_are_explained(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + "hotlines: numbers.csv\n")
    csv = tmp_path / "numbers.csv"
    # "en, es" in one cell printed raw as "en, es"; a language name printed untranslated.
    csv.write_text(
        'name,phone,languages,category,verified\nA,502-589-0142,"en, es",local,2026-11-01\n'
    )
    [entry] = prepare(load_project(tmp_path), "en").content.hotlines.hotlines
    assert entry.languages == ["en", "es"]
    csv.write_text("name,phone,languages\nA,502-589-0142,Spanish\n")
    assert invoke("check", ".").stderr == (
        'numbers.csv:2: A: languages: "Spanish" is not a language code; write codes such as '
        "en, es, vi (the guide prints their names in each edition's language)\n"
    )
    # Excel's plain "CSV" is Windows-1252, not UTF-8.
    csv.write_bytes("name,phone\nLínea,502-589-0142\n".encode("cp1252"))
    assert invoke("check", ".").stderr == (
        "numbers.csv:2: file is not UTF-8 text; in the spreadsheet program, save it as "
        '"CSV UTF-8"\n'
    )
    _project(tmp_path, ORG + "hotlines: numbers.xlsx\n")
    (tmp_path / "numbers.xlsx").write_bytes(b"PK\x03\x04")
    assert invoke("check", ".").stderr == (
        "numbers.xlsx: hotlines are read from a .yaml or .csv file; from a spreadsheet, save it "
        'as "CSV UTF-8" and name that file under hotlines: in pocketguide.yaml\n'
    )


def test_stale_dates_warn_and_fail_with_strict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG, HOTLINE.format(date="2020-01-01") + EMERGENCY)
    warning = "hotlines.yaml:2: Test Warmline: last verified 2020-01-01, more than 365 days ago"
    result = invoke("check", ".")
    assert result.exit_code == 0
    assert result.stderr == f"warning: {warning}\nwarning: {never_approved()}\n"
    strict = invoke("check", ".", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines() == [
        f"{warning} (--strict)",
        f"{never_approved()} (--strict)",
    ]


def test_lock_diff_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG, HOTLINE.format(date="2026-11-01") + EMERGENCY)
    assert invoke("approve", ".").output == "approved 2 entries: hotlines.lock\n"
    assert invoke("check", ".", "--strict").exit_code == 0
    changed = HOTLINE.format(date="2026-11-01").replace("42", "43") + EMERGENCY
    (tmp_path / "hotlines.yaml").write_text(changed)
    result = invoke("check", ".", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "hotlines.yaml:2: Test Warmline: phone changed (502) 555-0242 -> (502) 555-0243 "
        "since hotlines.lock; check it, then run pocketguide approve (--strict)"
    )


def test_approve_says_what_changed_and_the_lock_keeps_urls(tmp_path, monkeypatch):
    # approve only said "approved 8 entries"; a changed chat url was never compared.
    monkeypatch.chdir(tmp_path)
    entry = HOTLINE.format(date="2026-11-01") + "    url: https://warm.example.org\n"
    _project(tmp_path, ORG, entry)
    invoke("approve", ".")
    lock = (tmp_path / "hotlines.lock").read_text()
    assert "version: 3\n" in lock and "url: https://warm.example.org\n" in lock
    changed = entry.replace("0242", "0243").replace("warm.example", "warmline.example")
    (tmp_path / "hotlines.yaml").write_text(changed)
    assert invoke("check", ".").stderr.splitlines()[1] == (
        "warning: hotlines.yaml:2: Test Warmline: url changed https://warm.example.org -> "
        "https://warmline.example.org since hotlines.lock; check it, then run pocketguide approve"
    )
    # The verified date is older than the last approval: the new number was not checked then.
    (tmp_path / "hotlines.lock").write_text(
        lock.replace(f"approved_on: {dt.date.today()}", "approved_on: 2026-11-20")
    )
    # Approving it would print "verified as of" beside a number nobody called: refused.
    before = (tmp_path / "hotlines.lock").read_text()
    result = invoke("approve", ".")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "hotlines.yaml:2: Test Warmline: verified 2026-11-01 is before the last approval "
        "(2026-11-20), so the new details were not checked that day; check the new details "
        "against what the service publishes (no test call), set verified to the day you did, "
        "then approve again\n"
    )
    assert (tmp_path / "hotlines.lock").read_text() == before
    # Renamed with its new number, it is still a changed number: refused the same way.
    (tmp_path / "hotlines.yaml").write_text(changed.replace("Test Warmline", "Test Peer Warmline"))
    assert invoke("approve", ".").exit_code == 1
    # Renamed with the number it had, it is approved as at a first approval, whatever its date.
    (tmp_path / "hotlines.yaml").write_text(entry.replace("Test Warmline", "Test Peer Warmline"))
    assert invoke("approve", ".").exit_code == 0
    (tmp_path / "hotlines.lock").write_text(before)
    (tmp_path / "hotlines.yaml").write_text(changed.replace("2026-11-01", "2026-11-25"))
    result = invoke("approve", ".")
    assert result.stdout == (
        "  Test Warmline: phone changed (502) 555-0242 -> (502) 555-0243 since hotlines.lock\n"
        "  Test Warmline: url changed https://warm.example.org -> https://warmline.example.org "
        "since hotlines.lock\n"
        "approved 1 entry: hotlines.lock\n"
    )
    # A lock written before urls were recorded compares none (no alarm for every entry).
    old = (
        "approved:\n- name: Test Warmline\n  phone: (502) 555-0243\n"
        "  phone_normalized: '+15025550243'\n"
    )
    (tmp_path / "hotlines.lock").write_text(old)
    assert "url changed" not in invoke("check", ".").stderr


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("navy", None),
        ("rgb(27, 94, 32)", None),
        ("hsl(213, 65%, 33%)", None),
        ("rgb(122 30 60)", None),  # CSS Color 4, as design tools copy it
        (
            "dark blue",
            '"dark blue" is not a colour: write a hex code like "#1d4e89", a CSS colour name '
            'like "navy", or "rgb(29, 78, 137)"',
        ),
        (
            "rgba(0, 0, 128, 0.5)",
            '"rgba(0, 0, 128, 0.5)" is see-through; brand colours print solid, e.g. "#1d4e89"',
        ),
    ],
)
def test_brand_colours_as_brand_guides_write_them(tmp_path, monkeypatch, written, message):
    # Brand guides give "navy" or rgb(); only "#1d4e89" was understood.
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + f"brand:\n  primary: '{written}'\n")
    result = invoke("check", ".")
    if message is None:
        assert (result.exit_code, result.stderr) == (0, "")
        colour = load_project(tmp_path).config.brand.primary
        expected = {
            "navy": "#000080",
            "rgb(27, 94, 32)": "#1b5e20",
            "hsl(213, 65%, 33%)": "#1d4f8b",
            "rgb(122 30 60)": "#7a1e3c",
        }
        assert colour == expected[written]
    else:
        assert (result.exit_code, result.stderr) == (
            1,
            f"pocketguide.yaml:5: brand.primary: {message}\n",
        )


def test_a_value_cut_short_by_a_hash_is_an_error(tmp_path, monkeypatch):
    # "#2 for Spanish" was read as a YAML comment: the menu option silently did not print.
    monkeypatch.chdir(tmp_path)
    hotlines = (
        "hotlines:\n  - name: Menu Line  # a comment, as YAML means it\n"
        "    phone: 502-589-0163 #2 for Spanish\n    hours: '24/7 #1'\n    category: local\n"
    )
    _project(tmp_path, ORG, hotlines)
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        'hotlines.yaml:3: "#2 for Spanish" is read as a comment and left out; put the whole '
        "value in quotes to keep it (a comment needs a space after the #)\n",
    )


def test_contrast_warning_and_missing_logo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert round(contrast_ratio(hex_rgb("#000000"), hex_rgb("#fff")), 1) == 21.0
    _project(tmp_path, ORG + "brand:\n  primary: '#2a9d8f'\n")
    result = invoke("check", ".")
    assert result.exit_code == 0
    assert result.stderr == (
        'warning: pocketguide.yaml:5: brand.primary "#2a9d8f" is used for text and has contrast '
        "3.3:1 against white; text needs at least 4.5:1\n"
    )
    # The ratio is rounded down: 2.996:1 must not read as the 3:1 it misses.
    _project(tmp_path, ORG + "brand:\n  primary: '#959595'\n")
    assert "has contrast 2.9:1 against white" in invoke("check", ".").stderr
    # Below 3:1 even the large, bold crisis numbers cannot be read: an error.
    _project(tmp_path, ORG + "brand:\n  primary: '#ffd700'\n")
    result = invoke("build", ".")
    assert result.exit_code == 1
    assert result.stderr == (
        'pocketguide.yaml:5: brand.primary "#ffd700" has contrast 1.4:1 against white; the '
        "crisis numbers print in it and need at least 3:1 (body text 4.5:1): choose a darker "
        "colour\n"
    )
    assert not list(tmp_path.glob("output/*.pdf"))
    _project(tmp_path, ORG + "brand:\n  logo: brand/missing.svg\n")
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr == "pocketguide.yaml:5: brand.logo: file not found: brand/missing.svg\n"


def test_example_builds_with_its_own_look_and_numbers(riverside, riverside_reader):
    reader = riverside_reader
    texts = [page.extract_text() for page in reader.pages]
    assert "For the volunteer facilitators of Riverside Peer Network" in texts[0]
    assert any("At Riverside we close every meeting" in t for t in texts)
    assert reader.metadata.title == "Facilitator’s Pocket Guide · Riverside Peer Network"
    assert "verified as of" not in texts[-1]  # its local numbers are fictional
    # The SVG logo is drawn as vectors: its light-teal stroke (#7fc8c2) is on the cover.
    assert "0.498039 0.784314 0.760784 RG" in reader.pages[0].get_contents().get_data().decode()
    crisis = " ".join(texts)
    for shown in ("(502) 555-0117", "(502) 555-0142", "(502) 555-0163", "988", "911"):
        assert shown in crisis
    uris = {
        a.get_object()["/A"]["/URI"]
        for page in reader.pages
        for a in page.get("/Annots", [])
        if "/URI" in a.get_object().get("/A", {})
    }
    assert {
        "tel:+1-502-555-0117",
        "tel:+1-502-555-0142",
        "tel:988",
        "sms:988",
        "tel:911",
        "tel:+1-502-555-0100",
    } <= uris
    # A number written in the project's own text is a link too, on its own page.
    [closing] = [p for p, text in zip(reader.pages, texts, strict=True) if "Our warmline, " in text]
    assert "tel:+1-502-555-0142" in {
        a.get_object()["/A"]["/URI"] for a in closing.get("/Annots", [])
    }


def test_a_number_in_the_text_links_where_it_is_written():
    from pocketguide.numberlinks import link_numbers

    html = (
        "<html><head><title>416-408-4357</title></head><body><p>Call 416-408-4357, (or "
        '<a href="tel:+14164084357">416-408-4357</a>) in room 12 since 2026; Lifeline 13 11 '
        "14</p><style>p::after { content: '416-408-4357' }</style></body></html>"
    )
    assert link_numbers(html, "CA", {"+14164084357"}) == html.replace(
        "Call 416-408-4357,",
        'Call <a class="ltr-number" href="tel:+1-416-408-4357">416-408-4357</a>,',
    )
    known = {"+61131114", "+61298765432"}
    assert link_numbers("<body><p>Lifeline 13 11 14 (02 9876 5432)</p></body>", "AU", known) == (
        '<body><p>Lifeline <a class="ltr-number" href="tel:131114">13 11 14</a> (<a '
        'class="ltr-number" href="tel:+61-2-9876-5432">02 9876 5432</a>)</p></body>'
    )
    # A number no entry has is not made one to tap (nobody checked it); nor is an entry's
    # number of another country read as this one's (800 911 2000 in Mexico, in a US guide).
    assert link_numbers("<body><p>Call 502-589-1234</p></body>", "US", known) == (
        "<body><p>Call 502-589-1234</p></body>"
    )
    # The extension is pressed once connected: the link dials the number alone.
    assert link_numbers("<body><p>Call 02 9876 5432 ext. 2 or x 3.</p></body>", "AU", known) == (
        '<body><p>Call <a class="ltr-number" href="tel:+61-2-9876-5432">02 9876 5432</a> ext. 2 '
        "or x 3.</p></body>"
    )
    # A number the entries only text links as a text: a call to it would not connect.
    assert link_numbers(
        "<body><p>Or text 0477 13 11 14.</p></body>",
        "AU",
        {"+61477131114"},
        frozenset({"+61477131114"}),
    ) == (
        '<body><p>Or text <a class="ltr-number" href="sms:+61477131114">0477 13 11 14</a>.</p>'
        "</body>"
    )
    # An <a> inside an SVG's <text> is not SVG: the drawing lost its number, or broke.
    svg = '<body><svg viewBox="0 0 9 9"><text x="0" y="5">13 11 14</text></svg></body>'
    assert link_numbers(svg, "AU", known) == svg


def test_proof_sheet(riverside):
    result = invoke("proof", str(riverside))
    assert result.exit_code == 0, result.output
    reader = PdfReader(riverside / "output" / "riverside-proof.pdf")
    page = reader.pages[0]
    assert abs(float(page.mediabox.width) - 215.9 * MM) < 0.5
    text = "".join(p.extract_text() for p in reader.pages)
    for shown in (
        "Riverside Mobile Crisis Team",
        "(502) 555-0117",
        "(502) 555-0181",
        "Last verified: 2026-11-01",
    ):
        assert shown in text


def test_sections_exclude_and_order(tmp_path):
    _project(tmp_path, ORG + "sections:\n  exclude: [facilitator-role]\n  order: [guidelines]\n")
    ids = [s.id for s in prepare(load_project(tmp_path), "en").content.sections]
    assert ids[0] == "guidelines"
    assert "facilitator-role" not in ids
    assert len(ids) == 12
    _project(tmp_path, ORG + "sections:\n  exclude: [no-such-section]\n")
    with pytest.raises(PocketguideError) as info:
        prepare(load_project(tmp_path), "en")
    assert str(info.value.message).endswith('sections: no section with id "no-such-section"')


def test_brand_font_and_strict_weasyprint_warning(tmp_path, monkeypatch):
    from pocketguide.resources import templates_dir

    monkeypatch.chdir(tmp_path)
    (tmp_path / "brand").mkdir()
    faces = {"font": "Regular", "font_bold": "Bold", "font_italic": "Italic"}
    faces["font_bold_italic"] = "BoldItalic"
    for face in faces.values():
        shutil.copy(templates_dir() / "fonts" / f"NotoSans-{face}.ttf", tmp_path / "brand")
    keys = "".join(f"  {key}: brand/NotoSans-{face}.ttf\n" for key, face in faces.items())
    _project(tmp_path, ORG + "brand:\n" + keys)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.css").write_text(
        '{% include "default:guide.css" %}\n.cover { colr: red; }\n'
    )
    result = invoke("build", ".", "--strict")
    assert result.exit_code == 1
    assert "WeasyPrint: Ignored `colr: red`" in result.stderr
    assert "(--strict)" in result.stderr
    assert not (tmp_path / "output" / "test-guide-en.pdf").exists()
    result = invoke("build", ".")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: templates/guide.css:2: WeasyPrint: Ignored `colr: red` at 2:10, "
        "unknown property.\n"
    )
    reader = PdfReader(tmp_path / "output" / "test-guide-en.pdf")
    fonts = {
        str(f.get_object()["/BaseFont"])
        for p in reader.pages
        for f in p["/Resources"].get("/Font", {}).values()
    }
    assert {"Brand-Body", "Brand-Body-Bold", "Brand-Body-Italic"} <= {
        f.split("+")[-1] for f in fonts
    }, fonts


def test_a_brand_font_without_bold_and_italic_files_says_so(tmp_path, monkeypatch):
    # WeasyPrint 70 prints bold and italic text in a lone regular file's upright glyphs.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "brand").mkdir()
    shutil.copy(templates_dir() / "fonts" / "NotoSans-Regular.ttf", tmp_path / "brand" / "b.ttf")
    _project(tmp_path, ORG + "brand:\n  font: brand/b.ttf\n")
    assert prepare(load_project(tmp_path), "en").warnings == [
        "pocketguide.yaml:5: brand.font has no brand.font_bold, brand.font_italic, "
        "brand.font_bold_italic: WeasyPrint prints that text in the regular face, so headings "
        "and emphasis lose their weight or slant; add the matching files of the same font"
    ]
    _project(tmp_path, ORG + "brand:\n  font_bold: brand/b.ttf\n")
    assert prepare(load_project(tmp_path), "en").warnings == [
        "pocketguide.yaml:4: brand.font_bold, font_italic and font_bold_italic are used only "
        "with brand.font, the regular face"
    ]


@pytest.mark.parametrize("region", ["US", "GB"])
def test_init_never_claims_the_organization_checked_a_number_today(tmp_path, region):
    init_project(tmp_path, "Org", region, "en", today="2031-05-05")
    text = (tmp_path / "hotlines.yaml").read_text()
    # Today's date only appears in comments, as an example of what to write.
    claimed = [line for line in text.splitlines() if "2031-05-05" in line.split("#")[0]]
    assert claimed == []
    shipped = (content_dir() / "en" / "hotlines.yaml").read_text()
    loaded, problems = load_hotlines(tmp_path / "hotlines.yaml", region, tmp_path)
    assert problems == []
    dates = {entry.verified for entry in loaded.hotlines}
    if region == "US":  # 988 and 911 keep the date pocketguide's own data was checked
        assert "2026-11-01" in shipped and dates == {dt.date(2026, 11, 1), None}
        assert "verified: 2026-11-01  # checked for pocketguide's default guide" in text
    else:  # the region's emergency number, from phonenumbers: no one has checked it yet
        assert dates == {None}
        assert "# verified: 2031-05-05  # the day you checked it with an official source" in text


@pytest.mark.parametrize("locale", ["en", "es"])
def test_init_for_canada_starts_from_canadas_988_undated(tmp_path, locale):
    # It wrote the US Lifeline (988lifeline.org, English and Spanish, chat) with pocketguide's
    # date: one approve and the guide printed it as verified.
    init_project(tmp_path, "Org", "CA", locale, today="2031-05-05")
    loaded, problems = load_hotlines(tmp_path / "hotlines.yaml", "CA", tmp_path)
    assert problems == []
    first = loaded.hotlines[0]
    assert (first.name, first.phone.raw, first.url, first.languages, first.verified) == (
        "9-8-8: Suicide Crisis Helpline",
        "988",
        "https://988.ca",
        ["en", "fr"],
        None,
    )
    assert "988lifeline" not in (tmp_path / "hotlines.yaml").read_text()


@pytest.mark.parametrize(
    ("name", "body", "kind"),
    [
        ("bad.png", b"x\n", "PNG"),
        ("bad.svg", b"<html></html>", "SVG"),
        ("bad.ttf", b"PK\x03", "TTF"),
    ],
)
def test_a_damaged_brand_file_names_its_key(tmp_path, monkeypatch, name, body, kind):
    # WeasyPrint said only "Failed to load image at 'file:///.../bad.png': ", naming the PDF.
    monkeypatch.chdir(tmp_path)
    key = "font" if name.endswith(".ttf") else "logo"
    _project(tmp_path, ORG + f"brand:\n  {key}: brand/{name}\n")
    (tmp_path / "brand").mkdir(exist_ok=True)
    (tmp_path / "brand" / name).write_bytes(body)
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        f"pocketguide.yaml:5: brand.{key}: brand/{name} is not a {kind} file inside (damaged, "
        "or renamed?)\n",
    )


def test_a_cut_short_brand_font_is_an_error_at_its_key(tmp_path, monkeypatch):
    # WeasyPrint only warned "Font-face 'Brand Body' cannot be loaded" and printed in Noto.
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + "brand:\n  font: brand/cut.ttf\n")
    (tmp_path / "brand").mkdir(exist_ok=True)
    font = (templates_dir() / "fonts" / "NotoSans-Regular.ttf").read_bytes()
    (tmp_path / "brand" / "cut.ttf").write_bytes(font[:20000])
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "pocketguide.yaml:5: brand.font: brand/cut.ttf is a damaged font (unexpected end of "
    )
    assert result.stderr.endswith("); get the file again\n")


def _notes_with_picture(root: Path, alt: str, name: str) -> None:
    """The project's own notes section, showing the picture `name` from the project folder."""
    notes = root / "content" / "en" / "sections" / "notes.md"
    notes.parent.mkdir(parents=True)
    notes.write_text(f"---\ntitle: Notes\n---\n\n![{alt}](../../../{name})\n")


def test_damaged_images_are_errors_where_they_are_named(tmp_path, monkeypatch):
    # A cut-short PNG printed as a black box with no word; an unclosed SVG tag gave
    # WeasyPrint's "Failed to load image at 'file:///...': " with no reason and no file.
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + "brand:\n  logo: brand/logo.svg\n")
    (tmp_path / "brand").mkdir(exist_ok=True)
    (tmp_path / "brand" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">\n<rect\n</svg>\n'
    )
    png = (Path(__file__).parents[1] / "docs" / "images" / "riverside.png").read_bytes()
    (tmp_path / "room.png").write_bytes(png[: len(png) // 2])
    _notes_with_picture(tmp_path, "The meeting room", "room.png")
    result = invoke("build", ".", "--format", "guide")
    assert (result.exit_code, result.stderr) == (
        1,
        "pocketguide.yaml:5: brand.logo: brand/logo.svg: not valid SVG (not well-formed (invalid "
        "token): line 3, column 0); open it and save it again\n",
    )
    (tmp_path / "brand" / "logo.svg").write_text(
        UNSIZED_SVG.replace("<svg ", '<svg width="9" height="9" ')
    )
    result = invoke("build", ".", "--format", "guide")
    assert (result.exit_code, result.stderr) == (
        1,
        "content/en/sections/notes.md:5: refused room.png: a damaged image (Truncated File "
        "Read); open it and save it again\n",
    )


UNSIZED_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="400" height="90"/></svg>\n'


@pytest.mark.parametrize(
    ("attributes", "unsized"),
    [
        ("", True),
        ('width="100%" height="100%"', True),
        ('width="400"', True),
        ('width="400" height="90"', False),
        ('viewBox="0 0 400 90"', False),
    ],
)
def test_an_svg_logo_without_a_size_is_an_error(tmp_path, monkeypatch, attributes, unsized):
    # WeasyPrint draws it at full scale in a 300 x 150 px box: the logo printed cut off.
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + "brand:\n  logo: brand/logo.svg\n")
    (tmp_path / "brand").mkdir(exist_ok=True)
    svg = UNSIZED_SVG.replace("<svg ", f"<svg {attributes} ")
    (tmp_path / "brand" / "logo.svg").write_text(svg)
    result = invoke("check", ".")
    message = (
        "pocketguide.yaml:5: brand.logo: brand/logo.svg has no size, so it would print cut off; "
        'add viewBox="0 0 W H" to its <svg> tag, W and H the width and height of the drawing\n'
    )
    assert (result.exit_code, result.stderr) == ((1, message) if unsized else (0, ""))


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_a_damaged_logo_is_an_error_in_check_too(tmp_path, monkeypatch, name):
    # `check` said "ok"; only the build then refused the cut-short file.
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + f"brand:\n  logo: brand/{name}\n")
    (tmp_path / "brand").mkdir(exist_ok=True)
    whole = UNSIZED_SVG.encode() if name.endswith(".svg") else _png_bytes()
    (tmp_path / "brand" / name).write_bytes(whole[: len(whole) // 2])
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pocketguide.yaml:5: brand.logo: brand/{name}: ")
    assert result.stderr.rstrip().endswith("open it and save it again")


def test_a_jpeg_logo_is_accepted(tmp_path, monkeypatch):
    # Most logos arrive as JPEG; only svg and png were accepted.
    import io

    from PIL import Image

    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + "brand:\n  logo: brand/logo.jpg\n")
    (tmp_path / "brand").mkdir(exist_ok=True)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "JPEG")
    (tmp_path / "brand" / "logo.jpg").write_bytes(buffer.getvalue())
    assert invoke("check", ".", "--strict").exit_code == 0
    (tmp_path / "brand" / "logo.jpg").write_bytes(buffer.getvalue()[:200])  # cut short
    result = invoke("check", ".")
    assert result.stderr.startswith("pocketguide.yaml:5: brand.logo: brand/logo.jpg: a damaged")


def _png_bytes() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_svg_picture_without_a_size_is_an_error_where_it_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG)
    (tmp_path / "map.svg").write_text(UNSIZED_SVG)
    _notes_with_picture(tmp_path, "How to find us", "map.svg")
    result = invoke("build", ".", "--format", "guide")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "content/en/sections/notes.md:5: refused map.svg: has no size, so it would print cut "
        'off; add viewBox="0 0 W H" to its <svg> tag, W and H the width and height of the drawing'
    ]


def test_own_sections_no_manifest_lists_are_named_and_a_bom_is_explained(tmp_path, monkeypatch):
    # A new section or scenario file was silently left out of the guide.
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG)
    sections = tmp_path / "content" / "en" / "sections"
    sections.mkdir(parents=True)
    (sections / "our-meetings.md").write_text("---\ntitle: Our meetings\n---\n\nHello.\n")
    default = display_path(content_dir() / "manifest.yaml")
    assert prepare(load_project(tmp_path), "en").warnings[0] == (
        'content/en/sections/our-meetings.md: not in the guide: list "our-meetings" under '
        f"sections: in content/manifest.yaml (copy {default} there first)"
    )
    # A byte-order mark (old Windows Notepad) hid the front matter: "missing front matter".
    (sections / "closing.md").write_bytes(b"\xef\xbb\xbf---\ntitle: Closing\n---\n\nBye.\n")
    result = invoke("check", ".")
    assert result.stderr.splitlines()[0] == (
        "content/en/sections/closing.md:1: file starts with a byte-order mark; save it as UTF-8 "
        "without BOM"
    )
    # A bad byte is named at its line, as in YAML files (it had no line).
    (sections / "closing.md").write_bytes(b"---\ntitle: Closing\n---\n\nBye.\nCaf\xe9.\n")
    assert invoke("check", ".").stderr.splitlines()[0] == (
        "content/en/sections/closing.md:6: file is not valid UTF-8 text"
    )


def test_check_names_the_numbers_the_card_leaves_out(tmp_path):
    # Entries of other categories were left off the card and zine without a word.
    folder = tmp_path / "riverside"
    shutil.copytree(
        ROOT / "examples" / "riverside", folder, ignore=shutil.ignore_patterns("output")
    )
    left = (
        "en: the card and zine show 4 of 6 numbers (crisis, emergency and warmline entries); "
        "they leave out River Valley Recovery Helpline (substance-use), Safe Harbor Domestic "
        "Violence Line (domestic-violence); to choose, list entries under card: hotlines: in "
        "pocketguide.yaml"
    )
    checked = invoke("check", str(folder))
    assert checked.exit_code == 0 and left in checked.stdout.splitlines()
    config = folder / "pocketguide.yaml"
    chosen = "card:\n  hotlines: [988 Suicide & Crisis Lifeline, Emergency services]\n"
    config.write_text(config.read_text() + chosen)
    checked = invoke("check", str(folder))
    assert checked.exit_code == 0 and "the card and zine show" not in checked.stdout


def test_check_render_says_when_the_card_and_zine_were_not_laid_out(tmp_path, monkeypatch):
    # "ok" after check --render, then build --format all failed on the card.
    from conftest import tiny_config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config())
    own = tmp_path / "content" / "en" / "guide.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("title: Our Guide\nsubtitle: For us\nedition: 2026\nsubject: Help\n")
    result = invoke("check", ".", "--render")
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: content/en/guide.yaml: no kit: block, so the card and zine were not laid out "
        "(building them fails)"
    ) in result.stderr.splitlines()


def test_a_list_too_short_says_how_many_it_needs(tmp_path, monkeypatch):
    # Was pydantic's "List should have at least 2 items after validation, not 1".
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG)
    scenario = (content_dir() / "en" / "scenarios" / "silence.yaml").read_text(encoding="utf-8")
    say = scenario.splitlines().index("say:")
    lines = scenario.splitlines()
    own = tmp_path / "content" / "en" / "scenarios" / "silence.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("\n".join(lines[: say + 2] + lines[say + 3 :]) + "\n", encoding="utf-8")
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr == (
        f"content/en/scenarios/silence.yaml:{say + 1}: say: has 1 item; write at least 2\n"
    )


def test_a_folder_inside_a_project_is_not_taken_for_the_default_guide(tmp_path, monkeypatch):
    # `cd output && pocketguide build` built the generic guide (988, 911) into output/output/.
    _project(tmp_path, ORG)
    (tmp_path / "output").mkdir()
    monkeypatch.chdir(tmp_path / "output")
    result = invoke("build")
    assert (result.exit_code, result.stderr) == (
        1,
        ".: no pocketguide.yaml here, but ../pocketguide.yaml is a project's: give its folder "
        "(..)\n",
    )
    assert not (tmp_path / "output" / "output").exists()


def test_a_file_named_like_the_program_is_no_config_saved_elsewhere(tmp_path):
    # "pocketguide.py is here: rename it to pocketguide.yaml".
    from pocketguide.findproject import refuse_unlikely_default

    (tmp_path / "pocketguide.py").write_text("")
    (tmp_path / "pocketguide.history").write_text("")
    refuse_unlikely_default(tmp_path)


def test_pocketguides_own_source_folder_builds_the_default_guide():
    # Its content/ is the shipped content: `make guide` there was refused as a lost project.
    from pocketguide.findproject import refuse_unlikely_default

    refuse_unlikely_default(ROOT)


def test_build_in_a_projects_brand_folder_names_the_project(tmp_path, monkeypatch):
    # It said "output may not be written inside brand/", where check said what to run.
    _project(tmp_path, ORG)
    (tmp_path / "brand").mkdir()
    monkeypatch.chdir(tmp_path / "brand")
    assert invoke("build", "--format", "card").stderr == (
        ".: no pocketguide.yaml here, but ../pocketguide.yaml is a project's: give its folder "
        "(..)\n"
    )


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (["pocketguide.yml"], "pocketguide.yml is here: rename it to pocketguide.yaml"),
        (["pocketguide.yaml.txt"], "pocketguide.yaml.txt is here: rename it to pocketguide.yaml"),
        (
            ["hotlines.yaml"],
            "hotlines.yaml is: the default guide would leave its numbers out; add a "
            "pocketguide.yaml beside it (see pocketguide init --help), or build the default "
            "guide in a folder of its own",
        ),
        (
            ["ohio/pocketguide.yaml", "zanesville/pocketguide.yaml"],
            "ohio/pocketguide.yaml (and 1 more) is a project's: give its folder (ohio)",
        ),
        # A chapter's config lost in a sync: its county line, in the language folder, was
        # left out of the stock guide, and a batch said "ok".
        *(
            (
                [name],
                f"{name} is a project's: the default guide would leave its numbers out; put "
                "its pocketguide.yaml back (see pocketguide init --help), or build the default "
                "guide in a folder of its own",
            )
            for name in ("content/en/hotlines.yaml", "hotlines.lock")
        ),
    ],
)
def test_a_folder_that_looks_like_a_project_is_not_built_as_the_default(
    tmp_path, monkeypatch, files, message
):
    # A config saved by Notepad as pocketguide.yaml.txt, or a build run one folder too high,
    # printed the generic guide without the group's numbers, exit 0.
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(ORG)
    monkeypatch.chdir(tmp_path)
    for command in ("build", "check"):
        result = invoke(command, ".")
        assert (result.exit_code, result.stderr) == (
            1,
            f".: no pocketguide.yaml here, but {message}\n",
        )
    assert not (tmp_path / "output").exists()


def test_a_manifest_id_without_a_file_is_named_at_its_line(tmp_path, monkeypatch):
    # "meeting-room" for "meeting-rooms" said "content/en-GB/sections/meeting-room.md: file not
    # found", with no line and no word of the manifest that named it.
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG)
    manifest = (content_dir() / "manifest.yaml").read_text(encoding="utf-8")
    own = tmp_path / "content" / "manifest.yaml"
    own.parent.mkdir()
    own.write_text(manifest.replace("  - closing\n", "  - closin\n"), encoding="utf-8")
    line = own.read_text().splitlines().index("  - closin") + 1
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        f'content/manifest.yaml:{line}: sections: "closin" has no file sections/closin.md in '
        'content/en/ (did you mean "closing"?)\n',
    )


@pytest.mark.parametrize(("tag", "canonical"), [("en-gb", "en-GB"), ("en_gb", "en-GB"),
                                                ("ES-mx", "es-MX")])  # fmt: skip
def test_a_locale_written_in_other_case_says_how_to_write_it(tmp_path, monkeypatch, tag, canonical):
    # `locales: [en-gb]` failed later with "content/en-gb/sections/...: file not found".
    monkeypatch.chdir(tmp_path)
    _project(tmp_path, ORG + f"locales: [{tag}]\n")
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        f'pocketguide.yaml:4: locales: "{tag}" is written {canonical} (language in small '
        f"letters, region in capitals), as its content folder is named: content/{canonical}/\n",
    )


def test_init_for_gb_writes_uk_words_and_a_fictional_uk_example(tmp_path):
    # A UK charity got "Nearest emergency room" and a commented +1 502 number.
    result = invoke("init", str(tmp_path / "org"), "--region", "GB", "--locale", "en-GB")
    assert result.exit_code == 0, result.output
    hotlines = (tmp_path / "org" / "hotlines.yaml").read_text()
    assert "blanks: [Local crisis line, My supervisor, Nearest A&E, Other]" in hotlines
    config = (tmp_path / "org" / "pocketguide.yaml").read_text()
    assert '# phone: "+44 20 7946 0100"' in config  # Ofcom's range for drama
    assert "+1 502" not in config
