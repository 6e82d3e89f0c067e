"""Output formats: the guide, the wallet card, the one-sheet zine and the saddle-stitch booklet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pocketguide.brand import BrandAssets
from pocketguide.content import Content, ScenarioEntry
from pocketguide.errors import PocketguideError, Problem
from pocketguide.fitcheck import overflow_problems
from pocketguide.guide import render_html
from pocketguide.models import CATEGORIES, Hotline
from pocketguide.paper import PAPER_MM
from pocketguide.pdf import html_to_pdf
from pocketguide.project import Project
from pocketguide.resources import content_dir, templates_dir
from pocketguide.verify import verify_pdf

FORMATS = ("guide", "card", "card-single", "zine", "booklet")
GUIDE_PAGES = (28, 48)
LARGE_PRINT_MM = (148.0, 210.0)
# What the card back and the zine show unless `card: {hotlines: [...]}` names entries.
KIT_CATEGORIES = ("crisis", "emergency", "warmline")


@dataclass(frozen=True)
class Options:
    """How to print: paper, duplex flip, creep, print-shop bleed, large print, form fields."""

    paper: str | None = None
    duplex: str = "long"
    creep_mm: float = 0.0
    print_shop: bool = False
    large_print: bool = False
    fillable: bool | None = None


@dataclass
class Rendered:
    """One format's verified PDF bytes."""

    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


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


def output_stem(fmt: str, options: Options) -> str:
    """The format part of `<slug>-<format>-<locale>.pdf`; guide variants get their own names."""
    if fmt != "guide":
        return fmt
    return (
        "guide"
        + ("-large" if options.large_print else "")
        + ("-print-shop" if options.print_shop else "")
    )


def kit_hotlines(project: Project, content: Content) -> list[Hotline]:
    """The numbers the card back and the zine show, in category order."""
    hotlines = content.hotlines.hotlines
    chosen = project.config.card.hotlines if project.config else None
    if chosen is not None:
        by_name = {h.name: h for h in hotlines}
        unknown = [name for name in chosen if name not in by_name]
        if unknown:
            raise PocketguideError(
                Problem(
                    project.shown(project.config_path) if project.config_path else "",
                    project.line("card", "hotlines"),
                    f'card: hotlines: "{unknown[0]}" is not a hotline name in this project',
                )
            )
        return [by_name[name] for name in chosen]
    order = {category: index for index, category in enumerate(CATEGORIES)}
    picked = [h for h in hotlines if h.category in KIT_CATEGORIES]
    return sorted(picked, key=lambda h: order[h.category])


def kit_scenarios(content: Content, source: str) -> list[ScenarioEntry]:
    """The three scenarios the zine's quick responses name, checked against the content."""
    if content.guide.kit is None:
        raise PocketguideError(
            Problem(source, None, "guide.yaml has no kit: block, which the card and zine need")
        )
    by_id = {entry.id: entry for entry in content.scenarios}
    missing = [i for i in content.guide.kit.scenarios if i not in by_id]
    if missing:
        raise PocketguideError(
            Problem(source, None, f'kit: scenarios: "{missing[0]}" is not a scenario of this guide')
        )
    return [by_id[i] for i in content.guide.kit.scenarios]


def numbers_of(hotlines: list[Hotline]) -> list[str]:
    """Every number as printed, for verification."""
    return [n.display for h in hotlines for n in (h.phone, h.text) if n]


class Renderer:
    """Renders one project's formats for one locale; guide and booklet share one guide render."""

    def __init__(self, project: Project, content: Content, assets: BrandAssets, options: Options):
        self.project = project
        self.content = content
        self.assets = assets
        self.options = options
        self.paper = options.paper or project.paper
        self._plain_guide: Rendered | None = None

    def render(self, fmt: str, shown: str) -> Rendered:
        """Render and verify one format in memory."""
        if fmt == "guide":
            return self._guide(shown, self.options.print_shop)
        if fmt == "booklet":
            return self._booklet(shown)
        if fmt in ("card", "card-single"):
            return self._card(shown, imposed=fmt == "card")
        if fmt == "zine":
            return self._zine(shown)
        raise PocketguideError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")

    def _pdf(self, template: str, size_mm: tuple[float, float], shown: str, **extra: Any):
        context = {"page": {"width_mm": size_mm[0], "height_mm": size_mm[1]}} | extra
        html = render_html(self.project, self.content, self.assets, template, context)
        roots = [self.project.root, content_dir(), templates_dir()]
        return html_to_pdf(html, templates_dir(), roots, shown, measure="data-fit" in html)

    def _guide(self, shown: str, print_shop: bool) -> Rendered:
        if not print_shop and self._plain_guide is not None:
            return self._plain_guide
        large = self.options.large_print
        size = LARGE_PRINT_MM if large else self.project.page_mm
        extra = {"large_print": large, "print_shop": print_shop}
        if self.options.fillable is not None:
            extra["fillable"] = self.options.fillable
        result = self._pdf("guide.html.j2", size, shown, **extra)
        # The 28-48 page promise is the default A6 edition's; other sizes and content vary.
        expected = GUIDE_PAGES if self.project.is_default and not large else None
        numbers = numbers_of(self.content.hotlines.hotlines)
        pages = verify_pdf(result.data, shown, size, numbers, expected)
        rendered = Rendered(result.data, pages, result.warnings)
        if not print_shop:
            self._plain_guide = rendered
        return rendered

    def _kit(self, template: str, size_mm: tuple[float, float], pages: int, shown: str):
        hotlines = kit_hotlines(self.project, self.content)
        scenarios = kit_scenarios(self.content, shown)
        result = self._pdf(
            template,
            size_mm,
            shown,
            kit=self.content.guide.kit,
            kit_hotlines=hotlines,
            kit_scenarios=scenarios,
        )
        problems = overflow_problems(result.fits, shown)
        if problems:
            raise PocketguideError(problems)
        verify_pdf(result.data, shown, size_mm, numbers_of(hotlines), (pages, pages))
        return result, numbers_of(hotlines)

    def _card(self, shown: str, imposed: bool) -> Rendered:
        size = self.project.card_mm
        result, numbers = self._kit("card.html.j2", size, 2, shown)
        if not imposed:
            return Rendered(result.data, 2, result.warnings)
        from pocketguide.impose import impose_cards

        data = impose_cards(
            result.data, self.paper, card_mm=size, duplex=self.options.duplex, name=shown
        )
        pages = verify_pdf(data, shown, PAPER_MM[self.paper], numbers, (2, 2), either_way=True)
        return Rendered(data, pages, result.warnings)

    def _zine(self, shown: str) -> Rendered:
        long_side, short_side = max(PAPER_MM[self.paper]), min(PAPER_MM[self.paper])
        panel = (long_side / 4, short_side / 2)
        result, numbers = self._kit("zine.html.j2", panel, 8, shown)
        from pocketguide.impose import impose_zine

        data = impose_zine(result.data, self.paper, name=shown)
        pages = verify_pdf(data, shown, (long_side, short_side), numbers, (1, 1))
        return Rendered(data, pages, result.warnings)

    def _booklet(self, shown: str) -> Rendered:
        from pocketguide.impose import impose_booklet

        guide = self._guide(shown, print_shop=False)
        options = self.options
        data = impose_booklet(guide.data, self.paper, options.duplex, options.creep_mm, name=shown)
        sides = 2 * -(-guide.pages // 4)
        numbers = numbers_of(self.content.hotlines.hotlines)
        size = PAPER_MM[self.paper]
        pages = verify_pdf(data, shown, size, numbers, (sides, sides), either_way=True)
        return Rendered(data, pages, guide.warnings)
