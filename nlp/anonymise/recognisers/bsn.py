"""Burgerservicenummers: nine digits passing the elfproef, in any grouping.

A nine-digit number right after "BSN"/"burgerservicenummer" counts even without a valid
checksum (a typo in a BSN is still a BSN).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.nl import bsn as stdnum_bsn

from nlp.anonymise.context import Context, entity
from schemas.records import Entity

LABEL = "BSN"
# Not part of a longer number, an amount (1.234.567,89) or a date; trailing punctuation is fine.
_RE = re.compile(r"(?<!\d)(?<![\d][.,/-])\d(?:[ .]?\d){7,8}(?!\d|[.,/-]\d)")
_CUE = re.compile(r"(?:bsn|burgerservicenummer|sofi-?nummer)\W{0,12}$", re.IGNORECASE)


def find(ctx: Context) -> Iterator[Entity]:
    for m in _RE.finditer(ctx.text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) not in (8, 9):
            continue
        cued = bool(_CUE.search(ctx.text[max(0, m.start() - 30) : m.start()]))
        if stdnum_bsn.is_valid(digits.zfill(9)) or (cued and len(digits) == 9):
            yield entity(m.start(), m.end(), LABEL, "bsn", 1.0 if cued else 0.9)
