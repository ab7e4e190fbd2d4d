"""The date a letter carries: "Emmen, 14 maart 2024", "Datum: 14-03-2024", a heading line that is
only a date, or a dated closing ("Tilburg, 3 februari 2025" above the signature).

Read from the raw text before anonymisation (which turns exact dates into month and year), like
the other metadata; only the date itself leaves. Dates inside sentences ("op 2 april 2024 werd
mijn dochter geplaatst") are events, not the letter's date, and are not taken, except in the
sentence that says the letter is being written ("vandaag, 3 maart 2025, schrijf ik u").

Parsing is our own small parser, not ``dateparser``: the candidates are already cut out by the
patterns below, so what is left is a table lookup. On 37 date strings as letters write them
(``benchmarks/bench_letter_date.py``) it reads 37 right at ~5 µs each; dateparser
(``languages=["nl"]``, DMY) reads 35 ("14e maart 2024" and "1 sept. 2025" fail) at ~5 ms each.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from schemas.dutch_calendar import MONTHS, WEEKDAYS
from schemas.settings import TIMEZONE

_ZONE = ZoneInfo(TIMEZONE)

_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(MONTHS)} | {
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "mar": 3, "maa": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r"|ma|di|wo|do|vr|za|zo)\.?,?\s+)?"
_YEAR = r"(?P<y>(?:19|20)\d{2}|'\d{2})"
_WRITTEN = rf"(?P<d>[0-3]?\d)(?:e|ste|de)?\s+(?P<m>{_MONTH})\.?,?(?:\s+{_YEAR})?"
_NUMERIC = r"(?P<nd>[0-3]?\d)\s?[-/.]\s?(?P<nm>[01]?\d)\s?[-/.]\s?(?P<ny>(?:19|20)\d{2}|\d{2})"
_ISO = r"(?P<iy>(?:19|20)\d{2})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
DATE = rf"{_WEEKDAY}(?:{_WRITTEN}|{_NUMERIC}|{_ISO})"
_TIME = r"(?:\s*(?:,|om)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?)?"
_END = rf"{_TIME}\s*[.,]?\s*$"
# Lines that date the letter (matched on one stripped line, case-insensitive).
_LABELLED = re.compile(
    rf"^(?:datum|date|verzonden|sent|verstuurd|gedateerd|dd\.?)\s*:?\s*{DATE}{_END}", re.I
)
_PLACE = r"(?:['’]s[-\s])?[A-ZÀ-Þ][\w'’\-]*(?:[\s-]+(?:[a-z]{1,4}|[A-ZÀ-Þ][\w'’\-]*)){0,4}"
_PLACE_DATE = re.compile(rf"^{_PLACE}\s*,?\s+(?i:(?:d\.d\.\s+|de\s+)?{DATE}{_END})")
_DATE_ONLY = re.compile(rf"^{DATE}{_END}", re.I)
_WRITING_NOW = re.compile(
    r"\b(?:schrijf|stuur|zend|richt) (?:ik|wij|we) (?:u|jullie|deze|dit|mijn|onze)\b|"
    r"\b(?:heden|vandaag)\b",
    re.I,
)
_IN_SENTENCE = re.compile(DATE, re.I)
_HEAD_LINES = 15


def parse(text: str, reference: date | None = None) -> date | None:
    """A Dutch date ("14 maart 2024", "14-03-2024", "2024-03-14", "6 aug. '24", "14 maart").
    A date without a year takes the latest year that does not put it after ``reference``."""
    m = re.search(DATE, text, re.I)
    return _from_match(m, reference) if m else None


def _from_match(m: re.Match[str], reference: date | None) -> date | None:
    g = m.groupdict()
    try:
        if g["iy"]:
            return date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g["nd"]:
            return date(_year(g["ny"]), int(g["nm"]), int(g["nd"]))
        day, month = int(g["d"]), _MONTH_NUMBER[g["m"].lower()]
        if g["y"]:
            return date(_year(g["y"]), month, day)
        if reference is None:
            return None
        found = date(reference.year, month, day)
        return found if found <= reference + timedelta(days=1) else found.replace(found.year - 1)
    except ValueError:  # 31 februari
        return None


def _year(text: str) -> int:
    digits = int(text.lstrip("'"))
    return digits if digits >= 100 else 2000 + digits


def find(text: str, reference: date | None = None) -> date | None:
    """The letter's date, or None. ``reference`` (the received day) rejects impossible dates: a
    letter is not dated after it arrived, nor before 1990."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    head, tail = lines[:_HEAD_LINES], lines[-_HEAD_LINES:]
    for group, patterns in (
        (head, (_LABELLED, _PLACE_DATE)),
        (head, (_DATE_ONLY,)),
        (tail, (_PLACE_DATE, _LABELLED, _DATE_ONLY)),
    ):
        for line in group:
            for pattern in patterns:
                if (m := pattern.match(line)) and (found := _plausible(m, reference)):
                    return found
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        m = _IN_SENTENCE.search(sentence) if _WRITING_NOW.search(sentence) else None
        if m and (found := _plausible(m, reference)):
            return found
    return None


def _plausible(m: re.Match[str], reference: date | None) -> date | None:
    found = _from_match(m, reference)
    if found is None or found.year < 1990:
        return None
    if reference is not None and found > reference + timedelta(days=1):
        return None
    return found


def letter_date(text: str, received_at: datetime, sent_at: datetime | None = None) -> date | None:
    """The complaint's own date: the date the letter carries, else an e-mail's Date header (both
    as a Dutch calendar day); None when neither is known (the received day is used then)."""
    reference = received_at.astimezone(_ZONE).date()
    found = find(text, reference)
    if found is None and sent_at is not None:
        found = sent_at.astimezone(_ZONE).date()
    return found
