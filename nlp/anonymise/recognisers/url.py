"""Web addresses and social media handles (a profile or post points to a person)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "url"
LABEL = EntityLabel.URL
labels = frozenset({LABEL})
_TLDS = r"(?:nl|com|org|net|eu|be|de|info|io|me|tv|ly|gl|tl|app|social)"
_URL = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+"
    rf"|\b(?:[a-z0-9-]+\.)+{_TLDS}/[^\s<>\"']*",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?![\w@])")
_TRAILING = ".,;:!?)]}'\""


def find(ctx: Context) -> Iterator[Entity]:
    for m in _URL.finditer(ctx.text):
        end = m.end()
        while end > m.start() and ctx.text[end - 1] in _TRAILING:
            end -= 1
        yield entity(m.start(), end, LABEL, "url")
    for m in _HANDLE.finditer(ctx.text) if "@" in ctx.text else ():
        yield entity(m.start(), m.end(), LABEL, "handle")
