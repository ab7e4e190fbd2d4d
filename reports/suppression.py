"""Small-cell suppression, one rule for the reports and the dashboard: a municipality or
organisation with fewer than ``min_cell`` complaints is shown as "overig" (a handful of
complaints from one small place can point at a family); "onbekend" is never folded in."""

from __future__ import annotations

from collections.abc import Mapping

OTHER = "overig"
UNKNOWN = "onbekend"


def shown_as(counts: Mapping[str, int], min_cell: int) -> dict[str, str]:
    """Each name and the name to show for it: itself, or ``OTHER`` when its cell is small."""
    return {name: name if n >= min_cell or name == UNKNOWN else OTHER for name, n in counts.items()}


def suppressed(rows: list[tuple[str, int]], min_cell: int) -> list[tuple[str, int]]:
    """(name, count) rows with small cells summed into ``OTHER``: the largest first, then
    ``OTHER``, then ``UNKNOWN``."""
    shown = shown_as(dict(rows), min_cell)
    totals: dict[str, int] = {}
    for name, n in rows:
        totals[shown[name]] = totals.get(shown[name], 0) + n
    named = sorted(
        ((k, v) for k, v in totals.items() if k not in (OTHER, UNKNOWN)),
        key=lambda r: (-r[1], r[0]),
    )
    return named + [(k, totals[k]) for k in (OTHER, UNKNOWN) if totals.get(k)]
