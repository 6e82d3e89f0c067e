"""`pocketguide init`: a new organization project with every setting shown and explained."""

from __future__ import annotations

import json
from pathlib import Path

import phonenumbers

from pocketguide.ambulance import emergency_number
from pocketguide.config import slugify
from pocketguide.errors import PocketguideError, Problem
from pocketguide.locales import language_of
from pocketguide.resources import CONFIG_NAME, content_dir

CONFIG_TEMPLATE = """\
# pocketguide project settings. Paths are relative to this file.
organization:
  name: "{name}"                 # required: shown on the cover and back cover
  slug: {slug}                   # file-name prefix of every output
  # website: https://example.org  # optional
  # phone: "{phone_example}"      # optional; checked like the hotlines
  # email: info@example.org       # optional
region: {region}                 # ISO 3166-1 alpha-2: default region of phone numbers
locales: [{locale}]              # languages to build; the first is primary
page: a6                         # a6 | a7 | quarter-letter | a5 | half-letter | "W H mm"
brand:
  # logo: brand/logo.svg         # svg, png or jpg: cover and back cover
  primary: "#1d4e89"             # headings and rules (text: keep contrast >= 4.5:1)
  accent: "#f4a259"              # rules and callouts
  # font: brand/fonts/Body.ttf   # optional body font file, and the same font's
  # font_bold: brand/fonts/Body-Bold.ttf     # bold, italic and bold italic files
  # font_italic: brand/fonts/Body-Italic.ttf
  # font_bold_italic: brand/fonts/Body-BoldItalic.ttf
hotlines: hotlines.yaml          # or a .csv file with the same columns
sections:
  exclude: []                    # default section ids to leave out
  # order: [how-to-use, guidelines] # ids to put first, in this order
verification:
  max_age_days: 365              # warn when a number was verified longer ago than this
# build:
#   date: 2026-01-01             # fixed date for reproducible builds
"""

HOTLINES_TEMPLATE = """\
# Crisis and referral numbers. Check each one (call it; crisis and emergency lines: against what
# the service publishes, never a test call), then set `verified`. Run `pocketguide approve`
# after checking; builds then warn if one changes.
hotlines:
  - name: "{lifeline}"
    phone: 988
    text: 988{lifeline_keyword}
    url: {lifeline_url}
    hours: 24/7
    languages: [{lifeline_languages}]
    category: crisis
    notes: "{lifeline_notes}"
    {verified_988}
  - name: "{emergency_name}"
    phone: 911
    hours: 24/7
    category: emergency
    {verified_911}
  - name: "{warmline}"  # fictional sample: replace with your own
    phone: "{area}-555-0142"
    hours: "{weekdays}"
    category: warmline
    # verified: {today}              # the day you called it and it was right
  - name: "{mobile}"  # fictional sample: replace with your own
    phone: "{area}-555-0117"
    hours: 24/7
    category: crisis                 # a crisis service: the proof sheet says not to test-call it
    # verified: {today}
{blanks}
"""

# Outside the US and Canada, 988 and the sample numbers do not exist: start from the region's
# emergency number and let the organization add its own lines.
LOCAL_HOTLINES_TEMPLATE = """\
# Crisis and referral numbers. Check each one (call it; crisis and emergency lines: against what
# the service publishes, never a test call), then set `verified`. Run `pocketguide approve`
# after checking; builds then warn if one changes.
{emergency_entry}
  # Add your crisis line: the guide's text tells readers to call the first entry with
  # category: crisis (the build stops until there is one). Then warmlines and local services:
  # - name: National crisis line
  #   phone: "..."
  #   hours: 24/7
  #   category: crisis            # crisis, emergency, warmline, local, youth, ...
  #   verified: {today}
{local_blanks}
"""
# The samples' words in the project's first language, so its crisis page does not start in
# English; other languages get the English words and a note to translate the blank labels.
SAMPLE_WORDS = {
    "en": {
        "lifeline": "988 Suicide & Crisis Lifeline",
        "lifeline_notes": "Call or text 988, or chat online. For Spanish, press 2, or text AYUDA.",
        "emergency_name": "Emergency services",
        "warmline": "{name} warmline",
        "weekdays": "Mon-Fri 9am-5pm",
        "mobile": "County mobile crisis team",
        "blanks": ["My supervisor", "Nearest emergency room", "Other"],
        "crisis_line": "Local crisis line",
    },
    "es": {
        "lifeline": "988 Línea de Prevención del Suicidio y Crisis",
        "lifeline_notes": "Llama al 988 y oprime 2 para español, o envía AYUDA por mensaje "
        "de texto al 988. También hay chat en línea.",
        "emergency_name": "Servicios de emergencia",
        "warmline": "Línea de apoyo de {name}",
        "weekdays": "lun-vie 9-17 h",
        "mobile": "Equipo móvil de crisis del condado",
        "blanks": ["Mi supervisora o supervisor", "Sala de emergencias más cercana", "Otro"],
        "crisis_line": "Línea de crisis local",
    },
}

