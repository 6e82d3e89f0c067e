"""Numbers that must never reach a printed card unnoticed: made up, unverified, duplicated, none."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import never_approved
from pocketguide.doubts import doubt, fictional_range
from pocketguide.models import Hotline
from pocketguide.phones import is_emergency, parse_number

from .helpers import CONFIG, assert_clean_failure, invoke, make_project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# hotlines.yaml's dated numbers, with no hotlines.lock: nobody approved them.
NEVER_APPROVED = f"warning: {never_approved()}\n"
ENTRY = "  - name: {name}\n    phone: {phone}\n    category: {category}\n    verified: {date}\n"


def hotlines(
    *entries: tuple[str, str, str], date: str = "2026-11-01", emergency: bool = True
) -> str:
    """A hotlines.yaml with (name, phone, category) entries, four lines each from line 2.

    Unless one is an emergency entry, 911 comes last (a card without one warns), when `emergency`.
    """
    if emergency and not any(category == "emergency" for _, _, category in entries):
        entries += (("Emergency services", "911", "emergency"),)
    body = "".join(
        ENTRY.format(name=n, phone=p, category=c, date=date) for n, p, c in entries
    )  # fmt: skip
    return "hotlines:\n" + body


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A two-section project in the working folder; returns a function writing its files."""
    monkeypatch.chdir(tmp_path)

    def write(hotlines_yaml: str, extra: str = "") -> None:
        make_project(tmp_path, {"hotlines.yaml": hotlines_yaml}, extra)

    return write


@pytest.mark.parametrize(
    ("raw", "region", "reason"),
    [
        ("502-555-0100", "US", "555-0100 to 555-0199 are kept for examples"),
        ("(212) 555-0199", "US", "555-0100 to 555-0199 are kept for examples"),
        ("+1 502 555 0142", "GB", "555-0100 to 555-0199 are kept for examples"),
        ("502-555-0200", "US", None),  # outside the reserved hundred
        ("502-555-0099", "US", None),
        ("988", "US", None),
        ("020 7946 0142", "GB", "Ofcom keeps it for drama"),
        ("0113 496 0999", "GB", "Ofcom keeps it for drama"),
        ("029 2018 0456", "GB", "Ofcom keeps it for drama"),
        ("020 7946 1142", "GB", None),
        ("116 123", "GB", None),
        # Australia: ACMA's numbers for film and television passed every check.
        ("(07) 5550 0142", "AU", "ACMA keeps it for drama"),
        ("(02) 7010 1234", "AU", "ACMA keeps it for drama"),
        ("0491 570 156", "AU", "ACMA keeps it for drama"),
        ("0491 579 455", "AU", "ACMA keeps it for drama"),
        ("1800 160 401", "AU", "ACMA keeps it for drama"),
        ("1300 975 711", "AU", "ACMA keeps it for drama"),
        ("(07) 5551 0142", "AU", None),
        ("0491 570 155", "AU", None),
        ("1800 55 1800", "AU", None),
        ("13 11 14", "AU", None),
    ],
)
def test_fictional_numbers_are_the_ranges_kept_for_examples(raw, region, reason):
    assert fictional_range(parse_number(raw, region)) == reason


def test_a_fictional_number_warns_and_strict_refuses(project):
    project(hotlines(("Warmline", "502-555-0142", "crisis")))
    warning = (
        "hotlines.yaml:2: Warmline: (502) 555-0142 is a fictional number (555-0100 to "
        "555-0199 are kept for examples); put in the real one; "
        "until then no PDF prints the verified date"
    )
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (0, f"warning: {warning}\n{NEVER_APPROVED}")
    strict = invoke("check", ".", "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-2:] == [
        f"{warning} (--strict)",
        f"{never_approved()} (--strict)",
    ]


def test_a_verified_date_in_the_future_is_an_error(project):
    later = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    project(hotlines(("Warmline", "502-555-0242", "warmline"), date=later, emergency=False))
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr == (
        f"hotlines.yaml:5: Warmline: verified: {later} is in the future; use the day you checked\n"
    )


def test_tomorrow_is_allowed_for_a_checker_ahead_of_this_clock(project):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    project(hotlines(("Warmline", "502-555-0242", "crisis"), date=tomorrow))
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (0, NEVER_APPROVED)  # nothing about the date


def test_two_entries_with_one_name_are_an_error(project):
    project(
        hotlines(
            ("Line", "502-555-0242", "warmline"),
            ("Other", "502-555-0243", "crisis"),
            ("Line", "502-555-0244", "crisis"),
        )
    )
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr == (
        "hotlines.yaml:10: Line: the name is used twice (first at line 2); "
        "give each entry its own name\n"
    )


