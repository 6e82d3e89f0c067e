"""Behaviours no other test pinned (found by mutation testing): each test names its mutant."""

from __future__ import annotations

import datetime as dt
import types

import pytest
from pydantic import ValidationError

from conftest import tiny_config
from pocketguide import output
from pocketguide.approve import write_lock
from pocketguide.build import build
from pocketguide.cache import Manifest
from pocketguide.doubts import doubt, entry_warnings
from pocketguide.errors import PocketguideError
from pocketguide.lock import lock_differences, read_lock
from pocketguide.models import Hotline, HotlineFile
from pocketguide.output import write_atomic
from pocketguide.phones import is_emergency, parse_number
from pocketguide.prepare import prepare
from pocketguide.project import load_project
from pocketguide.textnumbers import broken_numbers
from pocketguide.verify import verify_pdf
from security.helpers import assert_clean_failure, invoke, make_project
from test_incremental import HOTLINES

A6 = (105.0, 148.0)
OLD_PDF = b"%PDF-1.7\n% the last good build\n"
NEW_PDF = b"%PDF-1.7\n% a new build\n"


@pytest.fixture(scope="module")
def two_page_a6() -> bytes:
    """A two-page A6 PDF printing 988 and 911."""
    import weasyprint

    html = "<html lang='en'><style>@page { size: 105mm 148mm }</style><p>Call 988</p>"
    return weasyprint.HTML(string=html + "<p style='break-before: page'>911</p>").write_pdf()


def verify_problems(*args, **kwargs) -> list[str]:
    with pytest.raises(PocketguideError) as info:
        verify_pdf(*args, **kwargs)
    return [str(p) for p in info.value.problems]


# phones.py ----------------------------------------------------------------------------------


def test_a_foreign_number_dialled_with_an_exit_code_is_refused():
    # Mutant P2 (phones.py:86, the `foreign and not "+"` check dropped) accepted it.
    with pytest.raises(ValueError) as info:
        parse_number("011 44 20 7946 0018", "US")
    assert str(info.value) == '"011 44 20 7946 0018" is not a valid US phone number'


def test_a_two_digit_emergency_number_is_found_at_the_start_of_a_short_code():
    # Mutant P4 (phones.py:254, prefixes searched from 3 digits) missed two-digit ones.
    # Niger's metadata has 15 as an emergency number and 155 as another short code.
    number = parse_number("155", "NE")
    assert number.emergency_prefix == "15"
    assert doubt(number) == ("155 starts with the emergency number 15; check for an extra digit")


def test_a_short_number_of_another_region_that_also_works_at_home_does_not_warn():
    # Mutant P6 (phones.py:78, `not _is_short_number(text, home)` dropped) said that
    # 988 of Canada "works only there" in a US guide, where 988 works as well.
    number = parse_number("988", "CA", home="US")
    assert number.only_in is None
    assert doubt(number) is None
    assert parse_number("116 123", "GB", home="US").only_in == "GB"


def test_a_seven_digit_run_shaped_like_a_number_is_found():
    # Mutant P7 (phones.py:173, 8 digits at least) let seven-digit runs through unchecked.
    assert broken_numbers("Call 502 55 01 now", "US") == ["502 55 01"]


# models.py ----------------------------------------------------------------------------------


def test_a_verified_date_two_days_ahead_is_an_error(tmp_path, monkeypatch):
    # Mutant M2 (models.py:217, two days of slack) accepted it; the existing test used 3 days.
    later = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    hotlines = (
        "hotlines:\n  - name: Warmline\n    phone: 502-589-0242\n    category: crisis\n"
        f"    verified: {later}\n"
    )
    make_project(tmp_path, {"hotlines.yaml": hotlines})
    monkeypatch.chdir(tmp_path)
    assert assert_clean_failure(invoke("check", ".")) == [
        f"hotlines.yaml:5: Warmline: verified: {later} is in the future; use the day you checked"
    ]


