"""Side-by-side timings for issue 6: medians of N runs, ratios against the issue's targets.

Run: `make bench` or `.venv/bin/python benchmarks/bench.py [--runs N] [--quick]`.
Measurements compared with each other are taken in turn (a, b, a, b, ...), not in blocks.
Features that do not exist yet are reported as "n/a (not implemented)".
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
NA = "n/a (not implemented)"


@dataclass
class Row:
    """One line of the results table."""

    name: str
    measured: float | None  # seconds
    baseline: float | None  # seconds
    target: str
    check: Callable[[float], bool] | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """measured / baseline."""
        if self.measured is None or not self.baseline:
            return None
        return self.measured / self.baseline

    def cells(self) -> list[str]:
        """Table cells: name, measured, baseline, ratio, target, verdict, note."""
        seconds = lambda v: f"{v:.3f} s" if v is not None else "-"  # noqa: E731
        ratio = self.ratio
        if self.measured is None:
            verdict = NA
        elif ratio is None or self.check is None:
            verdict = "-"
        else:
            verdict = "met" if self.check(ratio) else "missed"
        shown_ratio = f"{ratio:.2f}x" if ratio is not None else "-"
        return [
            self.name,
            seconds(self.measured),
            seconds(self.baseline),
            shown_ratio,
            self.target,
            verdict,
            self.note,
        ]


def median(fn: Callable[[], float], runs: int) -> float:
    """Median of `runs` timings returned by fn."""
    return statistics.median(fn() for _ in range(runs))


def paired(first: Callable[[], float], second: Callable[[], float], runs: int):
    """Medians of two measurements taken in turn, so that a machine's drift hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(first())
        times[1].append(second())
    return statistics.median(times[0]), statistics.median(times[1])


def timed(args: list[str], cwd: Path | None = None) -> float:
    """Wall time of one fresh process; fail loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{done.stderr}")
    return seconds


def pocketguide(*args: str | Path) -> list[str]:
    """The command line of a fresh `pocketguide` process."""
    return [PY, "-m", "pocketguide", *map(str, args)]


def features() -> dict[str, bool]:
    """Which parts of issue 6 exist in this checkout."""
    from pocketguide import build as build_module

    params = inspect.signature(build_module.build).parameters
    help_text = subprocess.run(
        pocketguide("build", "--help"), capture_output=True, text=True, check=True
    ).stdout
    try:
        from pocketguide.fragments import FragmentCache  # noqa: F401

        fragments = "fragments" in params
    except ImportError:
        fragments = False
    return {
        "cache": "force" in params and "--force" in help_text,
        "fragments": fragments,
        "jobs_one_guide": "jobs" in params and "--jobs" in help_text,
        "batch_cli": "--all" in help_text and "--jobs" in help_text,
    }


def make_project(folder: Path) -> Path:
    """An organization project with the full default content, as `pocketguide init` makes it."""
    subprocess.run(
        pocketguide("init", folder, "--name", folder.name), capture_output=True, check=True
    )
    return folder


def edit_hotline(project: Path) -> None:
    """Change the last digit of the sample warmline's number (502-555-014x)."""
    path = project / "hotlines.yaml"
    text = path.read_text()
    old = next(f"502-555-014{d}" for d in range(10) if f"502-555-014{d}" in text)
    path.write_text(text.replace(old, f"502-555-014{(int(old[-1]) + 1) % 10}"))


def bare_weasyprint(work: Path) -> Callable[[], float]:
    """One process: import WeasyPrint, render the default guide's final HTML, write the PDF."""
    from pocketguide.build import prepare
    from pocketguide.project import load_project
    from pocketguide.resources import templates_dir

    project = load_project(work / "default")
    prepared = prepare(project, "en")
    try:
        from pocketguide.formats import Renderer
        from pocketguide.options import Options

        html = Renderer(project, prepared.content, prepared.assets, Options()).html("guide")[0]
    except ImportError:
        from pocketguide.guide import render_html

        html = render_html(project, prepared.content, prepared.assets)
    source = work / "final.html"
    source.write_text(html, encoding="utf-8")
    # The same write options as pocketguide's (a tagged PDF/UA-1 file): the floor of this stack.
    script = (
        "import sys, weasyprint\n"
        "html = open(sys.argv[1], encoding='utf-8').read()\n"
        "doc = weasyprint.HTML(string=html, base_url=sys.argv[2]).render()\n"
        "doc.write_pdf(sys.argv[3], pdf_identifier=b'pocketguide', custom_metadata=True,\n"
        "              pdf_variant='pdf/ua-1')\n"
    )
    base = templates_dir().resolve().as_uri() + "/"
    return lambda: timed([PY, "-c", script, str(source), base, str(work / "bare.pdf")])


