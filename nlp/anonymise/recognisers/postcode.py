"""Dutch postcodes (1234 AB, 1234AB), validated with python-stdnum."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.nl import postcode as stdnum_postcode

from nlp.anonymise.context import Context, entity
from schemas.records import Entity

LABEL = "POSTCODE"
# Case-sensitive on purpose: "2016 is" must not match.
_RE = re.compile(r"\b[1-9]\d{3}\s?[A-Z]{2}\b")


def find(ctx: Context) -> Iterator[Entity]:
    for m in _RE.finditer(ctx.text):
        if stdnum_postcode.is_valid(m.group()):
            yield entity(m.start(), m.end(), LABEL, "postcode")
