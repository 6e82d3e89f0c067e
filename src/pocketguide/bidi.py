"""Numbers in right-to-left text: kept left to right, digits and groups in their order.

In an Arabic line, "(502) 589-1234" is three runs of digits between neutral brackets, spaces
and hyphens, which the bidirectional algorithm may set in the other order (1234-589 (502)).
Each phone-shaped run is wrapped in a left-to-right span, as the hotline numbers already are.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_NUMBER = re.compile(r"\+?\(?\d[\d ().-]*\d\)?")


def isolate_numbers(text: str | None) -> Markup:
    """The text, escaped, with every run of three or more digits set left to right."""

    def wrap(match: re.Match) -> str:
        run = match.group(0)
        if sum(ch.isdigit() for ch in run) < 3:
            return run
        return f'<span class="ltr-number">{run}</span>'

    return Markup(_NUMBER.sub(wrap, str(escape(text or ""))))
