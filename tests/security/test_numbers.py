"""8. Numbers: malformed, foreign and miscounted numbers are errors at their entry and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import never_approved
from pocketguide.approve import write_lock
from pocketguide.build import prepare
from pocketguide.lock import lock_differences, read_lock
from pocketguide.project import load_project

from .helpers import (
    CONFIG,
    EMERGENCY_ENTRY,
    assert_clean_failure,
    invoke,
    make_project,
    section,
)

BAD = [
    ("988x", '"988x" contains "x"; use only digits, spaces and + - . ( )'),
    ("#988", '"#988" contains "#"; use only digits, spaces and + - . ( )'),
    ("020 7946 0018", '"020 7946 0018" is not a valid US phone number'),  # a London number
    ("502-555-014", '"502-555-014" is not a valid US phone number'),  # a digit short
    ("502-555-01420", '"502-555-01420" is not a valid US phone number'),  # a digit too many
    ("98８", '"98８" contains "８"; use only digits, spaces and + - . ( )'),  # a full-width 8
    ("tel:988", '"tel:988" contains "t"; use only digits, spaces and + - . ( )'),
]


@pytest.mark.parametrize(("raw", "message"), BAD)
def test_bad_number_names_entry_and_line(tmp_path, monkeypatch, raw, message):
    hotlines = (
        "hotlines:\n"
        "  - name: Good Line\n"
        "    phone: '988'\n"
        "  - name: Bad Line\n"
        "    hours: 24/7\n"
        f"    phone: '{raw}'\n"
    )
    make_project(tmp_path, {"hotlines.yaml": hotlines})
    monkeypatch.chdir(tmp_path)
    lines = assert_clean_failure(invoke("check", "."))
    assert lines == [f"hotlines.yaml:6: Bad Line: {message}"]


def test_bad_text_number_in_csv_names_the_row(tmp_path, monkeypatch):
    csv = "name,phone,text\nGood,988,\nBad,,741741x\n"
    make_project(tmp_path, {"numbers.csv": csv}, "hotlines: numbers.csv\n")
    monkeypatch.chdir(tmp_path)
    lines = assert_clean_failure(invoke("check", "."))
    assert lines == [
        'numbers.csv:3: Bad: "741741x" contains "x"; use only digits, spaces and + - . ( )'
    ]


def test_number_valid_in_its_own_region_is_accepted(tmp_path):
    hotlines = "hotlines:\n  - name: Samaritans\n    region: GB\n    phone: '116 123'\n"
    make_project(tmp_path, {"hotlines.yaml": hotlines})
    [entry] = prepare(load_project(tmp_path), "en").content.hotlines.hotlines
    assert entry.phone.display == "116 123"


def test_one_digit_change_against_the_lock_is_flagged(tmp_path, monkeypatch):
    line = (
        "hotlines:\n  - name: Warmline\n    phone: 502-555-0242\n    category: crisis\n"
        "    verified: 2026-11-01\n" + EMERGENCY_ENTRY
    )
    make_project(tmp_path, {"hotlines.yaml": line})
    project = load_project(tmp_path)
    write_lock(tmp_path / "hotlines.lock", prepare(project, "en").content.hotlines)
    (tmp_path / "hotlines.yaml").write_text(line.replace("0242", "0243"))
    lock, problems = read_lock(tmp_path / "hotlines.lock", tmp_path)
    assert problems == []
    changed = prepare(load_project(tmp_path), "en").content.hotlines
    assert [message for _entry, message in lock_differences(lock, changed)] == [
        "Warmline: phone changed (502) 555-0242 -> (502) 555-0243 since hotlines.lock; "
        "check it, then run pocketguide approve"
    ]
    monkeypatch.chdir(tmp_path)
    lines = assert_clean_failure(invoke("check", ".", "--strict"))
    assert lines[-1].startswith("hotlines.yaml:2: Warmline: phone changed")


def test_an_entry_removed_since_approval_is_named_at_its_line_in_the_lock(tmp_path, monkeypatch):
    two = (
        "hotlines:\n  - name: Warmline\n    phone: 502-589-0242\n    category: crisis\n"
        "  - name: Crisis\n    phone: 502-589-0243\n    category: crisis\n"
    )
    make_project(tmp_path, {"hotlines.yaml": two})
    monkeypatch.chdir(tmp_path)
    assert invoke("approve", ".").exit_code == 0
    (tmp_path / "hotlines.yaml").write_text(two.split("  - name: Crisis")[0])
    result = invoke("check", ".")
    lock = (tmp_path / "hotlines.lock").read_text().splitlines()
    line = next(n for n, text in enumerate(lock, 1) if "name: Crisis" in text)
    assert (
        f"warning: hotlines.lock:{line}: Crisis: removed since the last approval; "
        "run pocketguide approve"
    ) in result.stderr.splitlines()


def _with_organization_phone(root, phone: str) -> None:
    config = CONFIG.replace("  slug: test\n", f"  slug: test\n  phone: '{phone}'\n")
    (root / "pocketguide.yaml").write_text(config)


def test_the_organization_phone_is_approved_with_the_hotlines(tmp_path, monkeypatch):
    # The back cover prints it beside "Numbers verified as of": a change must not keep that claim.
    line = (
        "hotlines:\n  - name: Warmline\n    phone: 502-589-0242\n    category: crisis\n"
        "    verified: 2026-11-01\n" + EMERGENCY_ENTRY
    )
    make_project(tmp_path, {"hotlines.yaml": line})
    _with_organization_phone(tmp_path, "502-589-0100")
    monkeypatch.chdir(tmp_path)
    assert invoke("approve", ".").exit_code == 0
    assert "organization:\n  phone: (502) 589-0100\n" in (tmp_path / "hotlines.lock").read_text()
    assert invoke("check", ".", "--strict").exit_code == 0
    _with_organization_phone(tmp_path, "502-589-0010")
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: pocketguide.yaml:4: organization.phone changed (502) 589-0100 -> "
        "(502) 589-0010 since hotlines.lock; check it, then run pocketguide approve\n",
    )
    assert prepare(load_project(tmp_path), "en").content.unapproved == ["organization.phone"]


def test_approve_names_an_organization_phone_added_or_changed_since_the_last(tmp_path, monkeypatch):
    # It has no `verified` date, so approve cannot refuse it as it refuses an entry's change:
    # it lists it with the other changes and asks for the call.
    line = (
        "hotlines:\n  - name: Warmline\n    phone: 502-589-0242\n    category: crisis\n"
        "    verified: 2026-11-01\n" + EMERGENCY_ENTRY
    )
    make_project(tmp_path, {"hotlines.yaml": line})
    monkeypatch.chdir(tmp_path)
    assert invoke("approve", ".").exit_code == 0
    today = date.today().isoformat()
    unchecked = (
        "warning: pocketguide.yaml:4: organization.phone: {} has no verified date, so approve "
        f"cannot tell whether anyone called it since the last approval ({today}); make sure "
        "someone did"
    )
    _with_organization_phone(tmp_path, "502-589-0100")
    added = invoke("approve", ".")
    assert added.exit_code == 0
    assert added.stdout.splitlines()[0] == (
        "  organization.phone: (502) 589-0100 is new, not approved yet"
    )
    assert unchecked.format("(502) 589-0100") in added.stderr.splitlines()
    _with_organization_phone(tmp_path, "502-589-0010")
    changed = invoke("approve", ".")
    assert changed.stdout.splitlines()[0] == (
        "  organization.phone changed (502) 589-0100 -> (502) 589-0010 since hotlines.lock"
    )
    assert unchecked.format("(502) 589-0010") in changed.stderr.splitlines()
    _with_organization_phone(tmp_path, "502-589-0010")
    assert invoke("approve", ".").stderr == ""  # nothing new: nothing said
    make_project(tmp_path, {"hotlines.yaml": line})  # the phone taken out again
    removed = invoke("approve", ".")
    assert removed.stdout.splitlines()[0] == "  organization.phone: removed since the last approval"


def test_approve_warns_when_a_changed_number_is_one_keystroke_from_the_approved(
    tmp_path, monkeypatch
):
    # 408-4357 turned 408-4375: approve listed the change and took it without a word.
    entry = (
        "hotlines:\n  - name: Distress Centre\n    phone: 416-408-4357\n    category: crisis\n"
        "    verified: {date}\n" + EMERGENCY_ENTRY
    )
    make_project(tmp_path, {"hotlines.yaml": entry.format(date="2026-11-01")}, "region: CA\n")
    monkeypatch.chdir(tmp_path)
    assert invoke("approve", ".").exit_code == 0
    today = date.today().isoformat()
    swapped = entry.format(date=today).replace("4357", "4375")
    make_project(tmp_path, {"hotlines.yaml": swapped}, "region: CA\n")
    result = invoke("approve", ".")
    assert result.exit_code == 0
    assert (
        "warning: hotlines.yaml:2: Distress Centre: the new phone (416) 408-4375 is one keystroke "
        "from the approved (416) 408-4357; if the service did not change its number, this is a "
        "typo"
    ) in result.stderr.splitlines()
    moved = entry.format(date=today).replace("416-408-4357", "416-555-0199")
    make_project(tmp_path, {"hotlines.yaml": moved}, "region: CA\n")
    assert "keystroke" not in invoke("approve", ".").stderr  # a new number, not a slip


def test_a_lock_from_before_the_organization_phone_was_locked_asks_for_approval(tmp_path):
    line = (
        "hotlines:\n  - name: Warmline\n    phone: 502-589-0242\n    category: crisis\n"
        "    verified: 2026-11-01\n"
    )
    make_project(tmp_path, {"hotlines.yaml": line})
    write_lock(tmp_path / "hotlines.lock", prepare(load_project(tmp_path), "en").content.hotlines)
    _with_organization_phone(tmp_path, "502-589-0100")
    prepared = prepare(load_project(tmp_path), "en")
    assert prepared.warnings == [
        "pocketguide.yaml:4: organization.phone: (502) 589-0100 is not in hotlines.lock; "
        "check it, then run pocketguide approve"
    ]
    assert prepared.content.unapproved == ["organization.phone"]


def test_an_organization_phone_that_is_a_list_is_refused_in_plain_words(tmp_path, monkeypatch):
    make_project(tmp_path)
    config = CONFIG.replace("  slug: test\n", "  slug: test\n  phone: [1, 2]\n")
    (tmp_path / "pocketguide.yaml").write_text(config)
    monkeypatch.chdir(tmp_path)
    assert assert_clean_failure(invoke("check", ".")) == [
        "pocketguide.yaml:4: organization.phone: must be one number written as text, e.g. "
        '"502-555-0100"'
    ]


WARMLINE = (
    "hotlines:\n  - name: Warmline\n    phone: 502-589-0142\n    category: crisis\n"
    "    verified: 2026-11-01\n    notes: After hours call 502-589-014.\n" + EMERGENCY_ENTRY
)


def _closing(tmp_path: Path, body: str) -> Path:
    """A project with one hotline entry and its own closing section."""
    files = {"content/en/sections/closing.md": section(body), "hotlines.yaml": WARMLINE}
    return make_project(tmp_path, files, extra="hotlines: hotlines.yaml\n")


def test_a_link_that_shows_one_number_and_dials_another_is_an_error(tmp_path, monkeypatch):
    # The PDF printed 0143 and the link dialled 0142: only the link was checked.
    project = _closing(
        tmp_path,
        "Call [502-589-0143](tel:502-589-0142) any day.\n\n"
        # Not errors: a relay line names two numbers, hours are no number.
        "Deaf callers: [711, then 502-589-0142](tel:711). [Open 9-5](tel:502-589-0142).\n",
    )
    monkeypatch.chdir(project)
    assert assert_clean_failure(invoke("check", ".")) == [
        'content/en/sections/closing.md:5: the link "502-589-0143" shows 502-589-0143 but '
        "dials (502) 589-0142; make them the same number"
    ]


def test_numbers_typed_into_the_text_are_checked_against_the_hotlines(tmp_path, monkeypatch):
    # A digit left out, or a number no entry has, printed as written: approve, proof and the
    # lock never saw them.
    project = _closing(
        tmp_path,
        "Call [us](tel:502-589-0142), 502-589-0199 or 502-589-014 after hours, "
        "or text [the desk](sms:502-589-0177).\n",
    )
    monkeypatch.chdir(project)
    result = invoke("check", ".")
    assert result.exit_code == 0, result.output
    unlisted = (
        "is no hotline entry's number, so approve and proof never check it and no PDF in this "
        'language prints "Numbers verified as of"; give it an entry in the hotlines file'
    )
    digits = "looks like a phone number but is not a valid one; check its digits"
    assert result.stderr.splitlines() == [
        f"warning: content/en/sections/closing.md:5: the link sms:502-589-0177: (502) 589-0177 "
        f"{unlisted}",
        f'warning: content/en/sections/closing.md:5: "502-589-0199" {unlisted}',
        f'warning: content/en/sections/closing.md:5: "502-589-014" {digits}',
        f'warning: hotlines.yaml:2: Warmline: notes: "502-589-014" {digits}',
        f"warning: {never_approved()}",
    ]


def test_reference_and_html_links_that_dial_another_number_are_errors(tmp_path, monkeypatch):
    # Only [words](tel:...) was compared: these printed one number and dialled the other.
    project = _closing(
        tmp_path,
        "Warmline: [call (502) 589-0143][desk] any weekday.\n\n"
        'Team: <a href="tel:+15025890142">(502) 589-0143</a>\n\n'
        "[desk]: tel:+1-502-589-0142\n",
    )
    monkeypatch.chdir(project)
    assert assert_clean_failure(invoke("check", ".")) == [
        'content/en/sections/closing.md:5: the link "call (502) 589-0143" shows (502) 589-0143 '
        "but dials (502) 589-0142; make them the same number",
        'content/en/sections/closing.md:7: the link "(502) 589-0143" shows (502) 589-0143 but '
        "dials (502) 589-0142; make them the same number",
    ]


def test_a_mistyped_short_code_in_the_words_warns(tmp_path, monkeypatch):
    # "call 991" and "text HOME to 741714" printed as written: only 7+ digit numbers were read.
    project = _closing(
        tmp_path,
        "In danger, call 991. Text HOME to 741714, or call 911 or 998. Since 2011: call 211.\n",
    )
    monkeypatch.chdir(project)
    result = invoke("check", ".")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if "keystroke" in line] == [
        f'warning: content/en/sections/closing.md:5: "{code}" is one keystroke from {near}; '
        "check its digits"
        for code, near in (
            ("991", "911 (emergency services)"),
            ("741714", "741741 (Crisis Text Line)"),
            ("998", "988 (the 988 Suicide & Crisis Lifeline)"),
        )
    ]