def test_an_emergency_entry_of_another_region_is_checked_in_its_region():
    # Mutant M5 (models.py:238, the guide's region instead of the entry's) refused 999 of
    # GB in a US guide, and named the wrong region for 111 (NHS non-emergency).
    uk = {"name": "UK emergency", "region": "GB", "phone": "999", "category": "emergency"}
    entry = Hotline.model_validate(uk, context={"region": "US"})
    assert is_emergency(entry.phone, "GB")
    with pytest.raises(ValidationError) as info:
        Hotline.model_validate(uk | {"phone": "111"}, context={"region": "US"})
    assert 'phone: "111" is not an emergency number in GB' in str(info.value)


# hotlines.py --------------------------------------------------------------------------------


def test_an_entry_verified_exactly_max_age_days_ago_is_not_stale():
    # Mutant H1 (hotlines.py:204, `>=` for `>`) warned a day early.
    today = dt.date(2026, 6, 1)

    def warnings(days_ago: int) -> list[str]:
        verified = today - dt.timedelta(days=days_ago)
        entry = {"name": "Warmline", "phone": "502-589-0242", "verified": verified}
        hotlines = HotlineFile.model_validate({"hotlines": [entry]}, context={"region": "US"})
        return entry_warnings(hotlines, "hotlines.yaml", 365, today)

    assert warnings(365) == []
    assert warnings(366) == [
        "hotlines.yaml: Warmline: last verified 2025-05-31, more than 365 days ago"
    ]


# lock.py ------------------------------------------------------------------------------------


def test_a_text_number_changed_since_approval_is_flagged(tmp_path):
    # Mutant L1 (lock.py:116, only phone numbers compared) let a changed SMS number print
    # under an approved lock without a word.
    entry = (
        "hotlines:\n  - name: Crisis Text\n    text: 502-589-0242\n    category: crisis\n"
        "    verified: 2026-11-01\n"
    )
    make_project(tmp_path, {"hotlines.yaml": entry})
    write_lock(tmp_path / "hotlines.lock", prepare(load_project(tmp_path), "en").content.hotlines)
    (tmp_path / "hotlines.yaml").write_text(entry.replace("0242", "0243"))
    lock, problems = read_lock(tmp_path / "hotlines.lock", tmp_path)
    assert problems == []
    changed = prepare(load_project(tmp_path), "en").content.hotlines
    assert [message for _entry, message in lock_differences(lock, changed)] == [
        "Crisis Text: text changed (502) 589-0242 -> (502) 589-0243 since hotlines.lock; "
        "check it, then run pocketguide approve"
    ]


# verify.py ----------------------------------------------------------------------------------


def test_too_many_pages_fail_verification(two_page_a6):
    # Mutant V1 (verify.py:66, only the lower bound checked) passed a PDF that ran long.
    assert verify_problems(two_page_a6, "out.pdf", A6, ["988"], (1, 1)) == [
        "out.pdf: 2 pages; expected 1-1"
    ]
    assert verify_pdf(two_page_a6, "out.pdf", A6, ["988"], (2, 2)) == 2


def test_pages_turned_sideways_pass_only_when_allowed(two_page_a6):
    # Mutant V2 (verify.py:79, `either_way` ignored) passed a guide laid out sideways.
    sideways = (148.0, 105.0)
    assert verify_problems(two_page_a6, "out.pdf", sideways, ["988"]) == [
        "out.pdf: page 1 is 297.6 x 419.5 pt, expected 419.5 x 297.6 pt"
    ]
    assert verify_pdf(two_page_a6, "out.pdf", sideways, ["988"], either_way=True) == 2


# build.py, cache.py, stale ------------------------------------------------------------------


