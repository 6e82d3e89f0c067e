"""A fresh `build` after a hotline edit lays out only the sections the edit changed."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

import pocketguide.formats
from pocketguide.build import build, prepare
from pocketguide.digests import engine_version
from pocketguide.formats import Renderer
from pocketguide.frames import layout_record
from pocketguide.options import Options
from pocketguide.project import load_project
from pocketguide.relayout import relayout
from pocketguide.resources import templates_dir
from pocketguide.splice import page_signature
from test_splice import CONFIG, HOTLINES, _every_object, _links, _parents, unreachable

EDIT = ("0142", "0149"), ("9am-5pm", "10am-6pm")


def _edit(project: Path, *changes: tuple[str, str]) -> None:
    path = project / "hotlines.yaml"
    text = path.read_text()
    for old, new in changes:
        text = text.replace(old, new)
    path.write_text(text)


def _project(folder: Path) -> Path:
    (folder / "pocketguide.yaml").write_text(CONFIG)
    (folder / "hotlines.yaml").write_text(HOTLINES)
    return folder


class _Spy:
    """Wraps pocketguide.formats.relayout, keeping whether each call spliced."""

    def __init__(self) -> None:
        self.results: list[bool] = []

    def __call__(self, *args, **kwargs):
        result = relayout(*args, **kwargs)
        self.results.append(result is not None)
        return result


def _build(project: Path, **options) -> tuple[Path, list[bool]]:
    """Build in this process; the output and whether each relayout attempt spliced."""
    spy = _Spy()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pocketguide.formats, "relayout", spy)
        path = build(project, jobs=options.pop("jobs", 1), **options).written[0].path
    return path, spy.results


def _layout(project: Path) -> dict:
    manifest = json.loads((project / "output/.pocketguide-cache/manifest.json").read_text())
    return next(iter(manifest["outputs"].values()))["layout"]


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> tuple[Path, Path, bytes, dict]:
    """A hotline edit built fresh after a full build, and a full build of the edited project.

    Also returns the first build's PDF and its layout record.
    """
    project = _project(tmp_path_factory.mktemp("relayout"))
    first, tried = _build(project)
    assert tried == []  # nothing to start from yet
    before, record = first.read_bytes(), _layout(project)
    _edit(project, *EDIT)
    spliced, tried = _build(project)
    assert tried == [True]
    full = build(project, out_dir=tmp_path_factory.mktemp("full"), jobs=1).written[0].path
    return spliced, full, before, record


def test_a_full_build_records_where_each_section_starts(edited):
    record = edited[3]
    # Cover and contents on pages 1-2; crisis numbers (the numbers, then the default thirteen
    # blank lines), self-care (three pages since it holds "Your own limits"), then three
    # pages of notes with the back cover (on a left-hand page, page 12, after a blank one).
    assert [(f["start"], f["pages"]) for f in record["fragments"]] == [(3, 2), (5, 3), (8, 5)]
    assert len(record["frames"]) == 12 and record["frames"][2]["links"] > 0


def test_a_relaid_out_guide_equals_a_full_build(edited):
    spliced, full, _before, _record = edited
    mine, theirs = PdfReader(spliced), PdfReader(full)
    assert [p.extract_text() for p in mine.pages] == [p.extract_text() for p in theirs.pages]
    assert "(502) 555-0149" in mine.pages[2].extract_text()
    assert _links(mine) == _links(theirs)
    assert "tel:+1-502-555-0149" in str(_links(mine))
    assert [(o.title, mine.get_destination_page_number(o)) for o in mine.outline] == [
        (o.title, theirs.get_destination_page_number(o)) for o in theirs.outline
    ]
    assert mine.page_labels == theirs.page_labels and mine.metadata == theirs.metadata
    for index in range(len(mine.pages)):
        assert page_signature(mine, index) == page_signature(theirs, index)
    assert _parents(mine) == _parents(theirs)
    pixels = [pypdfium2.PdfDocument(path) for path in (spliced, full)]
    for index in range(len(mine.pages)):
        assert bytes(pixels[0][index].render(scale=1).buffer) == bytes(
            pixels[1][index].render(scale=1).buffer
        ), f"page {index + 1} differs"


def test_no_trace_of_the_old_number_stays_in_a_relaid_out_guide(edited):
    spliced, _full, before, _record = edited
    data = spliced.read_bytes()
    assert data.count(b"%%EOF") == 1
    assert "502-555-0142" in _every_object(before)
    assert "502-555-0142" not in _every_object(data)


def test_a_second_edit_relays_out_from_the_first(tmp_path):
    project = _project(tmp_path)
    _build(project)
    _edit(project, ("0142", "0149"))
    assert _build(project)[1] == [True]
    _edit(project, ("0117", "0118"))
    path, tried = _build(project, jobs=2)  # the layout runs in a build process
    assert tried == [True]
    text = PdfReader(path).pages[2].extract_text() + PdfReader(path).pages[3].extract_text()
    assert "(502) 555-0149" in text and "(502) 555-0118" in text and "0117" not in text
    # What the first splice added (its font subsets) went with the pages that used it.
    assert unreachable(path) == set()
    assert "502-555-0117" not in _every_object(path.read_bytes())


def test_a_changed_output_file_is_never_spliced_into(tmp_path):
    project = _project(tmp_path)
    path, _ = _build(project)
    path.write_bytes(path.read_bytes() + b"\n% touched\n")  # e.g. re-saved by a PDF viewer
    _edit(project, *EDIT)
    path, tried = _build(project)
    assert tried == [] and b"% touched" not in path.read_bytes()
    assert "(502) 555-0149" in PdfReader(path).pages[2].extract_text()


def test_a_record_made_by_another_weasyprint_or_pocketguide_is_not_used(tmp_path):
    project = _project(tmp_path)
    _build(project)
    manifest = project / "output/.pocketguide-cache/manifest.json"
    data = json.loads(manifest.read_text())
    entry = next(iter(data["outputs"].values()))
    assert entry["layout"]["made_with"][1] == engine_version()
    entry["layout"]["made_with"][1] = "pocketguide 0.0.9 with WeasyPrint 69"
    manifest.write_text(json.dumps(data))
    _edit(project, *EDIT)
    path, tried = _build(project)
    assert tried == [] and "(502) 555-0149" in PdfReader(path).pages[2].extract_text()


def test_a_project_stylesheet_that_adds_to_the_default_still_relays_out(tmp_path):
    # Most organizations' guide.css includes the default and changes colours or spacing.
    project = _project(tmp_path)
    (project / "templates").mkdir()
    (project / "templates" / "guide.css").write_text(
        '{% include "default:guide.css" %}\n.section h1 { letter-spacing: 0.02em; }\n'
    )
    _build(project)
    _edit(project, *EDIT)
    path, tried = _build(project)
    assert tried == [True]
    full = build(project, out_dir=tmp_path / "full", jobs=1, force=True).written[0].path
    assert [p.extract_text() for p in PdfReader(path).pages] == [
        p.extract_text() for p in PdfReader(full).pages
    ]


def test_force_lays_out_the_whole_guide(tmp_path):
    project = _project(tmp_path)
    _build(project)
    _edit(project, *EDIT)
    assert _build(project, force=True)[1] == []


@pytest.mark.parametrize(
    "change",
    [
        # Six more entries: the crisis section needs another page, so every later page moves.
        (
            "hotlines:\n",
            "hotlines:\n"
            + "".join(
                f'  - name: Line {n}\n    phone: "502-555-01{20 + n}"\n    category: local\n'
                f"    notes: A longer note that takes a line of its own on the page\n"
                for n in range(6)
            ),
        ),
        # A note is one more paragraph on the crisis page: its tags change.
        ("    category: local\n", "    category: local\n    notes: Ask for the on-call worker\n"),
    ],
    ids=["more pages", "other tags"],
)
def test_an_edit_that_moves_pages_or_tags_lays_out_everything(tmp_path, change):
    project = _project(tmp_path)
    _build(project)
    _edit(project, change)
    path, tried = _build(project)
    assert tried == [False]  # tried, found it could not be exact, built the whole guide
    reader = PdfReader(path)
    full = build(project, out_dir=tmp_path / "full", jobs=1, force=True).written[0].path
    assert [p.extract_text() for p in reader.pages] == [
        p.extract_text() for p in PdfReader(full).pages
    ]


def test_a_record_from_elsewhere_is_not_trusted(edited):
    _spliced, _full, before, record = edited
    html = "<html><head></head><body><!-- pocketguide:fragment --><p>x</p></body></html>"
    for bad in ({}, {"fragments": "x", "front": 1, "frames": []}, record):
        assert relayout(html, Path("."), [], "guide.pdf", before, bad) is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda f: f | {"start": 0},  # before the first page
        lambda f: f | {"start": 99},  # after the last
        lambda f: f | {"pages": 0},
        lambda f: f | {"start": f["start"] + 1},  # overlapping the next section
        lambda f: f | {"pages": 100_000_000},  # more pages than any guide (and memory) holds
    ],
)
def test_a_record_that_names_impossible_pages_is_not_used(edited, tmp_path, tamper):
    _spliced, _full, before, record = edited
    project = _project(tmp_path)
    _edit(project, *EDIT)
    loaded = load_project(project)
    prepared = prepare(loaded, "en")
    html = Renderer(loaded, prepared.content, prepared.assets, Options()).html("guide")[0]
    fragments = [tamper(record["fragments"][0]), *record["fragments"][1:]]
    bad = record | {"fragments": fragments}
    assert relayout(html, templates_dir(), [project, templates_dir()], "g.pdf", before, bad) is None


def test_no_record_without_a_named_first_element_in_every_fragment():
    html = "<html><head></head><body><p>front</p><!-- pocketguide:fragment --><p>x</p></body>"
    assert layout_record(object(), html) is None


def test_watch_first_edit_relays_out_from_the_last_build(tmp_path):
    from pocketguide.fragments import FragmentCache

    project = _project(tmp_path)
    _build(project)  # the build before `watch` started: its cache holds no pages yet
    _edit(project, *EDIT)
    cache, spy = FragmentCache(), _Spy()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pocketguide.formats, "relayout", spy)
        path = build(project, jobs=1, fragments=cache).written[0].path
    assert spy.results == [True]  # only the edited section, not every one laid out afresh
    assert cache.laid_out == 0
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "(502) 555-0149" in text and "(502) 555-0142" not in text
