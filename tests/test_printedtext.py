"""The finished HTML is read again as printed: numbers the source checks could not read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import run, tiny_config
from pocketguide.printedtext import printed_problems, visible_text

HOTLINES = (
    "hotlines:\n"
    "  - name: County crisis team\n    phone: 502-589-1234\n    hours: 24/7\n"
    "    category: crisis\n    verified: 2026-11-01\n"
    "  - name: Emergency services\n    phone: '911'\n    hours: 24/7\n    category: emergency\n"
    "    verified: 2026-11-01\n"
    "  - name: Peer warmline\n    phone: 502-589-7777\n    hours: 24/7\n    category: warmline\n"
    "    verified: 2026-11-01\n"
)
UNREAD = (
    'prints "{}" beside "Numbers verified as of", but no hotline entry has that number (HTML, '
    "an escape, a template or a translation wrote it where the checks of the text could not "
    "read it); write it plainly, or give it an entry"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """An approved project (its guide prints the verified date) with its own closing text."""
    monkeypatch.chdir(tmp_path)
    Path("pocketguide.yaml").write_text(tiny_config().replace(" closing,", ""))
    Path("hotlines.yaml").write_text(HOTLINES)
    assert run("approve", ".").exit_code == 0
    Path("content/en/sections").mkdir(parents=True)
    return tmp_path


def _closing(body: str) -> None:
    Path("content/en/sections/closing.md").write_text(f"---\ntitle: Closing\n---\n\n{body}\n")


def test_a_link_whose_words_wrap_is_compared_with_the_number_it_dials(project):
    # Checked line by line, a link over two lines dialled the team while showing the warmline.
    _closing("If someone needs the team, [call them on\n502-589-7777](tel:+1-502-589-1234) now.")
    result = run("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        'content/en/sections/closing.md:6: a link shows "502-589-7777" but dials +15025891234; '
        "make them the same number\n",
    )


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("Or call 502-589-<em>1235</em>.", "502-589-1235"),
        ("Or call &#53;&#48;&#50;-589-1236.", "502-589-1236"),
        ("Or call 502-589<!-- -->-1237.", "502-589-1237"),
        ("After hours, call our team at 502-589-CALL.", "502-589-CALL"),
    ],
)
def test_a_number_no_entry_has_is_refused_beside_the_date(project, written, printed):
    # Each printed under "Numbers verified as of November 1, 2026", with no warning at all.
    _closing(written)
    result = run("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        f"content/en/sections/closing.md:5: {UNREAD.format(printed)}\n",
    )
    assert run("build", ".", "--format", "guide").exit_code == 1
    assert not list(Path("output").glob("*.pdf"))


def test_without_the_date_such_a_number_is_left_to_the_warnings(project):
    Path("hotlines.lock").unlink()  # nothing approved: no date printed, nothing claimed
    _closing("Or call 502-589-<em>1235</em>.")
    assert run("check", ".").exit_code == 0


def test_a_right_to_left_override_turning_digits_around_is_refused(project):
    _closing("After hours, call our crisis team: \u202e4321985205\u202c.")
    assert run("check", ".").stderr == (
        'content/en/sections/closing.md:5: "4321985205" is printed inside a right-to-left '
        "override, which turns its digits around on the page; take the override out\n"
    )


def test_a_translation_that_writes_a_link_is_read_as_printed(project):
    # gettext's words are not escaped: a .po file's HTML prints, link and all.
    config = Path("pocketguide.yaml")
    config.write_text(config.read_text() + "locales: [en]\n")
    assert run("translate", "en", ".").exit_code == 0
    po = Path("templates/i18n/en.po")
    text = po.read_text()
    old = 'msgid "Numbers verified as of %(date)s"\nmsgstr ""'
    assert old in text
    po.write_text(
        text.replace(
            old,
            'msgid "Numbers verified as of %(date)s"\nmsgstr "Numbers verified as of %(date)s. '
            'Team: <a href=\\"tel:+15025891234\\">502-589-7777</a>"',
        )
    )
    line = po.read_text().splitlines().index('msgid "Numbers verified as of %(date)s"') + 2
    stderr = run("check", ".").stderr.splitlines()
    assert (
        f'templates/i18n/en.po:{line}: a link shows "502-589-7777" but dials +15025891234; '
        "make them the same number"
    ) in stderr


def test_visible_text_joins_inline_pieces_and_skips_what_never_prints():
    html = (
        "<html><head><title>502-589-0000</title><style>p{}</style></head><body><p>Call "
        "502-589-<em>12</em>35</p><p>Next</p><svg><text>502-589-9999</text></svg></body></html>"
    )
    assert [line for line in visible_text(html).split("\n") if line] == [
        "Call 502-589-1235",
        "Next",
    ]


def test_entries_numbers_and_matching_links_pass():
    html = (
        '<body><p>Call <a href="tel:+1-502-589-1234">(502) 589-1234</a>, '
        '<a href="tel:988">988</a> or <a href="tel:911">call us</a>.</p></body>'
    )
    assert printed_problems(html, "US", {"+15025891234"}, True) == []
    wrong = html.replace('href="tel:988">988', 'href="tel:988">911')
    assert printed_problems(wrong, "US", {"+15025891234"}, True) == [
        ('a link shows "911" but dials 988; make them the same number', "911")
    ]


@pytest.mark.parametrize(
    "words",
    [
        "<p>IN DANGER? DIAL 911 FOR HELP. CALL 988 ANY TIME, TEXT 741741 HOME.</p>",
        "<p>Call \u202d(502) 589-1234\u202c, set left to right.</p>",  # LRO: in order
        "<p>Note: \u202eabc</p><p>Open 2026, room 12.</p>",  # unclosed: ends with its paragraph
        '<p><a href="tel:%2B15025891234">+15025891234</a></p>',  # the autolink of <tel:%2B1...>
    ],
)
def test_legitimate_pages_raise_no_alarm(words):
    # Each was refused: capitals read as a vanity number, a left-to-right override as one
    # turning digits around, an unclosed override quoting the rest of the guide, and a
    # percent-encoded link as dialling 2215025891234.
    assert printed_problems(f"<body>{words}</body>", "US", {"+15025891234"}, True) == []


def test_check_render_names_every_languages_problems(project):
    config = Path("pocketguide.yaml")
    config.write_text(config.read_text() + "locales: [en, es]\n")
    _closing("Or call 502-589-<em>1235</em>.")
    Path("content/es/sections").mkdir(parents=True)
    Path("content/es/sections/closing.md").write_text(
        "---\ntitle: Cierre\n---\n\nO llama al 502-589-<em>1236</em>.\n"
    )
    assert run("approve", ".").exit_code == 0
    stderr = run("check", ".", "--render").stderr.splitlines()
    assert f"content/en/sections/closing.md:5: {UNREAD.format('502-589-1235')}" in stderr
    assert f"content/es/sections/closing.md:5: {UNREAD.format('502-589-1236')}" in stderr


def test_links_are_read_however_their_address_is_written():
    # Without quotes around href, or to WhatsApp, a link dialled another number unread.
    known = {"+15025891234", "+15025894321"}
    unquoted = "<body><p><a href=tel:+15025891234>Call 502-589-4321</a></p></body>"
    assert printed_problems(unquoted, "US", known, False) == [
        (
            'a link shows "502-589-4321" but dials +15025891234; make them the same number',
            "502-589-4321",
        )
    ]
    chat = '<body><p><a href="https://wa.me/15025899999">WhatsApp us</a></p></body>'
    assert printed_problems(chat, "US", known, True) == [
        (
            'a link dials +15025899999 beside "Numbers verified as of", but no hotline entry has '
            "that number; give it an entry, or link an entry's number",
            "WhatsApp us",
        )
    ]
    assert printed_problems(chat.replace("15025899999", "15025891234"), "US", known, True) == []


@pytest.mark.parametrize(
    ("words", "printed"),
    [
        ("Call 502-589-call.", "502-589-call"),  # vanity numbers in any case and shape
        ("Call 502-HELP-NOW.", "502-HELP-NOW"),
        ("Call 502-589-<br>9999 now.", "502-589-9999"),  # broken over two lines
        ("Call 502·589·9999 now.", "502-589-9999"),  # middle dots between the groups
    ],
)
def test_numbers_written_in_other_shapes_are_read(words, printed):
    found = printed_problems(f"<body><p>{words}</p></body>", "US", {"+15025891234"}, True)
    assert [written for _message, written in found] == [printed]


def test_a_short_code_split_by_markup_is_read_whole():
    # "Call 9<em>8</em>9" printed under the verified date: its pieces were read, not 989.
    found = printed_problems("<body><p>Call 9<em>8</em>9 now</p></body>", "US", set(), True)
    assert found == [
        (
            '"989" is one keystroke from 988 (the 988 Suicide & Crisis Lifeline); check its '
            'digits (markup splits it, beside "Numbers verified as of")',
            "989",
        )
    ]
    # Written plainly, it is the text's checks' to say (a warning there).
    assert printed_problems("<body><p>Call 989 now</p></body>", "US", set(), True) == []


@pytest.mark.parametrize(
    "words",
    [
        "<p>Last year our 250 members met 412 times, at 303 Central Ave.</p>",
        "<p>Our group meets on Zoom: https://us06web.zoom.us/j/8452213908</p>",
        '<p><a class="kh-number" href="tel:+15025882008">(502) 588-2008</a>'
        '<span class="kh-hours">Mon-Fri 9am-5pm</span></p>',
    ],
)
def test_ordinary_words_addresses_and_an_entrys_hours_are_no_numbers(words):
    # Each was refused: "250 members" read as a vanity number, a meeting link's ID as a phone
    # number, and the card's number run into its hours ("588-2008Mon").
    assert printed_problems(f"<body>{words}</body>", "US", {"+15025882008"}, True) == []


def test_a_card_whose_lines_have_limited_hours_builds(project):
    # Half of all real numbers failed so: the card printed the number, then the hours.
    today = dt.date.today().isoformat()
    changed = HOTLINES.replace("502-589-7777\n    hours: 24/7", "502-588-2008\n    hours: 9am-5pm")
    Path("hotlines.yaml").write_text(changed.replace("2026-11-01", today))
    assert run("approve", ".").exit_code == 0
    result = run("build", ".", "--format", "card-single")
    assert result.exit_code == 0, result.stderr


def test_a_right_to_left_mark_between_a_numbers_digits_is_refused(project):
    # U+200F between "589" and "-1234" printed "5021234-589-" with the date kept, no warning.
    _closing("After hours, call our crisis team: 502-589\u200f-1234.")
    result = run("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        'content/en/sections/closing.md:5: "502-589-1234" has a right-to-left mark (U+200F) '
        "between its digits, which can print them in another order; take the mark out\n",
    )
    assert run("build", ".", "--format", "guide").exit_code == 1
    assert not list(Path("output").glob("*.pdf"))


def test_marks_around_a_number_in_right_to_left_text_pass():
    html = "<p>\u0627\u062a\u0635\u0644 \u200f502-589-1234\u200f \u0627\u0644\u0622\u0646</p>"
    assert printed_problems(html, "US", {"+15025891234"}, True) == []


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Call [1-8OO-662-4357](tel:+1-502-589-1234).", "1-8OO-662-4357"),  # letter O for 0
        ("Or call 502-589-l234.", "502-589-l234"),  # a small L for 1
    ],
)
def test_letters_that_look_like_digits_in_a_number_are_refused(project, written, shown):
    _closing(written)
    result = run("check", ".")
    assert (result.exit_code, result.stderr) == (
        1,
        f'content/en/sections/closing.md:5: "{shown}" has letters that look like digits (O for '
        "0, l or I for 1); write it in digits\n",
    )


def test_words_with_those_letters_are_no_number():
    html = "<p>Room 1O1 at 10 am, OIL 2020-11-01, ID l0l, Call 502-589-1234.</p>"
    assert printed_problems(html, "US", {"+15025891234"}, True) == []


@pytest.mark.parametrize("space", ["\u2009", "\u202f", "\u2007", "\u00a0"])
def test_a_number_spaced_with_thin_spaces_is_read_as_one(project, space):
    # Spaced so, a wrong number beside the verified date passed every check.
    _closing(f"Or call 502{space}589{space}1239.")
    result = run("check", ".")
    assert result.exit_code == 0
    assert result.stderr == (
        'warning: content/en/sections/closing.md:5: "502 589 1239" is one keystroke from an '
        "entry's (502) 589-1234: check its digits; as written, it is no hotline entry's number, "
        'so approve and proof never check it and no PDF in this language prints "Numbers '
        'verified as of"; give it an entry in the hotlines file\n'
    )
    html = f"<p>Or call 502-589{space}1239.</p>"  # as a template could print it
    assert printed_problems(html, "US", {"+15025891234"}, True) == [
        (UNREAD.format("502-589 1239"), "502-589 1239")
    ]


@pytest.mark.parametrize("mark", ["\u2063", "\u2062", "\u180e", "\u200b", "\ufe0f"])
def test_a_link_with_an_invisible_character_in_its_words_is_compared_as_printed(project, mark):
    _closing(f"Call [502-589{mark}1239](tel:+1-502-589-1234).")
    assert run("check", ".").stderr == (
        'content/en/sections/closing.md:5: the link "502-5891239" shows 502-5891239 but dials '
        "(502) 589-1234; make them the same number\n"
    )
    html = f'<p>Call <a href="tel:+15025891234">502-589-{mark}1239</a></p>'
    assert printed_problems(html, "US", {"+15025891234"}, False) == [
        ('a link shows "502-589-1239" but dials +15025891234; make them the same number',
         "502-589-1239")
    ]  # fmt: skip
