"""Short codes one keystroke from a well-known crisis or emergency code are doubted."""

from __future__ import annotations

import pytest

from pocketguide.doubts import doubt, fictional_range
from pocketguide.phones import parse_number
from pocketguide.wellknown import near_miss, one_keystroke, superseded


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [("988", "9988", True), ("988", "98", True), ("988", "898", True), ("988", "989", True),
     ("741741", "741714", True), ("741741", "74174", True), ("988", "988", False),
     ("988", "8899", False), ("988", "9889", True), ("741741", "714714", False)],
)  # fmt: skip
def test_one_keystroke(a, b, near):
    assert one_keystroke(a, b) is near
    assert one_keystroke(b, a) is near


def test_real_n11_codes_and_well_known_codes_are_not_near_misses():
    assert [near_miss(code, "US") for code in ("211", "311", "411", "511", "711", "911")] == [
        None
    ] * 6
    assert near_miss("988", "US") is None
    assert near_miss("85258", "GB") is None
    assert near_miss("9988", "GB") is None  # 988 is no code of GB's


@pytest.mark.parametrize(
    ("raw", "region", "sms", "message"),
    [("9988", "US", False, "9988 is one keystroke from 988 (the 988 Suicide & Crisis Lifeline)"),
     ("9898", "US", True, "9898 is one keystroke from 988 (the 988 Suicide & Crisis Lifeline)"),
     ("741714", "US", True, "741714 is one keystroke from 741741 (Crisis Text Line)"),
     ("85285", "GB", True, "85285 is one keystroke from 85258 (Shout)")],
)  # fmt: skip
def test_a_typo_of_a_well_known_code_is_doubted(raw, region, sms, message):
    # The red team's case: 9988 and 741714 printed on the card with no word from check.
    assert doubt(parse_number(raw, region, sms=sms)) == f"{message}; check its digits"


@pytest.mark.parametrize("old", ["066", "060", "065", "080"])
def test_mexicos_old_emergency_numbers_are_doubted(old):
    # phonenumbers still lists them; 911 replaced them in 2017. A card printed 066.
    number = parse_number(old, "MX")
    assert doubt(number) == f"{old} has not been in use since 2017; the number is 911 now"
    assert doubt(parse_number("911", "MX")) is None


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        # Ofcom moved Northern Ireland's drama range from 028 9018 0xxx to 028 9649 6xxx.
        ("028 9649 6123", "Ofcom keeps it for drama"),
        ("028 9018 0123", None),
        ("020 7946 0123", "Ofcom keeps it for drama"),
    ],
)
def test_ofcom_drama_ranges_are_the_current_ones(raw, reason):
    assert fictional_range(parse_number(raw, "GB")) == reason


def test_mexico_fire_number_068_is_superseded_by_911_too():
    assert superseded("068", "MX") == ("2017", "911")


@pytest.mark.parametrize(
    ("number", "region"), [("194", "RS"), ("112", "NG"), ("106", "PE"), ("100", "MV")]
)
def test_an_ambulance_number_phonenumbers_lacks_is_a_valid_emergency_entry(number, region):
    # The build asked these regions for an emergency entry, then refused the real number.
    from pocketguide.phones import is_emergency

    parsed = parse_number(number, region)
    assert parsed.display == number and is_emergency(parsed, region)


@pytest.mark.parametrize("region", ["KE"])
def test_911_where_the_list_names_it_the_ambulance_is_no_foreign_number(region):
    # The entry was accepted as an emergency number, then doubted as "North America's".
    from pocketguide.shortcodes import foreign_codes

    assert doubt(parse_number("911", region)) is None
    assert foreign_codes("If someone is hurt, call 911.", region) == []


@pytest.mark.parametrize("raw", ["13 11 41", "0477 13 11 41"])
def test_a_typo_of_lifeline_warns_though_phonenumbers_takes_it_for_an_ordinary_number(raw):
    # "13 11 41" filled {crisis} on every page, approved and "verified".
    assert "is one keystroke from" in (doubt(parse_number(raw, "AU")) or "")
    assert doubt(parse_number(raw.replace("41", "14"), "AU")) is None


def test_words_beside_a_whole_number_are_not_read_as_a_vanity_number():
    # "116 123 free" was offered back as "0116 123 3733", a Leicester landline.
    with pytest.raises(ValueError) as caught:
        parse_number("116 123 free", "GB")
    assert str(caught.value) == (
        '"116 123 free" has words in it; write the number alone ("116 123") and the words in notes'
    )
    with pytest.raises(ValueError) as vanity:
        parse_number("1-800-273-TALK", "US")
    assert '("1-800-273-8255")' in str(vanity.value)


def test_spains_health_emergency_061_is_accepted_as_an_entry_and_112_is_printed():
    from pocketguide.ambulance import emergency_number
    from pocketguide.phones import is_emergency

    assert is_emergency(parse_number("061", "ES"), "ES")
    assert emergency_number("ES") == "112"  # the EU's number, when the project gives none
