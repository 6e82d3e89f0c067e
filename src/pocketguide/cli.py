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
    FORMAT_CHOICES,
    build_settings,
    duplex_option,
    output_options,
    paper_option,
)


def _human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _page_ranges(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> list[tuple[int, int]] | None:
    """--pages as (first, last) ranges; a malformed list is a usage error (exit 2)."""
    from pocketguide.preview import parse_pages

    if value is None:
        return None
    try:
        return parse_pages(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


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
            line = f"{shown}  {_count(item.pages, 'page')}  {_human_size(item.size)}"
            click.echo(f"{line}  ({item.how})" if item.how else line)


def _count(number: int, noun: str) -> str:
    """`1 page`, `2 pages`."""
    return f"{number} {noun}{'s' * (number != 1)}"


def _region(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """A region code in upper case; an unknown one is a usage error (exit 2)."""
    from pocketguide.phones import is_region

    if not is_region(value.upper()):
        raise click.BadParameter(f'"{value}" is not a known ISO 3166-1 region code (e.g. US, GB)')
    return value.upper()


def _locale(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """A language tag Babel knows; anything else is a usage error (exit 2)."""
    from pocketguide.config import babel_locale

    try:
        babel_locale(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@cli.command(
    epilog="Example:\n\n\b\n"
    '  pocketguide init riverside --name "Riverside Peer Network" --region US'
)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="My Organization", show_default=True, help="Organization name.")
@click.option(
    "--region",
    default="US",
    show_default=True,
    callback=_region,
    help="ISO 3166-1 region of numbers.",
)
@click.option(
    "--locale",
    default="en",
    show_default=True,
    callback=_locale,
    help="Primary language.",
)
def init(folder: Path, name: str, region: str, locale: str) -> None:
    """Create an organization project in FOLDER (refuses to overwrite one)."""
    import datetime as dt

    from pocketguide.init import init_project

    created = init_project(folder, name, region, locale, dt.date.today().isoformat())
    for path in created:
        click.echo(f"created {path}")
    todo = (
        "replace the fictional sample numbers with your own"
        if region in ("US", "CA")
        else "add your crisis line and local numbers"
    )
    click.echo(
        f"Next: in {folder / 'hotlines.yaml'}, {todo}, call each one and set its verified "
        f"date, then run: pocketguide build {folder}"
    )
    if region not in ("US", "CA"):
        click.echo(
            f"The default text names 988 and 911: pocketguide check {folder} lists the files "
            "to copy into content/ and adapt."
        )


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide check\n  pocketguide check examples/riverside --strict"
    "\n  pocketguide check --locale es\n  pocketguide check --translations"
    "\n  pocketguide check --render --strict   # also contrast, type size and fit"
)
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--locale",
    "locales",
    multiple=True,
    help="Language to check (repeatable; `all` for every one) [default: configured].",
)
@click.option(
    "--translations",
    is_flag=True,
    help="Print which files and interface strings each language translates [default locales: all].",
)
@click.option(
    "--render",
    is_flag=True,
    help="Also lay out the guide, card and zine in memory: fit, type size (8.5 pt guide, "
    "7 pt card and zine) and text contrast (4.5:1, 3:1 large) as printed. Slower.",
)
def check(
    project_dir: Path, strict: bool, locales: tuple[str, ...], translations: bool, render: bool
) -> None:
    """Validate everything in PROJECT_DIR without writing PDFs."""
    from pocketguide.build import strict_check
    from pocketguide.check import check_project
    from pocketguide.i18n import translations_table

    report = check_project(project_dir, locales, every_locale=translations, render=render)
    if translations:
        click.echo(translations_table(report.project, report.contents))
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if strict:
        strict_check(report.warnings)
    click.echo(f"ok: {project_dir} ({len(report.warnings)} warnings)")


@cli.command(epilog="Example:\n\n\b\n  pocketguide approve examples/riverside")
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
def approve(project_dir: Path) -> None:
    """Record the current hotline numbers as checked, in hotlines.lock."""
    from pocketguide.check import approve_project
    from pocketguide.errors import display_path

    approval = approve_project(project_dir)
    for warning in approval.warnings:
        click.echo(f"warning: {warning}", err=True)
    for change in approval.changed:
        click.echo(f"  {change}")
    entries = f"{approval.count} entry" if approval.count == 1 else f"{approval.count} entries"
    click.echo(f"approved {entries}: {display_path(approval.path)}")


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide translate fr\n  pocketguide translate es my-org"
    "\n  pocketguide translate vi my-org --content"
)
@click.argument("locale", callback=_locale)
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--content",
    is_flag=True,
    help="Also copy each guide file this language lacks into content/<locale>/, to translate.",
)
def translate(locale: str, project_dir: Path, content: bool) -> None:
    """Start or update the project's interface translation, templates/i18n/<language>.po.

    It lists every heading and label the templates print ("Contents", "Call"...). Fill in
    each msgstr; a build uses them over pocketguide's own, and English for any left empty.
    With --content, the guide's text too: each copied file warns until it is translated.
    """
    from pocketguide.catalogs import project_po
    from pocketguide.errors import PocketguideError, display_path
    from pocketguide.project import load_project
    from pocketguide.translate import copy_content, start_translation

    project = load_project(project_dir)
    if project.config is None:
        raise PocketguideError(
            f"{display_path(project_dir)}: not a project (no pocketguide.yaml); "
            "create one with: pocketguide init"
        )
    verb = "updated" if project_po(project, locale).is_file() else "created"
    started = start_translation(project, locale)
    check = f", {started.fuzzy} to check (marked fuzzy)" if started.fuzzy else ""
    shown = display_path(started.path)
    click.echo(f"{verb} {shown}: {started.total} strings, {started.empty} to translate{check}")
    if content:
        copied = copy_content(project, locale)
        folder = display_path(project.root / "content" / locale)
        click.echo(
            f"copied {len(copied)} files to translate into {folder}/"
            if copied
            else f"{folder}/: nothing to copy, every file has its own"
        )


@cli.command(epilog="Example:\n\n\b\n  pocketguide proof examples/riverside")
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder [default: PROJECT_DIR/output].",
)
def proof(project_dir: Path, out_dir: Path | None) -> None:
    """Write a proof sheet: every number in large type with a tick box."""
    from pocketguide.errors import display_path
    from pocketguide.proof import build_proof

    path, pages = build_proof(project_dir, out_dir)
    click.echo(f"{display_path(path)}  {_count(pages, 'page')}")


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide preview\n  pocketguide preview examples/riverside"
    " --pages 1,3,5-7\n  pocketguide preview --locale es --out dist"
)
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
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
    callback=_page_ranges,
    help="Pages to show, e.g. 1-8, 3 or 1,3,5-7 [default: the first 8].",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder [default: PROJECT_DIR/output].",
)
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
    click.echo(f"{display_path(result.sheet)}  contact sheet of {_count(shown, 'page')}")
    click.echo(f"{folder}/  {_count(shown, 'PNG page')} of {result.page_count}")


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide watch\n  pocketguide watch examples/riverside"
    " --format guide --format card\n  pocketguide watch --locale es --strict"
)
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
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
    type=click.FloatRange(0, 5),
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
    from pocketguide.impose import impose_file

    _paper, sheets = impose_file(input_pdf, layout, out, paper, duplex, creep, rtl)
    click.echo(f"{display_path(out)}  {_count(sheets, 'sheet')}")


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
