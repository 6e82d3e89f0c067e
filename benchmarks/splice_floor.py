"""How fast could a guide built from separately written PDF pieces be? (issue 6, (c) and (e))

Run: `.venv/bin/python benchmarks/splice_floor.py [--runs N]`; writes splice_floor.md.

The issue suggests rendering each section to its own PDF and joining them with pypdf. This
measures the best case of that design, leaving out everything it would still have to add
(loading the content and rendering the HTML, merging the PDF/UA structure trees, bookmarks
and named destinations, verifying), so a real build could only be slower:

- (c) a hotline edit in a fresh process: import WeasyPrint, lay out and write only the
  crisis section, put its pages in place of the old ones in the last guide with pypdf, or
  put them into it with pocketguide.splice (what `watch` does);
- (e) one guide on two cores: two fresh processes each lay out and write half the sections
  at the same time, then pypdf joins the halves.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import tempfile
import time
from pathlib import Path

from bench import PY, median, pocketguide, timed

HERE = Path(__file__).resolve().parent
SECTION = "sec-crisis-numbers"

# One WeasyPrint rendering of `html` into `out`, with pocketguide's write options.
RENDER = """
import json, sys, weasyprint
job = json.load(open(sys.argv[1]))
doc = weasyprint.HTML(string=job["html"], base_url=job["base"]).render()
doc.write_pdf(job["out"], pdf_identifier=b"pocketguide", custom_metadata=True,
              pdf_variant="pdf/ua-1")
"""

# Both (c) scripts start alike: lay out and write the crisis section alone, into `piece`.
PIECE = """
import io, json, sys, weasyprint
from pathlib import Path
from pypdf import PdfReader, PdfWriter
job = json.load(open(sys.argv[1]))
doc = weasyprint.HTML(string=job["html"], base_url=job["base"]).render()
piece = io.BytesIO()
doc.write_pdf(piece, pdf_identifier=b"pocketguide", custom_metadata=True,
              pdf_variant="pdf/ua-1")
new = PdfReader(piece)
first, count = job["first"], len(new.pages)
"""

# (c): then replace the old pages with the new ones in the last guide, with pypdf.
SPLICE = (
    PIECE
    + """
guide = PdfReader(job["guide"])
writer = PdfWriter()
for page in [*guide.pages[:first], *new.pages, *guide.pages[first + count :]]:
    writer.add_page(page)
writer.write(job["out"])
"""
)

# (c) again, putting the new pages in with pocketguide.splice (as `watch`
# does) instead of rewriting the file with pypdf.
UPDATE = (
    PIECE
    + """
from pocketguide.splice import Base, splice
positions = list(range(first, first + count))
data = splice(Base([], Path(job["guide"]).read_bytes()), positions, piece.getvalue())
if data is None:
    sys.exit("the crisis pages laid out alone differ in structure from the full build's")
Path(job["out"]).write_bytes(data)
"""
)


def guide_parts(project: Path) -> tuple[str, list[str], str, str]:
    """The default guide's final HTML cut into fragments, and its base URL."""
    from pocketguide.build import prepare
    from pocketguide.formats import Renderer
    from pocketguide.frames import split_guide
    from pocketguide.options import Options
    from pocketguide.project import load_project
    from pocketguide.resources import templates_dir

    loaded = load_project(project)
    prepared = prepare(loaded, "en")
    html = Renderer(loaded, prepared.content, prepared.assets, Options()).html("guide")[0]
    head, chunks, tail = split_guide(html)
    return head, chunks, tail, templates_dir().resolve().as_uri() + "/"


def first_page(guide: Path, anchor: str) -> int:
    """The 0-based page a named destination of the guide points to."""
    from pypdf import PdfReader

    reader = PdfReader(guide)
    return reader.get_destination_page_number(reader.named_destinations[anchor])


def job_file(folder: Path, name: str, **job: object) -> Path:
    """A JSON job for RENDER or SPLICE."""
    path = folder / f"{name}.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    return path


def two_halves(jobs: list[Path], outs: list[Path]) -> float:
    """Two fresh processes render a half each at once; pypdf (already imported) joins them."""
    from pypdf import PdfReader, PdfWriter

    start = time.perf_counter()
    running = [subprocess.Popen([PY, "-c", RENDER, str(job)]) for job in jobs]
    if any(process.wait() for process in running):
        raise SystemExit("splice_floor: a half failed to render")
    writer = PdfWriter()
    for out in outs:
        for page in PdfReader(out).pages:
            writer.add_page(page)
    writer.write(io.BytesIO())
    return time.perf_counter() - start


def main() -> None:
    """Measure both floors against pocketguide's own builds and write splice_floor.md."""
    from pocketguide.frames import MARKER, start_at

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    runs = max(parser.parse_args().runs, 1)
    with tempfile.TemporaryDirectory(prefix="pocketguide-splice-") as tmp:
        work = Path(tmp)
        project, out = work / "default", work / "out"
        project.mkdir()
        cold = median(lambda: timed(pocketguide("build", project, "--out", out, "--force")), runs)
        cold_1 = median(
            lambda: timed(pocketguide("build", project, "--out", out, "--force", "--jobs", "1")),
            runs,
        )
        guide = next(out.glob("*-guide-en.pdf"))
        head, chunks, tail, base = guide_parts(project)

        crisis = next(i for i, chunk in enumerate(chunks) if f'id="{SECTION}"' in chunk)
        first = first_page(guide, SECTION)
        html = start_at(head, first + 1) + chunks[crisis] + tail
        job = job_file(
            work, "crisis", html=html, base=base, guide=str(guide), first=first,
            out=str(work / "spliced.pdf"),
        )  # fmt: skip
        splice = median(lambda: timed([PY, "-c", SPLICE, str(job)]), runs)
        update = median(lambda: timed([PY, "-c", UPDATE, str(job)]), runs)

        # Cut where the halves' HTML is closest to equal; the second starts on its real page.
        sizes = [len(chunk) for chunk in chunks]
        cut = min(range(1, len(chunks)), key=lambda k: abs(sum(sizes[:k]) - sum(sizes[k:])))
        second = first_page(guide, chunks[cut].split('id="', 1)[1].split('"', 1)[0])
        halves = [
            head + MARKER.join(chunks[:cut]) + tail,
            start_at(head, second + 1) + MARKER.join(chunks[cut:]) + tail,
        ]
        outs = [work / f"half{i}.pdf" for i in (1, 2)]
        jobs = [
            job_file(work, f"half{i}", html=h, base=base, out=str(o))
            for i, (h, o) in enumerate(zip(halves, outs, strict=True), 1)
        ]
        split = median(lambda: two_halves(jobs, outs), runs)

    rows = [
        ("(c) hotline edit, fresh process: crisis pages spliced", splice, cold, 0.35),
        ("(c) the same, with pocketguide.splice", update, cold, 0.35),
        ("(e) two halves at once, joined, vs --jobs 1", split, cold_1, 0.80),
    ]
    lines = [
        "# Splicing floor (issue 6)",
        "",
        f"Median of {runs} runs. The best case of building from separately written PDFs: no",
        "content loading, no structure-tree, bookmark or destination merge, no verification.",
        "",
        "| design | floor | pocketguide today (baseline) | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for name, seconds, baseline, target in rows:
        ratio = seconds / baseline
        lines.append(
            f"| {name} | {seconds:.3f} s | {baseline:.3f} s | {ratio:.2f}x | <= {target:.2f}x |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "splice_floor.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
