"""A failed format does not stop the others: they are rebuilt, it keeps its last good PDF."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import NOT_CRISIS, run
from pocketguide.build import strict_check
from pocketguide.errors import PocketguideError, Problem

NO_KIT_NUMBER = (
    "hotlines.yaml: no entry with category crisis, emergency or warmline, so the card and zine "
    "would show no number; add one, or list entries under card: hotlines: in pocketguide.yaml"
)
OLD, NEW = "(502) 589-1234", "(502) 589-4321"


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _text(pdf: Path | BytesIO) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    """An `init` project (guide cut to its crisis numbers) built whole, then with no kit number."""
    folder = tmp_path_factory.mktemp("continue") / "org"
    assert run("init", str(folder), "--name", "test").exit_code == 0
    _edit(folder / "pocketguide.yaml", ("exclude: []", f"exclude: [{NOT_CRISIS}]"))
    hotlines = folder / "hotlines.yaml"
    _edit(hotlines, ("502-555-0117", "502-589-1234"))
    good = run("build", str(folder), "--format", "all", "-q", "--jobs", "1")
    assert good.exit_code == 0, good.output
    out = folder / "output"
    before = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    categories = [
        (f"category: {c}", "category: local") for c in ("crisis", "emergency", "warmline")
    ]
    _edit(hotlines, ("502-589-1234", "502-589-4321"), *categories)
    serial = run("build", str(folder), "--format", "all", "--jobs", "1")
    # Languages in worker processes: each hands back what it finished, then its problems.
    two = folder / "two"
    args = ["--locale", "en", "--locale", "es", "--jobs", "2", "--out", str(two)]
    parallel = run("build", str(folder), "--format", "all", *args)
    return {"out": out, "two": two, "before": before, "serial": serial, "parallel": parallel}


def test_the_failed_formats_problem_is_the_error_once(builds):
    serial = builds["serial"]
    assert serial.exit_code == 1
    assert serial.stderr.splitlines()[-1] == NO_KIT_NUMBER
    assert serial.output.count(NO_KIT_NUMBER) == 1  # card, card-single and zine share it


def test_the_formats_that_can_be_built_are_rebuilt(builds):
    out = builds["out"]
    lines = builds["serial"].stdout.splitlines()
    assert [Path(line.split()[0]).name for line in lines] == [
        "test-guide-en.pdf",
        "test-booklet-en.pdf",
    ]
    for name in ("test-guide-en.pdf", "test-booklet-en.pdf"):
        assert OLD in _text(BytesIO(builds["before"][name])), name  # the last build's number
        text = _text(out / name)
        assert NEW in text and OLD not in text, name


def test_the_failed_formats_keep_their_last_good_pdf(builds):
    for name in ("test-card-en.pdf", "test-card-single-en.pdf", "test-zine-en.pdf"):
        assert (builds["out"] / name).read_bytes() == builds["before"][name], name


def test_the_failed_formats_are_named_as_printing_old_numbers(builds):
    # They keep their last good PDF, which has the number from before the edit: said so.
    [stale] = [line for line in builds["serial"].stderr.splitlines() if "rebuild them" in line]
    assert "3 files in" in stale
    assert (
        "(test-card-en.pdf, test-card-single-en.pdf, test-zine-en.pdf); once the errors are "
        in stale
    )
    assert stale.endswith(" --format card --format card-single --format zine")


def test_each_warning_is_printed_once(builds):
    warnings = [
        line for line in builds["serial"].output.splitlines() if line.startswith("warning:")
    ]
    assert any('County mobile crisis team: no "verified" date' in w for w in warnings)
    for warning in warnings:
        assert builds["serial"].output.count(warning + "\n") == 1, warning


def test_languages_in_workers_emit_what_they_finished_then_raise(builds):
    parallel, serial = builds["parallel"], builds["serial"]
    assert parallel.exit_code == 1
    # The serial build had earlier PDFs in its folder to name as stale; the parallel one
    # built Spanish too, after English failed, with its own warnings and the same problem.
    english = [line for line in serial.stderr.splitlines() if "rebuild them" not in line]
    lines = parallel.stderr.splitlines()
    assert [line for line in lines if " es " not in line] == english  # "no es translation"
    assert lines[-1] == NO_KIT_NUMBER and parallel.stderr.count(NO_KIT_NUMBER) == 1
    names = [Path(line.split()[0]).name for line in parallel.stdout.splitlines()]
    assert names == [
        "test-guide-en.pdf",
        "test-booklet-en.pdf",
        "test-guide-es.pdf",
        "test-booklet-es.pdf",
    ]
    assert sorted(p.name for p in builds["two"].glob("*.pdf")) == sorted(names)
    assert NEW in _text(builds["two"] / "test-booklet-en.pdf")


def test_a_strict_warning_names_the_formats_that_failed_before_it():
    failed = (Problem("hotlines.yaml", None, "no card number"),)
    with pytest.raises(PocketguideError) as caught:
        strict_check(["a warning"], failed)
    assert caught.value.message == "hotlines.yaml: no card number\na warning (--strict)"
