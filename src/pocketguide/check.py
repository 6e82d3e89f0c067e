"""`check` and `approve`: validate a project without writing PDFs; record approved numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from pocketguide.content import Content, load_content
from pocketguide.errors import PocketguideError, Problem, Problems
from pocketguide.hotlines import fictional_warnings, where
from pocketguide.i18n import available_locales, select_locales
from pocketguide.kit import (
    kit_gaps,
    kit_hotlines,
    kit_left_out,
    kit_scenarios,
    unknown_card_hotlines,
)
from pocketguide.lock import KINDS, LOCK_NAME, Lock, changes, organization_change, write_lock
from pocketguide.lock import VERSION as LOCK_VERSION
from pocketguide.models import Hotline, HotlineFile
from pocketguide.prepare import Prepared, output_name, prepare
from pocketguide.project import Project, load_project
from pocketguide.render import locate_template_error, make_environment
from pocketguide.resources import is_shipped
from pocketguide.translated_hotlines import translated_hours_warnings, translated_number_warnings
from pocketguide.wellknown import one_keystroke


@dataclass
class CheckReport:
    """What `check` found: the checked locales' content and every warning."""

    project: Project
    contents: list[Content] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)  # what {crisis} prints, per edition


def filled_numbers(project: Project, content: Content) -> list[str]:
    """What {emergency} and {crisis} print in an edition, and which entry gives each number."""
    lines = []
    for name, filled in content.numbers.items():
        if name not in content.named:
            continue
        path = content.hotlines_path
        if filled.entry is None:
            source = "no entry gives one: the region's usual number"
        elif path is None or is_shipped(path):
            source = f"pocketguide's own list: {filled.entry.name}"
        else:
            source = f"{where(project.shown(path), filled.entry)}: {filled.entry.name}"
        lines.append(f"{content.locale}: {{{name}}} prints {filled.display} ({source})")
    return lines


def template_names(project: Project) -> list[str]:
    """Every Jinja template the project and the defaults provide."""
    env = make_environment(project.template_dirs)
    return sorted(n for n in env.list_templates() if n.endswith(".j2"))


def check_project(
    project_dir: Path,
    locales: tuple[str, ...] = (),
    every_locale: bool = False,
    render: bool = False,
) -> CheckReport:
    """Validate config, content, overlays, hotlines, lock, brand and templates; return warnings.

    Checks the requested locales (`--locale`), else every available one when `every_locale`,
    else the configured ones. With `render`, every document is also laid out in memory and
    audited as a reader would meet it (fit, type size, contrast).
    """
    project = load_project(project_dir)
    report = CheckReport(project)
    problems = Problems(project.root)
    every = every_locale and not locales
    chosen = available_locales(project) if every else select_locales(project, locales)
    for locale in chosen:
        if every and locale not in project.locales:
            # Shown in the translations table only: a language the project does not publish
            # must not fail its check.
            try:
                report.contents.append(load_content(project, locale))
            except PocketguideError:
                note = f"{locale}: left out of the table; see pocketguide check --locale {locale}"
                report.warnings.append(note)
            continue
        try:
            prepared = prepare(project, locale)
        except PocketguideError as exc:
            problems.extend([p for p in exc.problems if p not in problems.items])
            continue
        report.contents.append(prepared.content)
        report.numbers += filled_numbers(project, prepared.content)
        found = list(prepared.warnings)
        # A name that is no entry is an error in the config, as when building the card.
        unknown = unknown_card_hotlines(project, prepared.content.hotlines.hotlines)
        problems.extend([p for p in unknown if p not in problems.items])
        kit = prepared.content.guide.kit is not None and not unknown  # no kit: no card or zine
        if kit:
            # Only the card and the zine need these, and a build of them fails: warnings here.
            try:  # the card's crisis side, and whether it lacks a crisis or emergency number
                picked = kit_hotlines(project, prepared.content)
                found += kit_gaps(project, prepared.content, picked)
                if left := kit_left_out(project, prepared.content, picked):
                    report.numbers.append(f"{locale}: {left}")
            except PocketguideError as exc:
                found += [str(p) for p in exc.problems]
                kit = False
            try:  # the scenarios the zine's quick responses name
                kit_scenarios(project, prepared.content)
            except PocketguideError as exc:
                found += [str(p) for p in exc.problems]
                kit = False
        if render:
            found += audit_rendered(project, prepared, kit)
            if prepared.content.guide.kit is None:  # said, so "ok" does not promise them
                found.append(
                    f"content/{locale}/guide.yaml: no kit: block, so the card and zine were not "
                    "laid out (building them fails)"
                )
        else:
            try:  # what only the finished HTML shows, e.g. a hand-written verified date
                render_documents(project, prepared, kit)
            except PocketguideError as exc:
                problems.extend([p for p in exc.problems if p not in problems.items])
        report.warnings += [w for w in found if w not in report.warnings]
    env = make_environment(project.template_dirs)
    for name in template_names(project):
        try:
            env.get_template(name)
        except TemplateError as exc:
            problems.extend([locate_template_error(exc, name)])
    problems.raise_if_any()
    return report


