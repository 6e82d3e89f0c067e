"""--jobs for one project: languages render in parallel, with the same files and messages."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run, tiny_config
from pocketguide.build import build


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


def test_a_format_failing_in_a_worker_keeps_what_was_written_before_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="locales: [en, es]\n"))
    (tmp_path / "hotlines.yaml").write_text(
        "hotlines:\n  - name: Youth\n    phone: 502-555-0242\n    category: youth\n"
        "    verified: 2026-11-01\n"
    )
    args = ["build", ".", "--format", "guide", "--format", "card-single"]
    serial = run(*args, "--out", "one", "--jobs", "1")
    parallel = run(*args, "--out", "two", "--jobs", "2")
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.stderr == serial.stderr
    assert serial.stderr.splitlines()[-1].startswith("hotlines.yaml: no entry with category")
    assert serial.stderr.count("no entry with category") == 1  # both languages' problem, once
    # The English guide was done before the card failed; Spanish is built all the same.
    assert [line.split()[0] for line in serial.stdout.splitlines()] == [
        "one/tiny-guide-en.pdf",
        "one/tiny-guide-es.pdf",
    ]
    assert parallel.stdout == serial.stdout.replace("one/", "two/")
    for out in ("one", "two"):
        assert sorted(p.name for p in (tmp_path / out).glob("*.pdf")) == [
            "tiny-guide-en.pdf",
            "tiny-guide-es.pdf",
        ]


def test_one_language_renders_in_a_worker_with_the_same_bytes_and_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(), encoding="utf-8")
    args = ["build", ".", "--format", "guide", "--format", "card-single"]
    serial = run(*args, "--out", "one", "--jobs", "1")
    parallel = run(*args, "--out", "two", "--jobs", "2")
    assert serial.exit_code == parallel.exit_code == 0
    assert parallel.stdout == serial.stdout.replace("one/", "two/")
    assert serial.stdout.count(".pdf") == 2
    for name in ("tiny-guide-en.pdf", "tiny-card-single-en.pdf"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="a patch reaches forked workers only"
)
@pytest.mark.parametrize(("extra", "warmed"), [("", True), ("locales: [en, es]\n", False)])
def test_a_lone_worker_warms_weasyprint_up_while_the_html_is_prepared(
    tmp_path, monkeypatch, extra, warmed
):
    # Workers rendering whole languages get their work at once: they do not warm up.
    import pocketguide.worker as worker

    marker = tmp_path / "warmed"
    warm_up = worker._warm_up

    def recorded():
        warm_up()
        marker.write_text("done")  # only after the real warm-up worked

    monkeypatch.setattr(worker, "_warm_up", recorded)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra=extra), encoding="utf-8")
    result = run("build", ".", "--format", "card-single", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert marker.exists() is warmed


def test_a_layout_error_in_the_worker_reads_as_in_one_process(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(), encoding="utf-8")
    # Found only while laying out (a damaged logo is now refused before): a file the CSS
    # asks for outside the project.
    (tmp_path / "templates").mkdir()
    css = 'body { background: url("../brand/logo.png") }\n'
    (tmp_path / "templates" / "guide.css").write_text(css)
    serial = run("build", ".", "--jobs", "1")
    parallel = run("build", ".", "--jobs", "2")
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stderr.startswith("templates/guide.css:1: refused file:///")
    assert serial.stderr.endswith("/brand/logo.png: outside the project\n")
    assert parallel.stderr == serial.stderr
    assert not (tmp_path / "output" / "tiny-guide-en.pdf").exists()


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches forked workers only"
)
@pytest.mark.parametrize("when", ["html_to_pdf", "_warm_up"])
def test_a_worker_that_dies_is_a_one_line_error(tmp_path, monkeypatch, when):
    import os

    import pocketguide.worker

    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(), encoding="utf-8")
    # Workers are forked from this process, so they inherit the patch and exit mid-render,
    # or while warming up, before the build has handed them anything.
    monkeypatch.setattr(pocketguide.worker, when, lambda *args: os._exit(3))
    if when == "_warm_up":  # make sure the worker is gone before the build hands it the job
        import pocketguide.build

        prepare = pocketguide.build.prepare
        monkeypatch.setattr(pocketguide.worker, "import_weasyprint", lambda: None)
        monkeypatch.setattr(
            pocketguide.build, "prepare", lambda *args: time.sleep(1) or prepare(*args)
        )
    result = run("build", ".", "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr == (
        "output/tiny-guide-en.pdf: a build process stopped unexpectedly (out of memory?); "
        "try --jobs 1\n"
    )
    assert not (tmp_path / "output" / "tiny-guide-en.pdf").exists()


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches forked workers only"
)
def test_a_language_whose_process_dies_is_reported_with_the_others(tmp_path, monkeypatch):
    # The first language's dead process ended the build there: the problems of the others,
    # collected or still to come, were lost.
    import pocketguide.build

    monkeypatch.chdir(tmp_path)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(extra="locales: [en, es]\n"))
    monkeypatch.setattr(
        _dies_in_english, "real", pocketguide.build._locale_in_worker, raising=False
    )
    monkeypatch.setattr(pocketguide.build, "_locale_in_worker", _dies_in_english)
    result = run("build", ".", "--jobs", "2", "--locale", "all")
    assert result.exit_code == 1
    stopped = "a build process stopped unexpectedly (out of memory?); try --jobs 1"
    # A dead process breaks the pool: Spanish cannot finish either, and says so too.
    assert result.stderr.splitlines() == [f"en: {stopped}", f"es: {stopped}"]


def _dies_in_english(root, locale, plan):
    """A worker's job that kills its process for English (module level: it is pickled)."""
    import os

    if locale == "en":
        os._exit(3)
    return _dies_in_english.real(root, locale, plan)