# Canada's 9-8-8 Suicide Crisis Helpline (since November 2023): call or text, English and French.
CANADA_988 = {
    "en": {"lifeline": "9-8-8: Suicide Crisis Helpline",
           "lifeline_notes": "Call or text 9-8-8, in English or French."},
    "es": {"lifeline": "9-8-8: Suicide Crisis Helpline",
           "lifeline_notes": "Llama o envía un mensaje de texto al 9-8-8, en inglés o francés."},
}  # fmt: skip
for _words in CANADA_988.values():
    _words |= {"lifeline_url": "https://988.ca", "lifeline_languages": "en, fr"}

OVERLAY_NOTES = {
    "brand": "Put your logo (svg, png or jpg) and optional body font here; "
    "name them in pocketguide.yaml.\n",
    "content": "Files under content/<locale>/ replace the default file at the same path.\n"
    "To translate the guide: pocketguide translate <locale> --content copies its files here.\n",
    "templates": "Templates here win over the defaults; extend one with "
    '{% extends "default:guide.html.j2" %}.\n',
}  # fmt: skip


def init_project(folder: Path, name: str, region: str, locale: str, today: str) -> list[Path]:
    """Create a project folder; refuse to overwrite an existing project."""
    config = folder / CONFIG_NAME
    if config.exists():
        raise PocketguideError(
            Problem(str(config), None, "a project already exists here; nothing was changed")
        )
    if (folder / "hotlines.yaml").exists():
        raise PocketguideError(
            Problem(str(folder / "hotlines.yaml"), None, "already exists; nothing was changed")
        )
    for sub in OVERLAY_NOTES:  # before writing anything: a half-made project blocks init
        if (folder / sub).exists() and not (folder / sub).is_dir():
            raise PocketguideError(
                Problem(str(folder / sub), None, "is a file, not a folder; nothing was changed")
            )
    folder.mkdir(parents=True, exist_ok=True)
    created = []
    fields = {
        # Written inside double quotes: JSON's escapes are YAML's, so the name stays as typed.
        "name": json.dumps(name, ensure_ascii=False)[1:-1],
        "area": "416" if region == "CA" else "502",  # fictional 555-01xx numbers in the region
        # A name without Latin letters ("شبكة دعم") takes its slug from the folder's name.
        "slug": slugify(name, fallback=slugify(folder.resolve().name)),
        "region": region,
        "locale": locale,
        "today": today,
    }
    fields |= sample_words(language_of(locale), fields["name"], region)
    fields["phone_example"] = _phone_example(region)
    checked = _shipped_dates()
    fields |= {f"verified_{n}": _verified_line(checked.get(n), today) for n in ("988", "911")}
    fields |= {"lifeline_url": "https://988lifeline.org", "lifeline_languages": "en, es"}
    # The US 988 answers texts in Spanish that start with AYUDA: a Spanish card says so.
    spanish_988 = language_of(locale) == "es" and region != "CA"
    fields["lifeline_keyword"] = "\n    keyword: AYUDA" if spanish_988 else ""
    if region == "CA":  # Canada's 9-8-8 is another service: its own name, site and languages
        fields |= CANADA_988.get(language_of(locale), CANADA_988["en"])
        fields["verified_988"] = _verified_line(None, today)  # pocketguide never checked it
    hotlines = HOTLINES_TEMPLATE
    if region not in ("US", "CA"):
        hotlines = LOCAL_HOTLINES_TEMPLATE
        fields["emergency_entry"] = _emergency_entry(region, fields)
    for path, text in ((config, CONFIG_TEMPLATE), (folder / "hotlines.yaml", hotlines)):
        path.write_text(text.format(**fields), encoding="utf-8")
        created.append(path)
    for sub, note in OVERLAY_NOTES.items():
        (folder / sub).mkdir(exist_ok=True)
        readme = folder / sub / "README.md"
        if not readme.exists():
            readme.write_text(note, encoding="utf-8")
            created.append(readme)
    return created