def test_csv_duplicates_and_warnings_name_the_row(project, tmp_path):
    (tmp_path / "numbers.csv").write_text(
        "name,phone,category,verified\n"
        "Line,502-555-0242,crisis,2026-11-01\n"
        "Old,502-555-0243,crisis,2001-01-01\n"
        "Emergency services,911,emergency,2026-11-01\n"
    )
    project("", "hotlines: numbers.csv\n")
    result = invoke("check", ".")
    assert result.stderr == (
        "warning: numbers.csv:3: Old: last verified 2001-01-01, more than 365 days ago\n"
        f"warning: {never_approved('numbers.csv')}\n"
    )
    with (tmp_path / "numbers.csv").open("a") as handle:
        handle.write("Line,502-555-0244,crisis,2026-11-01\n")
    result = invoke("check", ".")
    assert result.stderr == (
        "numbers.csv:5: Line: the name is used twice (first at line 2); "
        "give each entry its own name\n"
    )


CSV_HEADER = "name,phone,text,url,hours,languages,category,notes,verified\n"


def test_csv_rows_with_a_missing_or_extra_field_are_errors(project, tmp_path):
    (tmp_path / "numbers.csv").write_text(
        CSV_HEADER
        + "988 Suicide & Crisis Lifeline,988,988,,24/7,en;es,crisis,,2026-11-01\n"
        + "Emergency services,911,,,24/7,,emergency,,2026-11-01\n"
        + "Local warmline,(502) 589-1234,,,Mon-Fri;,warmline,,2026-11-01\n"
        + "Extra line,(502) 589-1235,,,24/7,,warmline,,,2026-11-01\n"
    )
    project("", "hotlines: numbers.csv\n")
    expected = [
        "numbers.csv:4: row has 8 fields, the header has 9",
        "numbers.csv:5: row has 10 fields, the header has 9",
    ]
    assert assert_clean_failure(invoke("check", ".")) == expected
    assert assert_clean_failure(invoke("build", ".", "--format", "all")) == expected
    assert not list(tmp_path.glob("output/*.pdf"))


def test_a_csv_quote_that_never_closes_is_named(project, tmp_path):
    (tmp_path / "numbers.csv").write_text(
        CSV_HEADER
        + "Emergency services,911,,,24/7,,emergency,,2026-11-01\n"
        + '"Broken quote,502-589-1236,,,,,local,,2026-11-01\n'
        + "Other,502-589-1237,,,,,local,,2026-11-01\n"
    )
    project("", "hotlines: numbers.csv\n")
    assert assert_clean_failure(invoke("check", ".")) == [
        "numbers.csv:3: a quote opened on this line is never closed"
    ]


def test_csv_messages_name_the_line_a_row_starts_on(project, tmp_path):
    (tmp_path / "numbers.csv").write_text(
        CSV_HEADER
        + '988 Lifeline,988,,,24/7,,crisis,"Call or text.\nChat online.",2026-11-01\n'
        + "\n"
        + "Short,911,,,24/7\n"
        + "Old,(502) 589-1235,,,24/7,,warmline,,2001-01-01\n"
        + "Emergency services,911,,,24/7,,emergency,,2026-11-01\n"
    )
    project("", "hotlines: numbers.csv\n")
    result = invoke("check", ".")
    assert assert_clean_failure(result) == ["numbers.csv:5: row has 5 fields, the header has 9"]
    text = (tmp_path / "numbers.csv").read_text().replace("Short,911,,,24/7\n", "")
    (tmp_path / "numbers.csv").write_text(text)
    result = invoke("check", ".")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: numbers.csv:5: Old: last verified 2001-01-01, more than 365 days ago\n"
        f"warning: {never_approved('numbers.csv')}\n"
    )


def test_a_phone_given_as_a_list_says_it_must_be_text(project):
    project("hotlines:\n  - name: Line\n    phone: [1, 2]\n    category: crisis\n")
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr == (
        'hotlines.yaml:3: Line: must be one number written as text, e.g. "502-555-0100"\n'
    )


NO_NUMBER = (
    "warning: hotlines.yaml: no numbers at all; the crisis pages will have only blank lines to "
    "fill in by hand\n"
)
NO_KIT_NUMBER = (
    "hotlines.yaml: no entry with category crisis, emergency or warmline, so the card and "
    "zine would show no number; add one, or list entries under card: hotlines: in "
    "pocketguide.yaml"
)


@pytest.mark.parametrize(
    "yaml", ["hotlines: []\n", hotlines(("Youth", "502-555-0242", "youth"), emergency=False)]
)
def test_a_card_without_crisis_numbers_is_refused(project, yaml):
    project(yaml)
    check = invoke("check", ".")
    # An empty list has no numbers to approve, so no word of a verified date either.
    warnings = NO_NUMBER if yaml == "hotlines: []\n" else NEVER_APPROVED
    assert (check.exit_code, check.stderr) == (0, f"{warnings}warning: {NO_KIT_NUMBER}\n")
    assert invoke("check", ".", "--strict").exit_code == 1
    build = invoke("build", ".", "--format", "card-single")
    assert (build.exit_code, build.stderr) == (1, f"{warnings}{NO_KIT_NUMBER}\n")
    assert not list(Path.cwd().glob("output/*.pdf"))


