"""6. YAML: strict strings, duplicate keys, no aliases, clear errors; every loader fuzzed."""

from __future__ import annotations

import contextlib
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pocketguide.errors import PocketguideError, Problems
from pocketguide.hotlines import load_hotlines
from pocketguide.lock import read_lock
from pocketguide.project import load_project
from pocketguide.sections import load_section
from pocketguide.yamlload import YamlProblem, load_yaml_file, parse_yaml

from .helpers import assert_clean_failure, invoke, make_project

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


def test_alias_bomb_is_refused_with_bounded_memory():
    assert len(ALIAS_BOMB) <= 400
    tracemalloc.start()
    try:
        with pytest.raises(YamlProblem) as info:
            parse_yaml(ALIAS_BOMB.encode(), "bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.line == 1
    assert "anchors and aliases" in info.value.message
    assert peak < 2_000_000  # expanded, the bomb would be 9**7 strings


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        (b"", 1, "file is empty"),
        (b"# only a comment\n", 1, "file is empty"),
        (b"\xef\xbb\xbfname: x\n", 1, "file starts with a byte-order mark"),
        (b"a:\n\tb: 1\n", 2, "tab characters are not allowed for indentation; use spaces"),
        (b"- a\n- b\n", 1, "the top level must be a mapping (key: value)"),
        (b"just text\n", 1, "the top level must be a mapping (key: value)"),
        (b"a: 1\na: 2\n", 2, 'duplicate key "a" (first on line 1, again on line 2)'),
        (b"a: !!python/object:os.system x\n", 1, "YAML tag"),
        (b"a: \xff\xfe\n", 1, "file is not valid UTF-8 text"),
        (
            b"h:\n  - name: A\n    phone: 1\n   category: crisis\n",
            4,
            "invalid YAML: this line is indented differently from the lines above it",
        ),
        (b"a:\n  b: 1\n\tc: 2\n", 3, "tab characters are not allowed for indentation; use spaces"),
        (b"name: x\nregion US\nlocales: [en]\n", 2, "invalid YAML: could not find expected ':'"),
        (b"name: x\nregion US\n", 2, "invalid YAML: could not find expected ':'"),
        (b"# c\n\nname x\nregion: US\n", 3, "invalid YAML: could not find expected ':'"),
        (b"name\n  first: x\n", 1, "invalid YAML: could not find expected ':'"),
        (
            b"h:\n  - name: A\n    phone 988\n    category: crisis\n",
            3,
            "invalid YAML: could not find expected ':'",
        ),
        # The first key of a list entry: PyYAML reads it on into the next line's key.
        (
            b'h:\n  - name: A\n    phone: 1\n  - name "B"\n    phone: 2\n',
            4,
            "invalid YAML: could not find expected ':' (or the next line is indented too far)",
        ),
        (b"b:\n  - Crisis line\n    Other: x\n", 2, "(or the next line is indented too far)"),
        (
            b'a: "open\nb: 2\nc: 3\n',
            1,
            'invalid YAML: a quote opened on this line is never closed (add the closing ")',
        ),
        # A key missing its colon before a quoted value, with or without a comment after it.
        (b'b:\n  primary "#1d4e89"\n  accent: "#f4a259"\n', 2, "could not find expected ':'"),
        (b'b:\n  primary "#1d4e89"  # note: x\n  accent: "#f"\n', 2, "could not find expected ':'"),
        # ... but a misaligned key after a comment is still a misaligned key.
        (b"a:\n  b: 1  # c\n c: 2\n", 3, "this line is indented differently"),
        (b'b:\n  primary: "#1d4e89"\n accent: "#f4a259"\n', 3, "this line is indented differently"),
        (b"a: 1\nb: [1, 2\n", 2, "invalid YAML: expected ',' or ']', but got '<stream end>'"),
        (
            b"notes: Call: now\n",
            1,
            "invalid YAML: mapping values are not allowed here (put a value that holds a colon "
            "in quotes, or check the indentation)",
        ),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path, raw, line, message):
    path = tmp_path / "x.yaml"
    path.write_bytes(raw)
    data, problems = load_yaml_file(path, shown="x.yaml")
    assert data is None
    [problem] = problems
    assert (problem.path, problem.line) == ("x.yaml", line)
    assert message in problem.message


MISSING_COLON = "invalid YAML: could not find expected ':'"


@pytest.mark.parametrize(
    ("relative", "before", "after", "line"),
    [
        ("pocketguide.yaml", "slug: test\n", "slug test\n", 3),
        ("hotlines.yaml", "    phone: 988\n", "    phone 988\n", 3),
        ("content/en/sections/closing.md", "title: Closing\n", "title Closing\n", 2),
        ("content/en/sections/closing.md", "layout: text\n", "layout text\n", 3),
        ("hotlines.yaml", "hotlines:\n", "hotlines\n", 1),
    ],
)
def test_a_key_without_its_colon_is_reported_on_its_own_line(
    tmp_path, monkeypatch, relative, before, after, line
):
    monkeypatch.chdir(tmp_path)
    files = {
        "hotlines.yaml": "hotlines:\n  - name: A\n    phone: 988\n    category: crisis\n",
        "content/en/sections/closing.md": "---\ntitle: Closing\nlayout: text\n---\n\nBody\n",
    }
    root = make_project(tmp_path, files)
    path = root / relative
    text = path.read_text()
    assert before in text
    path.write_text(text.replace(before, after, 1))
    for command in ("check", "build"):
        result = invoke(command, ".")
        assert assert_clean_failure(result) == [f"{relative}:{line}: {MISSING_COLON}"]
    assert not list(root.glob("output/*.pdf"))


