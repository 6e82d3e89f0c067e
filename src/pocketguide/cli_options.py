"""Command-line options and output helpers the command modules share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click


class Millimetres(click.FloatRange):
    """A length in mm within a range; "nan" passed every comparison, and drew blank pages."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:  # NaN is the one float unequal to itself
            self.fail(f"{value!r} is not a number of millimetres", param, ctx)
        return number


CREEP = Millimetres(0, 5)

# The same names as pocketguide.options.FORMATS (a test checks), kept here for a fast --help.
FORMAT_CHOICES = ("guide", "card", "card-single", "zine", "booklet", "all")


def paper_option(help_text: str) -> Callable:
    """--paper, as build, watch, preview and impose take it (Letter or A4, in any case)."""
    return click.option(
        "--paper", type=click.Choice(("letter", "a4"), case_sensitive=False), help=help_text
    )


def duplex_option(help_text: str) -> Callable:
    """--duplex: which edge the printer flips a sheet on."""
    return click.option(
        "--duplex",
        type=click.Choice(("long", "short"), case_sensitive=False),
        default="long",
        show_default=True,
        help=help_text,
    )


def output_options(command: Callable) -> Callable:
    """The options build and watch share: formats, languages, paper and print profiles."""
    options = [
        click.option(
            "--format",
            "formats",
            type=click.Choice(FORMAT_CHOICES, case_sensitive=False),
            multiple=True,
            default=("guide",),
            show_default=True,
            help="Output format (repeatable; `all` for every one).",
        ),
        paper_option(
            "Home-printer paper for card, zine and booklet "
            "[default: config `paper`, else letter in the US and Canada, else a4]."
        ),
        duplex_option("Which edge the printer flips on, for card and booklet backs."),
        click.option(
            "--creep",
            "creep_mm",
            type=CREEP,
            default=0.0,
            help="Booklet creep: total shift in mm at the innermost sheet.",
        ),
        click.option(
            "--print-shop",
            is_flag=True,
            help="Guide at trim size with 3 mm bleed and crop marks "
            "(<slug>-guide-print-shop-<locale>.pdf).",
        ),
        click.option(
            "--large-print",
            is_flag=True,
            help="Guide at 1.4x type on A5 (<slug>-guide-large-<locale>.pdf).",
        ),
        click.option(
            "--fillable/--no-fillable",
            default=None,
            help="Blank crisis-number lines as PDF form fields [default: config `fillable`].",
        ),
        out_option,
        click.option("--strict", is_flag=True, help="Treat every warning as an error."),
        click.option(
            "--locale",
            "locales",
            multiple=True,
            help="Language to build (repeatable; `all`: the configured ones and each shipped "
            "language they lack) [default: configured].",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_settings(output: dict[str, Any]) -> dict[str, Any]:
    """build()'s keyword arguments from the shared output options."""
    from pocketguide.options import Options, ignored_options

    print_keys = ("paper", "duplex", "creep_mm", "print_shop", "large_print", "fillable")
    options = Options(**{key: output.pop(key) for key in print_keys})
    for note in ignored_options(output["formats"], options):
        click.echo(f"warning: {note}", err=True)
    return dict(output, options=options)


def project_argument(command: Callable) -> Callable:
    """PROJECT_DIR, the current folder by default."""
    kind = click.Path(file_okay=False, path_type=Path)
    return click.argument("project_dir", default=".", type=kind)(command)


def out_option(command: Callable) -> Callable:
    """--out, the output folder of one project's command."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Output folder [default: PROJECT_DIR/output].",
    )(command)


def page_ranges(
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


def count(number: int, noun: str) -> str:
    """`1 page`, `2 pages`."""
    return f"{number} {noun}{'s' * (number != 1)}"


def human_size(size: int) -> str:
    """`123 KB`, `1.4 MB`."""
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
