"""Allow `python -m pocketguide`."""

from __future__ import annotations

from pocketguide.cli import main

if __name__ == "__main__":
    main()
