"""The times of day in a hotline's opening hours, in any of the usual ways of writing them.

Each language writes times its own way (4pm, 16:00, 16 h, 16.00 Uhr), so a translation's
hours cannot be compared as text with the hours as written. Compared as times of day, a
time the translation prints that the hours as written do not have is most likely one left
behind when the hours changed (or mistyped). Pure functions, for the hotline warnings.
"""

from __future__ import annotations

import re
import unicodedata

# A time (9, 9:30, 9.30, 9h30, 0930), then perhaps am/pm (a.m., p. m.) or a 24-hour mark
# (h, hrs, Uhr).
_TIME = re.compile(
    r"(?<![\d/])(?P<hour>\d{1,2})(?:[:.h]?(?P<minute>\d{2}))?"
    r"(?:\s*(?:(?P<half>[ap])\.?\s?m\b\.?|(?P<clock>h|hrs?|uhr)\b))?(?![\d/])",
    re.IGNORECASE,
)
# Between the two ends of a range: "9-5pm", "16 a 23 h", "9 bis 17 Uhr", "9 to 5".
_RANGE = re.compile(r"\s*(?:[-–—]|to|til|till|until|a|al|hasta|bis|à|au)\s*$", re.IGNORECASE)
_WORDS = {"noon": 12 * 60, "midday": 12 * 60, "midnight": 0}
_WORD = re.compile(r"\b(noon|midday|midnight)\b", re.IGNORECASE)
DAY = 24 * 60


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def read_times(text: str) -> tuple[set[int], set[int]]:
    """(certain, possible) minutes after midnight of the times the text names.

    Certain: written with minutes, am/pm, or a 24-hour mark; a bare hour before a range's
    marked end takes that mark when it is a 24-hour one ("16-23 h"). Possible: each bare
    hour read both ways (9 is 9:00 or 21:00), for "Mon-Fri 9-5".
    """
    text = _ascii_digits(text)
    certain: set[int] = {_WORDS[w.lower()] for w in _WORD.findall(text)}
    possible: set[int] = set()
    found = list(_TIME.finditer(text))
    for index, match in enumerate(found):
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if hour > 24 or minute > 59:
            continue
        half, clock = match["half"], match["clock"]
        if half is None and clock is None and match["minute"] is None:
            after = found[index + 1] if index + 1 < len(found) else None
            between = text[match.end() : after.start()] if after else ""
            if after is not None and after["clock"] and _RANGE.fullmatch(between):
                certain.add(hour * 60 % DAY)
            elif hour <= 12:
                possible |= {hour % 12 * 60, (hour % 12 + 12) * 60}
            else:
                possible.add(hour * 60 % DAY)
            continue
        if half is not None:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        certain.add((hour * 60 + minute) % DAY)
    return certain, possible


def unbacked_times(written: str, translated: str) -> list[str]:
    """Times the translated hours print that the hours as written do not name, as HH:MM.

    Nothing is said when the hours as written name no time at all ("24/7", "Weekdays").
    """
    certain, possible = read_times(written)
    if not certain and not possible:
        return []
    named = certain | possible
    return [f"{t // 60:02d}:{t % 60:02d}" for t in sorted(read_times(translated)[0] - named)]


# Open all day, every day, as the usual languages write it; nothing else may follow, so that
# "24 hours on weekends" is not read as always open.
_DAY = (
    r"(?:las\s+)?24\s*(?:/\s*7|h(?:\s*/\s*24)?|hrs?|hours?|horas?|heures(?:\s+sur\s+24)?"
    r"|stunden|ore)"
)
_EVERY = (
    r"(?:a\s+day|per\s+day|al\s+día|par\s+jour|am\s+tag|every\s+day|daily|täglich|jeden\s+tag"
    r"|7\s+days(?:\s+a\s+week)?|7\s+días(?:\s+a\s+la\s+semana)?|7\s+jours(?:\s+sur\s+7)?"
    r"|7\s+tage(?:\s+die\s+woche)?|7\s*[/j]\s*/?\s*7|(?:los\s+)?365(?:\s+(?:days|días|jours|tage)"
    r"(?:\s+(?:a\s+year|del\s+año|par\s+an|im\s+jahr))?)?|todos\s+los\s+días"
    r"|and|y|et|und|[\s,/])*+"  # one character at a time, never backtracked: no slow cases
)
_ALWAYS = re.compile(
    rf"^\W*(?:(?:open|daily|every\s+day|abierto|ouvert|todos\s+los\s+días,?)\s+)?(?:{_DAY}{_EVERY}"
    r"|always open|around the clock|day and night|día y noche|todo el día|jour et nuit"
    r"|rund um die uhr|على مدار الساعة|ليلا? ونهارا?)\W*$",
    re.IGNORECASE,
)


