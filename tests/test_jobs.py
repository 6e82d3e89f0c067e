"""--jobs for one project: languages render in parallel, with the same files and messages."""

from __future__ import annotations

from conftest import run, tiny_config


def test_languages_in_parallel_give_the_same_bytes_and_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    args = ["build", ".", "--locale", "all", "--format", "card-single"]
    serial = run(*args, "--out", "one")
    parallel = run(*args, "--out", "two", "--jobs", "2")
    assert serial.exit_code == parallel.exit_code == 0
    assert parallel.stdout == serial.stdout.replace("one/", "two/")
    for name in ("pocketguide-card-single-en.pdf", "pocketguide-card-single-es.pdf"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_problem_in_one_language_fails_the_parallel_build_cleanly(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="locales: [en, es]\n"))
    broken = tmp_path / "content" / "es" / "sections" / "crisis-numbers.md"
    broken.parent.mkdir(parents=True)
    broken.write_text("no front matter\n", encoding="utf-8")
    result = run("build", ".", "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr == (
        "content/es/sections/crisis-numbers.md:1: missing front matter (a --- block with at "
        "least a title)\n"
    )
    assert not (tmp_path / "output" / "tiny-guide-es.pdf").exists()