def cold(project: Path, out: Path, *extra: str, forget: bool = False) -> float:
    """A fresh process building into an empty output folder.

    With `forget`, no layout of an earlier build is kept either (a first build on a machine).
    """
    shutil.rmtree(out, ignore_errors=True)
    if forget:
        shutil.rmtree(Path(os.environ["XDG_CACHE_HOME"]) / "pocketguide", ignore_errors=True)
    return timed(pocketguide("build", project, "--out", out, "--quiet", *extra))


def watch_edit(project: Path, out: Path, runs: int, has_fragments: bool) -> float:
    """One hotline edit rebuilt by a warm in-process Watcher (as `pocketguide watch` runs it)."""
    from pocketguide.watch import Watcher

    cache = None
    if has_fragments:
        from pocketguide.fragments import FragmentCache

        cache = FragmentCache()
    watcher = Watcher(project, out_dir=out, cache=cache, echo=lambda message, err: None)
    first = watcher.rebuild()
    if not first.ok:
        raise SystemExit(f"watch benchmark: first build failed:\n{first.error}")
    times = []
    for _turn in range(runs):
        edit_hotline(project)
        outcome = watcher.rebuild(["hotlines.yaml"])
        if not outcome.ok:
            raise SystemExit(f"watch benchmark: rebuild failed:\n{outcome.error}")
        times.append(outcome.seconds)
    return statistics.median(times)


def batch(parent: Path, jobs: int, wired: bool) -> float:
    """Cold build of every project under parent with `jobs` processes."""
    for out in parent.glob("*/output"):
        shutil.rmtree(out)
    if wired:
        return timed(pocketguide("build", "--all", parent, "--jobs", jobs, "--quiet"))
    script = (
        "import sys; from pathlib import Path\n"
        "from pocketguide.batch import build_many, find_projects\n"
        "projects = find_projects(Path(sys.argv[1]))\n"
        "results = build_many(projects, jobs=int(sys.argv[2]), quiet=True)\n"
        "sys.exit(any(r.status != 'ok' for r in results))\n"
    )
    return timed([PY, "-c", script, str(parent), str(jobs)])


