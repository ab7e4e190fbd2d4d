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


def test_periods_of_unequal_length_are_compared_per_day():
    # 31 against 28 days: the same rate per day is no signal; per period it would look like one
    from reports.signals import p_value

    assert p_value(31, 28, share=31 / 59) > 0.9  # one complaint a day in both months
    assert mark(60, 30, share=2 / 3) == "≈"  # twice as long, twice as many: no change
    assert mark(60, 30) == "▲"  # the same counts over equal periods: a rise


def test_signals_name_the_theme_the_comparison_and_the_counts():
    from reports.signals import signals

    found = signals(
        [("Regie", 30, 10), ("Tijdigheid", 5, 3), ("Communicatie", 2, 20)],
        "dezelfde periode een jaar eerder",
        "2025-Q3",
        0.5,
    )
    assert [s.sentence() for s in found] == [
        "Regie: meer klachten dan dezelfde periode een jaar eerder (2025-Q3): 30 tegen 10.",
        "Communicatie: minder klachten dan dezelfde periode een jaar eerder (2025-Q3): 2 tegen 20.",
    ]
    assert all(s.p < 0.05 for s in found) and found[0].rise and not found[1].rise