def has_words(hours: str) -> bool:
    """Whether the hours hold words a translation must give: not "24/7", "24h" or "16-23 h"."""
    return bool(re.search(r"[^\W\d_]", _TIME.sub(_unless_h, hours)))


def _unless_h(time: re.Match[str]) -> str:
    """A time written the 24-hour way with an h (24h, 9h30, 17 h) drops out; others stay."""
    clock = (time["clock"] or "").lower()
    plain_h = not time["half"] and not clock and "h" in time[0].lower()  # 9h30
    return "" if clock == "h" or plain_h else time[0]


def always_open(hours: str | None) -> bool:
    """Whether the hours say the line is open all day, every day ("24/7", "24 horas")."""
    if not hours:
        return False
    # "٢٤/٧" is 24/7 in Arabic-Indic digits.
    plain = re.sub(r"\d", lambda m: str(unicodedata.digit(m[0])), " ".join(hours.split()))
    return bool(_ALWAYS.match(plain))


# The days of the week as the usual languages name and shorten them (Monday is 0). Two-letter
# forms (Mo-Fr) count only in a range: alone they are words ("so", "we", "do").
_DAY_NAMES = (
    "mon monday lun lunes lundi montag seg segunda lunedi",
    "tue tues tuesday mar martes mardi dienstag ter terca martedi",
    "wed weds wednesday mie miercoles mer mercredi mittwoch qua quarta mercoledi",
    "thu thur thurs thursday jue jueves jeu jeudi donnerstag qui quinta giovedi gio",
    "fri friday vie viernes ven vendredi freitag sex sexta venerdi",
    "sat saturday sab sabado sam samedi samstag sabato",
    "sun sunday dom domingo dim dimanche sonntag domenica",
)
_DAYS = {name: day for day, names in enumerate(_DAY_NAMES) for name in names.split()}
_SHORT_DAYS = _DAYS | {"mo": 0, "tu": 1, "di": 1, "we": 2, "mi": 2, "th": 3, "do": 3,
                       "fr": 4, "sa": 5, "su": 6, "so": 6}  # fmt: skip
_EVERY_DAY = re.compile(
    r"every\s*day|daily|todos\s+los\s+dias|a\s+diario|tous\s+les\s+jours|taglich|jeden\s+tag"
    r"|todos\s+os\s+dias|tutti\s+i\s+giorni"
)
_WEEKENDS = re.compile(r"week-?ends?|fines?\s+de\s+semana|wochenende")
_WEEKDAYS = re.compile(r"weekdays|dias\s+laborables|entre\s+semana|en\s+semaine|werktags")
# Whole words between the days: "au" and "through" were cut short as "a" and "t".
_DAY_RANGE = re.compile(
    r"([a-z]+)\.?\s*(?:[-–—]|\b(?:to|thru|through|until|till|al|au|a|bis)\b)\s*([a-z]+)"
)


def _day(word: str) -> int | None:
    """A day's number from its name or short form, plural too ("Mondays", "sabados")."""
    found = _SHORT_DAYS.get(word)
    return _SHORT_DAYS.get(word[:-1]) if found is None and word.endswith("s") else found


def read_days(text: str) -> set[int]:
    """The days of the week the hours name (0 is Monday); empty when they name none."""
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    days: set[int] = set()
    if _EVERY_DAY.search(plain):
        days |= set(range(7))
    if _WEEKENDS.search(plain):
        days |= {5, 6}
    if _WEEKDAYS.search(plain):
        days |= set(range(5))
    for match in _DAY_RANGE.finditer(plain):
        first, last = _day(match[1]), _day(match[2])
        if first is not None and last is not None:  # Fri-Mon wraps round the weekend
            days |= {(first + step) % 7 for step in range((last - first) % 7 + 1)}
    for word in re.findall(r"[a-z]+", plain):
        day = _DAYS.get(word, _DAYS.get(word[:-1]) if word.endswith("s") else None)  # sabados
        if day is not None:
            days.add(day)
    return days
