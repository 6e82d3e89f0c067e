"""Worker processes for one project's build.

Importing WeasyPrint takes about as long as loading and checking a project's content, so a
build with two or more jobs starts a worker first: it imports WeasyPrint while this process
loads and validates the content and renders the HTML. With one language the worker then lays
out and writes its PDFs while this process verifies, imposes and writes the files; with
several, each worker renders whole languages.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from pocketguide.errors import PocketguideError, Problem
from pocketguide.pdf import PdfResult, html_to_pdf


def cpu_count() -> int:
    """CPUs this process may use (the default number of jobs)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workers:
    """Up to `jobs` build processes that import WeasyPrint as they start. A context manager.

    One process starts at once; the others only when `map` has work for them.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pools = [_start(1)]
        self._used = False  # a build whose outputs were all up to date never renders

    def map(self, fn: Callable, calls: list[tuple]) -> list[Future]:
        """fn(*args) for each args in calls, spread over the processes; futures in order."""
        self._used = True
        n = min(self.jobs, len(calls))
        if n > 1 and len(self._pools) == 1:
            self._pools.append(_start(n - 1))
        # The first process, already warm, takes every n-th call; the others share the rest.
        return [self._pools[i % n and 1].submit(fn, *args) for i, args in enumerate(calls)]

    def html_to_pdf(
        self, html: str, base_dir: Path, roots: list[Path], source: str, measure: bool = False
    ) -> PdfResult:
        """pocketguide.pdf.html_to_pdf, run in a worker."""
        self._used = True
        future = self._pools[0].submit(_render, html, base_dir, roots, source, measure)
        kind, value = self.result_of(future, source)
        if kind == "error":
            raise PocketguideError(value)
        return value

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
        for pool in self._pools:
            # After an error or Ctrl-C, or with nothing to render, don't wait for an import.
            if kind is not None or not self._used:
                _terminate(pool)
            pool.shutdown(wait=True, cancel_futures=True)


def _start(processes: int) -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(max_workers=processes, initializer=_import_weasyprint)
    pool.submit(int)  # start the processes, and their imports, now
    return pool


def _terminate(pool: ProcessPoolExecutor) -> None:
    if hasattr(pool, "terminate_workers"):  # Python 3.14
        pool.terminate_workers()
        return
    for process in list((pool._processes or {}).values()):
        process.terminate()


def _import_weasyprint() -> None:
    # Ctrl-C reaches the whole process group; the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import weasyprint  # noqa: F401


def _render(html, base_dir, roots, source, measure) -> tuple[str, object]:
    # Problems travel back as data: the parent raises them, exactly as in one process.
    try:
        return "ok", html_to_pdf(html, base_dir, roots, source, measure)
    except PocketguideError as exc:
        return "error", exc.problems
