"""Worker processes for one project's build.

Importing WeasyPrint takes about as long as loading and checking a project's content, so a
build with two or more jobs starts its workers first: they import WeasyPrint while this
process loads and validates the content and renders the HTML. With one language, the worker
then warms WeasyPrint up on a one-line document, lays out and writes each PDF, and this
process verifies, imposes and writes the files; with several, each worker renders whole
languages.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pocketguide.engine import font_folder, import_weasyprint
from pocketguide.errors import PocketguideError, Problem
from pocketguide.pdf import PdfResult, Rendering, html_to_pdf
from pocketguide.resources import CONFIG_NAME, every_locale, templates_dir


def cpu_count() -> int:
    """CPUs this process may use (the default number of jobs)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_jobs(languages: int) -> int:
    """Jobs when none are asked for: the CPU count, or 1 where a worker would gain nothing.

    One language's worker only gives a head start on importing WeasyPrint. A process that has
    imported it already (a script or test run building guide after guide) renders faster
    itself than a new process that must import it again.
    """
    if languages == 1 and "weasyprint" in sys.modules:
        return 1
    return cpu_count()


class Workers:
    """`jobs` build processes that import WeasyPrint as they start. A context manager.

    All of them start at once, before any thread of the pool runs, as forking requires.
    """

    def __init__(self, jobs: int, warm_up: bool = False) -> None:
        font_folder()  # made here, so every worker shares it and this process removes it
        self._pool = ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(os.getpid(), warm_up)
        )
        self.size = jobs
        self._pool.submit(int)  # start the processes, and their imports, now
        self._used = False  # a build whose outputs were all up to date never renders

    def submit(self, fn: Callable, *args: object) -> Future:
        """Run fn(*args) in a worker."""
        self._used = True
        try:
            return self._pool.submit(fn, *args)
        except BrokenProcessPool as exc:  # a worker died before this job (warming up, say)
            failed: Future = Future()
            failed.set_exception(exc)  # result_of turns it into the one-line error
            return failed

    def html_to_pdf(
        self,
        html: str,
        base_dir: Path,
        roots: list[Path],
        source: str,
        measure: bool = False,
        record: bool = False,
    ) -> PdfResult:
        """pocketguide.pdf.html_to_pdf, run in a worker."""
        return self._start("html_to_pdf", source, html, base_dir, roots, source, measure, record)()

    def lay_out_pages(
        self, changed: list, frames: list, base_dir: Path, roots: list[Path], source: str
    ) -> Callable[[], bytes | None]:
        """pocketguide.relayout.lay_out_pages, started in a worker: call the result to wait."""
        return self._start("lay_out_pages", source, changed, frames, base_dir, roots, source)

    def lay_out_half(
        self, html: str, base_dir: Path, roots: list[Path], source: str
    ) -> Callable[[], object]:
        """pocketguide.halves.lay_out_half, started in a worker: call the result to wait."""
        return self._start("lay_out_half", source, html, base_dir, roots, source)

    def _start(self, task: str, source: str, *args: object) -> Callable[[], object]:
        future = self.submit(_call, task, *args)

        def wait() -> object:
            # What checks the worker's PDF next is imported now, while the worker works.
            import pocketguide.verify  # noqa: F401

            kind, value = self.result_of(future, source)
            if kind == "error":
                raise PocketguideError(value)
            return value

        return wait

    @staticmethod
    def result_of(future: Future, source: str):
        """A worker's result; a worker that died becomes a one-line error naming `source`."""
        try:
            return future.result()
        except BrokenProcessPool:
            message = "a build process stopped unexpectedly (out of memory?); try --jobs 1"
            raise PocketguideError(Problem(source, None, message)) from None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        # After an error or Ctrl-C, or with nothing to render, don't wait for an import.
        if kind is not None or not self._used:
            _terminate(self._pool)
        self._pool.shutdown(wait=True, cancel_futures=True)


def _terminate(pool: ProcessPoolExecutor) -> None:
    if hasattr(pool, "terminate_workers"):  # Python 3.14
        pool.terminate_workers()
        return
    for process in list((pool._processes or {}).values()):
        process.terminate()


def _start_worker(parent: int, warm_up: bool) -> None:
    # Ctrl-C reaches the whole process group; the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)
    # A failed import (or warm-up) is not reported here, where it would only break the pool:
    # html_to_pdf imports WeasyPrint again and turns the same failure into a one-line error.
    with contextlib.suppress(Exception):
        import_weasyprint()
        if warm_up:
            _warm_up()


# Set in the bundled font, as every pocketguide document is: WeasyPrint with no font at all
# (a system without fonts, which pocketguide does not need) crashes the process.
WARM_UP_HTML = (
    '<html lang="en"><style>@font-face { font-family: W; src: url("fonts/NotoSans-Regular.ttf") }'
    "body { font-family: W }</style><p>pocketguide</p>"
)


def _warm_up() -> None:
    """Lay out and write a one-line document while the build prepares the real one.

    A process's first WeasyPrint document pays for one-time setup (cffi parsing C type names,
    fontconfig, Pango): 0.05-0.1 s that, done here, no longer follows the wait. It goes
    through the same confined rendering as every document.
    """
    folder = templates_dir()
    with Rendering(folder, [folder], "warm-up") as rendering:
        rendering.write(rendering.document(WARM_UP_HTML))


def _exit_with_parent(parent: int) -> None:
    """Have Linux stop this worker if the build is killed (SIGKILL leaves no time to)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's __exit__ still stops workers
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _call(task: str, *args: object) -> tuple[str, object]:
    # Looked up by name in the worker. Problems travel back as data: the parent raises them,
    # exactly as in one process.
    if task == "lay_out_pages":
        from pocketguide.relayout import lay_out_pages as function
    elif task == "lay_out_half":
        from pocketguide.halves import lay_out_half as function
    else:
        function = html_to_pdf
    try:
        return "ok", function(*args)
    except PocketguideError as exc:
        return "error", exc.problems


_FLOW_LOCALES = re.compile(r"^locales:[ \t]*\[([^\]\n#]*)\][ \t]*(?:#.*)?$", re.MULTILINE)


def languages_hint(project_dir: Path, requested: tuple[str, ...]) -> int:
    """How many languages the build will likely render, before the project is loaded.

    It only sizes the pool of build processes, which starts before the (slower) loading, so
    the config is read loosely and anything unclear counts as one language.
    """
    if requested and "all" not in requested:
        return len(set(requested))
    configured: list = []
    try:
        text = (project_dir / CONFIG_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        text = ""
    if flow := _FLOW_LOCALES.search(text):  # `locales: [en, es]`, as init writes it
        configured = [name.strip(" '\"") for name in flow[1].split(",") if name.strip()]
    elif "locales" in text:  # PyYAML takes 25-30 ms to import, before the fork: only if needed
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            data = None
        found = data.get("locales") if isinstance(data, dict) else None
        configured = [str(x) for x in found] if isinstance(found, list) else []
    if "all" in requested:
        return len(every_locale(configured or ["en"]))
    return max(1, len(configured))