def test_card_hotlines_naming_nothing_is_refused(project):
    project(hotlines(("Line", "502-555-0242", "crisis")), "card:\n  hotlines: []\n")
    build = invoke("build", ".", "--format", "zine")
    assert build.exit_code == 1
    assert build.stderr == (
        f"{NEVER_APPROVED}pocketguide.yaml:7: card: hotlines: names no entry; the card and zine "
        "need a crisis number\n"
    )


NOT_A_NAME = 'card: hotlines: "{}" is not a hotline name in this project'


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        (
            "card:\n  hotlines: [Emergency services, 988 Suicide and Crisis Lifeline]\n",
            [
                f"pocketguide.yaml:7: {NOT_A_NAME.format('988 Suicide and Crisis Lifeline')}; "
                'did you mean "988 Suicide & Crisis Lifeline"?'
            ],
        ),
        (
            "card:\n  hotlines:\n    - Nowhere\n    - Emergency services\n    - 988 Lifeline\n",
            [
                f"pocketguide.yaml:8: {NOT_A_NAME.format('Nowhere')}",
                f"pocketguide.yaml:10: {NOT_A_NAME.format('988 Lifeline')}",
            ],
        ),
    ],
)
def test_a_card_hotline_that_is_no_entry_is_an_error_in_check_and_build(project, card, expected):
    entries = (
        ("988 Suicide & Crisis Lifeline", "988", "crisis"),
        ("Emergency services", "911", "emergency"),
    )
    project(hotlines(*entries), card)
    for command in ("check", "build --format card", "build --format zine", "check --render"):
        result = invoke(*command.split(), ".")
        # A build prints its warnings before failing; check names only the errors.
        warned = [f"warning: {never_approved()}"] if command.startswith("build") else []
        assert (result.exit_code, result.stderr.splitlines()) == (1, warned + expected), command
    assert not list(Path.cwd().glob("output/*.pdf"))


def test_excluding_the_crisis_section_is_an_error_in_check_and_build(project):
    project(hotlines(("Line", "502-555-0242", "crisis")))
    config = CONFIG.replace("exclude: [", "exclude: [crisis-numbers, ")
    Path.cwd().joinpath("pocketguide.yaml").write_text(config)
    expected = (
        "pocketguide.yaml:5: sections: exclude: the guide must keep its crisis numbers section "
        "(a section with layout: crisis)\n"
    )
    for command in ("check", "build"):
        result = invoke(command, ".")
        assert (result.exit_code, result.stderr) == (1, expected), command


def test_config_mistakes_name_their_line(project):
    project(hotlines(("Line", "502-555-0242", "crisis")), "hotlines: hotline.yaml\n")
    config = Path.cwd() / "pocketguide.yaml"
    config.write_text(config.read_text().replace("exclude: [", "exclude: [nope, "))
    result = invoke("check", ".")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        'pocketguide.yaml:5: sections: no section with id "nope"',
        "pocketguide.yaml:6: hotlines: hotline.yaml: file not found",
    ]


def test_a_failed_build_lists_the_files_it_did_write(project):
    project("hotlines: []\n")
    result = invoke("build", ".", "--format", "guide", "--format", "card-single")
    assert result.exit_code == 1
    assert result.stderr == f"{NO_NUMBER}{NO_KIT_NUMBER}\n"
    [line] = result.stdout.splitlines()
    assert line.startswith("output/test-guide-en.pdf  ")
    assert len(PdfReader(Path.cwd() / "output" / "test-guide-en.pdf").pages) > 1
    again = invoke("build", ".", "--format", "guide", "--format", "card-single")
    assert again.stdout == "up to date: output/test-guide-en.pdf\n"


def test_approve_records_but_warns_about_a_fictional_number(project):
    entries = (("Real", "502-555-0242", "crisis"), ("Sample", "502-555-0117", "warmline"))
    project(hotlines(*entries, emergency=False))
    result = invoke("approve", ".")
    assert result.exit_code == 0
    assert result.stdout == "approved 2 entries: hotlines.lock\n"
    assert result.stderr == (
        "warning: hotlines.yaml:6: Sample: (502) 555-0117 is a fictional number (555-0100 to "
        "555-0199 are kept for examples); put in the real one; "
        "until then no PDF prints the verified date\n"
    )


