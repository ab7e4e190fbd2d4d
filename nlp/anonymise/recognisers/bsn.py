"""Burgerservicenummers: nine digits passing the elfproef, in any grouping.

A nine-digit number right after "BSN"/"burgerservicenummer" counts even without a valid
checksum (a typo in a BSN is still a BSN). An eight-digit number (an old BSN written without its
leading zero) counts only after such a cue: otherwise the subscriber part of a phone number
("06 - 12345678") would pass as one. Digits right after a phone prefix ("06 -", "+31 6") are
never a BSN unless cued.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.nl import bsn as stdnum_bsn

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "bsn"
LABEL = EntityLabel.BSN
labels = frozenset({LABEL})
# Not part of a longer number, an amount (1.234.567,89) or a date; trailing punctuation is fine.
# The first character, then the look-behind (over it and the one before): the same matches,
# but the engine jumps between candidate characters instead of trying every position.
_RE = re.compile(r"\d(?<!\d\d)(?<![\d][.,/-]\d)(?:[ .]?\d){7,8}(?!\d|[.,/-]\d)")
# The cue may name whose number it is: "BSN Ruben:", "BSN van mijn zoon:".
_CUE = re.compile(
    r"(?:bsn|burgerservicenummer|sofi-?nummer)(?:[ \t]+[\w'’-]+){0,3}?\W{0,12}$", re.IGNORECASE
)
_PHONE_PREFIX = re.compile(r"(?:(?:\+|00)\s?31\s?(?:\(0\))?\s?|\b0)\d{0,3}\s?[-–/)]?\s?$")


def find(ctx: Context) -> Iterator[Entity]:
    for text, m in ctx.numeric_matches(_RE):  # also with OCR's look-alikes as digits
        digits = re.sub(r"\D", "", m.group())
        if len(digits) not in (8, 9):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        cued = bool(_CUE.search(before))
        if not cued and (len(digits) == 8 or _PHONE_PREFIX.search(before)):
            continue
        if stdnum_bsn.is_valid(digits.zfill(9)) or (cued and len(digits) == 9):
            yield entity(m.start(), m.end(), LABEL, "bsn", 1.0 if cued else 0.9)
