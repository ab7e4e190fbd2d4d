"""Report periods: ``2026-Q3``, ``2026-07``, ``2026`` or ``2026-01-01..2026-03-31``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from schemas.dutch_calendar import MONTHS


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    start: date  # inclusive
    end: date  # exclusive
    label: str

    def previous(self) -> Period:
        """The period of the same length just before (previous month, quarter or year)."""
        return _shift(self, -1)

    @property
    def last(self) -> date:
        """The last day in the period."""
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def slug(self) -> str:
        """The period in file names: ``2026-11``, ``2026-Q4``, ``2026`` or
        ``2026-01-01_tot_2026-06-30``; numbers only, so names sort by time."""
        months = _months_between(self.start, self.end)
        if months == 1:
            return f"{self.start:%Y-%m}"
        if months in (3, 12):
            name = describe(self.start, months)
            if ".." not in name:
                return name
        return f"{self.start}_tot_{self.end - timedelta(days=1)}"

    def year_ago(self) -> Period:
        """The same period a year earlier (for the year-on-year signal)."""
        start, end = _add_months(self.start, -12), _add_months(self.end, -12)
        months = _months_between(start, end)
        label = describe(start, months) if months else f"{start}..{end - timedelta(days=1)}"
        return Period(start, end, label)


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1) if d.day == 1 else d - timedelta(days=365 * (-n // 12))


def _months_between(a: date, b: date) -> int | None:
    if a.day != 1 or b.day != 1:
        return None
    return (b.year - a.year) * 12 + b.month - a.month


def _shift(p: Period, direction: int) -> Period:
    months = _months_between(p.start, p.end)
    if months:
        start = _add_months(p.start, direction * months)
        return Period(start, _add_months(start, months), describe(start, months))
    days = (p.end - p.start).days
    start = p.start + timedelta(days=direction * days)
    return Period(
        start, start + timedelta(days=days), f"{start}..{start + timedelta(days=days - 1)}"
    )


def long_date(day: date) -> str:
    """A date as Dutch readers write it: '1 juli 2025'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def describe(start: date, months: int) -> str:
    """A period in Dutch words ('juli 2026', 'kwartaal 3 2026')."""
    if months == 12 and start.month == 1:
        return str(start.year)
    if months == 3 and start.month % 3 == 1:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if months == 1:
        return f"{MONTHS[start.month - 1]} {start.year}"
    return f"{start.isoformat()}..{_add_months(start, months) - timedelta(days=1)}"


# Years a report can cover: the previous period and the year before must be valid dates too.
FIRST_YEAR, LAST_YEAR = 1900, 2999


def _check_years(*years: int) -> None:
    for year in years:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise PeriodError(
                f"jaar {year:04d} valt buiten het bereik {FIRST_YEAR}–{LAST_YEAR}; gebruik "
                "bijvoorbeeld 2026-Q3, 2026-07, 2026 of 2026-01-01..2026-03-31"
            )


def parse(text: str) -> Period:
    """A period from its text; a ``PeriodError`` with a Dutch message for anything else."""
    t = text.strip()
    if m := re.match(r"(\d{4})", t):
        _check_years(int(m[1]))
    if m := re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\.(\d{4})-\d{2}-\d{2}", t):
        _check_years(int(m[1]))
    try:
        return _parse(t, text)
    except ValueError as exc:  # e.g. 2026-02-30: not a date
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(f"ongeldige datum in {text!r}") from None


def _parse(t: str, text: str) -> Period:
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", t, re.I):
        start = date(int(m[1]), 3 * int(m[2]) - 2, 1)
        return Period(start, _add_months(start, 3), f"{m[1]}-Q{m[2]}")
    if m := re.fullmatch(r"(\d{4})-(\d{2})", t):
        if not 1 <= int(m[2]) <= 12:
            raise PeriodError(f"ongeldige maand in {text!r}")
        start = date(int(m[1]), int(m[2]), 1)
        return Period(start, _add_months(start, 1), describe(start, 1))
    if re.fullmatch(r"\d{4}", t):
        start = date(int(t), 1, 1)
        return Period(start, date(int(t) + 1, 1, 1), t)
    if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", t):
        start, last = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        if last < start:
            raise PeriodError("het einde van de periode ligt voor het begin")
        return Period(start, last + timedelta(days=1), f"{start}..{last}")
    raise PeriodError(
        f"onbekende periode {text!r}; gebruik bijvoorbeeld 2026-Q3, 2026-07, 2026 of "
        "2026-01-01..2026-03-31"
    )


def last_complete(grain: str, today: date) -> Period:
    """The last whole month or quarter before ``today``: what a scheduled report covers."""
    if grain == "maand":
        y, m = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
        return parse(f"{y}-{m:02d}")
    if grain == "kwartaal":
        q = (today.month - 1) // 3  # the current quarter's index 0..3; the last whole one is q-1
        return parse(f"{today.year}-Q{q}" if q else f"{today.year - 1}-Q4")
    raise PeriodError(f"onbekende rapportperiode {grain!r}; gebruik maand of kwartaal")
