"""Times of day read from opening hours written in several languages' ways (pure)."""

from __future__ import annotations

import pytest

from pocketguide.hourtimes import always_open, read_days, read_times, unbacked_times

H = 60


@pytest.mark.parametrize(
    ("text", "certain"),
    [
        ("Mon-Fri 9am-5pm", {9 * H, 17 * H}),
        ("9 a. m. - 5:30 p. m.", {9 * H, 17 * H + 30}),
        ("lun-vie 9:00-17:00", {9 * H, 17 * H}),
        ("tous les jours 9h30-17h", {9 * H + 30, 17 * H}),
        ("16-23 h", {16 * H, 23 * H}),  # a bare hour takes the range's 24-hour mark
        ("de 9 a 17 h", {9 * H, 17 * H}),
        ("Mo-Fr 9 bis 17 Uhr", {9 * H, 17 * H}),
        ("0900-1700", {9 * H, 17 * H}),
        ("12am to noon", {0, 12 * H}),
        ("12pm-midnight", {12 * H, 0}),
        ("24 h", {0}),
        ("24/7", set()),  # no time of day
        ("7 days a week, 24 hours", set()),
        ("option 2", set()),
        ("13pm", set()),  # no such time
    ],
)
def test_certain_times(text, certain):
    assert read_times(text)[0] == certain


def test_a_bare_hour_is_possible_both_ways():
    assert read_times("Mon-Fri 9-5") == (set(), {9 * H, 21 * H, 5 * H, 17 * H})


@pytest.mark.parametrize(
    ("written", "translated"),
    [
        ("Every day, 4pm-11pm", "todos los días, 16-23 h"),
        ("Mon-Fri 9am-5pm", "lunes a viernes, de 9:00 a 17:00"),
        ("Mon-Fri 9-5", "lun-vie 9:00-17:00"),
        ("Mon-Fri 9am-5pm", "lunes a viernes, 0900-1700"),
        ("Weekdays, 9:30am to 5pm", "Wochentags 9.30 bis 17 Uhr"),
        ("24/7", "las 24 horas"),  # nothing to compare with
        ("Mon-Fri 9am-5pm", "lunes a viernes"),  # times left out are not wrong ones
        ("Noon to midnight", "de 12:00 a 0:00"),
    ],
)
def test_the_same_times_written_another_way_are_backed(written, translated):
    assert unbacked_times(written, translated) == []


def test_times_left_behind_by_an_edit_are_named():
    # The warmline now opens at 10 and closes at 6; the Spanish still says 9 to 5.
    assert unbacked_times("Mon-Fri 10am-6pm", "lun-vie 9:00-17:00") == ["09:00", "17:00"]
    assert unbacked_times("Every day, 4pm-11pm", "todos los días, 16-22 h") == ["22:00"]
    assert unbacked_times("Mon-Fri 9am-5pm", "lun-vie 9:00-17:30") == ["17:30"]


def test_digits_of_any_script_are_read():
    assert read_times("٩:٠٠-١٧:٠٠")[0] == {9 * H, 17 * H}


@pytest.mark.parametrize(
    ("hours", "always"),
    [("24/7", True), ("24 hours", True), ("24 horas", True), ("24h, every day", True),
     ("Around the clock", True), ("Every day, 4pm-11pm", False), ("Mon-Fri 9-5", False),
     ("Weekdays", False), ("", False), (None, False),
     # "24 hours" then anything counted: a weekend line got {crisis} and no hours on the card.
     ("24 hours on weekends (Sat-Sun)", False), ("24h weekends only", False),
     ("24 Stunden am Wochenende", False), ("24 horas, solo fines de semana", False),
     ("24 hours Mon-Fri", False),
     # and these, open day and night, were read as limited.
     ("Open 24/7", True), ("Daily 24 hours", True), ("24/7/365", True),
     ("Open 24 hours a day, 7 days a week", True), ("24 horas al día", True),
     # Translations of a 9-to-5 line into "all day" slipped past; the French 24/7 warned.
     ("todos los días, las 24 horas", True), ("على مدار الساعة", True), ("24h/24, 7j/7", True),
     ("lun-ven 17h-9h", False),
     # approve refused these translations of 24/7 as "not open all day".
     ("24 horas al día, 7 días a la semana", True), ("24 horas, los 365 días del año", True),
     ("24h/24 et 7j/7", True), ("24 Stunden täglich", True), ("٢٤/٧", True),
     ("24 Stunden, 7 Tage die Woche", True), ("24 Stunden und Wochenende", False),
     # Read in one pass: this took 35 s, and check with it.
     ("24h" + ", " * 30 + "x", False), ("24h" + ", " * 30, True)],
)  # fmt: skip
def test_always_open(hours, always):
    assert always_open(hours) is always


@pytest.mark.parametrize(
    ("hours", "days"),
    [("Mon-Thu 8am-8pm", {0, 1, 2, 3}), ("lun-vie 8-20 h", {0, 1, 2, 3, 4}),
     ("Mo-Fr 9-17 Uhr", {0, 1, 2, 3, 4}), ("lun.-ven. 9h-17h", {0, 1, 2, 3, 4}),
     ("Sat-Sun 3pm-11pm", {5, 6}), ("sábados y domingos", {5, 6}), ("Fri-Mon", {4, 5, 6, 0}),
     ("todos los días, 15-23 h", set(range(7))), ("Weekdays 9-5", set(range(5))),
     ("24/7", set()), ("9am-5pm", set()), ("so we do", set()),
     # "au" was cut short as "a", "through" never read: Monday and Friday only, a false alarm.
     ("du lundi au vendredi, 9 h à 17 h", set(range(5))), ("lunes al viernes", set(range(5))),
     ("Monday through Friday", set(range(5))), ("Mon thru Fri", set(range(5))),
     ("Mondays to Fridays", set(range(5)))],
)  # fmt: skip
def test_read_days(hours, days):
    assert read_days(hours) == days
