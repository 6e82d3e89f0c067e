"""What a build is asked for: formats and print options (light: no pipeline imports)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pocketguide.errors import PocketguideError

FORMATS = ("guide", "card", "card-single", "zine", "booklet")


@dataclass(frozen=True)
class Options:
    """How to print: paper, duplex flip, creep, print-shop bleed, large print, form fields."""

    paper: str | None = None
    duplex: str = "long"
    creep_mm: float = 0.0
    print_shop: bool = False
    large_print: bool = False
    fillable: bool | None = None


def expand_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """`all` stands for every format; duplicates are dropped, order kept."""
    expanded: list[str] = []
    for fmt in formats:
        for name in FORMATS if fmt == "all" else (fmt,):
            if name not in FORMATS:
                raise PocketguideError(f"unknown format {name!r}; choose from {', '.join(FORMATS)}")
            if name not in expanded:
                expanded.append(name)
    return tuple(expanded)


def _print_options(options: Options) -> list[tuple[bool, str, str, tuple[str, ...]]]:
    """(given, as said in messages, as typed, the formats using it) for each print option."""
    return [
        (options.paper is not None, f"--paper {options.paper}", f"--paper {options.paper}",
         ("card", "zine", "booklet")),
        (options.duplex != "long", f"--duplex {options.duplex}", f"--duplex {options.duplex}",
         ("card", "booklet")),
        (options.creep_mm > 0, "--creep", f"--creep {options.creep_mm:g}", ("booklet",)),
        (options.print_shop, "--print-shop", "--print-shop", ("guide",)),
        (options.large_print, "--large-print", "--large-print", ("guide", "booklet")),
    ]  # fmt: skip


def ignored_options(formats: tuple[str, ...], options: Options) -> list[str]:
    """Print options that none of the formats uses: said, not silently dropped."""
    wanted = set(expand_formats(formats))
    return [
        f"{flag} has no effect: it is for the {_and(users)} only (add --format {users[0]})"
        for given, flag, _typed, users in _print_options(options)
        if given and not wanted & set(users)
    ]


def option_flags(options: Options, fmt: str) -> str:
    """The command-line options that made this format as `options` did ("--large-print")."""
    flags = [typed for given, _, typed, users in _print_options(options) if given and fmt in users]
    if options.fillable is not None and fmt == "guide":
        flags.append("--fillable" if options.fillable else "--no-fillable")
    return " ".join(flags)


def _and(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def for_project(options: Options, config: object | None) -> Options:
    """The options as the project's config completes them (`large_print: true`)."""
    if getattr(config, "large_print", False) and not options.large_print:
        return replace(options, large_print=True)
    return options


def output_stem(fmt: str, options: Options) -> str:
    """The format part of `<slug>-<format>-<locale>.pdf`; guide variants get their own names."""
    large = "-large" if options.large_print else ""
    if fmt == "booklet":  # imposed from the guide, large print too: named as that guide is
        return f"booklet{large}"
    if fmt != "guide":
        return fmt
    return f"guide{large}{'-print-shop' if options.print_shop else ''}"
