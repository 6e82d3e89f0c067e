"""Output formats: the guide, the wallet card, the one-sheet zine and the saddle-stitch booklet."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pocketguide.brand import BrandAssets
from pocketguide.content import Content
from pocketguide.digests import engine_version, fingerprint
from pocketguide.errors import PocketguideError, Problem
from pocketguide.fitcheck import LONG_NAME, overflow_problems
from pocketguide.guide import in_edition, render_html
from pocketguide.halves import guessed_right, lay_out_halves, plan
from pocketguide.hotlines import where
from pocketguide.imposition import booklet_scale, zine_panel_mm
from pocketguide.kit import kit_gaps, kit_hotlines, kit_scenarios
from pocketguide.locales import right_to_left
from pocketguide.models import Hotline
from pocketguide.options import FORMATS, Options
from pocketguide.paper import PAPER_MM
from pocketguide.pdf import html_to_pdf
from pocketguide.project import Project
from pocketguide.relayout import relayout, start_here
from pocketguide.resources import content_dir, templates_dir
from pocketguide.scenariofit import spill_warnings

if TYPE_CHECKING:
    from pocketguide.fragments import FragmentCache

GUIDE_PAGES = (28, 48)
# Which source document each format is made from; imposed formats also depend on the paper.
SOURCE_OF = {
    "guide": "guide",
    "booklet": "guide",
    "card": "card",
    "card-single": "card",
    "zine": "zine",
}
TEMPLATES = {
    "guide": "guide.html.j2",
    "guide-print-shop": "guide.html.j2",
    "card": "card.html.j2",
    "zine": "zine.html.j2",
}
IMPOSED = ("booklet", "card", "zine")
LARGE_PRINT_MM = (148.0, 210.0)


@dataclass
class Rendered:
    """One format's verified PDF bytes."""

    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    layout: dict | None = None  # the guide's layout record, kept for the next build
    # Laid out in one piece after two halves from the kept layout were laid out and dropped:
    # that layout misleads this guide (the build forgets it rather than try it every time).
    halves_dropped: bool = False


def numbers_of(hotlines: list[Hotline]) -> list[str]:
    """Every number as printed, once each, for verification."""
    return list(dict.fromkeys(n.display for h in hotlines for n in h.numbers))


def keywords_of(hotlines: list[Hotline]) -> list[tuple[str, str, str]]:
    """Every text keyword with the number it goes to and the entry's name, for verification."""
    return [(h.keyword, h.text.display, h.name) for h in hotlines if h.keyword and h.text]


