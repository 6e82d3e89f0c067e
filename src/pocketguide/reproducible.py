"""Reproducible PDFs: the timestamps fontTools stamps into subset fonts come from the guide."""

from __future__ import annotations

import calendar
import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def font_timestamps(document: Any) -> Iterator[None]:
    """While writing a PDF, SOURCE_DATE_EPOCH (unless set) is the guide's date, or 1970."""
    # fontTools writes "now" into each subset font's head table unless SOURCE_DATE_EPOCH is set.
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    stamp = document.metadata.modified or document.metadata.created or "1970-01-01"
    try:
        day = dt.date.fromisoformat(str(stamp)[:10])
    except ValueError:
        day = dt.date(1970, 1, 1)  # a template's odd date must not make the build fail here
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
