""" "Numbers verified as of" is printed only for numbers a person approved (hotlines.lock)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import run, tiny_config
from pocketguide.build import prepare
from pocketguide.errors import PocketguideError
from pocketguide.formats import Renderer
from pocketguide.options import Options
from pocketguide.project import load_project

DATED = (
    "hotlines:\n"
    "  - name: Test Warmline\n    phone: 502-555-0242\n    hours: 24/7\n    category: crisis\n"
    "    verified: 2026-11-01\n"
    "  - name: Emergency services\n    phone: '911'\n    hours: 24/7\n    category: emergency\n"
    "    verified: 2026-11-01\n"
)
NOT_APPROVED = (
    'warning: hotlines.yaml: no "Numbers verified as of" date is printed until someone checks '
    "every number and runs pocketguide approve\n"
)
CLAIM = "Numbers verified as of November 1, 2026"
EXTENDS = '{% extends "default:guide.html.j2" %}\n'


def _html(folder: Path, fmt: str = "guide") -> str:
    project = load_project(folder)
    prepared = prepare(project, "en")
    return Renderer(project, prepared.content, prepared.assets, Options()).html(fmt)[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pocketguide.yaml").write_text(tiny_config())
    (tmp_path / "hotlines.yaml").write_text(DATED)
    return tmp_path


@pytest.mark.parametrize("fmt", ["guide", "card"])
def test_numbers_never_approved_print_no_verified_date_and_warn(project, fmt):
    assert CLAIM not in _html(project, fmt)
    result = run("check", str(project))
    assert (result.exit_code, result.stderr) == (0, NOT_APPROVED)
    strict = run("check", str(project), "--strict")
    assert (strict.exit_code, strict.stderr) == (
        1,
        NOT_APPROVED.removeprefix("warning: ").replace("\n", " (--strict)\n"),
    )


def test_approving_the_numbers_prints_the_date_and_ends_the_warning(project):
    assert run("approve", str(project)).exit_code == 0
    assert CLAIM in _html(project, "guide")
    assert CLAIM in _html(project, "card")
    assert run("check", str(project)).stderr == ""


def test_a_deleted_lock_takes_the_date_away_again(project):
    assert run("approve", str(project)).exit_code == 0
    (project / "hotlines.lock").unlink()
    assert CLAIM not in _html(project)
    assert run("check", str(project)).stderr == NOT_APPROVED


def test_entries_without_dates_claim_nothing_and_need_no_such_warning(project):
    (project / "hotlines.yaml").write_text(DATED.replace("    verified: 2026-11-01\n", "", 1))
    assert "Numbers verified as of" not in _html(project)
    assert "Numbers verified as of" not in run("check", str(project)).stderr


def test_a_fictional_number_takes_the_date_away_even_when_approved(project):
    # Nobody answers 555-0100 to 555-0199 (or Ofcom's drama numbers): no one checked them.
    assert run("approve", str(project)).exit_code == 0
    assert CLAIM in _html(project, "card")
    config = project / "pocketguide.yaml"
    config.write_text(
        config.read_text().replace("  slug: tiny\n", "  slug: tiny\n  phone: 502-555-0100\n")
    )
    assert run("approve", str(project)).exit_code == 0
    assert CLAIM not in _html(project, "card")  # the back cover prints the organization's too
    config.write_text(config.read_text().replace("  phone: 502-555-0100\n", ""))
    today = dt.date.today().isoformat()
    (project / "hotlines.yaml").write_text(
        DATED.replace("502-555-0242", "502-555-0199").replace("2026-11-01", today)
    )
    approved = run("approve", str(project))
    assert approved.exit_code == 0
    assert approved.stderr == (
        "warning: hotlines.yaml:2: Test Warmline: (502) 555-0199 is a fictional number "
        "(555-0100 to 555-0199 are kept for examples); put in the real one; until then no PDF "
        "prints the verified date\n"
    )
    assert "Numbers verified as of" not in _html(project, "guide")
    assert "Numbers verified as of" not in _html(project, "card")


def test_the_date_is_written_as_the_edition_writes_dates(tmp_path):
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="region: GB\nlocales: [en-GB]\n"))
    (tmp_path / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Samaritans\n    phone: 116 123\n    category: crisis\n"
        "    verified: 2026-11-01\n  - name: Emergency\n    phone: '999'\n"
        "    category: emergency\n    verified: 2026-11-01\n"
    )
    assert run("approve", str(tmp_path)).exit_code == 0
    project = load_project(tmp_path)
    prepared = prepare(project, "en-GB")
    html = Renderer(project, prepared.content, prepared.assets, Options()).html("card")[0]
    assert "Numbers verified as of 1 November 2026" in html


def test_the_shipped_numbers_keep_their_date_without_a_lock(tmp_path):
    # pocketguide's own data, checked by its makers: an empty folder builds the default guide.
    assert "Numbers verified as of" in _html(tmp_path)


TRANSLATED = DATED.replace(
    "    hours: 24/7\n    category: crisis\n",
    "    hours: Mon-Fri 9am-5pm\n    category: crisis\n"
    "    translations:\n      es:\n        hours: lun-vie 9-17 h\n",
    1,
)


def test_approve_refuses_while_an_edition_gives_other_hours(project):
    # The hours changed in English; the Spanish card would still say 9 to 5, "verified".
    config = project / "pocketguide.yaml"
    config.write_text(config.read_text() + "locales: [en, es]\n")
    hotlines = project / "hotlines.yaml"
    hotlines.write_text(TRANSLATED.replace("Mon-Fri 9am-5pm", "Mon-Sat 10am-10pm"))
    result = run("approve", str(project))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'{hotlines.name}:2: Test Warmline: translations: es: hours: "lun-vie 9-17 h" says '
        '09:00, 17:00, which hours ("Mon-Sat 10am-10pm") does not; if the hours changed, '
        "change them here too; approve refuses until then"
    ]
    assert not (project / "hotlines.lock").exists()
    hotlines.write_text(
        TRANSLATED.replace("lun-vie 9-17 h", "lun-sáb 10-22 h").replace(
            "Mon-Fri 9am-5pm", "Mon-Sat 10am-10pm"
        )
    )
    assert run("approve", str(project)).exit_code == 0


def test_the_organization_number_needs_an_approval_too(tmp_path, monkeypatch):
    # No hotlines file: the back cover printed the organization's number beside the date,
    # and approve refused ("no hotlines to approve").
    monkeypatch.chdir(tmp_path)
    Path("pocketguide.yaml").write_text(
        'organization:\n  name: Org\n  slug: org\n  phone: "+1 502 589 1234"\n'
    )
    assert "Numbers verified as of" not in _html(tmp_path)
    assert run("check", ".").stderr == (
        'warning: pocketguide.yaml:4: no "Numbers verified as of" date is printed until someone '
        "checks every number and runs pocketguide approve\n"
    )
    assert run("approve", ".").stdout == "approved organization.phone: hotlines.lock\n"
    # The number is the project's own; pocketguide's list is not, and stays out of the lock.
    lock = Path("hotlines.lock").read_text()
    assert "+15025891234" in lock and "988" not in lock and "approved: []" in lock
    assert "Numbers verified as of" in _html(tmp_path)
    assert run("check", ".").stderr == ""
    # Approved again after pocketguide's own list changed (a new release): nothing to refuse.
    assert run("approve", ".").exit_code == 0


def test_an_edition_whose_hours_changed_after_approval_prints_no_date(project):
    # Approved, then the Spanish hours edited: the card said "lun-vie 9-17 h" beside the date.
    config = project / "pocketguide.yaml"
    config.write_text(config.read_text() + "locales: [en, es]\n")
    hotlines = project / "hotlines.yaml"
    hotlines.write_text(TRANSLATED)
    assert run("approve", str(project)).exit_code == 0
    hotlines.write_text(TRANSLATED.replace("lun-vie 9-17 h", "lun-sáb 10-22 h"))
    project_ = load_project(project)
    for locale, claimed in (("en", True), ("es", False)):
        prepared = prepare(project_, locale)
        html = Renderer(project_, prepared.content, prepared.assets, Options()).html("card")[0]
        assert ('class="card-verified"' in html) is claimed, locale


def test_a_language_folders_numbers_stay_out_of_the_organizations_lock(tmp_path, monkeypatch):
    # approve locked content/en/hotlines.yaml's numbers, and every check then said "new entry".
    monkeypatch.chdir(tmp_path)
    Path("pocketguide.yaml").write_text(
        'organization:\n  name: Org\n  slug: org\n  phone: "+1 502 589 1234"\n'
    )
    Path("content/en").mkdir(parents=True)
    Path("content/en/hotlines.yaml").write_text(DATED)
    assert run("approve", ".").stdout == "approved organization.phone: hotlines.lock\n"
    assert "502-555-0242" not in Path("hotlines.lock").read_text()
    said = run("check", ".").stderr
    assert "new entry" not in said and "since hotlines.lock" not in said
    assert CLAIM not in _html(tmp_path)  # numbers nobody can approve: no date


def test_words_no_edition_prints_do_not_stop_an_approval(project):
    # A French translation in an English and Spanish project: never printed (a warning says
    # so), yet approve refused over its hours, and the English date went with them.
    config = project / "pocketguide.yaml"
    config.write_text(config.read_text() + "locales: [en, es]\n")
    (project / "hotlines.yaml").write_text(
        TRANSLATED.replace("      es:\n        hours: lun-vie 9-17 h\n", "").replace(
            "    translations:\n", "    translations:\n      fr:\n        hours: lun-ven 8-16 h\n"
        )
    )
    assert run("approve", str(project)).exit_code == 0
    assert CLAIM in _html(project)


@pytest.mark.parametrize(
    ("english", "spanish"),
    [("Mon-Thu 8am-8pm", "lun-vie 8-20 h"), ("Sat-Sun 3pm-11pm", "todos los días, 15-23 h")],
)
def test_translated_days_left_behind_warn_and_stop_an_approval(project, english, spanish):
    # The days changed in English only: the Spanish card sent Friday callers to a closed line.
    config = project / "pocketguide.yaml"
    config.write_text(config.read_text() + "locales: [en, es]\n")
    (project / "hotlines.yaml").write_text(
        TRANSLATED.replace("Mon-Fri 9am-5pm", english).replace("lun-vie 9-17 h", spanish)
    )
    said = f'translations: es: hours: "{spanish}" names other days than hours ("{english}")'
    assert said in run("check", str(project)).stderr
    result = run("approve", str(project))
    assert result.exit_code == 1 and said in result.stderr


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("content/en/sections/closing.md", "---\ntitle: Closing\n---\n\nOr call 502-555-0199.\n"),
        (
            "templates/guide.html.j2",
            EXTENDS + "{% block cover_extra %}502-555-0199{% endblock %}\n",
        ),
    ],
)
def test_an_approved_edition_printing_a_number_no_entry_has_prints_no_date(project, path, text):
    # Approved entries vouch for their own numbers only: the date beside an unchecked one lied.
    (project / "pocketguide.yaml").write_text(tiny_config().replace(" closing,", ""))
    assert run("approve", str(project)).exit_code == 0
    assert CLAIM in _html(project)
    (project / path).parent.mkdir(parents=True, exist_ok=True)
    (project / path).write_text(text)
    assert CLAIM not in _html(project)
    assert CLAIM not in _html(project, "card")
    warning = run("check", str(project)).stderr
    assert warning == (
        f'warning: {path}:{text.count(chr(10))}: "502-555-0199" is no hotline entry\'s '
        "number, so approve and proof never check it and no PDF in this language prints "
        '"Numbers verified as of"; give it an entry in the hotlines file\n'
    )


def test_a_template_that_writes_the_claim_itself_is_refused_while_it_is_untrue(project):
    # Hand-written on the back cover, it printed beside a changed, unapproved number, and the
    # warnings said no PDF printed it; approved, it kept its own, older date.
    (project / "templates").mkdir()
    template = project / "templates" / "guide.html.j2"
    template.write_text(
        EXTENDS + "{% block cover_extra %}<p>Numbers verified&nbsp;as OF December 1, 2026</p>"
        "{% endblock %}\n"
    )
    untrue = (
        'templates/guide.html.j2:2: the guide prints "Numbers verified as of" with a date of '
        "its own, but {} "
        "(see the warnings); print it only as the default templates do, "
        "{{% if verified_as_of %}}...{{{{ verified_as_of }}}}"
    )
    with pytest.raises(PocketguideError) as refused:
        _html(project)
    assert str(refused.value) == untrue.format("no date can be vouched for in this edition")
    assert run("approve", str(project)).exit_code == 0
    with pytest.raises(PocketguideError) as refused:
        _html(project)
    assert str(refused.value) == untrue.format("its date is November 1, 2026")
    template.write_text(
        EXTENDS + "{% block cover_extra %}<p>Numbers verified as of November 1, 2026</p>"
        "{% endblock %}\n"
    )
    assert CLAIM in _html(project)  # the same words and date as the edition's own: true


@pytest.mark.parametrize(
    "written",
    [
        "N<span>umbers verified as of June 1, 2026</span>",
        "Numbers&#8203; verified as of June 1, 2026",
        "Numbers veri&shy;fied as of June 1, 2026",
    ],
)
def test_a_claim_split_by_markup_or_invisible_marks_is_refused_too(project, written):
    (project / "templates").mkdir()
    (project / "templates" / "guide.html.j2").write_text(
        EXTENDS + f"{{% block cover_extra %}}<p>{written}</p>{{% endblock %}}\n"
    )
    with pytest.raises(PocketguideError) as refused:
        _html(project)
    assert "with a date of its own, but no date can be vouched for" in str(refused.value)


def test_check_refuses_a_claim_written_in_the_text_and_names_its_line(project):
    # Only the build refused it: `check` said ok, and the message blamed the templates.
    (project / "pocketguide.yaml").write_text(tiny_config().replace(" closing,", ""))
    (project / "content/en/sections").mkdir(parents=True)
    closing = "---\ntitle: Closing\n---\n\nAll good.\n\nNumbers  verified\nas of May 2, 2026.\n"
    (project / "content/en/sections/closing.md").write_text(closing)
    checked = run("check", str(project))
    assert checked.exit_code == 1
    assert checked.stderr.splitlines()[-1] == (
        'content/en/sections/closing.md:7: the guide prints "Numbers verified '
        'as of" with a date of its own, but no date can be vouched for in this edition (see '
        "the warnings); print it only as the default templates do, {% if verified_as_of %}..."
        "{{ verified_as_of }}"
    )


def test_a_number_of_the_text_given_an_entry_brings_the_date_back(project):
    (project / "content/en/sections").mkdir(parents=True)
    (project / "pocketguide.yaml").write_text(tiny_config().replace(" closing,", ""))
    closing = "---\ntitle: Closing\n---\n\nCall 502-555-0242.\n"
    (project / "content/en/sections/closing.md").write_text(closing)
    assert run("approve", str(project)).exit_code == 0
    assert CLAIM in _html(project)
    assert run("check", str(project)).stderr == ""


OLD_LOCK = (  # as pocketguide wrote it before version 2: no urls, no day of approval
    "approved:\n- name: Test Warmline\n  phone: (502) 555-0242\n"
    "  phone_normalized: '+15025550242'\n"
    "- name: Emergency services\n  phone: '911'\n  phone_normalized: '911'\n"
)


@pytest.mark.parametrize("version", ["", "version: 2\napproved_on: 2026-11-20\n"])
def test_a_lock_from_an_older_pocketguide_vouches_for_nothing_until_approved_again(
    project, version
):
    # The examples shipped such locks: a chat link's typo passed unseen beside the date (no
    # urls before version 2), and so did new hours (none before version 3).
    (project / "hotlines.lock").write_text(version + OLD_LOCK)
    assert CLAIM not in _html(project)
    missing = "hours" if version else "hours, chat links (url) or day of approval"
    assert run("check", str(project)).stderr == (
        f"warning: hotlines.lock: written by an older pocketguide, it holds no {missing}, so no "
        'PDF prints "Numbers verified as of"; check every entry, then run pocketguide approve\n'
    )
    approved = run("approve", str(project))
    assert approved.stderr == (
        "warning: hotlines.lock: the lock an older pocketguide wrote held no hours: they are "
        "recorded as checked from now on, so make sure every entry's hours are right\n"
    )
    assert CLAIM in _html(project)


def test_an_older_lock_dates_its_approval_by_the_file_so_old_dates_are_refused(project):
    # Copied from an example, numbers replaced, the example's verified dates kept: approve
    # took them, and the card claimed November 1 for numbers typed on December 2.
    (project / "hotlines.lock").write_text(OLD_LOCK)
    (project / "hotlines.yaml").write_text(DATED.replace("502-555-0242", "502-589-1243"))
    result = run("approve", str(project))
    assert (result.exit_code, result.stderr) == (
        1,
        f"hotlines.yaml:2: Test Warmline: verified 2026-11-01 is before hotlines.lock was last "
        f"saved ({dt.date.today()}), so the new details were not checked that day; check the "
        "new details against what the service publishes (no test call), set verified to the "
        "day you did, then approve again\n",
    )
    assert (project / "hotlines.lock").read_text() == OLD_LOCK


def test_a_new_entry_with_a_date_before_the_last_approval_is_named(project):
    # Copied with the block above it, its date said it was checked weeks before it was typed.
    # Yet a number checked yesterday and added after today's approval is no lie: approve says
    # so and goes on.
    assert run("approve", str(project)).exit_code == 0
    lock = (project / "hotlines.lock").read_text()
    (project / "hotlines.lock").write_text(
        lock.replace(f"approved_on: {dt.date.today()}", "approved_on: 2026-11-20")
    )
    copied = "  - name: Youth Crisis Line\n    phone: 502-589-8070\n    verified: 2026-11-01\n"
    (project / "hotlines.yaml").write_text(DATED + copied)
    result = run("approve", str(project))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        "warning: hotlines.yaml:12: Youth Crisis Line: a new entry verified 2026-11-01, before "
        "the last approval (2026-11-20); if that is not the day you checked it (a block copied "
        "with its date), set verified to that day and approve again"
    )


def test_a_change_dated_the_day_of_the_last_approval_is_refused_on_a_later_day(project):
    # Checked and approved on November 1; a month later a number changed, its date left as
    # it was: approved, and the card printed the unchecked number "verified as of" November 1.
    assert run("approve", str(project)).exit_code == 0
    lock = (project / "hotlines.lock").read_text()
    old_lock = lock.replace(f"approved_on: {dt.date.today()}", "approved_on: 2026-11-01")
    (project / "hotlines.lock").write_text(old_lock)
    (project / "hotlines.yaml").write_text(DATED.replace("502-555-0242", "502-589-1243"))
    result = run("approve", str(project))
    assert (result.exit_code, result.stderr) == (
        1,
        "hotlines.yaml:2: Test Warmline: verified 2026-11-01 is the day of the last approval "
        "(2026-11-01), and the entry changed after it, so the new details were not checked that "
        "day; check the new details against what the service publishes (no test call), set "
        "verified to the day you did, then approve again\n",
    )
    assert (project / "hotlines.lock").read_text() == old_lock
    # Approved again on the day it was checked: the same day, nothing to doubt.
    today = dt.date.today().isoformat()
    (project / "hotlines.lock").write_text(lock.replace("2026-11-01", today))
    dated_today = DATED.replace("2026-11-01", today)
    (project / "hotlines.yaml").write_text(dated_today.replace("502-555-0242", "502-589-1243"))
    assert run("approve", str(project)).exit_code == 0


@pytest.mark.parametrize(
    ("change", "refused"),
    [
        (("24/7", "Mon-Fri 9am-5pm"), True),  # renamed, and new hours
        (("502-555-0242", "911"), True),  # renamed, and another approved entry's number
        (("24/7", "24/7"), False),  # renamed only: nothing new to check
    ],
)
def test_a_renamed_entry_with_new_details_is_refused_like_a_changed_one(project, change, refused):
    # A rename made the entry "new", and its numbers were in the lock: approved under the old
    # date, hours and all, and the guide printed them "verified as of" November 1.
    assert run("approve", str(project)).exit_code == 0
    lock = (project / "hotlines.lock").read_text()
    old_lock = lock.replace(f"approved_on: {dt.date.today()}", "approved_on: 2026-11-20")
    (project / "hotlines.lock").write_text(old_lock)
    renamed = DATED.replace("Test Warmline", "Peer Warmline").replace(*change, 1)
    (project / "hotlines.yaml").write_text(renamed)
    result = run("approve", str(project))
    assert result.exit_code == (1 if refused else 0), result.stderr
    if refused:
        assert result.stderr.startswith(
            "hotlines.yaml:2: Peer Warmline (new beside a removed entry): verified 2026-11-01 is "
            "before the last approval "
            "(2026-11-20), so the new details were not checked that day;"
        )
        assert (project / "hotlines.lock").read_text() == old_lock


def test_hours_changed_after_approval_warn_and_take_the_date_away(project):
    # "24/7" became "Mon-Fri 9am-5pm" after approval: no warning, and the date still printed.
    assert run("approve", str(project)).exit_code == 0
    changed = DATED.replace("24/7", "Mon-Fri 9am-5pm", 1)
    (project / "hotlines.yaml").write_text(changed)
    assert CLAIM not in _html(project)
    assert run("check", str(project)).stderr.splitlines()[-1] == (
        'warning: hotlines.yaml:2: Test Warmline: hours changed "24/7" -> "Mon-Fri 9am-5pm" since '
        "hotlines.lock; check it, then run pocketguide approve"
    )
    # New hours are new details: approved once someone checked them and dated it.
    assert run("approve", str(project)).exit_code == 1
    today = dt.date.today().isoformat()
    (project / "hotlines.yaml").write_text(changed.replace("2026-11-01", today, 1))
    assert run("approve", str(project)).exit_code == 0
    assert "Numbers verified as of" in _html(project)


def test_a_number_in_a_blank_label_warns_and_takes_the_date_away(project):
    # A digit off the real poison line, typed into a blank's label: no warning at all.
    assert run("approve", str(project)).exit_code == 0
    (project / "hotlines.yaml").write_text(DATED + "blanks: [Poison control 1-800-222-1221]\n")
    assert CLAIM not in _html(project)
    assert run("check", str(project)).stderr == (
        'warning: hotlines.yaml:12: blanks: "Poison control 1-800-222-1221" holds the number '
        '"1-800-222-1221", which nothing checks, so no PDF in this language prints "Numbers '
        'verified as of"; give it an entry of its own (a blank line is for a number written by '
        "hand)\n"
    )


@pytest.mark.parametrize(
    ("label", "warning"),
    [
        (
            "Ambulance (call 9-1-2)",
            '"912" is one keystroke from 911 (emergency services); check its digits',
        ),
        ("My sponsor (since 2019)", None),
        ("Room 204 key holder", None),
        ("Nearest ER (I-65 exit 131)", None),
    ],
)
def test_a_blank_label_warns_of_a_likely_typo_and_keeps_the_date(project, label, warning):
    # A year, a room or a highway exit took the date away from every PDF.
    assert run("approve", str(project)).exit_code == 0
    (project / "hotlines.yaml").write_text(DATED + f"blanks: [{label}]\n")
    assert CLAIM in _html(project)
    expected = f"warning: hotlines.yaml:12: blanks: {warning}\n" if warning else ""
    assert run("check", str(project)).stderr == expected


def test_digits_in_a_name_that_are_not_its_number_warn(project):
    # "989 Suicide & Crisis Lifeline" printed above 988; the Spanish name was checked, not this.
    (project / "hotlines.yaml").write_text(DATED.replace("Test Warmline", "989 Lifeline"))
    assert run("approve", str(project)).exit_code == 0
    assert CLAIM in _html(project)  # likely, not certain: a warning, the date to the approver
    assert run("check", str(project)).stderr == (
        'warning: hotlines.yaml:2: 989 Lifeline: name: "989" is not a number of this entry '
        "((502) 555-0242); check its digits\n"
    )
    # A year, the entry's own number, or another service's code in its name is no such thing.
    named = DATED.replace("Test Warmline", "Metro311 Warmline 0242 (since 1998)")
    (project / "hotlines.yaml").write_text(named)
    assert run("approve", str(project)).exit_code == 0
    assert run("check", str(project)).stderr == ""


def test_hours_written_in_other_capitals_or_dashes_are_the_same_hours(project):
    # "Every day" to "every day" asked for the warmline to be called again.
    (project / "hotlines.yaml").write_text(DATED.replace("24/7", "Mon-Fri 9am-5pm", 1))
    assert run("approve", str(project)).exit_code == 0
    (project / "hotlines.yaml").write_text(DATED.replace("24/7", "mon\u2013fri 9am - 5pm", 1))
    assert "hours changed" not in run("check", str(project)).stderr
    assert CLAIM in _html(project)


def test_a_number_in_the_spanish_catalog_leaves_the_english_date_alone(project):
    # Only the Spanish PDFs print es.po's words.
    (project / "pocketguide.yaml").write_text(tiny_config() + "locales: [en, es]\n")
    (project / "templates" / "i18n").mkdir(parents=True)
    (project / "templates" / "i18n" / "es.po").write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Notes"\nmsgstr "Notas: 502-555-0199"\n'
    )
    assert run("approve", str(project)).exit_code == 0
    assert CLAIM in _html(project)
    warnings = run("check", str(project), "--locale", "es").stderr
    assert 'templates/i18n/es.po:5: "502-555-0199" is no hotline entry' in warnings


def test_a_number_in_a_translated_blank_label_is_named_at_its_line(project):
    (project / "pocketguide.yaml").write_text(tiny_config() + "locales: [en, es]\n")
    translated = "translations:\n  es:\n    blanks:\n      - Toxicología 1-800-222-1221\n"
    (project / "hotlines.yaml").write_text(DATED + "blanks: [Poison control]\n" + translated)
    warnings = run("check", str(project), "--locale", "es").stderr
    assert 'hotlines.yaml:16: blanks: "Toxicología 1-800-222-1221" holds the number' in warnings
