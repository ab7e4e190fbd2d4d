"""Dutch postcodes (1234 AB, 1234AB), validated with python-stdnum.

PostNL never issues the letter pairs SA, SD and SS, so stdnum rejects them; but a person who
writes one (a typo, a made-up example) still wrote their address. Those are taken when a place
name or the end of the line follows, as on the address line of a letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.nl import postcode as stdnum_postcode

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "postcode"
LABEL = EntityLabel.POSTCODE
labels = frozenset({LABEL})
# Case-sensitive on purpose: "2016 is" must not match.
_RE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b")
_UNISSUED = ("SA", "SD", "SS")
_PLACE_OR_EOL = re.compile(r"[ \t]*(?:$|\n|[A-Z][a-z])")


def find(ctx: Context) -> Iterator[Entity]:
    seen: set[tuple[int, int]] = set()
    for text in ctx.numeric_texts:  # "3O12 AB": also with OCR's look-alikes read as digits
        for m in _RE.finditer(text):
            code = m.group()
            if m.span() in seen:
                continue
            if stdnum_postcode.is_valid(code) or (
                code[-2:] in _UNISSUED and _PLACE_OR_EOL.match(text, m.end())
            ):
                seen.add(m.span())
                yield entity(m.start(), m.end(), LABEL, "postcode")
