"""hotlines.lock: the numbers a person approved, and what changed since."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import PrivateAttr

from pocketguide.errors import Problem, display_path
from pocketguide.models import Hotline, HotlineFile, Strict
from pocketguide.phones import Number
from pocketguide.validate import validate
from pocketguide.yamlload import load_yaml_file

LOCK_NAME = "hotlines.lock"


def old_lock(version: int) -> str:
    """Why a lock an older pocketguide wrote vouches for nothing, and what to do."""
    missing = "hours" if version == 2 else "hours, chat links (url) or day of approval"
    return (
        f"written by an older pocketguide, it holds no {missing}, so no PDF prints "
        '"Numbers verified as of"; check every entry, then run pocketguide approve'
    )


KINDS = ("phone", "text")
VERSION = 3
CHECK = "; check it, then run pocketguide approve"


class LockedEntry(Strict):
    """One approved entry: the number as printed and in normalized form."""

    name: str
    phone: str | None = None
    phone_normalized: str | None = None
    text: str | None = None
    text_normalized: str | None = None
    keyword: str | None = None  # absent in locks written before keywords existed
    url: str | None = None  # compared only in locks that record urls (version 2)
    hours: str | None = None  # compared only in locks that record hours (version 3)
    # Where the entry starts in hotlines.lock, for messages; not part of the data.
    _line: int | None = PrivateAttr(default=None)


class LockedOrganization(Strict):
    """The organization's own number, printed on the back cover beside the verified date."""

    phone: str
    phone_normalized: str


class Lock(Strict):
    """The whole lock file."""

    # 2: urls are recorded (the chat link and its QR code), and the day of approval.
    # 3: hours, what coordinators change most, which the card prints beside the number.
    version: int = 1
    approved_on: dt.date | None = None
    approved: list[LockedEntry]
    # Absent in locks written before pocketguide locked the organization's number.
    organization: LockedOrganization | None = None
    # The day the file was last written: no earlier than the approval, where none is recorded.
    _written: dt.date | None = PrivateAttr(default=None)

    @property
    def approved_since(self) -> dt.date | None:
        """The day of the last approval, or (a lock before version 2) the file's last change."""
        return self.approved_on or self._written


def lock_data(hotlines: HotlineFile, organization_phone: Number | None = None) -> dict:
    """The lock contents for a set of hotlines and the organization's number."""
    entries = []
    for entry in hotlines.hotlines:
        item = {"name": entry.name}
        for kind in KINDS:
            number = getattr(entry, kind)
            if number:
                item[kind] = number.display
                item[f"{kind}_normalized"] = number.normalized
        if entry.keyword:
            item["keyword"] = entry.keyword
        if entry.url:
            item["url"] = entry.url
        if entry.hours:
            item["hours"] = entry.hours
        entries.append(item)
    data: dict = {"version": VERSION, "approved_on": dt.date.today(), "approved": entries}
    if phone := organization_phone:
        data["organization"] = {"phone": phone.display, "phone_normalized": phone.normalized}
    return data


def read_lock(path: Path, root: Path) -> tuple[Lock | None, list[Problem]]:
    """Read and validate hotlines.lock."""
    shown = display_path(path, root)
    data, problems = load_yaml_file(path, shown=shown)
    if problems:
        return None, problems
    lock, problems = validate(Lock, data, shown)
    if lock is not None:
        lock._written = dt.date.fromtimestamp(path.stat().st_mtime)
        lines = getattr(data.get("approved"), "lines", [])
        for entry, line in zip(lock.approved, lines, strict=False):
            entry._line = line
    return lock, problems


def lock_differences(lock: Lock, hotlines: HotlineFile) -> list[tuple[Hotline | LockedEntry, str]]:
    """What differs from the approved numbers: (the entry, or the lock's if removed, text)."""
    return [(entry, f"{what}{advice}") for entry, what, advice in changes(lock, hotlines)]