class Renderer:
    """Renders one project's formats for one locale, sharing renders between formats.

    The guide's render feeds guide and booklet, the card's feeds card and card-single.
    """

    def __init__(
        self,
        project: Project,
        content: Content,
        assets: BrandAssets,
        options: Options,
        fragments: FragmentCache | None = None,
        assets_key: str = "",
    ):
        self.project = project
        self.content = content
        self.assets = assets
        self.options = options
        self.fragments = fragments
        self.paper = options.paper or project.paper
        self._html: dict[str, tuple[str, tuple[float, float]]] = {}
        self._renders: dict[str, Rendered] = {}
        self.assets_key = assets_key  # cache.assets_digest of the fonts and images it may use
        self.make_pdf = html_to_pdf  # or pocketguide.worker.Workers.html_to_pdf
        self.start_layout = start_here  # or pocketguide.worker.Workers.lay_out_pages
        # With two build processes, a guide's halves are laid out at once, from its last
        # layout record (pocketguide.halves, pocketguide.hints).
        self.start_half = None  # pocketguide.worker.Workers.lay_out_half
        self.hint: dict | None = None
        # The last guide PDF and its layout record, when the output folder holds them.
        self.base: tuple[bytes, dict] | None = None

    def fingerprint(self, fmt: str) -> str:
        """What the format's output is made of: its HTML, referenced files, print options."""
        html, size = self.html(self.source_kind(fmt))
        imposition = (self.paper, self.options.duplex, self.options.creep_mm)
        return fingerprint(fmt, html, size, self.assets_key, imposition if fmt in IMPOSED else "")

    def render(self, fmt: str, shown: str) -> Rendered:
        """Render and verify one format in memory."""
        if fmt not in FORMATS:
            raise PocketguideError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        source = self.source(self.source_kind(fmt), shown)
        if fmt in ("guide", "card-single"):
            return source
        from pocketguide.impose import impose_booklet, impose_cards, impose_zine
        from pocketguide.verify import verify_pdf

        options, paper = self.options, self.paper
        rtl = right_to_left(self.content.locale)
        warnings = list(source.warnings)
        if fmt == "booklet":
            page_mm = self.html(self.source_kind(fmt))[1]
            # The large-print guide's A5 pages do not fit Letter twice: printed a little smaller.
            scale = booklet_scale(page_mm, PAPER_MM[paper])
            if scale < 1:
                warnings.append(_scaled_note(shown, page_mm, paper, scale))
            data = impose_booklet(
                source.data,
                paper,
                options.duplex,
                options.creep_mm,
                fit_pages=scale < 1,
                name=shown,
                right_to_left=rtl,
            )
            pages = (2 * -(-source.pages // 4),) * 2
        elif fmt == "card":
            size = self.project.card_mm
            data = impose_cards(source.data, paper, size, options.duplex, name=shown)
            pages = (2, 2)
        else:
            data = impose_zine(source.data, paper, name=shown, right_to_left=rtl)
            pages = (1, 1)
        # Keywords were checked beside their numbers in the source; a sheet side turned upside
        # down reads its words backwards, so here only the numbers are looked for again.
        numbers = numbers_of(self._hotlines(self.source_kind(fmt)))
        count = verify_pdf(data, shown, PAPER_MM[paper], numbers, pages, True, rtl)
        return Rendered(data, count, warnings)

    def _made_with(self) -> list[str]:
        """What a layout record holds besides the HTML: pages laid out otherwise never mix."""
        return [self.assets_key, engine_version()]

    def html(self, kind: str) -> tuple[str, tuple[float, float]]:
        """The final HTML of a source document (guide, guide-print-shop, card, zine) and size."""
        if kind not in self._html:
            size, extra = self._plan(kind)
            context = {"page": {"width_mm": size[0], "height_mm": size[1]}} | extra
            html = render_html(self.project, self.content, self.assets, TEMPLATES[kind], context)
            self._html[kind] = (html, size)
        return self._html[kind]

    def _plan(self, kind: str) -> tuple[tuple[float, float], dict[str, Any]]:
        if kind.startswith("guide"):
            large = self.options.large_print
            extra: dict[str, Any] = {"large_print": large, "print_shop": kind.endswith("shop")}
            if self.options.fillable is not None:
                extra["fillable"] = self.options.fillable
            return (LARGE_PRINT_MM if large else self.project.page_mm), extra
        extra = {
            "kit": self.content.guide.kit,
            "kit_hotlines": in_edition(
                self.project, self.content.locale, kit_hotlines(self.project, self.content)
            ),
            "kit_scenarios": kit_scenarios(self.project, self.content),
        }
        if kind == "card":
            return self.project.card_mm, extra
        return zine_panel_mm(PAPER_MM[self.paper]), extra

    def source_kind(self, fmt: str) -> str:
        """The source document a format is made from."""
        if fmt == "guide" and self.options.print_shop:
            return "guide-print-shop"
        return SOURCE_OF[fmt]

    def _hotlines(self, kind: str) -> list[Hotline]:
        if kind.startswith("guide"):
            return self.content.hotlines.hotlines
        return kit_hotlines(self.project, self.content)

    def _long_name(self, kind: str) -> str:
        """The longest entry name the kit's numbers print, if long: `file:line: "name"`."""
        path = self.content.hotlines_path
        if kind.startswith("guide") or path is None:
            return ""
        entries = in_edition(self.project, self.content.locale, self._hotlines(kind))
        longest = max(entries, key=lambda h: len(h.name), default=None)
        if longest is None or len(longest.name) <= LONG_NAME:
            return ""
        return f'{where(self.project.shown(path), longest)}: "{longest.name}"'

    def source(self, kind: str, shown: str) -> Rendered:
        """Render, check and verify a source document once."""
        if kind in self._renders:
            return self._renders[kind]
        html, size = self.html(kind)
        roots = [self.project.root, content_dir(), templates_dir()]
        guide, measure = kind.startswith("guide"), "data-fit" in html
        result = None
        cache = self.fragments if guide else None
        if cache is not None and cache.has_base(shown):
            result = cache.render(html, templates_dir(), roots, shown, self.assets_key)
        elif (
            guide
            and self.base
            and not measure
            and self.base[1].get("made_with") == self._made_with()
        ):
            # Also watch's first edit, before its cache holds any pages: from the last build.
            base, record = self.base
            result = relayout(html, templates_dir(), roots, shown, base, record, self.start_layout)
        if result is None and cache is not None:
            result = cache.render(html, templates_dir(), roots, shown, self.assets_key)
        halves = None
        if result is None and guide and not measure and self.start_half and self.hint:
            halves = plan(html, self.hint)
            result = lay_out_halves(html, templates_dir(), roots, shown, self.hint, self.start_half)
        dropped = False
        if result is None:
            result = self.make_pdf(html, templates_dir(), roots, shown, measure, record=guide)
            # Halves dropped although the kept layout guessed right (a warning in a half, a
            # file the join refuses): they would be dropped again; the build forgets it.
            dropped = halves is not None and guessed_right(html, halves, result.layout)
        problems = overflow_problems(result.fits, shown, self._long_name(kind))
        if problems:
            raise PocketguideError(problems)
        # The 28-48 page promise is the default A6 edition's; other sizes and content vary.
        default_guide = kind == "guide" and self.project.is_default
        expected = {"card": (2, 2), "zine": (8, 8)}.get(kind)
        if default_guide and not self.options.large_print:
            expected = GUIDE_PAGES
        from pocketguide.verify import verify_pdf  # pdfium: imported while a worker lays out

        rtl = right_to_left(self.content.locale)
        hotlines = self._hotlines(kind)
        numbers, keywords = numbers_of(hotlines), keywords_of(hotlines)
        names = [h.name for h in in_edition(self.project, self.content.locale, hotlines)]
        pages = verify_pdf(result.data, shown, size, numbers, expected, False, rtl, keywords, names)
        if self.project.overrides_templates:  # its own styles may hide what they style
            _legible(result.data, shown, numbers, small=not guide)
        layout = result.layout and result.layout | {"made_with": self._made_with()}
        if guide:
            gaps = spill_warnings(result.data, self.content.scenarios, self.project.root)
        else:
            gaps = kit_gaps(self.project, self.content, hotlines)
        warnings = result.warnings + gaps
        self._renders[kind] = Rendered(result.data, pages, warnings, layout, dropped)
        return self._renders[kind]


def _legible(data: bytes, shown: str, numbers: list[str], small: bool) -> None:
    """Raise if a hotline number prints too small or too faint to read (project CSS)."""
    from pocketguide.a11y import MIN_PT_GUIDE, MIN_PT_SMALL, audit_pdf

    found = audit_pdf(data, shown, MIN_PT_SMALL if small else MIN_PT_GUIDE, numbers)
    advice = ": a hotline number must be easy to read; see the stylesheets in templates/"
    if found:
        raise PocketguideError([Problem("", None, message + advice) for message in found])


def _scaled_note(shown: str, page_mm: tuple[float, float], paper: str, scale: float) -> str:
    """Why a booklet's pages print smaller than the guide's, and how to print them full size."""
    a4 = paper != "a4" and booklet_scale(page_mm, PAPER_MM["a4"]) == 1.0
    return (
        f"{shown}: the guide's {page_mm[0]:.0f} x {page_mm[1]:.0f} mm pages print at "
        f"{math.floor(scale * 100)}% to fit two side by side on {paper}"
        + ("; build with --paper a4 to print them full size" if a4 else "")
    )
