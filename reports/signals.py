"""Which changes in a theme's count are larger than chance would give.

Two counts are compared with the exact conditional test for two Poisson counts: given their
total, the count of this period is binomial with p = (days of this period) / (days of both)
when nothing changed (one half for periods of equal length). Only a change with p < ``ALPHA``
gets an arrow; a rise from 3 to 5 does not. Each theme is compared with the previous period and
with the same period a year earlier."""

from __future__ import annotations

from dataclasses import dataclass

from scipy.stats import binomtest

from schemas.dutch_words import plural

__all__ = ["ALPHA", "Signal", "mark", "p_value", "plural", "signals"]

ALPHA = 0.05


def p_value(now: int, before: int, share: float = 0.5) -> float:
    """Two-sided exact p-value of ``now`` against ``before``; ``share``: this period's part of
    the days of both periods."""
    if now + before == 0:
        return 1.0
    return float(binomtest(now, now + before, share).pvalue)


def mark(now: int, before: int, share: float = 0.5) -> str:
    """▲ or ▼ for a change larger than chance, ≈ for one within it, 'nieuw' when the earlier
    period had none, – when both had none."""
    if now == before == 0:
        return "–"
    if before == 0:
        return "nieuw"
    if p_value(now, before, share) >= ALPHA:
        return "≈"
    return "▲" if now > before else "▼"


@dataclass(frozen=True)
class Signal:
    """A change larger than chance: a theme, against which period, and which way."""

    theme: str  # the theme's label
    against: str  # "de vorige periode" or "dezelfde periode een jaar eerder"
    period: str  # the earlier period's label
    now: int
    before: int
    p: float

    @property
    def rise(self) -> bool:
        return self.now > self.before

    def sentence(self) -> str:
        """The signal in plain Dutch, e.g. 'Regie: meer klachten dan de vorige periode
        (2026-Q2): 30 tegen 10.'"""
        way = "meer" if self.rise else "minder"
        return (
            f"{self.theme}: {way} klachten dan {self.against} ({self.period}): "
            f"{self.now} tegen {self.before}."
        )


def signals(
    counts: list[tuple[str, int, int]], against: str, period: str, share: float
) -> list[Signal]:
    """The changes larger than chance among (theme label, now, before) counts."""
    out = []
    for theme, now, before in counts:
        p = p_value(now, before, share)
        if p < ALPHA:
            out.append(Signal(theme, against, period, now, before, p))
    return out
