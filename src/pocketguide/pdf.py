"""The WeasyPrint step: HTML in, PDF bytes out, its log collected as build warnings."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from pocketguide.csslines import overlay_location
from pocketguide.engine import import_weasyprint
from pocketguide.errors import PocketguideError, Problem
from pocketguide.fitcheck import Fit
from pocketguide.frames import layout_record
from pocketguide.resources import CONFIG_NAME

# Harmless WeasyPrint notices that never count as warnings, even with --strict.
ALLOWED_NOTICES = (
    "Using fontTools instead of HarfBuzz-Subset",  # subsetting fallback; output is correct.
)


PX_MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels


@dataclass
class PdfResult:
    """The PDF bytes and what WeasyPrint said while making them."""

    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)
    fits: list[Fit] = field(default_factory=list)
    layout: dict | None = None  # a guide's layout record (pocketguide.relayout)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Rendering:
    """WeasyPrint renders that share one confined fetcher and one log, for one output.

    Use as a context manager; on leaving, refused files and WeasyPrint errors are raised
    together and WeasyPrint warnings are left in `warnings`.
    """

    def __init__(self, base_dir: Path, roots: list[Path], source: str):
        try:
            import_weasyprint()
            from pocketguide.fetcher import ConfinedFetcher
        except (ImportError, OSError) as exc:  # OSError: a system library it needs is missing
            message = f"WeasyPrint cannot start: {exc}"
            raise PocketguideError(Problem(source, None, message)) from None

        self.base_url = base_dir.resolve().as_uri() + "/"
        self.roots = roots
        self.source = source
        self.fetcher = ConfinedFetcher(roots)
        self.collector = _Collector()
        self.warnings: list[str] = []
        self._html = ""  # the first document's, to place stylesheet messages

    def __enter__(self) -> Rendering:
        logging.getLogger("weasyprint").addHandler(self.collector)
        return self

    def __exit__(self, kind, error, trace) -> None:
        logging.getLogger("weasyprint").removeHandler(self.collector)
        # WeasyPrint raises many types on hostile input; Ctrl-C (KeyboardInterrupt) is no
        # rendering failure and goes on up, to stop the build or watch.
        if isinstance(error, Exception) and not isinstance(error, PocketguideError):
            if _raised_by_pocketguide(trace):  # a finisher step: our bug, not the input's
                message = f"pocketguide failed ({type(error).__name__}: {error}); please report it"
            else:
                message = f"PDF rendering failed: {str(error) or self._internal(error)}"
            raise PocketguideError(Problem(self.source, None, message)) from error
        if error is None:
            self._report()

    def _internal(self, error: BaseException) -> str:
        """What to say about a WeasyPrint crash that has no message of its own."""
        project = self.roots[0]
        overlays = (
            sorted(p.name for p in (project / "templates").glob("*.css"))
            if (project / CONFIG_NAME).is_file()  # without a config, overlays are not used
            else []
        )
        where = f" (check templates/{', templates/'.join(overlays)})" if overlays else ""
        return f"WeasyPrint raised {type(error).__name__}, which unusual CSS can set off{where}"

    def document(self, html: str):
        """Lay out one HTML document (a weasyprint Document)."""
        weasyprint = import_weasyprint()  # lazy: keeps `pocketguide --help` fast
        from pocketguide.limits import document_problems, html_problems, image_bombs_are_errors

        self._html = self._html or html
        # roots[0] is the project: refusals are reported at the project file that asked.
        if problems := html_problems(html, self.source, self.roots[0]):
            raise PocketguideError(problems)
        with image_bombs_are_errors():
            document = weasyprint.HTML(
                string=html, base_url=self.base_url, url_fetcher=self.fetcher
            ).render()
        if problems := document_problems(document, self.source, self.roots[0]):
            raise PocketguideError(self.fetcher.problems(self.source, self.roots[0]) + problems)
        return document

    def write(self, document) -> bytes:
        """The PDF bytes of a laid-out document."""
        from pocketguide.reproducible import font_timestamps

        # Tagging is a write option (render's is ignored). PDF/UA-1 gives the same structure
        # tree as pdf_tags=True plus the XMP dc:title and PDF/UA identifier validators expect.
        with font_timestamps(document):
            return document.write_pdf(
                # Stable for reproducible bytes, yet one per output: /ID names the document.
                pdf_identifier=f"pocketguide {Path(self.source).name}".encode(),
                custom_metadata=True,
                pdf_variant="pdf/ua-1",
                finisher=finish,
            )

    def _report(self) -> None:
        from pocketguide.locate import locate

        problems = self.fetcher.problems(self.source, self.roots[0])
        for record in self.collector.records:
            message = record.getMessage()
            if any(message.startswith(allowed) for allowed in ALLOWED_NOTICES):
                continue
            if self.fetcher.refused and "PermissionError: refused" in message:
                continue  # already reported, more clearly, by the fetcher
            if len(message) > 300:
                message = message[:297] + "..."
            where, line = self.source, None
            if found := overlay_location(message, self._html, self.roots[0]):
                where, line, message = found
            problem = Problem(where, line, f"WeasyPrint: {message}")
            if not found and (char := _missing_glyph(message, self.roots[0])):
                problem = locate(char, self.roots[0], self.source, problem.message)
            if record.levelno >= logging.ERROR:
                problems.append(problem)
            elif str(problem) not in self.warnings:
                self.warnings.append(str(problem))
        if problems:
            raise PocketguideError(sorted(set(problems), key=problems.index))


def _raised_by_pocketguide(trace) -> bool:
    """Whether the innermost frame of a traceback is pocketguide's own code."""
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    return trace is not None and Path(trace.tb_frame.f_code.co_filename).is_relative_to(_HERE)


