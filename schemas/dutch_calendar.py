"""Dutch month and weekday names, in calendar order: dates in letters are written with them, the
anonymiser generalises dates to them and reports name their months with them."""

from __future__ import annotations

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
