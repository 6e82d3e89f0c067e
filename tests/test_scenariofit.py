"""A scenario that runs onto a second page of the guide is named (pure, then built)."""

from __future__ import annotations

from conftest import run, tiny_config
from pocketguide.scenariofit import destination_pages, spilled


def test_spans_end_where_the_next_page_with_a_start_begins():
    starts = {"sec-scenarios": 4, "scn-a": 5, "scn-b": 6, "scn-c": 8, "sec-notes": 9}
    assert spilled(starts, 12) == {"b": 2}
    assert spilled({"scn-last": 10}, 12) == {"last": 2}  # the document's end closes the last
    assert spilled({"scn-a": 3, "sec-b": 4}, 5) == {}


def test_a_scenario_too_long_for_its_page_warns_at_its_file(tmp_path, monkeypatch):
    # A longer "do" list pushed "Get help when" onto the next page; the build said nothing,
    # though the guide is meant to show each scenario on one page.
    (tmp_path / "pocketguide.yaml").write_text(tiny_config().replace("scenarios, ", ""))
    script = tmp_path / "content" / "en" / "scenarios" / "silence.yaml"
    script.parent.mkdir(parents=True)
    step = "Notice who has not spoken yet, and invite them warmly without any pressure at all"
    script.write_text(
        'title: "Nobody talks"\nquick: "Wait, then invite."\nsigns: ["Quiet"]\n'
        'going_on: ["Nerves"]\nsay: ["“Take your time.”", "“Anyone?”"]\n'
        "do:\n" + "".join(f'  - "{step} ({n})"\n' for n in range(8)) + 'avoid: ["Rushing"]\n'
        'escalate: ["Someone is in danger; call 911"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = run("build", ".")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if "runs onto" in line] == [
        "warning: content/en/scenarios/silence.yaml: the scenario runs onto 2 pages of the "
        "guide, so not all of it is in view at once; shorten it"
    ]


def test_every_default_scenario_is_one_page(default_guide):
    assert spilled(*destination_pages(default_guide.read_bytes())) == {}
    starts, _ = destination_pages(default_guide.read_bytes())
    assert len([name for name in starts if name.startswith("scn-")]) == 12


def test_a_default_scenario_pushed_over_says_what_did_it(monkeypatch):
    # "shorten it" named a file inside pocketguide, which the user cannot edit, when a long
    # crisis number filled into it was the cause.
    import pocketguide.scenariofit as scenariofit
    from pocketguide.content import ScenarioEntry
    from pocketguide.resources import content_dir

    source = content_dir() / "en" / "scenarios" / "silence.yaml"
    entry = ScenarioEntry("silence", None, source)  # type: ignore[arg-type]
    monkeypatch.setattr(scenariofit, "destination_pages", lambda data: ({"scn-silence": 3}, 5))
    [warning] = scenariofit.spill_warnings(b"", [entry], None)
    assert warning.endswith(
        "the scenario runs onto 2 pages of the guide, so not all of it is in view at once; as "
        "shipped it fits one page, so a long number filled in, a larger font or a smaller page "
        "pushed it over: change those, or copy the file into your content/ and shorten it"
    )


def test_every_default_scenario_is_one_page_on_quarter_letter_too(tmp_path):
    # Quarter-letter is 8 mm shorter than A6: five scenarios ran onto a second page, "Get help
    # when" out of sight, though the README said they fit.
    (tmp_path / "pocketguide.yaml").write_text(
        "organization:\n  name: Quarter Org\n  slug: quarter\npage: quarter-letter\n"
    )
    result = run("build", str(tmp_path), "--format", "guide")
    assert result.exit_code == 0, result.output
    assert "runs onto" not in result.stderr
    pdf = (tmp_path / "output" / "quarter-guide-en.pdf").read_bytes()
    assert spilled(*destination_pages(pdf)) == {}