def render_documents(project: Project, prepared: Prepared, kit: bool = True) -> None:
    """Render the guide's, card's and zine's HTML as `build` would, laying nothing out."""
    from pocketguide.formats import Renderer
    from pocketguide.options import Options, for_project

    options = for_project(Options(), project.config)
    renderer = Renderer(project, prepared.content, prepared.assets, options)
    for kind in ("guide", "card", "zine") if kit else ("guide",):
        renderer.html(kind)


def audit_rendered(project: Project, prepared: Prepared, kit: bool = True) -> list[str]:
    """Lay out the guide, the card and the zine in memory; their warnings and audit findings."""
    from pocketguide.a11y import MIN_PT_GUIDE, MIN_PT_SMALL, audit_pdf
    from pocketguide.formats import Renderer
    from pocketguide.options import Options, for_project, output_stem

    options = for_project(Options(), project.config)
    renderer = Renderer(project, prepared.content, prepared.assets, options)
    locale = prepared.content.locale
    kinds = [("guide", MIN_PT_GUIDE)]
    if kit:
        kinds += [("card", MIN_PT_SMALL), ("zine", MIN_PT_SMALL)]
    found = []
    for kind, min_pt in kinds:
        # Named as `build` would write it, so a message reads the same from check and build.
        stem = output_stem("card-single" if kind == "card" else kind, options)
        name = output_name(project, stem, locale)
        shown = project.shown(project.root / "output" / name)
        rendered = renderer.source(kind, shown)
        found += rendered.warnings + audit_pdf(rendered.data, shown, min_pt)
    return found


@dataclass
class Approval:
    """What `approve` did: the lock it wrote, and what changed since the one before."""

    path: Path
    count: int
    changed: list[str]
    warnings: list[str]
    organization: bool = False  # the organization's number is in the lock


