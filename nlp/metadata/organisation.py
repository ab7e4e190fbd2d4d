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


@functools.cache
def _matcher() -> tuple[re.Pattern[str], dict[str, Organisation]]:
    data = tomllib.loads(Path(__file__).with_name("organisations.toml").read_text("utf-8"))
    entries: list[tuple[str, str, Organisation]] = []  # (pattern, case-sensitive?, org)
    for i, o in enumerate(data["organisation"]):
        org = Organisation(o["name"], o["kind"])
        names = list(o.get("aliases", []))
        for region in o.get("regions", []):
            names += [f"Jeugdbescherming {region}", f"Jeugdbescherming regio {region}",
                      f"Jeugdbescherming in {region}", f"Jeugdbescherming in de regio {region}",
                      f"JB {region}"]  # fmt: skip
        for name in names:
            sensitive = name.isupper() and len(name.replace(" ", "")) <= 6
            pattern = _phrase(name) if sensitive else f"(?i:{_phrase(name)})"
            entries.append((pattern, str(i), org))
        entries += [(f"(?i:{p})", str(i), org) for p in o.get("patterns", [])]
    # Longest first, so "Jeugdbescherming Noord-Holland" wins over "Jeugdbescherming Noord".
    entries.sort(key=lambda e: len(e[0]), reverse=True)
    groups, orgs = [], {}
    for n, (pattern, _, org) in enumerate(entries):
        groups.append(f"(?P<o{n}>{pattern})")
        orgs[f"o{n}"] = org
    # Whole words: not glued to a word before, not followed by a letter or "-letter"
    # ("Jeugdbescherming West-Brabant" is not "Jeugdbescherming west").
    return re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w]|-\w)"), orgs


def organisation(text: str) -> str:
    pattern, orgs = _matcher()
    head = text[:_MAX_CHARS]
    scores: Counter[Organisation] = Counter()
    first: dict[Organisation, int] = {}
    for m in pattern.finditer(head):
        org = orgs[m.lastgroup or ""]
        bonus = 4 if _TARGET.search(head[max(0, m.start() - 60) : m.start()]) else 0
        scores[org] += _WEIGHT[org.kind] + bonus
        first.setdefault(org, m.start())
    if not scores:
        return UNKNOWN
    named = {o: s for o, s in scores.items() if o.kind != "gi-generiek"}
    pool = named or scores
    best = max(pool, key=lambda o: (pool[o], _RANK[o.kind], -first[o]))
    return best.name


def names() -> list[str]:
    """Every organisation name that can be stored."""
    return sorted({o.name for o in _matcher()[1].values()})
