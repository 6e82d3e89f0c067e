"""The command line: parses options and calls the pipeline; nothing else lives here."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from pocketguide import __version__
from pocketguide.cli_options import (
    CREEP,
    FORMAT_CHOICES,
    build_settings,
    count,
    duplex_option,
    human_size,
    out_option,
    output_options,
    page_ranges,
    paper_option,
    project_argument,
)
from pocketguide.cli_project import approve, check, init, proof, translate


class _Commands(click.Group):
    """The command group: a file the system refuses is one line naming it, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:
            from pocketguide.errors import system_error

            if (error := system_error(exc)) is None:
                raise
            raise error from None


@click.group(
    cls=_Commands,
    epilog="Example:\n\n\b\n  pocketguide build            # the default guide, into ./output/\n"
    "  pocketguide build --help     # options of one command",
)
@click.version_option(__version__, prog_name="pocketguide")
def cli() -> None:
    """Build printable pocket guides for peer-support group facilitators."""


for _command in (init, check, approve, translate, proof):
    cli.add_command(_command)


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide build\n  pocketguide build examples/riverside --out dist"
    "\n  pocketguide build --strict --quiet\n  pocketguide build --locale es"
    "\n  pocketguide build --format card --format zine --paper a4"
    "\n  pocketguide build --format booklet --duplex short --creep 0.4"
    "\n  pocketguide build --print-shop --large-print"
    "\n  pocketguide build chapters/north chapters/south --jobs 2"
    "\n  pocketguide build --all chapters --locale all"
)
@click.argument("project_dirs", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--all",
    "all_parent",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build every project (a folder with pocketguide.yaml) inside this folder.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1),
    help="Processes at once [default: the CPU count]: projects when building several; "
    "for one project, its languages, or (one language) WeasyPrint starting while the "
    "content loads.",
)
@output_options
@click.option("--force", is_flag=True, help="Rebuild even the outputs that are up to date.")
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print only warnings and errors. With several projects: a plain line per project "
    "and the closing table, no progress bar.",
)
def build(
    project_dirs: tuple[Path, ...],
    all_parent: Path | None,
    jobs: int | None,
    force: bool,
    quiet: bool,
    **output: Any,
) -> None:
    """Build the PDFs of PROJECT_DIRS (default: the current folder).

    Without a pocketguide.yaml in a folder, the default guide is built. Several folders, or
    --all PARENT, are built in parallel with a closing table; with --out, each project
    writes to OUT/<folder name>/.
    Outputs are named <slug>-<format>-<locale>.pdf: guide (the pocket guide), card (wallet
    cards on sheets with crop marks), card-single (one page per card face), zine (one-sheet
    folded booklet), booklet (the guide imposed for saddle stitching).
    Outputs whose inputs have not changed since the last build are skipped ("up to date");
    fingerprints are kept in <out>/.pocketguide-cache/.
    """
    from pocketguide.build import build as run_build
    from pocketguide.errors import PocketguideError

    settings = build_settings(output)
    if all_parent or len(project_dirs) > 1:
        from pocketguide.batch import run_batch_cli

        run_batch_cli(project_dirs, all_parent, jobs, quiet, force=force, **settings)
        return
    project_dir = project_dirs[0] if project_dirs else Path(".")
    try:
        report = run_build(project_dir, force=force, jobs=jobs, **settings)
    except PocketguideError as exc:
        # Files written before the failure are good and in place: say so.
        if exc.partial is not None:
            _echo_report(exc.partial, quiet)
        raise
    _echo_report(report, quiet)


