"""libyaml reads what it and PyYAML agree on; PyYAML alone reads, and explains, the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pocketguide import yamlload
from pocketguide.yamlload import YamlProblem, parse_yaml

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(yamlload.CParser is None, reason="PyYAML built without libyaml")


def _read(loader_class: type, text: str) -> object:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return None if node is None else yamlload._build(node, text)
    finally:
        loader.dispose()


def _with_lines(data: object) -> object:
    """Data together with every line number the loader kept, for exact comparison."""
    if isinstance(data, dict):
        return (data.line, dict(data.lines), {k: _with_lines(v) for k, v in data.items()})
    if isinstance(data, list):
        return (data.line, list(data.lines), [_with_lines(v) for v in data])
    return data


def _fast(text: str) -> object:
    return _with_lines(_read(yamlload._FastLoader, text))


def _slow(text: str) -> object:
    return _with_lines(_read(yamlload._Loader, text))


SHIPPED = sorted(
    path
    for folder in ("content", "examples", "src")
    for path in (ROOT / folder).rglob("*.y*ml")
    if path.suffix in (".yaml", ".yml")
)


def test_there_are_shipped_documents_to_compare():
    assert len(SHIPPED) >= 20


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_document_reads_the_same_with_both_parsers(path):
    text = path.read_text(encoding="utf-8")
    assert not yamlload._PYYAML_ONLY.search(text)  # so the fast parser is the one used
    assert _fast(text) == _slow(text)


def test_a_plain_document_never_reaches_the_python_parser(monkeypatch):
    def refuse(text):
        raise AssertionError("the pure-Python parser was used")

    monkeypatch.setattr(yamlload, "_Loader", refuse)
    text = 'name: "Riverside"\nphone: 502-555-0142  # checked\nlist:\n  - a\n  - ~\n'
    data = parse_yaml(text, "x.yaml")
    assert data == {"name": "Riverside", "phone": "502-555-0142", "list": ["a", None]}
    assert (data.lines, data["list"].lines) == ({"name": 1, "phone": 2, "list": 3}, [4, 5])


def _problem(text: str) -> tuple[int | None, str]:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text, "x.yaml")
    return caught.value.line, caught.value.message


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name: a\t\n", 1, "tab character after the text is not allowed"),
        ("a: >#c\n  text\n", 1, "invalid YAML"),
        ("x: [a\n ? b]\n", 2, "invalid YAML"),
        ("x: {a\n? }\n", 2, "invalid YAML"),
        ("phone: 502-555-0163 #2 for Spanish\n", 1, '"#2 for Spanish" is read as a comment'),
        ("a: &x 1\nb: *x\n", 1, "YAML anchors and aliases (& and *) are not allowed"),
        ("a: 1\na: 2\n", 2, 'duplicate key "a" (first on line 1, again on line 2)'),
        ("a: [1, 2\nb: 3\n", 2, "invalid YAML"),
        # From a red team: libyaml read these tags and this directive; PyYAML refuses them.
        ("!+! phone: 911\n", 1, "invalid YAML"),
        ("phones: [!, 911]\n", 1, "YAML tag !, is not allowed"),
        ("phones: [!!str,502-555-0142]\n", 1, "invalid YAML"),  # not [None, "502-555-0142"]
        ("%YAML 1.1#c\n--- a\n", 1, "invalid YAML"),
    ],
)
def test_documents_libyaml_takes_or_words_otherwise_get_pythons_own_error(
    text, line, words, monkeypatch
):
    found = _problem(text)
    assert found[0] == line
    assert words in found[1]
    monkeypatch.setattr(yamlload, "CParser", None)  # as before the fast parser
    assert _problem(text) == found


PIECES = [
    *"ab1 \n:-#'\"[]{},?|>&*!%@`\\é~\t\r\u00a0\u2028\ufeff",
    ": ",
    "- ",
    " #",
    "...",
    "---",
    "\r\n",
    "null",
    "\\t",
    "\\u00e9",
    "key: value\n",
    "  - item\n",
    "|-\n",
    ">+\n",
    "|2\n",
    "!!str ",
    "<<: ",
    "\n  ",
    "x #y",
    "%YAML 1.1\n",
    "2026-01-01",
    "&a ",
    "*a",
    "? ",
    "{a: b}",
    "[a, b]",
    "'a''b'",
]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_what_the_fast_parser_accepts_pyyaml_reads_the_same(text):
    if yamlload._PYYAML_ONLY.search(text) or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return  # never given to the fast parser
    try:
        fast = _fast(text)
    except (yaml.YAMLError, YamlProblem, RecursionError, yamlload._Unsure):
        return  # read again by PyYAML alone
    assert fast == _slow(text)


@pytest.mark.parametrize(
    "text", ["!foo name: x\n", "!!binary name: x\n", "a:\n  !!python/str b: c\n"]
)
def test_a_key_with_a_tag_beyond_the_core_ones_is_refused(text, monkeypatch):
    # Both parsers let a key's tag through: only values' tags were checked.
    for parser in (yamlload.CParser, None):
        monkeypatch.setattr(yamlload, "CParser", parser)
        line, message = _problem(text)
        assert line == text.count("\n") and message.startswith("YAML tag !")
        assert message.endswith(" is not allowed")


def test_an_escape_past_the_last_unicode_character_is_a_problem_on_its_line():
    # PyYAML's scanner raised ValueError from chr(): a traceback instead of file:line.
    assert _problem('name: x\nphone: "\\U00110000"\n') == (
        2,
        "invalid YAML: a character escape past the last in Unicode",
    )


def test_exclamation_marks_in_text_stay_on_the_fast_parser():
    for text in ('say: "Call now!"\n', "say: Call now! Then wait.\n", "a: x!y\n"):
        assert not yamlload._PYYAML_ONLY.search(text)
