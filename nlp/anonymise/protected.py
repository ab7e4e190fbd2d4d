"""Chain organisations (allow-list): never redacted.

The engine applies the allow-list once, after all recognisers have proposed their spans
(``allow``): a proposal inside a chain organisation is dropped, and a proposal that runs into
one is cut back to the part outside it, so "mevrouw Petra Jansen van Jeugdbescherming Brabant"
keeps "Petra Jansen" redacted and the organisation readable. Recognisers know nothing of it.

A region after the name belongs to it ("Jeugdbescherming Gelderland", "Veilig Thuis
Rotterdam Rijnmond"): analysts need the organisation, and a region is not personal data.
Only words from the place/region lists (or compass words) extend the name, so a person's name
after an organisation ("Spirit Fatima") is never swallowed.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re

from nlp.anonymise.lexicons import INTERFIXES, Lexicons
from nlp.anonymise.resolve import tidy
from schemas.entities import NAME_LABELS, EntityLabel
from schemas.records import Entity

_COMPASS = frozenset(
    [
        "regio",
        "noord",
        "zuid",
        "oost",
        "west",
        "midden",
        "noordoost",
        "noordwest",
        "zuidoost",
        "zuidwest",
        "holland",
        "brabant",
        "nederland",
        "rijnmond",
        "land",
    ]
)
_NEXT_WORD = re.compile(r"[ \t]+(?:-[ \t]*)?([A-Z][\w'’-]+)")


@functools.cache
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(names, key=len, reverse=True)
    # The look-ahead (the names' first characters) only lets the engine skip quickly.
    starts = "".join(sorted({re.escape(n[0]) for n in names if n}))
    ahead = f"(?=[{starts}])" if starts and all(names) else ""
    alternatives = "|".join(re.escape(n) for n in ordered)
    return re.compile(rf"\b{ahead}(?:{alternatives})\b")


def find_protected(text: str, lex: Lexicons) -> list[tuple[int, int]]:
    spans = []
    for m in _pattern(lex.chain_orgs).finditer(text):
        end = m.end()
        for _ in range(4):
            nxt = _NEXT_WORD.match(text, end)
            if nxt is None:
                break
            word = nxt.group(1).lower()
            if word in _COMPASS or word in lex.regions:
                end = nxt.end()
            else:
                break
        if spans and m.start() < spans[-1][1]:  # inside the previous name's region: merge
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((m.start(), end))
    return spans  # sorted and disjoint, as allow() expects


def _still_a_name(piece: str, label: str, lex: Lexicons) -> bool:
    words = [w.strip(".,") for w in piece.split()]
    if label == EntityLabel.PERSOON:
        return any(len(w) >= 2 and w.lower() not in INTERFIXES for w in words)
    if label == EntityLabel.INSTELLING:
        return any(
            w[:1].isupper() and w.lower() not in lex.institution_types and len(w) >= 2
            for w in words
        )
    return any(w[:1].isupper() for w in words)


def allow(
    candidates: list[Entity], protected: list[tuple[int, int]], text: str, lex: Lexicons
) -> list[Entity]:
    """The allow-list step: name-like proposals minus the chain organisations' characters."""
    if not protected:
        return candidates
    out: list[Entity] = []
    for e in candidates:
        if e.label not in NAME_LABELS:
            out.append(e)
            continue
        i = max(0, bisect.bisect_right(protected, (e.start, e.start)) - 1)
        hits = []
        while i < len(protected) and protected[i][0] < e.end:
            if protected[i][1] > e.start:
                hits.append(protected[i])
            i += 1
        if not hits:
            out.append(e)
            continue
        pieces, pos = [], e.start
        for p_start, p_end in hits:
            if p_start > pos:
                pieces.append((pos, p_start))
            pos = max(pos, p_end)
        if pos < e.end:
            pieces.append((pos, e.end))
        for p_start, p_end in pieces:
            start, end = tidy(text, p_start, p_end)
            if end > start and _still_a_name(text[start:end], e.label, lex):
                out.append(dataclasses.replace(e, start=start, end=end, source=e.source + "+cut"))
    return out
