"""The command line: parses options and calls the pipeline; nothing else lives here."""

from __future__ import annotations

from pathlib import Path

import click

from pocketguide import __version__

FORMAT_CHOICES = ("guide",)


def _human_size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


@click.group(
    epilog="Example:\n\n\b\n  pocketguide build            # the default guide, into ./output/\n"
    "  pocketguide build --help     # options of one command",
)
@click.version_option(__version__, prog_name="pocketguide")
def cli() -> None:
    """Build printable pocket guides for peer-support group facilitators."""


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide build\n  pocketguide build examples/riverside --out dist"
    "\n  pocketguide build --strict --quiet\n  pocketguide build --locale es"
)
@click.argument(
    "project_dir",
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(FORMAT_CHOICES),
    multiple=True,
    default=("guide",),
    show_default=True,
    help="Output format (repeatable).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder [default: PROJECT_DIR/output].",
)
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option("--quiet", "-q", is_flag=True, help="Print only warnings and errors.")
@click.option(
    "--locale",
    "locales",
    multiple=True,
    help="Language to build (repeatable; `all` for every one) [default: configured].",
)
def build(
    project_dir: Path,
    formats: tuple[str, ...],
    out_dir: Path | None,
    strict: bool,
    quiet: bool,
    locales: tuple[str, ...],
) -> None:
    """Build the PDFs of PROJECT_DIR (default: the current folder).

    Without a pocketguide.yaml in PROJECT_DIR, the default guide is built.
    Outputs are named <slug>-<format>-<locale>.pdf.
    """
    from pocketguide.build import build as run_build
    from pocketguide.errors import display_path

    report = run_build(
        project_dir, formats=formats, out_dir=out_dir, strict=strict, locales=locales
    )
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        for item in report.written:
            shown = display_path(item.path)
            click.echo(f"{shown}  {item.pages} pages  {_human_size(item.size)}")


@cli.command(
    epilog="Example:\n\n\b\n"
    '  pocketguide init riverside --name "Riverside Peer Network" --region US'
)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="My Organization", show_default=True, help="Organization name.")
@click.option("--region", default="US", show_default=True, help="ISO 3166-1 region of numbers.")
@click.option("--locale", default="en", show_default=True, help="Primary language.")
def init(folder: Path, name: str, region: str, locale: str) -> None:
    """Create an organization project in FOLDER (refuses to overwrite one)."""
    import datetime as dt

    from pocketguide.errors import PocketguideError
    from pocketguide.init import init_project
    from pocketguide.phones import is_region

    if not is_region(region.upper()):
        raise PocketguideError(f'--region: "{region}" is not a known ISO 3166-1 region code')
    created = init_project(folder, name, region.upper(), locale, dt.date.today().isoformat())
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"Next: edit {folder / 'hotlines.yaml'}, then run: pocketguide build {folder}")


@cli.command(
    epilog="Examples:\n\n\b\n  pocketguide check\n  pocketguide check examples/riverside --strict"
)
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(project_dir: Path, strict: bool) -> None:
    """Validate everything in PROJECT_DIR without writing PDFs."""
    from pocketguide.build import strict_check
    from pocketguide.check import check_project

    _project, warnings = check_project(project_dir)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if strict:
        strict_check(warnings)
    click.echo(f"ok: {project_dir} ({len(warnings)} warnings)")


@cli.command(epilog="Example:\n\n\b\n  pocketguide approve examples/riverside")
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
def approve(project_dir: Path) -> None:
    """Record the current hotline numbers as checked, in hotlines.lock."""
    from pocketguide.check import approve_project
    from pocketguide.errors import display_path

    path, count = approve_project(project_dir)
    click.echo(f"approved {count} entries: {display_path(path)}")


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
    click.echo(f"{display_path(path)}  {pages} pages")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="pocketguide")
