"""Report signals: an arrow only for a change larger than chance, 'nieuw' from zero, and Dutch
plurals."""

from __future__ import annotations

import pytest

from reports.signals import mark, plural


@pytest.mark.parametrize(
    ("now", "before", "expected"),
    [
        (5, 3, "≈"),  # a few complaints more: chance
        (3, 5, "≈"),
        (30, 10, "▲"),
        (4, 20, "▼"),
        (6, 0, "nieuw"),
        (0, 0, "–"),
        (0, 7, "▼"),
    ],
)
def test_only_changes_larger_than_chance_get_an_arrow(now, before, expected):
    assert mark(now, before) == expected


def test_dutch_plurals():
    assert plural(1, "klacht", "klachten") == "1 klacht"
    assert plural(0, "klacht", "klachten") == "0 klachten"
    assert plural(2, "bestand", "bestanden") == "2 bestanden"
