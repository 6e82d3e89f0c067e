"""Hotline numbers: a table of valid, invalid and short numbers in five regions."""

from __future__ import annotations

import pytest

from pocketguide.phones import parse_number
from pocketguide.textnumbers import broken_numbers

VALID = [
    ("US", "988", "988", "tel:988"),
    ("US", "911", "911", "tel:911"),
    ("US", "1-800-662-4357", "1-800-662-4357", "tel:+1-800-662-4357"),  # toll-free keeps its 1
    ("US", "(800) 662 4357", "1-800-662-4357", "tel:+1-800-662-4357"),
    ("US", "502 555 0117", "(502) 555-0117", "tel:+1-502-555-0117"),
    ("GB", "116 123", "116 123", "tel:116123"),
    ("GB", "999", "999", "tel:999"),
    ("GB", "0300 123 3393", "0300 123 3393", "tel:+44-300-123-3393"),
    ("CA", "988", "988", "tel:988"),
    ("CA", "1 833 456 4566", "1-833-456-4566", "tel:+1-833-456-4566"),
    ("DE", "112", "112", "tel:112"),
    ("DE", "0800 111 0 111", "0800 111 0 111", "tel:+49-800-1110111"),  # as published
    ("AU", "000", "000", "tel:000"),
    # Numbers that cannot be dialled from abroad link the local digits: tel:+61-131114 failed.
    ("AU", "13 11 14", "13 11 14", "tel:131114"),
    ("AU", "1800 55 1800", "1800 55 1800", "tel:1800551800"),
    ("AU", "0477 13 11 14", "0477 13 11 14", "tel:+61-477-131-114"),
    ("AU", "1800-55-1800", "1800 551 800", "tel:1800551800"),  # only spaces are kept
    # Written with no spaces, a number has no grouping of its own: it printed 01134960123.
    ("GB", "01134960123", "0113 496 0123", "tel:+44-113-496-0123"),
    ("GB", "08001111", "0800 1111", "tel:+44-800-1111"),
]


@pytest.mark.parametrize(("region", "raw", "display", "uri"), VALID)
def test_valid_numbers_print_and_link(region, raw, display, uri):
    number = parse_number(raw, region)
    assert (number.display, number.uri) == (display, uri)


def test_sms_links():
    assert parse_number("741741", "US", sms=True).uri == "sms:741741"
    assert parse_number("13 11 14", "AU", sms=True).uri == "sms:131114"
    assert parse_number("502-555-0142", "US", sms=True).uri == "sms:+15025550142"


@pytest.mark.parametrize(
    ("region", "raw", "message"),
    [
        ("US", "988x", '"988x" contains "x"; use only digits, spaces and + - . ( )'),
        ("US", "#988", '"#988" contains "#"; use only digits, spaces and + - . ( )'),
        ("US", "0300 123 3393", '"0300 123 3393" is not a valid US phone number'),
        ("GB", "0300 123 339", '"0300 123 339" is not a valid GB phone number'),
        ("US", "502 555 01", '"502 555 01" is not a valid US phone number'),
        (
            "DE",
            "988",
            '"988" is not a valid DE phone number; 988 is the US and Canada\'s crisis line',
        ),
        (
            "AU",
            "911",
            '"911" is not a valid AU phone number; 911 is North America\'s emergency number: '
            "AU's is 000",
        ),
        (
            "CA",
            "555 0100",
            '"555 0100" is not a valid CA phone number; include the area code (e.g. 502-555-0163)',
        ),
        # What people copy from a flyer: an extension, or a number spelled in letters.
        (
            "US",
            "502-555-0163 ext. 2",
            '"502-555-0163 ext. 2" has an extension, which a phone cannot dial from a link; write '
            'the number alone ("502-555-0163") and "ext. 2" in notes',
        ),
        (
            "US",
            "1-800-FLOWERS",
            '"1-800-FLOWERS" has letters; write the digits ("1-800-356-9377"), and the words in '
            "notes if people know the number by them",
        ),
    ],
)
def test_invalid_numbers_are_refused(region, raw, message):
    with pytest.raises(ValueError) as info:
        parse_number(raw, region)
    assert str(info.value) == message


