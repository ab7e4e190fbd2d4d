"""Place names (towns, villages, municipalities) from the Dutch residence list.

A listed place counts when its context says "place": after a postcode, after a preposition
such as "in", "te", "uit", "naar", before a date in a letterhead ("Utrecht, 3 mei"), or when
it is not also an ordinary Dutch word or a common surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "plaatsen"
LABEL = EntityLabel.PLAATS
labels = frozenset({LABEL})
_PREPS = frozenset(
    [
        "in",
        "te",
        "uit",
        "naar",
        "bij",
        "rond",
        "omgeving",
        "gemeente",
        "regio",
        "woonplaats",
        "nabij",
    ]
)
# The first character, then the look-behind (over it and the one before): the same matches,
# but the engine jumps between candidate characters instead of trying every position.
_CAP_WORD = re.compile(r"[A-Z](?<!\w.)[\w'’-]*")
_NEXT = re.compile(r"\s+(?:[a-z]{1,3}|[A-Z][\w'’-]*)")
_POSTCODE_BEFORE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\s*,?\s*$")
_DATE_AFTER = re.compile(r"^\s*,\s*\d{1,2}\s")


def find(ctx: Context) -> Iterator[Entity]:
    text, lex = ctx.text, ctx.lex
    digits = ctx.numeric_texts[-1]  # a scanned postcode before the place ("3O12 AB")
    for m in _CAP_WORD.finditer(text):
        # Candidate names of 1-4 words starting here ("Den Haag", "Bergen op Zoom").
        ends = [m.end()]
        for _ in range(3):
            nxt = _NEXT.match(text, ends[-1])
            if nxt is None:
                break
            ends.append(nxt.end())
        for end in reversed(ends):
            name = text[m.start() : end]
            if name.lower() not in lex.places or not name.split()[-1][:1].isupper():
                continue
            start = m.start()
            before = digits[max(0, start - 30) : start]
            prev_word = before.split()[-1].lower() if before.split() else ""
            strong = (
                prev_word in _PREPS
                or bool(_POSTCODE_BEFORE.search(before))
                or bool(_DATE_AFTER.match(text[end : end + 6]))
            )
            ambiguous = lex.is_dutch_word(name) or name.lower() in lex.surnames
            if strong or not ambiguous:
                yield entity(start, end, LABEL, "places", 1.0 if strong else 0.8)
            break
