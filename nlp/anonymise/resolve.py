"""Turns overlapping candidate spans from all recognisers into one clean, sorted set.

Validated identifiers beat names, names beat places: when spans overlap, the one with the higher
label priority wins, then the longer one, then the higher score.
"""

from __future__ import annotations

from schemas.records import Entity

PRIORITY = {
    label: rank
    for rank, label in enumerate(
        [
            "EMAIL",
            "URL",
            "IBAN",
            "BSN",
            "TELEFOON",
            "ZAAKNUMMER",
            "KENTEKEN",
            "GEBOORTEDATUM",
            "POSTCODE",
            "ADRES",
            "DATUM",
            "PERSOON",
            "INSTELLING",
            "PLAATS",
        ]
    )
}


def resolve(candidates: list[Entity]) -> list[Entity]:
    ranked = sorted(
        (c for c in candidates if c.end > c.start),
        key=lambda e: (PRIORITY.get(e.label, 99), -(e.end - e.start), -e.score, e.start),
    )
    taken: list[Entity] = []
    for cand in ranked:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda e: e.start)