def changes(lock: Lock, hotlines: HotlineFile) -> list[tuple[Hotline | LockedEntry, str, str]]:
    """(entry, what changed since the lock, what to do) for each difference."""
    approved = {entry.name: entry for entry in lock.approved}
    found: list[tuple[Hotline | LockedEntry, str, str]] = []
    for entry in hotlines.hotlines:
        old = approved.pop(entry.name, None)
        if old is None:
            found.append((entry, f"{entry.name}: new entry, not approved yet", CHECK))
            continue
        for kind in KINDS:
            number = getattr(entry, kind)
            new_norm = number.normalized if number else None
            if new_norm != getattr(old, f"{kind}_normalized"):
                before = getattr(old, kind) or "(none)"
                after = number.display if number else "(none)"
                what = f"{entry.name}: {kind} changed {before} -> {after} since {LOCK_NAME}"
                found.append((entry, what, CHECK))
        # Services read keywords in any case: only another word is a change.
        if (entry.keyword or "").casefold() != (old.keyword or "").casefold():
            before, after = old.keyword or "(none)", entry.keyword or "(none)"
            what = f"{entry.name}: keyword changed {before} -> {after} since {LOCK_NAME}"
            found.append((entry, what, CHECK))
        for detail in DETAILS[: lock.version - 1]:  # urls from version 2, hours from 3
            before, after = getattr(old, detail) or None, getattr(entry, detail) or None
            if _same(detail, before) != _same(detail, after):
                what = (
                    f"{entry.name}: {detail} changed {_shown(detail, before)} -> "
                    f"{_shown(detail, after)} "
                    f"since {LOCK_NAME}"
                )
                found.append((entry, what, CHECK))
    for name, old in approved.items():
        found.append((old, f"{name}: removed since the last approval", "; run pocketguide approve"))
    return found


def renamed_from(lock: Lock, entry: Hotline, current: set[str]) -> LockedEntry | None:
    """The approved entry that `entry` is under a new name, every other detail the same.

    `current`: the names in the hotlines file now (an approved entry still there is no
    entry's old name).
    """
    for old in lock.approved:
        if old.name in current:
            continue
        renamed = lock.model_copy(
            update={"approved": [old.model_copy(update={"name": entry.name})]}
        )
        if not changes(renamed, HotlineFile(hotlines=[entry])):
            return old
    return None


DETAILS = ("url", "hours")  # compared from lock version 2 and 3 on
# How changes' messages say a number is not (or no longer) approved.
_UNAPPROVED = (f"since {LOCK_NAME}", "not approved yet", "since the last approval")


def says_unapproved(warning: str) -> bool:
    """Whether a warning says something differs from the approved numbers."""
    return any(mark in warning for mark in _UNAPPROVED)


def _same(detail: str, value: str | None) -> str | None:
    """What counts in a detail: hours in other capitals, dashes or spacing are the same hours."""
    if value is None or detail != "hours":
        return value
    return re.sub(r"[\s.]+", "", re.sub(r"[\u2010-\u2015]", "-", value)).casefold()


def _shown(detail: str, value: str | None) -> str:
    """A detail in a message: hours quoted, since they hold commas and dashes of their own."""
    if not value:
        return "(none)"
    return f'"{value}"' if detail == "hours" else value


def organization_difference(lock: Lock, phone: Number | None) -> str | None:
    """How the organization's number differs from the approved one, if it does."""
    if phone is None:
        return None  # nothing printed, nothing to vouch for
    old = lock.organization
    if old is None:
        return (
            f"organization.phone: {phone.display} is not in {LOCK_NAME}; check it, then run "
            "pocketguide approve"
        )
    if old.phone_normalized != phone.normalized:
        return (
            f"organization.phone changed {old.phone} -> {phone.display} since {LOCK_NAME}; "
            "check it, then run pocketguide approve"
        )
    return None


def organization_change(lock: Lock, phone: Number | None) -> str | None:
    """The organization's number since the lock, as approve lists changes; None if the same."""
    old = lock.organization
    if phone is None:
        return "organization.phone: removed since the last approval" if old else None
    if old is None:
        return f"organization.phone: {phone.display} is new, not approved yet"
    if old.phone_normalized != phone.normalized:
        return f"organization.phone changed {old.phone} -> {phone.display} since {LOCK_NAME}"
    return None