def test_an_edit_of_a_shared_hotlines_file_outside_the_project_rebuilds(tmp_path):
    # Mutant B1 (build.py:109, the outside file not kept as an extra input) answered the
    # second build "up to date", and the guide kept the old number.
    project = tmp_path / "project"
    project.mkdir()
    shared = tmp_path / "shared-hotlines.yaml"
    shared.write_text(HOTLINES)
    (project / "pocketguide.yaml").write_text(tiny_config(extra=f"hotlines: {shared}\n"))
    first = build(project, jobs=1)
    assert [item.fresh for item in first.written] == [False]
    shared.write_text(HOTLINES.replace("502-555-0163", "502-555-0164"))
    second = build(project, jobs=1)
    assert [item.fresh for item in second.written] == [False]
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(second.written[0].path).pages)
    assert "555-0164" in text and "555-0163" not in text


def test_a_new_day_re_evaluates_verified_dates_on_an_unchanged_project(tmp_path, monkeypatch):
    # Mutant C2 (cache.py:110, today's date left out of the inputs digest) answered a build
    # on the day a number became stale from the manifest, with yesterday's (no) warnings.
    import pocketguide.digests as cache
    import pocketguide.hotline_warnings as hotline_warnings

    checked = (dt.date.today() - dt.timedelta(days=365)).isoformat()
    (tmp_path / "pocketguide.yaml").write_text(tiny_config())
    (tmp_path / "hotlines.yaml").write_text(HOTLINES.replace("2026-11-01", checked))
    first = build(tmp_path, jobs=1)
    assert not any("more than 365 days ago" in w for w in first.warnings), first.warnings

    class Tomorrow(dt.date):
        @classmethod
        def today(cls):
            return dt.date.today() + dt.timedelta(days=1)

    tomorrow = types.SimpleNamespace(date=Tomorrow, timedelta=dt.timedelta)
    monkeypatch.setattr(cache, "dt", tomorrow)
    monkeypatch.setattr(hotline_warnings, "dt", tomorrow)
    second = build(tmp_path, jobs=1)
    stale = [w for w in second.warnings if "more than 365 days ago" in w]
    assert stale == [
        f"hotlines.yaml:2: 988 Suicide & Crisis Lifeline: last verified {checked}, "
        "more than 365 days ago",
        f"hotlines.yaml:6: Recovery Helpline: last verified {checked}, more than 365 days ago",
    ]


class _Rendered:
    def __init__(self, data: bytes):
        self.data, self.pages, self.warnings = data, 1, []


def test_only_outputs_still_as_written_are_named_stale(tmp_path):
    # Mutant S1 (cache.py:224, the file's digest not compared) named a file that was
    # replaced since (by hand, or by another build) as made from the old numbers.
    out = tmp_path / "output"
    out.mkdir()
    zine = out / "tiny-zine-en.pdf"
    zine.write_bytes(OLD_PDF)
    manifest = Manifest(out)
    manifest.record_output(zine, "fingerprint", _Rendered(OLD_PDF))
    manifest.note_numbers(zine, tmp_path, "old numbers", ("zine", "en"))
    found = manifest.made_from_other_numbers(tmp_path, "new numbers", [])
    assert found == [(zine, "zine", "en", "")]
    assert manifest.made_from_other_numbers(tmp_path, "old numbers", []) == []
    zine.write_bytes(NEW_PDF)
    assert manifest.made_from_other_numbers(tmp_path, "new numbers", []) == []


# output.py ----------------------------------------------------------------------------------


def test_a_symlinked_pdf_target_is_refused_and_left_as_it_is(tmp_path):
    # Mutant O1 (output.py:36, the symlink check dropped) replaced the link with a new file.
    elsewhere = tmp_path / "archive" / "last-year.pdf"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(OLD_PDF)
    target = tmp_path / "out" / "guide.pdf"
    target.parent.mkdir()
    target.symlink_to(elsewhere)
    with pytest.raises(PocketguideError, match="refusing to overwrite a file that is not a PDF"):
        write_atomic(target, NEW_PDF)
    assert target.is_symlink() and elsewhere.read_bytes() == OLD_PDF