def test_the_back_cover_claims_a_verified_date_only_when_every_entry_has_one(project):
    unverified = "  - name: New\n    phone: 502-555-0243\n    category: crisis\n"
    project(hotlines(("Line", "502-555-0242", "crisis")) + unverified)
    assert invoke("approve", ".").exit_code == 0  # without a lock no date is claimed at all
    result = invoke("build", ".", "--format", "card-single")
    assert result.exit_code == 0, result.output
    back = PdfReader(Path.cwd() / "output" / "test-card-single-en.pdf").pages[1].extract_text()
    assert "(502) 555-0243" in back
    assert "verified" not in back.lower()
    project(hotlines(("Line", "502-555-0242", "crisis"), ("New", "502-555-0243", "crisis")))
    assert invoke("build", ".", "--format", "card-single").exit_code == 0
    back = PdfReader(Path.cwd() / "output" / "test-card-single-en.pdf").pages[1].extract_text()
    assert "Numbers verified as of November 1, 2026" in back


def test_a_number_changed_since_approval_drops_the_verified_claim(project):
    project(hotlines(("Line", "502-555-0242", "crisis"), ("New", "502-555-0243", "crisis")))
    assert invoke("approve", ".").exit_code == 0
    card = Path.cwd() / "output" / "test-card-single-en.pdf"
    project(hotlines(("Line", "502-555-0242", "crisis"), ("New", "502-555-0244", "crisis")))
    result = invoke("build", ".", "--format", "card-single")
    assert result.exit_code == 0, result.output
    assert "New: phone changed (502) 555-0243 -> (502) 555-0244" in result.stderr
    back = PdfReader(card).pages[1].extract_text()
    assert "(502) 555-0244" in back
    assert "verified" not in back.lower()
    # Not approved while its verified date is from before the change: nobody checked it then.
    assert invoke("approve", ".").exit_code == 1
    today = dt.date.today()
    new = (("Line", "502-555-0242", "crisis"), ("New", "502-555-0244", "crisis"))
    project(hotlines(*new, date=today.isoformat()))
    assert invoke("approve", ".").exit_code == 0  # approved again: the claim comes back
    assert invoke("build", ".", "--format", "card-single").exit_code == 0
    back = " ".join(PdfReader(card).pages[1].extract_text().split())
    assert f"Numbers verified as of {today:%B} {today.day}, {today.year}" in back


@pytest.mark.parametrize(
    ("line", "phone", "region", "message"),
    [
        ("502-555-0242", "9111", "US", '"9111" is not an emergency number in US'),
        ("502-555-0242", "988", "US", '"988" is not an emergency number in US'),
        # NHS 111 is urgent care, not 999.
        ("020 7946 1142", "111", "GB", '"111" is not an emergency number in GB'),
    ],
)
def test_an_emergency_entry_must_dial_an_emergency_number(project, line, phone, region, message):
    extra = "" if region == "US" else f"region: {region}\n"
    project(hotlines(("Line", line, "warmline"), ("Emergency", phone, "emergency")), extra)
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        f"hotlines.yaml:6: Emergency: phone: {message}; check its digits, or file it under "
        "category: local if it is a local service's line\n",
    )


@pytest.mark.parametrize(("phone", "region"), [("911", "US"), ("911", "CA")])
def test_real_emergency_numbers_pass(project, phone, region):
    locale = "en" if region == "US" else f"en-{region}"
    project(hotlines(("Emergency", phone, "emergency")), f"region: {region}\nlocales: [{locale}]\n")
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (0, NEVER_APPROVED)  # nothing about the number


@pytest.mark.parametrize(
    ("phone", "region", "ambulance"),
    [("110", "JP", "119"), ("105", "PE", "911 or 106"), ("110", "DE", "112"), ("100", "IN", "108")],
)
def test_an_emergency_entry_with_the_polices_number_warns(project, phone, region, ambulance):
    # The guide sends people to the emergency entry when someone may have overdosed.
    entries = (("Emergency", phone, "emergency"), ("Crisis", CRISIS[region], "crisis"))
    project(hotlines(*entries), f"region: {region}\n")
    result = invoke("check", ".")
    assert result.exit_code == 0
    assert (
        f"warning: hotlines.yaml:2: Emergency: {phone} is the police's number in {region}, "
        f"not the ambulance's ({ambulance}); the guide says to call the emergency entry when "
        f"someone may have overdosed or is in danger, so check that {phone} takes those calls, "
        f"or give {ambulance}"
    ) in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("phone", "region"),
    [
        ("119", "JP"),
        ("106", "PE"),
        ("112", "AU"),
        ("999", "IE"),
        ("15", "FR"),
        ("112", "IN"),
        # Fire services that take medical calls, and ambulance lines the list lacks.
        ("18", "FR"),
        ("100", "BE"),
        ("102", "IN"),
        ("106", "AU"),
        ("116", "PE"),
    ],
)
def test_an_emergency_entry_with_an_ambulance_number_does_not_warn(project, phone, region):
    entries = (("Emergency", phone, "emergency"), ("Crisis", CRISIS[region], "crisis"))
    project(hotlines(*entries), f"region: {region}\n")
    result = invoke("check", ".")
    assert result.exit_code == 0, result.output
    assert "ambulance" not in result.stderr