# What readers call the nearest emergency room, where English says it another way.
EMERGENCY_ROOM = {"GB": "Nearest A&E", "IE": "Nearest A&E", "AU": "Nearest emergency department",
                  "NZ": "Nearest emergency department"}  # fmt: skip
# Numbers kept for fiction, in a config comment: the example must not ring anyone.
FICTIONAL_EXAMPLES = {"US": "+1 502 555 0100", "CA": "+1 416 555 0100", "GB": "+44 20 7946 0100"}


def next_steps(folder: Path, region: str) -> list[str]:
    """What to do after init: the numbers to put in, and the entries the text needs."""
    todo = (
        "replace the fictional sample numbers with your own"
        if region in ("US", "CA")
        else "add your crisis line and local numbers"
    )
    steps = [
        f"Next: in {folder / 'hotlines.yaml'}, {todo}, check each one (call it; crisis and "
        "emergency lines: against what the service publishes, no test call) and set its "
        f"verified date, then run: pocketguide build {folder}"
    ]
    if region not in ("US", "CA"):
        if emergency_number(region) is None:  # init wrote no emergency entry either
            needed = "your emergency number and your crisis line: give them entries with "
            needed += "category: emergency and category: crisis."
        else:
            needed = "your crisis line: give it an entry with category: crisis."
        steps.append(f"The guide's text tells readers to call {needed}")
    return steps


def _phone_example(region: str) -> str:
    if region in FICTIONAL_EXAMPLES:
        return FICTIONAL_EXAMPLES[region]
    example = phonenumbers.example_number(region)
    if example is None:
        return FICTIONAL_EXAMPLES["US"]
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def sample_words(language: str, name: str, region: str = "US") -> dict[str, str]:
    """The sample hotlines' names and the blank labels, in `language` where we have them."""
    words = SAMPLE_WORDS.get(language)
    own = words is not None
    words = dict(words or SAMPLE_WORDS["en"])
    blanks, local = words.pop("blanks"), [words.pop("crisis_line")]
    if language == "en" and region in EMERGENCY_ROOM:
        blanks = [EMERGENCY_ROOM[region] if b == "Nearest emergency room" else b for b in blanks]
    words["warmline"] = words["warmline"].format(name=name)
    for key, labels in (("blanks", blanks), ("local_blanks", local + blanks)):
        line = f"blanks: [{', '.join(labels)}]"
        words[key] = line if own else f"{line}  # write these labels in your language"
    return words


def _emergency_entry(region: str, fields: dict[str, str]) -> str:
    """The `hotlines:` start of a new project outside North America: its emergency number."""
    number = emergency_number(region)
    if number is None:  # phonenumbers lists none for a handful of territories
        return (
            f"hotlines:\n  # pocketguide knows no emergency number for {region} that two sources"
            " agree on:\n  # add yours (take away the # at the start of the next lines)\n"
            f'  # - name: "{fields["emergency_name"]}"\n  #   phone: "..."\n'
            "  #   hours: 24/7\n  #   category: emergency"
        )
    # phonenumbers knows it is an emergency number; no one here checked it for this guide.
    return (
        f'hotlines:\n  - name: "{fields["emergency_name"]}"\n    phone: "{number}"\n'
        f"    hours: 24/7\n    category: emergency\n"
        f"    # verified: {fields['today']}  # the day you checked it with an official source"
    )


def _shipped_dates() -> dict[str, str]:
    """When pocketguide's own data last checked each of its numbers, by number."""
    from pocketguide.hotlines import load_hotlines

    shipped, _problems = load_hotlines(content_dir() / "en" / "hotlines.yaml", "US", content_dir())
    entries = shipped.hotlines if shipped else []
    return {h.phone.raw: h.verified.isoformat() for h in entries if h.phone and h.verified}


def _verified_line(checked: str | None, today: str) -> str:
    """The `verified` line of a well-known number: when pocketguide's own data was checked.

    A new project must not claim its organization checked a number today.
    """
    if not checked:
        return f"# verified: {today}  # the day you checked it"
    return f"verified: {checked}  # checked for pocketguide's default guide; check it too"