def test_scalars_stay_strings():
    data = parse_yaml("a: 988\nb: 0123\nc: NO\nd: 1e3\ne: 2026-11-01\nf: .inf\n", "x.yaml")
    assert data == {"a": "988", "b": "0123", "c": "NO", "d": "1e3", "e": "2026-11-01", "f": ".inf"}


# --- fuzzing: only PocketguideError (or problems in the result) may come out of a loader ---

KEYS = st.sampled_from(
    ["organization", "name", "slug", "region", "locales", "page", "brand", "hotlines", "phone",
     "text", "url", "verified", "approved", "phone_normalized", "sections", "exclude", "title",
     "layout", "build", "date", "blanks", "languages", "category", "x", "translations", "es",
     "card", "order", "hours", "notes", "keyword", "scenarios", "large_print", "version",
     "approved_on", "organization_phone"]
)  # fmt: skip
SCALARS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["988", "911", "+44 20 7946 0000", "2026-11-01", "US", "a6", "", "~", "NO"]),
    st.integers(-(10**20), 10**20).map(str),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=20,
)


def _as_yaml(tree) -> str:
    import json

    return json.dumps(tree)  # JSON is YAML: structures of any shape, keys may repeat nothing


YAML_BITS = [
    "a:", "  - b", "\t", "&x", "*x", "!!str", "{", "[", "'", '"', "---", "...", ":", "#", "\n",
    "? ", "%YAML 1.2", "x: |",
]  # fmt: skip
DOCUMENTS = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    TREES.map(lambda t: _as_yaml(t).encode()),
    st.lists(st.sampled_from(YAML_BITS), max_size=20).map(lambda bits: " ".join(bits).encode()),
)
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _only_pocketguide_errors(call) -> None:
    """Run a loader: returning (with or without problems) or PocketguideError are both fine."""
    with contextlib.suppress(PocketguideError):
        call()


@FUZZ
@given(raw=DOCUMENTS)
def test_fuzz_config_loader(raw):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "pocketguide.yaml").write_bytes(raw)
        _only_pocketguide_errors(lambda: load_project(Path(folder)))


@FUZZ
@given(raw=DOCUMENTS)
def test_fuzz_section_loader(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.md"
        path.write_bytes(b"---\n" + raw + b"\n---\n\n" + raw)
        _only_pocketguide_errors(lambda: load_section(path, Problems(Path(folder))))


@FUZZ
@given(raw=DOCUMENTS, suffix=st.sampled_from([".yaml", ".csv"]))
def test_fuzz_hotlines_loaders(raw, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"hotlines{suffix}"
        path.write_bytes(raw)
        _only_pocketguide_errors(lambda: load_hotlines(path, "US", Path(folder)))


@FUZZ
@given(rows=st.lists(st.lists(SCALARS, max_size=10), max_size=6))
def test_fuzz_hotlines_csv_rows(rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([["name", "phone", "text", "verified", "languages"], *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hotlines.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8", errors="surrogatepass")
        _only_pocketguide_errors(lambda: load_hotlines(path, "US", Path(folder)))


@FUZZ
@given(raw=DOCUMENTS)
def test_fuzz_lock_loader(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hotlines.lock"
        path.write_bytes(raw)
        _only_pocketguide_errors(lambda: read_lock(path, Path(folder)))


IDS = st.sampled_from(["closing", "guidelines", "sub/closing", "../closing", "closing.md", ""])
MANIFESTS = st.one_of(
    DOCUMENTS,
    st.fixed_dictionaries(
        {"sections": st.lists(IDS | SCALARS | TREES, max_size=5)},
        optional={"scenarios": st.lists(SCALARS, max_size=4)},
    ).map(lambda tree: _as_yaml(tree).encode()),
)


@settings(FUZZ, max_examples=60)
@given(raw=MANIFESTS)
@example(raw=b'{"sections": ["sub/closing"]}')
@example(raw=b'{"sections": ["closing", "closing"]}')
def test_fuzz_manifest_loader(raw):
    # An id with a folder in it ("sub/closing") was a traceback.
    from pocketguide.content import load_content

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "pocketguide.yaml").write_text("organization:\n  name: Org\n  slug: org\n")
        (root / "content").mkdir()
        (root / "content" / "manifest.yaml").write_bytes(raw)
        _only_pocketguide_errors(lambda: load_content(load_project(root), "en"))