# A national crisis or mental-health line of each region, so the project builds.
CRISIS = {
    "JP": "0570-064-556", "PE": "0800-10828", "DE": "0800 1110111", "IN": "14416",
    "AU": "13 11 14", "IE": "116 123", "FR": "3114", "BE": "1813",
}  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "region"), [("999", "GB"), ("112", "GB"), ("112", "DE"), ("000", "AU")]
)
def test_emergency_numbers_of_other_regions_are_known(raw, region):
    assert is_emergency(parse_number(raw, region), region)


def test_a_short_code_that_starts_with_911_warns_whatever_its_category(project):
    project(hotlines(("Line", "502-555-0242", "warmline"), ("Crisis", "9111", "crisis")))
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: hotlines.yaml:6: Crisis: 9111 starts with the emergency number 911; "
        f"check for an extra digit\n{NEVER_APPROVED}",
    )
    assert invoke("check", ".", "--strict").exit_code == 1


def test_a_phone_cut_down_to_a_text_message_short_code_warns(project):
    # 502-555-0142 cut short (or `phone: 502.555` unquoted) is a valid US SMS short code:
    # without this warning it printed as "CALL 502.555".
    project(hotlines(("Line", "502-555-0242", "warmline"), ("Crisis", "502.555", "crisis")))
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: hotlines.yaml:6: Crisis: 502555 is a text-message short code, not a number "
        f"to call; check for missing digits, or give it as a number to text\n{NEVER_APPROVED}",
    )
    assert invoke("check", ".", "--strict").exit_code == 1


@pytest.mark.parametrize(
    ("raw", "region", "sms", "texts_only"),
    [("502555", "US", False, True), ("50255", "US", False, True), ("741741", "US", True, False),
     ("741741", "US", False, True), ("988", "US", False, False), ("911", "US", False, False),
     ("211", "US", False, False), ("116 123", "GB", False, False),
     ("502-589-1234", "US", False, False)],
)  # fmt: skip
def test_text_message_short_codes_are_marked_only_as_phones(raw, region, sms, texts_only):
    number = parse_number(raw, region, sms=sms)
    assert number.texts_only is texts_only
    assert (doubt(number) is not None) is texts_only


def test_a_number_a_spreadsheet_wrote_as_a_decimal_is_refused(project):
    # 988.0 from a spreadsheet cell linked as tel:9880 and printed "CALL 988.0".
    project(hotlines(("Line", "502-555-0242", "warmline"), ("Crisis", "988.0", "crisis")))
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        'hotlines.yaml:7: Crisis: "988.0" ends in ".0", as a spreadsheet writes numbers; '
        'write it as text: "988"\n',
    )


def test_a_short_number_with_an_extra_digit_warns(project):
    project(hotlines(("Line", "502-555-0242", "warmline"), ("Crisis", "9888", "crisis")))
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: hotlines.yaml:6: Crisis: 9888 starts with the short number 988; "
        f"check for an extra digit\n{NEVER_APPROVED}",
    )


@pytest.mark.parametrize(
    ("raw", "region", "prefix"),
    [("9888", "US", "988"), ("2110", "US", "211"), ("3110", "US", "311"), ("988", "US", None),
     ("741741", "US", None), ("838255", "US", None), ("686868", "CA", None), ("3114", "FR", None),
     ("116 123", "GB", None), ("1737", "NZ", None), ("9111", "US", None)],
)  # fmt: skip
def test_short_prefix_is_a_three_digit_short_number_only(raw, region, prefix):
    # 74174 of 741741 is a valid code too: longer prefixes would warn about real lines.
    assert parse_number(raw, region).short_prefix == prefix


@pytest.mark.parametrize(
    ("raw", "region", "display", "uri"),
    [("0800 689 5652", "GB", "+44 800 689 5652", "tel:+44-800-689-5652"),
     ("800 911 2000", "MX", "+52 800 911 2000", "tel:+52-800-911-2000"),
     ("613-555-0199", "CA", "(613) 555-0199", "tel:+1-613-555-0199")],
)  # fmt: skip
def test_an_entry_of_another_region_prints_as_readers_dial_it(raw, region, display, uri):
    # Printed nationally, 800 911 2000 (MX) would be dialled in the US as 1-800-911-2000.
    entry = {"name": "Abroad", "region": region, "phone": raw}
    number = Hotline.model_validate(entry, context={"region": "US"}).phone
    assert (number.display, number.uri) == (display, uri)


