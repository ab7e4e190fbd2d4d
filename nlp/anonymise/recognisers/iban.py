"""IBANs, Dutch and foreign, validated with mod-97 (python-stdnum)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban as stdnum_iban

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "iban"
LABEL = EntityLabel.IBAN
labels = frozenset({LABEL})
_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ .]?[A-Z0-9]{4}){2,7}(?:[ .]?[A-Z0-9]{1,3})?\b", re.I)


def find(ctx: Context) -> Iterator[Entity]:
    for m in _RE.finditer(ctx.text):
        raw = m.group()
        # Shrink from the right: the greedy match may swallow a following word.
        for end in range(len(raw), 14, -1):
            if stdnum_iban.is_valid(raw[:end].upper()):
                yield entity(m.start(), m.start() + end, LABEL, "iban")
                break