def test_with_two_jobs_the_main_process_never_imports_weasyprint(tmp_path):
    import subprocess
    import sys

    (tmp_path / "pocketguide.yaml").write_text(tiny_config(), encoding="utf-8")
    script = (
        "import sys; from pocketguide.build import build\n"
        "report = build(sys.argv[1], jobs=2)\n"
        "print(report.written[0].pages, 'weasyprint' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    pages, imported = done.stdout.split()
    assert int(pages) >= 2 and imported == "False"


def test_jobs_default_to_the_cpus_this_process_may_use(monkeypatch):
    # A container or `taskset` allows fewer CPUs than the machine has: those count.
    from pocketguide.worker import cpu_count

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3}, raising=False)
    assert cpu_count() == 2
    monkeypatch.delattr(os, "sched_getaffinity")  # macOS and Windows have no affinity call
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert cpu_count() == 6


def test_one_language_renders_here_once_this_process_has_weasyprint(monkeypatch):
    # A second process would only import WeasyPrint again; languages still spread out.
    from pocketguide.worker import default_jobs

    monkeypatch.setattr("pocketguide.worker.cpu_count", lambda: 4)
    monkeypatch.setitem(sys.modules, "weasyprint", sys.modules.get("weasyprint", object()))
    assert (default_jobs(1), default_jobs(2)) == (1, 4)
    monkeypatch.delitem(sys.modules, "weasyprint")
    assert default_jobs(1) == 4


def test_a_build_without_jobs_in_a_process_with_weasyprint_starts_no_worker(tmp_path, monkeypatch):
    import weasyprint  # noqa: F401

    import pocketguide.worker

    def no_workers(*args, **kwargs):
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(pocketguide.worker, "Workers", no_workers)
    (tmp_path / "pocketguide.yaml").write_text(tiny_config(), encoding="utf-8")
    assert build(tmp_path).written[0].pages >= 2
    with pytest.raises(AssertionError, match="worker process was started"):
        build(tmp_path, force=True, jobs=2)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition, seconds: float = 30.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads Linux /proc")
def test_workers_stop_when_the_build_is_killed():
    script = (
        "import time\nfrom pocketguide.worker import Workers\n"
        "workers = Workers(1)\nprint('started', flush=True)\ntime.sleep(120)\n"
    )
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert build.stdout.readline() == "started\n"
        assert _wait_for(lambda: _children(build.pid))
        workers = _children(build.pid)
    finally:
        build.kill()  # SIGKILL: no cleanup runs in the build
        build.wait()
    assert _wait_for(lambda: not any(_running(pid) for pid in workers))


def test_an_error_stops_busy_workers_instead_of_waiting_for_them():
    script = (
        "import time\nfrom pocketguide.worker import Workers\n"
        "try:\n"
        "    with Workers(1) as workers:\n"
        "        workers.submit(time.sleep, 600)\n"
        "        raise RuntimeError('content error')\n"
        "except RuntimeError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout == "content error\n", done.stderr


@pytest.mark.parametrize(
    ("config", "requested", "expected"),
    [
        (None, (), 1),  # the default guide
        ("organization: {name: X}\n", (), 1),
        ("organization: {name: X}\nlocales: [en, es]\n", (), 2),
        ("locales: [en, es]\n", ("es",), 1),
        ("locales: [en-GB]\n", ("all",), 2),  # en-GB and the shipped es (en-GB is English)
        ("locales: [en, es\n", (), 1),  # broken YAML: load_project will say so
        ("locales: ['en', \"es\", fr]  # three\n", (), 3),  # read without YAML
        ("locales:\n  - en\n  - es\n", (), 2),  # a block list: read with YAML
        ("organization: {name: X}\n# locales: [en, es, fr]\n", (), 1),  # a comment
    ],
)
def test_the_pool_is_sized_by_the_languages_to_render(tmp_path, config, requested, expected):
    from pocketguide.worker import languages_hint

    if config is not None:
        (tmp_path / "pocketguide.yaml").write_text(config, encoding="utf-8")
    assert languages_hint(tmp_path, requested) == expected