_HERE = Path(__file__).resolve().parent
_MISSING_GLYPH = re.compile(r'unsupported by fonts: "([^"]+)"')


def _missing_glyph(message: str, root: Path) -> str | None:
    """The character no font has (an emoji in a name), to be found in a project's files."""
    match = _MISSING_GLYPH.search(message)
    # Only a project is searched: the default guide's folder may be any folder of the user's.
    return match.group(1) if match and (root / CONFIG_NAME).is_file() else None


def finish(document, pdf) -> None:
    """What pocketguide adds to WeasyPrint's PDF objects before they are written."""
    from pocketguide.tagfix import fix_tags

    describe_links(document)
    fix_tags(pdf, document)


def describe_links(document) -> None:
    """Give each link within the document its words as its description (a finisher step).

    Screen readers announce a link annotation's /Contents. WeasyPrint 70 puts the link target
    there, which for a contents entry is an id ("sec-how-to-use"); its words say where it goes.
    Links out of the document keep their address (tel:988, https://...), which says what they do.
    """
    import pydyf

    for page in document.pages:
        for kind, _target, _rect, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            element = getattr(box, "element", None)  # an ::after box has its <a> element
            if kind != "internal" or annotation is None or element is None:
                continue
            if words := " ".join("".join(element.itertext()).split()):
                annotation["Contents"] = pydyf.String(words)


def html_to_pdf(
    html: str,
    base_dir: Path,
    roots: list[Path],
    source: str,
    measure: bool = False,
    record: bool = False,
) -> PdfResult:
    """Render HTML to PDF with file access confined to roots; errors name `source`.

    With `measure`, report how tall the content of each `data-fit` element is against its room.
    With `record`, keep the guide's layout record, unless WeasyPrint said anything.
    """
    with Rendering(base_dir, roots, source) as rendering:
        document = rendering.document(html)
        data = rendering.write(document)
    # Outside the rendering: an error here is pocketguide's, never "rendering failed".
    fits = _measure_fits(document) if measure else []
    layout = None if rendering.warnings or not record else layout_record(document, html)
    return PdfResult(data, len(document.pages), rendering.warnings, fits, layout)


def _measure_fits(document) -> list[Fit]:
    """Content height vs room of every `data-fit` box (whose content is one unbreakable block)."""
    fits = []
    for page in document.pages:
        for box in page._page_box.descendants():  # WeasyPrint has no public layout-tree API
            element = getattr(box, "element", None)
            label = element.get("data-fit") if element is not None else None
            if not label or type(box).__name__ != "BlockBox" or not box.children:
                continue
            top = box.content_box_y()
            bottom = max(child.position_y + child.margin_height() for child in box.children)
            wide, text, columns, unbreakable = _widest_text(box)
            content, room = (bottom - top) * PX_MM, box.height * PX_MM
            fits.append(Fit(label, content, room, wide * PX_MM, text, columns, unbreakable))
    return fits


def _widest_text(box) -> tuple[float, str, int, bool]:
    """How far a box's text reaches past its content box's sides, which text, columns, and
    whether that text alone is wider than its column.

    Height is not all: a number wider than its card column ran off the card's edge. Of the
    texts past the edge, the widest is named: a long name pushes its neighbour out too.
    """
    left, right = box.content_box_x(), box.content_box_x() + box.width
    worst, columns, over_edge = 0.0, 1, []
    for child in box.descendants():
        element = getattr(child, "element", None)
        if element is not None and "two-columns" in (element.get("class") or "").split():
            columns = 2
        if type(child).__name__ != "TextBox" or not child.text.strip():
            continue  # an empty box (a right-to-left line's end) prints nothing
        over = max(left - child.position_x, child.position_x + child.width - right)
        if over > 0:
            worst = max(worst, over)
            over_edge.append(child)
    if not over_edge:
        return 0.0, "", columns, False
    widest = max(over_edge, key=lambda child: child.width)
    return worst, widest.text, columns, widest.width > box.width / columns
