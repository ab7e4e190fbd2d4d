"""E-mail addresses."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "email"
LABEL = EntityLabel.EMAIL
labels = frozenset({LABEL})
_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b", re.IGNORECASE)


def find(ctx: Context) -> Iterator[Entity]:
    if "@" not in ctx.text:  # every address holds one: no scan needed
        return
    for m in _RE.finditer(ctx.text):
        yield entity(m.start(), m.end(), LABEL, "email")
