"""`approve`: record the checked numbers in hotlines.lock; refuse what nobody can have checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from pocketguide.doubts import fictional_warnings
from pocketguide.errors import PocketguideError, Problem
from pocketguide.hotlines import where
from pocketguide.lock import (
    KINDS,
    LOCK_NAME,
    Lock,
    changes,
    lock_data,
    organization_change,
    renamed_from,
)
from pocketguide.lock import VERSION as LOCK_VERSION
from pocketguide.models import Hotline, HotlineFile
from pocketguide.output import write_atomic
from pocketguide.phones import Number
from pocketguide.prepare import prepare
from pocketguide.project import Project, load_project
from pocketguide.translated_hotlines import translated_hours_warnings, translated_number_warnings
from pocketguide.wellknown import one_keystroke


@dataclass
class Approval:
    """What `approve` did: the lock it wrote, and what changed since the one before."""

    path: Path
    count: int
    changed: list[str]
    warnings: list[str]
    organization: bool = False  # the organization's number is in the lock


def _how_to_check(entry: Hotline) -> str:
    """How to check an entry's new details: a crisis or emergency line gets no test call."""
    if entry.category in ("crisis", "emergency"):
        return "check the new details against what the service publishes (no test call)"
    return "call the number"


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
        names = {entry.name for entry in hotlines.hotlines}
        since, today = old.approved_since, dt.date.today()
        # A lock before version 2 has no day of approval: its file's date stands for it.
        last = f"the last approval ({since})"
        if not old.approved_on:
            last = f"{LOCK_NAME} was last saved ({since})"
        # A rename hides a change as "new": when entries left the lock in the same approval,
        # a new entry counts as changed, unless it is one of them renamed, all else as approved.
        removed = any(not isinstance(entry, Hotline) for entry, _, _ in found)
        for entry, what, _advice in found:
            changed.append(what)
            if not (isinstance(entry, Hotline) and entry.verified and since):
                continue
            renamed = entry.name not in approved and renamed_from(old, entry, names) is not None
            if entry.verified > since or renamed:
                continue  # checked since, or only renamed
            if entry.name in approved or removed:
                # Dated the day of the last approval, but changed after it (else the lock
                # would hold it) and approved on a later day: not checked that day either.
                if entry.verified == since and since >= today:
                    continue  # approved again the same day
                when = "is before" if entry.verified < since else "is the day of"
                after = ", and the entry changed after it" if entry.verified == since else ""
                # New beside a removed entry, it may be that one renamed, its number changed.
                beside = "" if entry.name in approved else " (new beside a removed entry)"
                unchecked.append(
                    Problem(
                        shown,
                        entry._line,
                        f"{entry.name}{beside}: verified {entry.verified} {when} {last}{after}, "
                        f"so the new details were not checked that day; {_how_to_check(entry)}, "
                        "set verified to the day you did, then approve again",
                    )
                )
            elif entry.verified < since:  # new: checked before and added since, or copied
                warnings.append(
                    f"{where(shown, entry)}: {entry.name}: a new entry verified {entry.verified}, "
                    f"before {last}; if that is not the day you checked it (a block copied "
                    "with its date), set verified to that day and approve again"
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
        mismatched += translated_number_warnings(content, shown, locale, project.region)
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


def write_lock(path: Path, hotlines: HotlineFile, organization_phone: Number | None = None) -> None:
    """Write hotlines.lock atomically."""
    header = (
        "# Approved hotline numbers, written by `pocketguide approve`.\n"
        "# Builds warn when a number differs from this file. Do not edit by hand.\n"
    )
    data = lock_data(hotlines, organization_phone)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)
    write_atomic(path, (header + body).encode("utf-8"))