def approve_project(project_dir: Path) -> Approval:
    """Write hotlines.lock from the project's valid hotlines; say what changed since the last.

    Warns about made-up numbers. Refuses a changed entry whose `verified` date is older than
    the last approval: the new number cannot have been checked on that day, and approving it
    would print "verified as of" beside a number nobody called.
    """
    project = load_project(project_dir)
    phone = project.config.organization.phone if project.config else None
    if project.hotlines_path is None and phone is None:
        message = (
            "no numbers to approve: this folder has no pocketguide.yaml with a hotlines file "
            "or an organization.phone"
        )
        raise PocketguideError(Problem(str(project_dir), None, message))
    prepared = prepare(project, project.locales[0])  # a broken lock is an error there
    path = project.root / LOCK_NAME
    # Without a hotlines file of its own, only the organization's number is the project's:
    # pocketguide's list and a language folder's numbers are not for this lock.
    own = project.hotlines_path is not None
    hotlines = prepared.content.hotlines if own else HotlineFile()
    shown = project.shown(prepared.content.hotlines_path)
    warnings = fictional_warnings(hotlines, shown)
    changed: list[str] = []
    unchecked: list[Problem] = []
    if (old := prepared.lock) is not None:
        approved = {locked.name for locked in old.approved}
        found = changes(old, hotlines)
        locked = {n for e in old.approved for n in (e.phone_normalized, e.text_normalized) if n}
        since = old.approved_since
        # A lock before version 2 has no day of approval: its file's date stands for it.
        last = f"the last approval ({since})"
        if not old.approved_on:
            last = f"{LOCK_NAME} was last saved ({since})"
        # A rename hides a changed number as "new": when entries left the lock in the same
        # approval, a new entry with a number the lock never had counts as changed.
        removed = any(not isinstance(entry, Hotline) for entry, _, _ in found)
        for entry, what, _advice in found:
            changed.append(what)
            if not (isinstance(entry, Hotline) and entry.verified and since):
                continue
            unlocked = not {n.normalized for n in entry.numbers} <= locked
            if entry.verified >= since or not (entry.name in approved or unlocked):
                continue
            if entry.name in approved or removed:
                unchecked.append(
                    Problem(
                        shown,
                        entry._line,
                        f"{entry.name}: verified {entry.verified} is before {last}, so the new "
                        "details were not checked that day; call the number, set verified to "
                        "the day you did, then approve again",
                    )
                )
            else:  # new: checked before the last approval and added since, or copied with a date
                warnings.append(
                    f"{where(shown, entry)}: {entry.name}: a new entry verified {entry.verified}, "
                    f"before {last}; if that is not the day you called it (a block copied with "
                    "its date), set verified to that day and approve again"
                )
        if what := organization_change(old, phone):
            changed.append(what)
            if phone is not None:  # it has no `verified` date to tell when it was checked
                at = f"{project.shown(project.config_path)}:{project.line('organization', 'phone')}"
                warnings.append(
                    f"{at}: organization.phone: {phone.display} has no verified date, so approve "
                    f"cannot tell whether anyone called it since {last}; make sure someone did"
                )
        warnings += _typos(old, hotlines, shown)
    # An edition whose words give other hours or digits than the entry would print them
    # beside "verified as of": nobody checked those.
    content = prepared.content
    mismatched = []  # of the editions that print a translation, not of words none prints
    for locale in (loc for loc in project.locales if project.translates(loc)):
        mismatched += translated_hours_warnings(content, shown, locale)
        mismatched += translated_number_warnings(content, shown, locale)
    unchecked += [Problem("", None, f"{w}; approve refuses until then") for w in mismatched]
    if unchecked:  # the lock stays as it was: nothing is approved
        raise PocketguideError(list(dict.fromkeys(unchecked)))  # an entry's phone and url
    write_lock(path, hotlines, project.config.organization.phone)
    if old is not None and old.version < LOCK_VERSION:
        warnings.append(
            f"{project.shown(path)}: the lock an older pocketguide wrote held no hours: they are "
            "recorded as checked from now on, so make sure every entry's hours are right"
        )
    warnings += _stale_proof(project)
    return Approval(path, len(hotlines.hotlines), changed, warnings, phone is not None)


def _typos(lock: Lock, hotlines: HotlineFile, shown: str) -> list[str]:
    """A changed number one keystroke from the approved one: more likely a slip than a change."""
    approved = {entry.name: entry for entry in lock.approved}
    found = []
    for entry in hotlines.hotlines:
        for kind in KINDS:
            new, before = getattr(entry, kind), approved.get(entry.name)
            old = getattr(before, f"{kind}_normalized") if before else None
            if new and old and one_keystroke(old, new.normalized):
                found.append(
                    f"{where(shown, entry)}: {entry.name}: the new {kind} {new.display} is one "
                    f"keystroke from the approved {getattr(before, kind)}; if the service did not "
                    "change its number, this is a typo"
                )
    return found


def _stale_proof(project: Project) -> list[str]:
    """A proof sheet in output/ made from other numbers: the one a checker may have signed."""
    from pocketguide.cache import Manifest
    from pocketguide.stale import stale_warnings

    return stale_warnings(Manifest(project.root / "output"), project, [], only="proof")
