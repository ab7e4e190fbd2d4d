"""Turns overlapping candidate spans from all recognisers into one clean, sorted set.

Validated identifiers beat names: when an identifier overlaps another span, the one with the
higher label priority wins (the order of ``schemas.entities.EntityLabel``), then the longer one,
then the higher score (among names of equal length, a rule's span before the trained
tagger's); an identifier inside a longer identifier that is at least as sure of
itself is dropped first (the digits of a phone number that pass the elfproef are no BSN).
Among names of people, organisations and places the longer span wins ("Transportbedrijf Van
der Meulen B.V." over the person "Van der Meulen" inside it), and a name that loses only part
of its characters to another span keeps the rest ("Petra" when a PDF line break glued her to
the street of the address below).
"""

from __future__ import annotations

import bisect
import dataclasses

from nlp.anonymise.lexicons import INTERFIXES
from schemas.entities import NAME_LABELS, PRIORITY, EntityLabel
from schemas.records import Entity

_NAME_TIER = min(PRIORITY[label] for label in NAME_LABELS)
# Words that join a name to what follows or precedes it ("Jansen van de GI", "Fatima bij
# Spirit"): left over when a span is cut, they are not part of the name.
JOINERS = INTERFIXES | {"bij", "uit", "voor", "namens", "en", "of", "via", "vanuit"}
_EDGE = " \t\n\r,;:()[]-–—/&'\"’"


def tidy(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim punctuation and joining words from both ends of a piece left by a cut."""
    while True:
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        words = text[start:end].split()
        if len(words) > 1 and words[-1].lower() in JOINERS:
            end = start + text[start:end].rstrip().rindex(words[-1])
            continue
        if len(words) > 1 and words[0].lower() in JOINERS and not words[1][:1].isupper():
            start += len(words[0])
            continue
        return start, end


def _rank(e: Entity) -> tuple:
    prio = PRIORITY.get(e.label, 99)
    if e.label in NAME_LABELS:
        # A trained model's proposal loses a tie of length to a rule's ("Florida" the place).
        learnt = e.source.startswith("tagger")
        return (_NAME_TIER, -(e.end - e.start), learnt, prio, -e.score, e.start)
    return (prio, -(e.end - e.start), 0, -e.score, e.start)


def _rest(cand: Entity, taken: list[Entity], text: str) -> list[Entity]:
    """The pieces of a name span outside the spans already taken, when they still read as a
    name (two or more letters beyond joining words)."""
    pieces = [(cand.start, cand.end)]
    for t in taken:
        nxt = []
        for s, e in pieces:
            if e <= t.start or s >= t.end:
                nxt.append((s, e))
                continue
            if s < t.start:
                nxt.append((s, t.start))
            if e > t.end:
                nxt.append((t.end, e))
        pieces = nxt
    out = []
    for s, e in pieces:
        s, e = tidy(text, s, e)
        words = [w for w in text[s:e].split() if w.lower() not in INTERFIXES]
        if any(sum(ch.isalpha() for ch in w) >= 2 for w in words):
            out.append(dataclasses.replace(cand, start=s, end=e))
    return out


def _swallowed(candidates: list[Entity]) -> set[int]:
    """Identifiers inside a longer identifier at least as sure of itself: nine digits of a
    phone number "0031 6 4718 2093" that happen to pass the elfproef are no BSN."""
    ids = [(i, c) for i, c in enumerate(candidates) if c.label not in NAME_LABELS]
    return {
        i
        for i, c in ids
        for j, d in ids
        if j != i
        and d.start <= c.start
        and c.end <= d.end
        and (d.end - d.start) > (c.end - c.start)
        and d.score >= c.score
        and d.label != c.label
    }


def resolve(candidates: list[Entity], text: str | None = None) -> list[Entity]:
    candidates = [c for c in candidates if c.end > c.start]
    gone = _swallowed(candidates)
    ranked = sorted((c for i, c in enumerate(candidates) if i not in gone), key=_rank)
    taken = _Taken()
    for cand in ranked:
        if not taken.overlapping(cand):
            taken.add(cand)
        elif text is not None and cand.label == EntityLabel.PERSOON:
            for piece in _rest(cand, taken.overlapping(cand), text):
                if not taken.overlapping(piece):
                    taken.add(piece)
    return sorted(taken.entities, key=lambda e: e.start)


class _Taken:
    """The spans taken so far: disjoint and non-empty, so kept sorted by start their ends are
    sorted too, and the ones a span overlaps are found by bisection instead of a scan."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._sorted: list[Entity] = []

    def overlapping(self, e: Entity) -> list[Entity]:
        """The taken spans that share a character with ``e`` (left to right)."""
        first = bisect.bisect_right(self._ends, e.start)
        last = bisect.bisect_left(self._starts, e.end)
        return self._sorted[first:last]

    def add(self, e: Entity) -> None:
        at = bisect.bisect_left(self._starts, e.start)
        self._starts.insert(at, e.start)
        self._ends.insert(at, e.end)
        self._sorted.insert(at, e)
        self.entities.append(e)
