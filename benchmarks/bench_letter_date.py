"""Dutch date parsing: our small parser (nlp/metadata/letter_date.parse) against dateparser
(``languages=["nl"]``, day-month order, all parts required) on date strings as letters write
them. Prints accuracy and time per string for both.

    .venv/bin/python -m benchmarks.bench_letter_date
"""

from __future__ import annotations

import time
from datetime import date

from nlp.metadata.letter_date import parse

CASES: list[tuple[str, date]] = [
    ("14 maart 2024", date(2024, 3, 14)),
    ("14-03-2024", date(2024, 3, 14)),
    ("14-3-2024", date(2024, 3, 14)),
    ("14/03/2024", date(2024, 3, 14)),
    ("14.03.2024", date(2024, 3, 14)),
    ("14/3/24", date(2024, 3, 14)),
    ("2024-03-14", date(2024, 3, 14)),
    ("14e maart 2024", date(2024, 3, 14)),
    ("maandag 15 juli 2024", date(2024, 7, 15)),
    ("ma 15 jul 2024", date(2024, 7, 15)),
    ("woensdag 5 november 2025", date(2025, 11, 5)),
    ("6 aug. 2024", date(2024, 8, 6)),
    ("6 mei '24", date(2024, 5, 6)),
    ("1 sept. 2025", date(2025, 9, 1)),
    ("3 okt 2025", date(2025, 10, 3)),
    ("12 december 2023", date(2023, 12, 12)),
    ("1 januari 2025", date(2025, 1, 1)),
    ("28 februari 2025", date(2025, 2, 28)),
    ("29 februari 2024", date(2024, 2, 29)),
    ("9 april 2024", date(2024, 4, 9)),
    ("3 mrt. 2025", date(2025, 3, 3)),
    ("17 mei 2024", date(2024, 5, 17)),
    ("30 juni 2025", date(2025, 6, 30)),
    ("21 oktober 2024", date(2024, 10, 21)),
    ("dinsdag 16 april 2024", date(2024, 4, 16)),
    ("vrijdag, 2 mei 2025", date(2025, 5, 2)),
    ("02-05-2025", date(2025, 5, 2)),
    ("2-5-2025", date(2025, 5, 2)),
    ("24/06/2024", date(2024, 6, 24)),
    ("27-5-2024", date(2024, 5, 27)),
    ("5 nov. 2025", date(2025, 11, 5)),
    ("13 jan 2025", date(2025, 1, 13)),
    ("11 feb. 2025", date(2025, 2, 11)),
    ("18 dec '24", date(2024, 12, 18)),
    ("1e kerstdag", None),  # not a date of the letter
    ("31 februari 2024", None),
    ("week 12", None),
]


def _dateparser():
    import dateparser

    settings = {
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
    }

    def run(text: str) -> date | None:
        found = dateparser.parse(text, languages=["nl"], settings=settings)
        return found.date() if found else None

    return run


def main() -> None:
    for name, fn in (("eigen parser", parse), ("dateparser", _dateparser())):
        fn(CASES[0][0])  # warm up (dateparser loads its language data)
        t0 = time.perf_counter()
        got = [fn(text) for text, _ in CASES]
        seconds = time.perf_counter() - t0
        right = sum(g == want for g, (_, want) in zip(got, CASES, strict=True))
        print(
            f"{name:<13} {right}/{len(CASES)} goed, {1e6 * seconds / len(CASES):.0f} µs per datum"
        )
        for g, (text, want) in zip(got, CASES, strict=True):
            if g != want:
                print(f"    {text!r}: verwacht {want}, gevonden {g}")


if __name__ == "__main__":
    main()
