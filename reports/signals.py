"""Which changes in a theme's count are larger than chance would give.

Two counts over periods of equal length are compared with the exact conditional test for two
Poisson counts: given the total, the count of this period is binomial with p = 1/2 when nothing
changed. Only a change with p < ``ALPHA`` gets an arrow; a rise from 3 to 5 does not."""

from __future__ import annotations

from scipy.stats import binomtest

ALPHA = 0.05


def mark(now: int, before: int) -> str:
    """▲ or ▼ for a change larger than chance, ≈ for one within it, 'nieuw' when the earlier
    period had none, – when both had none."""
    if now == before == 0:
        return "–"
    if before == 0:
        return "nieuw"
    if binomtest(now, now + before, 0.5).pvalue >= ALPHA:
        return "≈"
    return "▲" if now > before else "▼"


def plural(n: int, one: str, more: str) -> str:
    """'1 klacht', '2 klachten'."""
    return f"{n} {one if n == 1 else more}"