def measure(runs: int, work: Path) -> tuple[list[Row], dict[str, bool]]:
    """Every benchmark of the issue, in order (a) to (f)."""
    have = features()
    rows: list[Row] = []
    default = work / "default"
    default.mkdir()
    out = work / "out"

    cold_default, floor = paired(lambda: cold(default, out), bare_weasyprint(work), runs)
    rows.append(
        Row(
            "(a) cold build vs bare WeasyPrint",
            cold_default,
            floor,
            "<= 1.10x",
            lambda r: r <= 1.10,
        )
    )

    if have["cache"]:
        cold(default, out)
        noop = median(lambda: timed(pocketguide("build", default, "--out", out, "--quiet")), runs)
        rows.append(
            Row("(b) no-op rebuild vs cold", noop, cold_default, "<= 0.05x", lambda r: r <= 0.05)
        )
    else:
        rows.append(Row("(b) no-op rebuild vs cold", None, cold_default, "<= 0.05x"))

    org = make_project(work / "org")
    org_out = org / "output"

    def fresh_edit() -> float:
        edit_hotline(org)
        return timed(pocketguide("build", org, "--quiet"))

    # Each edit follows a cold build of the same project, as a coordinator's would.
    cold_org, edited = paired(lambda: cold(org, org_out), fresh_edit, runs)
    rows.append(
        Row(
            "(c) hotline edit, fresh process, vs cold",
            edited,
            cold_org,
            "<= 0.35x",
            lambda r: r <= 0.35,
        )
    )
    note = "" if have["fragments"] else "no fragment cache: full rebuilds in a warm process"
    in_watch = watch_edit(org, work / "watch-out", runs, have["fragments"])
    rows.append(
        Row(
            "(c) hotline edit inside watch vs cold",
            in_watch,
            cold_org,
            "<= 0.15x",
            lambda r: r <= 0.15,
            note,
        )
    )

    parent = work / "batch"
    parent.mkdir()
    for index in range(8):
        make_project(parent / f"chapter-{index + 1}")
    one, two = paired(
        lambda: batch(parent, 1, have["batch_cli"]),
        lambda: batch(parent, 2, have["batch_cli"]),
        runs,
    )
    how = "CLI --all" if have["batch_cli"] else "batch.build_many (CLI not wired yet)"
    # Speed-up is jobs-1 time over jobs-2 time: baseline and measured swap places.
    rows.append(
        Row(
            "(d) batch of 8: --jobs 1 / --jobs 2 (speed-up)",
            one,
            two,
            ">= 1.8x",
            lambda r: r >= 1.8,
            how,
        )
    )

    if have["jobs_one_guide"]:
        j1, j2 = paired(
            lambda: cold(default, out, "--jobs", "1"),
            lambda: cold(default, out, "--jobs", "2"),
            runs,
        )
        rows.append(
            Row(
                "(e) one guide --jobs 2 vs --jobs 1",
                j2,
                j1,
                "<= 0.80x",
                lambda r: r <= 0.80,
                "two halves laid out at once, from the layout an earlier build kept",
            )
        )
        first_1, first_2 = paired(
            lambda: cold(default, out, "--jobs", "1", forget=True),
            lambda: cold(default, out, "--jobs", "2", forget=True),
            runs,
        )
        rows.append(
            Row(
                "(e) the same, no layout kept (a first build)",
                first_2,
                first_1,
                "-",
                None,
                "one layout; jobs 2 overlaps WeasyPrint's import",
            )
        )
    else:
        rows.append(Row("(e) one guide --jobs 2 vs --jobs 1", None, None, "<= 0.80x"))

    start_up = median(lambda: timed(pocketguide("--help")), runs)
    python = median(lambda: timed([PY, "-c", "pass"]), runs)
    rows.append(
        Row(
            "(f) `pocketguide --help` vs bare python",
            start_up,
            python,
            "no WeasyPrint import",
            None,
        )
    )
    return rows, have


HEADER = ["benchmark", "measured", "baseline", "ratio", "target", "result", "note"]


def table(rows: list[Row]) -> str:
    """A Markdown table (readable as plain text too)."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def report(rows: list[Row], have: dict[str, bool], runs: int) -> str:
    """benchmarks/results.md."""
    import weasyprint

    from pocketguide import __version__

    features_line = ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in have.items())
    return (
        "# Benchmark results (issue 6)\n\n"
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; pocketguide {__version__}, "
        f"WeasyPrint {weasyprint.__version__}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}; "
        f"median of {runs} run{'s' if runs != 1 else ''} each.\n\n"
        f"Features found: {features_line}.\n\n"
        f"{table(rows)}\n\n"
        "Ratios are measured / baseline, except (d), a speed-up (jobs 1 time / jobs 2 time).\n"
        "Fresh-process timings include Python start-up and imports, with pocketguide's modules\n"
        "compiled to bytecode first, as installing the wheel does. Regenerate with `make bench`.\n"
    )


def compile_bytecode() -> None:
    """Cache pocketguide's compiled modules, as pip does when it installs the wheel.

    An editable install caches them on first import, unless PYTHONDONTWRITEBYTECODE is set (as
    on this sandbox): then every fresh process compiled about 80 modules again, some 60 ms.
    """
    import compileall

    import pocketguide

    compileall.compile_dir(Path(pocketguide.__file__).parent, quiet=1)


def main() -> None:
    """Run, print the table and write results.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--quick", action="store_true", help="one run each (a smoke test)")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    runs = 1 if args.quick else max(args.runs, 1)
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="pocketguide-bench-") as tmp:
        # Layouts kept between builds (pocketguide.hints) go to a cache of this run's own.
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        rows, have = measure(runs, Path(tmp))
    print(table(rows))
    args.output.write_text(report(rows, have, runs), encoding="utf-8")
    print(f"\nwritten: {args.output}")


if __name__ == "__main__":
    main()
