"""Which organisation a complaint is about, from the maintained list ``organisations.toml``.

Names are matched as whole words, longest first, with a space also matching a hyphen or a line
break (PDF text wraps "Jeugdbescherming Rotterdam-\\nRijnmond"); short all-capital aliases (JBRR,
WSS, OKT) only in capitals, so "3 okt." is not an ouder- en kindteam. "Jeugdbescherming
<region>" maps to the GI of that region; "Jeugdbescherming" followed by a name the list does not
know counts as a GI whose name is not given, never as an organisation of its own.

Scores: each mention of a named GI counts 3, of a chain partner (Raad, Veilig Thuis) 2, of a
local team 1; a mention right after "klacht over/tegen" counts 4 more. The highest score wins; a
named GI always beats "GI (naam niet genoemd)". Only the first 3,000 words are read: a long
report that names GIs in passing is not about one of them.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ORGANISATIONS_FILE = Path(__file__).with_name("organisations.toml")
UNKNOWN = "onbekend"
GENERIC = "GI (naam niet genoemd)"
_WEIGHT = {"gi": 3, "keten": 2, "wijk": 1, "gi-generiek": 1}
_RANK = {"gi": 3, "keten": 2, "wijk": 1, "gi-generiek": 0}
_TARGET = re.compile(
    r"(?:klacht(?:en)?\s+(?:in\s+|indienen\s+|in\s+te\s+dienen\s+)?"
    r"(?:over|tegen|betreffende|richting)|"
    r"klagen\s+over|ontevreden\s+over)\s+(?:de\s+|het\s+)?$",
    re.I,
)
_MAX_CHARS = 20_000  # about 3,000 words


@dataclass(frozen=True)
class Organisation:
    name: str
    kind: str


def _phrase(alias: str) -> str:
    """A name as a pattern: words joined by any run of spaces, hyphens and line breaks."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", alias.strip()) if w]
    return r"[\s\-]*".join(words)


_EDGES = (r"(?<![\w-])", r"(?![\w]|-\w)")  # whole words; "West-Brabant" is not "west"


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], Organisation]]:
    """One pattern per organisation (its names joined), so the regex engine can look for each
    name's first letters directly: one alternation of all names was 10x slower on long text."""
    data = tomllib.loads(ORGANISATIONS_FILE.read_text("utf-8"))
    out = []
    for o in data["organisation"]:
        org = Organisation(o["name"], o["kind"])
        names = list(o.get("aliases", []))
        for region in o.get("regions", []):
            names += [f"Jeugdbescherming {region}", f"Jeugdbescherming regio {region}",
                      f"Jeugdbescherming in {region}", f"Jeugdbescherming in de regio {region}",
                      f"JB {region}"]  # fmt: skip
        parts = []
        for name in sorted(names, key=len, reverse=True):
            sensitive = name.isupper() and len(name.replace(" ", "")) <= 6
            parts.append(_phrase(name) if sensitive else f"(?i:{_phrase(name)})")
        parts += [f"(?i:{p})" for p in o.get("patterns", [])]
        out.append((re.compile(_EDGES[0] + "(?:" + "|".join(parts) + ")" + _EDGES[1]), org))
    return out


def _mentions(text: str) -> list[tuple[int, Organisation]]:
    """Every mention, the longest where names overlap ("Jeugdbescherming Noord-Holland", not
    also "Jeugdbescherming" inside it)."""
    spans = [(m.start(), -m.end(), org) for p, org in _patterns() for m in p.finditer(text)]
    found = sorted(spans, key=lambda x: x[:2])
    kept, reach = [], -1
    for start, neg_end, org in found:  # sorted by start, then longest first
        if start >= reach:
            kept.append((start, org))
            reach = -neg_end
    return kept


def organisation(text: str) -> str:
    head = text[:_MAX_CHARS]
    scores: Counter[Organisation] = Counter()
    first: dict[Organisation, int] = {}
    for start, org in _mentions(head):
        bonus = 4 if _TARGET.search(head[max(0, start - 60) : start]) else 0
        scores[org] += _WEIGHT[org.kind] + bonus
        first.setdefault(org, start)
    if not scores:
        return UNKNOWN
    named = {o: s for o, s in scores.items() if o.kind != "gi-generiek"}
    pool = named or scores
    best = max(pool, key=lambda o: (pool[o], _RANK[o.kind], -first[o]))
    return best.name


@functools.cache
def kinds() -> dict[str, str]:
    """The kind of each organisation name: gi, keten, wijk or gi-generiek."""
    return {org.name: org.kind for _, org in _patterns()}


def names() -> list[str]:
    """Every organisation name that can be stored."""
    return sorted({org.name for _, org in _patterns()})
