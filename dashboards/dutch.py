"""Dutch names for what the dashboard shows: months, dates, themes, statuses."""

from __future__ import annotations

import re
from datetime import date, datetime

import pandas as pd

from schemas.dutch_calendar import MONTHS
from schemas.records import THEME_LABELS

MONTH_ABBREVIATIONS = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip
NO_COMPLAINT = "geen klacht"
NO_THEME = "(geen thema)"
PREVIEW_WORDS = 12
# A letter's salutation ("Geachte heer, mevrouw,") says nothing about the complaint: the first
# words shown to pick a complaint start after it.
_SALUTATION = re.compile(
    r"^\s*(?:geachte|beste|hallo|goedendag|goedemiddag|goedemorgen|lieve)\b[^\n]{0,80}\n",
    re.IGNORECASE,
)


def month_label(d: date | datetime | pd.Timestamp, short: bool = True) -> str:
    """'okt 2026' (short) or 'oktober 2026'."""
    names = MONTH_ABBREVIATIONS if short else MONTHS
    return f"{names[d.month - 1]} {d.year}"


def day_label(d: date | datetime | pd.Timestamp | None) -> str:
    """'07-10-2026', as Dutch people write a date; '' for no date."""
    if d is None or pd.isna(d):
        return ""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def theme_label(key: object) -> str:
    if not isinstance(key, str) or not key:
        return NO_THEME
    return THEME_LABELS.get(key, key)


def count_label(n: int, one: str, many: str) -> str:
    """'1 klacht', '3 klachten'."""
    return f"{n} {one if n == 1 else many}"


def first_words(text: str, n: int = PREVIEW_WORDS) -> str:
    """The first ``n`` words of a text after its salutation, '…' when there is more."""
    words = _SALUTATION.sub("", text, count=1).split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")
