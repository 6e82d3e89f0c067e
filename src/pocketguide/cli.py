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
    "\n  pocketguide build --strict --quiet"
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
def build(
    project_dir: Path, formats: tuple[str, ...], out_dir: Path | None, strict: bool, quiet: bool
) -> None:
    """Build the PDFs of PROJECT_DIR (default: the current folder).

    Without a pocketguide.yaml in PROJECT_DIR, the default guide is built.
    Outputs are named <slug>-<format>-<locale>.pdf.
    """
    from pocketguide.build import build as run_build
    from pocketguide.errors import display_path

    report = run_build(project_dir, formats=formats, out_dir=out_dir, strict=strict)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        for item in report.written:
            shown = display_path(item.path)
            click.echo(f"{shown}  {item.pages} pages  {_human_size(item.size)}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="pocketguide")