def test_a_short_number_of_another_region_warns(project):
    body = "hotlines:\n  - name: UK line\n    region: GB\n    phone: 116 123\n"
    emergency = ENTRY.format(name="Emergency", phone="911", category="emergency", date="2026-11-01")
    project(body + "    category: crisis\n    verified: 2026-11-01\n" + emergency)
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: hotlines.yaml:2: UK line: 116 123 is a short number of GB that works only "
        f"there\n{NEVER_APPROVED}",
    )


@pytest.mark.parametrize(
    ("raw", "region", "prefix"),
    [("9111", "US", "911"), ("91112", "CA", "911"), ("911", "US", None), ("988", "US", None),
     ("211", "US", None), ("999", "GB", None), ("116 123", "GB", None), ("112", "DE", None)],
)  # fmt: skip
def test_emergency_prefix(raw, region, prefix):
    assert parse_number(raw, region).emergency_prefix == prefix


def test_a_guide_with_no_numbers_warns(project):
    project("hotlines: []\n")
    result = invoke("build", ".", "--format", "guide")
    assert (result.exit_code, result.stderr) == (0, NO_NUMBER)
    assert invoke("build", ".", "--format", "guide", "--strict", "--force").exit_code == 1


def test_the_organization_phone_and_email_are_checked(project):
    def config(contact: str) -> None:
        project(hotlines(("Line", "502-555-0242", "crisis")))
        text = CONFIG.replace("  slug: test\n", "  slug: test\n" + contact)
        (Path.cwd() / "pocketguide.yaml").write_text(text)

    config("  phone: '+1 502 555 0100'\n  email: info-at-example\n")
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        'pocketguide.yaml:5: organization.email: "info-at-example" is not an email address '
        "like info@example.org\n",
    )
    config("  phone: '+1 502 555 0100'\n  email: info@example.org\n")
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: pocketguide.yaml:4: organization.phone: (502) 555-0100 is a fictional number "
        f"(555-0100 to 555-0199 are kept for examples); put in the real one; "
        f"until then no PDF prints the verified date\n{NEVER_APPROVED}",
    )


@pytest.mark.parametrize(
    ("raw", "region", "sms", "shaped"),
    [("85258", "GB", False, True),  # Shout, which phonenumbers does not list as text-only
     ("85258", "GB", True, False),  # given as text: right
     ("116 123", "GB", False, False), ("15999", "MY", False, False),  # voice codes start with 1
     ("999", "GB", False, False), ("3114", "FR", False, False)],
)  # fmt: skip
def test_a_phone_short_code_shaped_like_a_text_service_is_doubted(raw, region, sms, shaped):
    number = parse_number(raw, region, sms=sms)
    assert ("looks like a text-message short code" in (doubt(number) or "")) is shaped
    assert (doubt(number) is not None) is shaped


def test_shout_given_as_a_phone_warns_at_its_line(tmp_path, monkeypatch):
    # A UK charity wrote Shout as `phone: "85258"`: the guide said "CALL 85258", to a number
    # that only takes texts, and check said nothing.
    shutil.copytree(EXAMPLES / "harbour", tmp_path / "harbour")
    monkeypatch.chdir(tmp_path / "harbour")
    text = Path("hotlines.yaml").read_text(encoding="utf-8")
    Path("hotlines.yaml").write_text(
        text.replace('text: "85258"\n    keyword: SHOUT', 'phone: "85258"'), encoding="utf-8"
    )
    result = invoke("check", ".")
    assert result.exit_code == 0, result.output
    assert (
        "warning: hotlines.yaml:10: Shout: 85258 looks like a text-message short code (five or "
        "six digits); if people text it, give it as text: (with its keyword:), or the guide says "
        "to call it"
    ) in result.stderr.splitlines()


def test_a_typo_of_988_warns_at_its_line_and_strict_refuses(project):
    # 9988 is a valid short code to phonenumbers: the card printed it, and check said "ok".
    project(hotlines(("Lifeline", "9988", "crisis")))
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (
        0,
        "warning: hotlines.yaml:2: Lifeline: 9988 is one keystroke from 988 (the 988 Suicide & "
        f"Crisis Lifeline); check its digits\n{NEVER_APPROVED}",
    )
    assert invoke("check", ".", "--strict").exit_code == 1


def test_numbers_in_a_languages_content_folder_warn_that_nothing_locks_them(tmp_path, monkeypatch):
    # A project kept its numbers in content/en/hotlines.yaml and a copy in content/es/: a new
    # English number left the Spanish card on the old one, and approve, the lock and the
    # stale-output warning never saw either file.
    monkeypatch.chdir(tmp_path)
    entries = hotlines(("Warmline", "502-589-1234", "warmline"))
    make_project(tmp_path, {"content/en/hotlines.yaml": entries})
    result = invoke("check", ".")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: content/en/hotlines.yaml: numbers here are this language's alone: approve, "
        "the lock and the other languages never see them; move the entries to hotlines.yaml "
        "next to pocketguide.yaml (names in other languages go under translations:)"
    ]
    # Blank labels alone (the README's advice for a CSV hotlines file) are no numbers.
    (tmp_path / "content/en/hotlines.yaml").write_text("hotlines: []\nblanks: [My sponsor]\n")
    assert "numbers here are" not in invoke("check", ".").stderr