def test_the_named_temp_fallback_also_writes_a_readable_file(tmp_path, monkeypatch):
    # Mutant O2 (output.py:136, mode 0600) made PDFs others could not read where O_TMPFILE
    # is missing (macOS, some network file systems); the existing test took the other path.
    monkeypatch.setattr(output, "_open_unnamed", lambda folder: None)
    target = tmp_path / "guide.pdf"
    write_atomic(target, NEW_PDF)
    assert target.read_bytes() == NEW_PDF
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["guide.pdf"]


# yamlload.py --------------------------------------------------------------------------------


def test_a_front_matter_refusal_names_the_file_line(tmp_path, monkeypatch):
    # Mutant E1 (yamlload.py:193, line_offset left out of YamlProblem lines) put front
    # matter refusals (anchors, tags, duplicate keys) one line above, on the "---".
    closing = "---\ntitle: &t Closing\n---\n\nBody\n"
    make_project(tmp_path, {"content/en/sections/closing.md": closing})
    monkeypatch.chdir(tmp_path)
    assert assert_clean_failure(invoke("check", ".")) == [
        "content/en/sections/closing.md:2: YAML anchors and aliases (& and *) are not allowed"
    ]


# fitcheck.py --------------------------------------------------------------------------------


def test_a_face_half_a_millimetre_over_is_refused():
    # Mutants F1/F2 (fitcheck.py, tolerance 1 mm): the suite's overflows were 1.8 and 2.0 mm.
    from pocketguide.fitcheck import Fit, overflow_problems

    assert overflow_problems([Fit("card front", 50.1, 50.0, wide_mm=0.1)], "out.pdf") == []
    tall = overflow_problems([Fit("card front", 50.5, 50.0)], "out.pdf")
    assert [str(p) for p in tall] == [
        "out.pdf: the card front overflows by 0.5 mm (50.5 mm of content in 50.0 mm); "
        "shorten its text (type is never shrunk to make it fit)"
    ]
    wide = overflow_problems(
        [Fit("card front", 10.0, 50.0, wide_mm=0.5, widest="(502) 555-0142")], "out.pdf"
    )
    assert [str(p) for p in wide] == [
        'out.pdf: the card front is 0.5 mm too wide: "(502) 555-0142" does not fit across its '
        "face and would be cut off at the edge; shorten it (type is never shrunk to make it fit)"
    ]


# kit.py -------------------------------------------------------------------------------------


def test_the_card_lists_emergency_then_crisis_then_warmline_whatever_the_file_order(tmp_path):
    # Mutant K2 (kit.py:43, no category sort) printed the warmline first on the card. Emergency
    # comes first, as on the crisis page: "in danger right now" is never overleaf.
    from pocketguide.kit import kit_hotlines

    entries = (("Warm", "502-589-0242", "warmline"), ("Emergency", "911", "emergency"),
               ("Crisis", "988", "crisis"), ("Youth", "502-589-0243", "youth"))  # fmt: skip
    body = "".join(
        f"  - name: {name}\n    phone: '{phone}'\n    category: {category}\n"
        for name, phone, category in entries
    )
    make_project(tmp_path, {"hotlines.yaml": "hotlines:\n" + body})
    project = load_project(tmp_path)
    picked = kit_hotlines(project, prepare(project, "en").content)
    assert [h.name for h in picked] == ["Emergency", "Crisis", "Warm"]


def test_a_duplicate_front_matter_key_names_the_file_lines(tmp_path, monkeypatch):
    # It said "(first on line 1, again on line 2)", counting from the front matter's start.
    closing = "---\ntitle: Closing\ntitle: Again\n---\n\nBody\n"
    make_project(tmp_path, {"content/en/sections/closing.md": closing})
    monkeypatch.chdir(tmp_path)
    assert assert_clean_failure(invoke("check", ".")) == [
        'content/en/sections/closing.md:3: duplicate key "title" (first on line 2, again on line 3)'
    ]