def test_qr_modules_are_large_enough_to_scan():
    from pocketguide.qr import qr_image

    for url in ("https://988lifeline.org", "https://example.org/a/much/longer/path?with=query"):
        image = qr_image(url)
        assert image["mm"] / image["modules"] >= 0.5
        assert str(image["src"]).startswith("data:image/svg+xml")


def test_a_qr_code_made_again_is_remembered_and_each_caller_gets_its_own_copy(monkeypatch):
    import segno

    from pocketguide.qr import qr_image

    first = qr_image("https://example.org/remembered")
    monkeypatch.setattr(segno, "make", lambda *a, **k: pytest.fail("made again"))
    second = qr_image("https://example.org/remembered")
    assert second == first and second is not first
    second["mm"] = 0
    assert qr_image("https://example.org/remembered")["mm"] == first["mm"] > 0


@pytest.mark.parametrize(
    ("text", "region", "found"),
    [
        ("After hours call 512-555-014.", "US", ["512-555-014"]),  # a digit short
        ("Call 502 555 01420 now", "US", ["502 555 01420"]),  # a digit too many
        ("Call (512) 555-0144 now", "US", []),
        ("call 1-800-273-8255", "US", []),
        ("+44 800 068 4141, or 0800 068 4141", "GB", []),
        ("0800 068 4141", "US", ["0800 068 4141"]),  # a British number in a US guide
        ("verified 2026-11-01, or 11-01-2026", "US", []),  # dates
        ("open 10.30-12.00, lun-vie 9-21 h", "US", []),  # times
        ("1-800-273-TALK", "US", []),  # a vanity number: its letters are checked elsewhere
        ("ISBN 978-3-16-148410-0; https://example.org/512-555-014", "US", []),
        (
            "(502)555-014, or 502\u2013555\u2013014 with en dashes",
            "US",
            ["(502)555-014", "502\u2013555\u2013014"],
        ),
        ("502\u2013555\u20130142", "US", []),
        ("Zoom meeting ID 812 3456 7890, grant no. 2021-0042-17, years 2019-2020-2021", "US", []),
        ("https://example.org/groups?id=123-456-789 or www.example.org/555-123-45", "US", []),
    ],
)
def test_text_shaped_like_a_number_that_is_none_is_found(text, region, found):
    assert broken_numbers(text, region) == found


@pytest.mark.parametrize(
    ("raw", "region", "display"),
    [("98.8", "US", "988"), ("(988)", "US", "988"), ("988-", "US", "988"),
     ("741 741", "US", "741 741"), ("1161 23", "GB", "116 123"), ("116123", "GB", "116 123")],
)  # fmt: skip
def test_a_short_code_prints_its_digits_unless_grouped_by_spaces(raw, region, display):
    # "98.8" and "1161 23" printed as typed: the link dialled 988, the page showed the typo.
    number = parse_number(raw, region)
    assert number.display == display
    assert number.uri == "tel:" + display.replace(" ", "")


@pytest.mark.parametrize(
    ("raw", "region", "home", "said"),
    [
        # phonenumbers takes any three digits in New Zealand: 988 and 911 passed, or warned
        # only that they looked like text codes.
        (
            "988",
            "NZ",
            None,
            "988 is the US and Canada's crisis line, not a number for NZ; check it",
        ),
        (
            "911",
            "NZ",
            None,
            "911 is North America's emergency number, not a number for NZ; check it",
        ),
        ("911", "MX", None, None),  # Mexico answers 911
        # National crisis lines phonenumbers refused (113) or took for text codes (1737).
        ("113", "NL", None, None),
        ("1737", "NZ", None, None),
        ("90101", "SE", None, None),
        ("14416", "IN", None, None),
        # Lifeline's 13 11 14 in a New Zealand guide: it cannot be dialled from there.
        ("13 11 14", "AU", "NZ", "+61 131114 is a number of AU that works only there"),
    ],
)
def test_numbers_that_pass_phonenumbers_but_not_the_reader(raw, region, home, said):
    from pocketguide.doubts import doubt

    assert doubt(parse_number(raw, region, home=home)) == said