def _echo_report(report: Any, quiet: bool) -> None:
    """Warnings, then one line per output: written (pages, size) or up to date."""
    from pocketguide.errors import display_path

    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if quiet:
        return
    for item in report.written:
        shown = display_path(item.path)
        if item.fresh:
            click.echo(f"up to date: {shown}")
        else:
            line = f"{shown}  {count(item.pages, 'page')}  {human_size(item.size)}"
            click.echo(f"{line}  ({item.how})" if item.how else line)


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide preview\n  pocketguide preview examples/riverside"
    " --pages 1,3,5-7\n  pocketguide preview --locale es --out dist"
)
@project_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f for f in FORMAT_CHOICES if f != "all"], case_sensitive=False),
    default="guide",
    show_default=True,
    help="Output format to preview.",
)
@click.option("--locale", help="Language to preview [default: the primary one].")
@paper_option("Paper of the card, zine and booklet sheets, as in build [default: config `paper`].")
@duplex_option("Which edge the printer flips on, for card and booklet backs.")
@click.option(
    "--pages",
    callback=page_ranges,
    help="Pages to show, e.g. 1-8, 3 or 1,3,5-7 [default: the first 8].",
)
@out_option
def preview(
    project_dir: Path,
    fmt: str,
    locale: str | None,
    paper: str | None,
    duplex: str,
    pages: list[tuple[int, int]] | None,
    out_dir: Path | None,
) -> None:
    """Build one format, then write PNG pages and a contact sheet next to the PDF."""
    from pocketguide.errors import display_path
    from pocketguide.options import Options
    from pocketguide.preview import preview_project

    options = Options(paper=paper, duplex=duplex)
    result = preview_project(project_dir, fmt, locale, pages, out_dir, options=options)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    folder = display_path(result.pages[0].parent)
    shown = len(result.pages)
    click.echo(f"{display_path(result.sheet)}  contact sheet of {count(shown, 'page')}")
    click.echo(f"{folder}/  {count(shown, 'PNG page')} of {result.page_count}")


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide watch\n  pocketguide watch examples/riverside"
    " --format guide --format card\n  pocketguide watch --locale es --strict"
)
@project_argument
@output_options
def watch(project_dir: Path, **output: Any) -> None:
    """Build PROJECT_DIR, then rebuild whenever one of its files changes (Ctrl-C stops).

    A failed build prints its problems and keeps watching; the last good PDF stays.
    Takes the same output options as build.
    """
    from pocketguide.fragments import FragmentCache
    from pocketguide.watch import Watcher

    watcher = Watcher(project_dir, cache=FragmentCache(), **build_settings(output))
    try:
        watcher.run()
    except KeyboardInterrupt:
        click.echo("stopped")


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide impose handout.pdf --layout saddle -o booklet.pdf"
    "\n  pocketguide impose card.pdf --layout cards --paper a4 -o card-sheet.pdf"
)
@click.argument("input_pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--layout",
    type=click.Choice(("saddle", "zine", "cards"), case_sensitive=False),
    required=True,
    help="saddle: folded booklet; zine: 8 pages on one sheet; cards: front and back, many up.",
)
@paper_option(
    "Paper size [default: a4 when the input's first page is an ISO A size (A4 to A7), else letter]."
)
@duplex_option("Which edge the printer flips on (saddle and cards).")
@click.option(
    "--creep",
    type=CREEP,
    default=0.0,
    help="saddle: millimetres the innermost sheet's pages move toward the spine.",
)
@click.option(
    "--right-to-left",
    "rtl",
    is_flag=True,
    help="saddle and zine: bind on the right, for Arabic, Hebrew and other RTL languages.",
)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The imposed PDF to write.",
)
def impose(
    input_pdf: Path,
    layout: str,
    paper: str | None,
    duplex: str,
    creep: float,
    rtl: bool,
    out: Path,
) -> None:
    """Impose any PDF for printing: pages are scaled to fit their panels, centred."""
    from pocketguide.errors import display_path
    from pocketguide.imposefile import impose_file
    from pocketguide.paper import how_to_print

    used, sheets = impose_file(input_pdf, layout, out, paper, duplex, creep, rtl)
    fmt = {"saddle": "booklet", "cards": "card"}.get(layout, layout)
    how = how_to_print(fmt, used, duplex, 0)  # the sheets are counted before it
    click.echo(f"{display_path(out)}  {count(sheets, 'sheet')}  ({how})")


def main() -> NoReturn:
    """Console-script entry point."""
    try:
        cli(prog_name="pocketguide")
    except SystemExit as exc:  # click ends every command this way
        _exit(exc.code)
    _exit(0)


def _exit(code: object) -> NoReturn:
    """Exit as sys.exit would, without tearing the interpreter down object by object.

    Freeing pydantic's, Babel's and phonenumbers' data one object at a time took 0.15-0.2 s
    at exit, a tenth of a rebuild after a hotline edit; the OS frees a process at once.
    Exit handlers still run and output is flushed; every file was closed when it was written.
    """
    if code is None or isinstance(code, int):
        status = code or 0
    else:
        click.echo(code, err=True)
        status = 1
    atexit._run_exitfuncs()  # what interpreter shutdown would run first
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nowhere left to write
            stream.flush()
    os._exit(status)