def test_a_projects_own_content_hotlines_are_read_in_its_region(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    entries = hotlines(("Samaritans", "116 123", "crisis"), emergency=False)
    make_project(tmp_path, {"content/en/hotlines.yaml": entries}, "region: GB\n")
    result = invoke("check", ".")
    assert "116 123" not in result.stderr  # valid in GB, where it was refused as a US number


def test_a_csv_column_given_twice_is_an_error(project, tmp_path):
    # "phone" then "Phone": the second replaced the first, and every output printed it.
    (tmp_path / "numbers.csv").write_text(
        "name,phone,category,verified,Phone,notes\n"
        "Warm,502-589-1234,warmline,2026-11-01,502-589-9999,\n"
    )
    project("", "hotlines: numbers.csv\n")
    assert assert_clean_failure(invoke("check", ".")) == [
        "numbers.csv:1: the header has phone more than once; keep one column of each"
    ]


def test_an_emergency_number_to_text_warns(project):
    # `text: "911"` printed "call or text 911" and linked sms:911; text-to-911 works only in
    # some areas.
    body = hotlines(("Line", "502-555-0242", "crisis")).replace(
        "    phone: 911\n", '    phone: "911"\n    text: "911"\n'
    )
    project(body)
    result = invoke("check", ".")
    assert result.stderr.splitlines() == [
        "warning: hotlines.yaml:6: Emergency services: 911 is an emergency number: texting it "
        "works only in some areas, or after registering; give it as phone:, and say in notes "
        "where texts reach it",
        f"warning: {never_approved()}",
    ]


def test_a_renamed_entry_with_a_new_number_is_not_approved_on_an_old_date(project):
    # Renaming "Warm" to "Warmline" while changing its number made it a "new" entry, which
    # approve took whatever its date; the guide printed "verified as of" beside it.
    project(hotlines(("Line", "502-555-0242", "crisis"), ("Warm", "502-555-0243", "warmline")))
    assert invoke("approve", ".").exit_code == 0
    lock = Path("hotlines.lock").read_text()
    Path("hotlines.lock").write_text(
        lock.replace(f"approved_on: {dt.date.today()}", "approved_on: 2026-11-20")
    )
    before = Path("hotlines.lock").read_text()
    project(hotlines(("Line", "502-555-0242", "crisis"), ("Warmline", "502-555-0244", "warmline")))
    result = invoke("approve", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        "hotlines.yaml:6: Warmline (new beside a removed entry): verified 2026-11-01 is before "
        "the last approval (2026-11-20), so the new details were not checked that day; call the "
        "number, set verified to the day you did, then approve again\n",
    )
    assert Path("hotlines.lock").read_text() == before
    # Renamed with its number kept: nothing new to check, approved.
    project(hotlines(("Line", "502-555-0242", "crisis"), ("Warmline", "502-555-0243", "warmline")))
    assert invoke("approve", ".").exit_code == 0


def test_a_crisis_entry_with_only_a_web_address_is_left_off_the_card_with_a_warning(project):
    # The card printed "Crisis chat" alone: no number, no address, nothing to dial.
    chat = "  - name: Crisis chat\n    url: https://988lifeline.org/chat\n    category: crisis\n"
    project(hotlines(("Line", "502-555-0242", "crisis")) + chat + "    verified: 2026-11-01\n")
    result = invoke("build", ".", "--format", "card-single")
    assert (result.exit_code, result.stderr) == (
        0,
        f"{NEVER_APPROVED}warning: hotlines.yaml:10: Crisis chat has no number to call or text, "
        "so the card and zine leave it out (the guide's crisis pages show its web address)\n",
    )
    back = PdfReader(Path("output") / "test-card-single-en.pdf").pages[1].extract_text()
    assert "Crisis chat" not in back and "(502) 555-0242" in back


def test_a_non_emergency_line_filed_as_emergency_warns_and_is_no_emergency_number(project):
    # The police's non-emergency line, filed as emergency, took 911's place at the top of the
    # card, and "the card shows no emergency number" never fired.
    police = ("Police (non-emergency)", "502-574-7111", "emergency")
    project(hotlines(("Lifeline", "988", "crisis"), police))
    result = invoke("build", ".", "--format", "card-single")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: hotlines.yaml:6: Police (non-emergency): (502) 574-7111 is not an emergency "
        "number in US, yet it is filed under category: emergency, which the card and zine show "
        "first and the proof sheet says not to test-call; file it under local or other",
        f"warning: {never_approved()}",
        "warning: hotlines.yaml: the card and zine show no emergency number; add an entry with "
        "category emergency (911)",
    ]