def test_a_number_in_brackets_is_quoted_without_the_opening_one():
    # Warnings quoted "(502-555-0199": the matcher keeps "(" but not ")".
    from pocketguide.textnumbers import numbers_in_text

    assert numbers_in_text("Notas (502-555-0199)", "US") == [("502-555-0199", "+15025550199")]
    assert numbers_in_text("Call (502) 555-0199", "US") == [("(502) 555-0199", "+15025550199")]


@pytest.mark.parametrize(
    ("text", "region", "found"),
    [
        # phonenumbers passed over a number followed by hours or after "(under 35)": a wrong
        # digit there printed unchecked, under "Numbers verified as of".
        ("Mind Infoline: 0300 123 3394 9am-6pm, Monday", "GB", "+443001233394"),
        ("Papyrus HOPELINE247 (under 35) 0800 068 4142", "GB", "+448000684142"),
        ("for ages 18+ 0800 068 4142", "GB", "+448000684142"),
        ("(02) 9876 5433 24/7", "AU", "+61298765433"),
        ("Call 1300 22 4637 9am-6pm", "AU", "+611300224637"),
        ("Zoom meeting ID: 912 345 6789, passcode 4313", "US", None),
        ("Zoom: ID de reunión 845 221 3908, código de acceso 552211", "US", None),
        # Business and benefit numbers: the NDIS one took the verified date away.
        ("Bring your NDIS number (for example 430 123 456) to intake.", "AU", None),
        ("Our ABN is 12 345 678 901; provider number 4050 012 345", "AU", None),
        ("Our ABN is on the form; call 0430 123 456", "AU", "+61430123456"),
        # "no.", "#" or "ID" alone say nothing: these printed unread under the verified date.
        ("Our night line no. 502-589-9999 answers until 6 am.", "US", "+15025899999"),
        ("Helpline #: 502 589 9999", "US", "+15025899999"),
        ("Call ID 502-589-9999", "US", "+15025899999"),
        # A benefit or a kind of client names a phone line as often as a number: only with
        # "number", "no.", "ID" or "#" after it is what follows no phone number.
        ("Medicare 132 011, or NDIS 1800 800 110", "AU", ["+61132011", "+611800800110"]),
        (
            "Our client line: 502-589-9999; patient 502-589-9998",
            "US",
            ["+15025899999", "+15025899998"],
        ),
        ("NHS 0300 123 3394, order 0300 123 3395", "GB", ["+443001233394", "+443001233395"]),
        ("Medicare number 1234 56789 1, case # 502-589-9999, claim no. 502-589-9998", "US", None),
    ],
)
def test_numbers_next_to_other_digits_are_found(text, region, found):
    from pocketguide.textnumbers import numbers_in_text

    expected = found if isinstance(found, list) else [found] if found else []
    assert [e164 for _written, e164 in numbers_in_text(text, region)] == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # A valid number, then hours in brackets or words; a grouping a service publishes.
        ("Our warmline, (502) 589-4313 (10 am to 10 pm), is there", "US"),
        ("717 003 717 (24 horas)", "ES"),
        ("llama al 800 911 2001 24 horas", "MX"),
        ("Call 0800 068 4142 24 hours a day", "GB"),
        ("ring The Silver Line on 0800 4 70 80 90", "GB"),
        ("ABN 12 345 678 901, ACN 123 456 789", "AU"),  # "check its digits": no phone number
    ],
)
def test_a_valid_number_beside_other_digits_is_no_broken_one(text, region):
    assert broken_numbers(text, region) == []
    assert broken_numbers("512-555-014", "US") == ["512-555-014"]
