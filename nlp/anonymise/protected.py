"""Chain organisations (allow-list): found first, and no recogniser may redact inside them.

A region after the name belongs to it ("Jeugdbescherming Gelderland", "Veilig Thuis
Rotterdam Rijnmond"): analysts need the organisation, and a region is not personal data.
Only words from the place/region lists (or compass words) extend the name, so a person's name
after an organisation ("Spirit Fatima") is never swallowed.
"""

from __future__ import annotations

import functools
import re

from nlp.anonymise.lexicons import Lexicons

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
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ordered) + r")\b")


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
    return spans  # sorted and disjoint, as Context.is_protected expects
