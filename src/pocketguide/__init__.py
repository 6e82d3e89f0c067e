"""pocketguide: printable pocket guides for peer-support group facilitators."""

from __future__ import annotations

__version__ = "0.1.0"
