"""Within-document coreference for names.

Every later mention of a name part (``Fatima``, ``El Amrani``) is redacted too and shares the
placeholder of the first full mention (``Fatima el Amrani``): the reader can still follow who
did what, and a bare first name further down cannot leak.
"""

from __future__ import annotations

import re

from nlp.anonymise.lexicons import INTERFIXES, Lexicons
from schemas.records import Entity

_PART = re.compile(r"[^\W\d_][\w'’]*", re.UNICODE)


def name_parts(name: str) -> set[str]:
    """The distinctive words of a name: no initials, no tussenvoegsels."""
    return {
        p.lower()
        for p in _PART.findall(name)
        if len(p) > 1 and p.lower() not in INTERFIXES and not (len(p) <= 2 and p.isupper())
    }


def propagate(text: str, entities: list[Entity], lex: Lexicons) -> list[Entity]:
    """New PERSOON spans for other mentions of the parts of names already found."""
    parts: set[str] = set()
    for e in entities:
        if e.label == "PERSOON":
            parts |= name_parts(text[e.start : e.end])
    parts = {p for p in parts if len(p) >= 3 and p not in lex.roles}
    if not parts:
        return []
    found = []
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    # Optionally preceded by a tussenvoegsel run ("mevrouw De Groot", "El Amrani").
    interfix = "|".join(re.escape(i) for i in sorted(INTERFIXES, key=len, reverse=True))
    rx = re.compile(rf"(?<![\w@])(?:(?:{interfix})\s+)*(?:{alternatives})(?![\w@])", re.IGNORECASE)
    for m in rx.finditer(text):
        word = m.group().split()[-1]
        # Lowercase hits only when the word is not ordinary Dutch ("roos" vs "Roos").
        if word[:1].islower() and lex.is_dutch_word(word):
            continue
        start = m.start()
        if m.group()[:1].islower() and " " in m.group():
            # "de vader van Lieke": a lowercase tussenvoegsel run before the name is text.
            start = m.start() + m.group().rindex(word)
        found.append(Entity(start, m.end(), "PERSOON", "coref", 0.9))
    return found


def clusters(text: str, entities: list[Entity]) -> dict[int, int]:
    """Cluster id per PERSOON entity index: mentions sharing a name part share a cluster."""
    owner: dict[str, int] = {}
    result: dict[int, int] = {}
    next_id = 0
    for idx, e in enumerate(entities):
        if e.label != "PERSOON":
            continue
        parts = name_parts(text[e.start : e.end])
        hits = [owner[p] for p in parts if p in owner]
        if hits:
            cid = min(hits)
        else:
            cid = next_id
            next_id += 1
        for p in parts:
            owner.setdefault(p, cid)
        result[idx] = cid
    return result