def test_entries_in_a_languages_folder_beside_the_hotlines_file_warn(project, tmp_path):
    # A Spanish crisis line in content/es/hotlines.yaml printed nowhere, with no word.
    project(hotlines(("Lifeline", "988", "crisis")))
    spanish = tmp_path / "content" / "es" / "hotlines.yaml"
    spanish.parent.mkdir(parents=True)
    spanish.write_text(
        'hotlines:\n  - name: Línea\n    phone: "502-589-4444"\n    category: crisis\n'
        "blanks: [Otro]\n"
    )
    assert (
        "warning: content/es/hotlines.yaml: 1 hotline entry here, never printed: hotlines.yaml "
        "holds the numbers of every language (only the blanks labels here are used); move them "
        "there, with their words in this language under translations:"
    ) in invoke("check", ".").stderr.splitlines()


def test_a_number_mistyped_in_a_translation_warns_as_in_the_words_as_written(project):
    # "(502) 589-777" passed in Spanish notes: each group was part of the entry's number.
    text = hotlines(("Warmline", "502-589-7777", "warmline")).replace(
        "    category: warmline\n",
        "    category: warmline\n"
        '    notes: "If no answer, call (502) 589-777."\n'
        '    translations:\n      es: {notes: "Si no contesta, llama al (502) 589-777."}\n',
    )
    project(text, "locales: [en, es]\n")
    said = [line for line in invoke("check", ".").stderr.splitlines() if "589-777" in line]
    assert len(said) == 2 and "translations: es: notes" in said[1], said


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # A traceback: the unknown id was reported, then looked up all the same.
        ("order: [nope]", 'pocketguide.yaml:5: sections: no section with id "nope"'),
        # Printed the section twice; the contents gave the copy the first one's page.
        (
            "order: [guidelines, guidelines]",
            'pocketguide.yaml:5: sections.order: "guidelines" is listed twice; list each id once',
        ),
        (
            "order: [sub/closing]",
            'pocketguide.yaml:5: sections.order: "sub/closing" is no id: write the file name '
            "without its folder or ending",
        ),
    ],
)
def test_section_order_mistakes_are_errors_at_their_line(project, written, message):
    project(hotlines(("Line", "502-555-0242", "crisis")))
    config = Path.cwd() / "pocketguide.yaml"
    config.write_text(config.read_text().replace("  exclude: [", f"  {written}\n  exclude: ["))
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (1, message + "\n")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        # A traceback (KeyError): the message's example braces were read as a format field.
        (
            "    translations: [es]\n",
            "hotlines.yaml:10: Emergency services: translations: must be a mapping of keys and "
            "values, e.g. {name: ...}",
        ),
        # A traceback from the QR encoder: a tracking link pasted from a newsletter.
        (
            f"    url: https://example.org/{'a' * 600}\n",
            "hotlines.yaml:10: Emergency services: url: 620 characters is too long for a QR code "
            "a pocket page can print; use a link of at most 500",
        ),
    ],
)
def test_entry_mistakes_that_crashed_are_errors_at_their_line(project, extra, message):
    project(hotlines(("Line", "502-555-0242", "crisis")) + extra)
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr) == (1, message + "\n")


def test_an_empty_name_is_an_error(project):
    # Printed a number with no name on the crisis page and the card.
    project(hotlines(("Line", "502-555-0242", "crisis")).replace("name: Line", 'name: ""'))
    result = invoke("check", ".")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "hotlines.yaml:2: hotlines.entry 1.name: is empty; write what it should print",
    )


def test_ids_are_file_names_in_any_language_and_exclude_may_repeat():
    # Ids that built before this check came in: accents, spaces; a doubled exclude is harmless.
    from pocketguide.config import Sections
    from pocketguide.contentmodels import Manifest

    assert Manifest(sections=["después-de-la-reunión", "self care"]).sections[0].startswith("d")
    assert Sections(exclude=["closing", "closing"]).exclude == ["closing", "closing"]


@pytest.mark.parametrize(
    ("raw", "region", "service"),
    [("123", "GB", "the speaking clock"), ("118 118", "GB", "directory enquiries"),
     ("100", "GB", "the operator"), ("411", "US", "directory assistance"),
     ("116 123", "GB", None), ("211", "US", None), ("111", "GB", None), ("988", "CA", None)],
)  # fmt: skip
def test_a_practical_service_code_is_doubted_as_a_support_line(raw, region, service):
    # "123" is what is left of Samaritans' 116 123 when "116 " is lost: Britain's speaking clock.
    said = doubt(parse_number(raw, region))
    if service is None:
        assert said is None
    else:
        assert said == f"{raw} is {service} in {region}, not a support line; check its digits"
