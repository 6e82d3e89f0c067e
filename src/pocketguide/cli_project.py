"""The commands that set up and look after a project: init, check, approve, translate, proof."""

from __future__ import annotations

from pathlib import Path

import click

from pocketguide.cli_options import count, out_option, project_argument


def _region(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """A region code in upper case; an unknown one is a usage error (exit 2)."""
    from pocketguide.phones import is_region

    if not is_region(value.upper()):
        from pocketguide.locales import unknown_region

        raise click.BadParameter(unknown_region(value))
    return value.upper()


def _locale(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A language tag Babel knows, written as BCP 47 does (en-AU for en-au or en_AU)."""
    from pocketguide.config import canonical_tag
    from pocketguide.locales import babel_locale

    if value is None:
        return None
    try:
        babel_locale(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return canonical_tag(value)


@click.command(
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
    callback=_locale,
    help="Primary language [default: en; en-GB, en-AU, en-IE, ... for regions that spell "
    "the British way, en-CA for Canada].",
)
def init(folder: Path, name: str, region: str, locale: str | None) -> None:
    """Create an organization project in FOLDER (refuses to overwrite one)."""
    import datetime as dt

    from pocketguide.init import init_project, next_steps
    from pocketguide.spelling import regional_english

    locale = locale or regional_english(region)
    created = init_project(folder, name, region, locale, dt.date.today().isoformat())
    for path in created:
        click.echo(f"created {path}")
    for line in next_steps(folder, region):
        click.echo(line)


@click.command(
    epilog="Examples:\n\n\b\n  pocketguide check\n  pocketguide check examples/riverside --strict"
    "\n  pocketguide check --locale es\n  pocketguide check --translations"
    "\n  pocketguide check --render --strict   # also contrast, type size and fit"
)
@project_argument
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
    from pocketguide.check import check_project
    from pocketguide.coverage import translations_table
    from pocketguide.prepare import strict_check

    report = check_project(project_dir, locales, every_locale=translations, render=render)
    if translations:
        click.echo(translations_table(report.project, report.contents))
    for line in report.numbers:  # which number the text's {crisis} names, and from where
        click.echo(line)
    if strict:  # each warning once, as the error it now is (as build --strict says them)
        strict_check(report.warnings)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"ok: {project_dir} ({count(len(report.warnings), 'warning')})")


@click.command(epilog="Example:\n\n\b\n  pocketguide approve examples/riverside")
@project_argument
def approve(project_dir: Path) -> None:
    """Record the current hotline numbers as checked, in hotlines.lock."""
    from pocketguide.approve import approve_project
    from pocketguide.errors import display_path

    approval = approve_project(project_dir)
    for warning in approval.warnings:
        click.echo(f"warning: {warning}", err=True)
    for change in approval.changed:
        click.echo(f"  {change}")
    entries = f"{approval.count} entry" if approval.count == 1 else f"{approval.count} entries"
    if approval.organization and not approval.count:
        entries = "organization.phone"  # a project with no hotlines file of its own
    click.echo(f"approved {entries}: {display_path(approval.path)}")


@click.command(
    epilog="Examples:\n\n\b\n  pocketguide translate fr\n  pocketguide translate es my-org"
    "\n  pocketguide translate vi my-org --content"
)
@click.argument("locale", callback=_locale)
@project_argument
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
    from pocketguide.translate import configured_locale, copy_content, start_translation

    project = load_project(project_dir)
    if project.config is None:
        raise PocketguideError(
            f"{display_path(project_dir)}: not a project (no pocketguide.yaml); "
            "create one with: pocketguide init"
        )
    if content:  # checked before anything is written
        locale = configured_locale(project, locale)
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


@click.command(epilog="Example:\n\n\b\n  pocketguide proof examples/riverside")
@project_argument
@out_option
def proof(project_dir: Path, out_dir: Path | None) -> None:
    """Write a proof sheet: every number in large type with a tick box."""
    from pocketguide.errors import display_path
    from pocketguide.proof import build_proof

    path, pages = build_proof(project_dir, out_dir)
    click.echo(f"{display_path(path)}  {count(pages, 'page')}")
