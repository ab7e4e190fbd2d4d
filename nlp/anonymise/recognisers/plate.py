"""Dutch licence plates: six characters in three dash-separated groups, letters and digits
alternating between groups (covers all sidecodes, e.g. XX-99-99, 99-XXX-9, X-999-XX). Also
the plates of the neighbours: Belgian 1-ABC-234, French AB-123-CD and German DU-ML 2016 (a town
code, a dash, one or two letters and up to four digits, with E or H for electric and historic
cars)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "kenteken"
LABEL = EntityLabel.KENTEKEN
labels = frozenset({LABEL})
# The first character, then the look-behind (over it and the one before): the same matches,
# but the engine jumps between candidate characters instead of trying every position.
_RE = re.compile(r"([A-Z0-9](?<!\w.)[A-Z0-9]{0,2})-([A-Z0-9]{1,3})-([A-Z0-9]{1,3})\b")
# German; the lookbehind after the first letter keeps the pattern's fast first-letter scan.
_GERMAN = re.compile(
    r"[A-ZÄÖÜ](?<![\w-].)[A-ZÄÖÜ]{0,2}-[A-Z]{1,2}[ ]\d{1,4}[EH]?(?![\w/-]|[.,/-]\w)"
)


def _kind(group: str) -> str | None:
    if group.isdigit():
        return "d"
    if group.isalpha() and group.isupper():
        return "a"
    return None


def is_plate(groups: tuple[str, ...]) -> bool:
    kinds = [_kind(g) for g in groups]
    if [len(g) for g in groups] in ([1, 3, 3], [2, 3, 2]):
        # Belgian 1-ABC-234, French AB-123-CD
        return kinds in (["d", "a", "d"], ["a", "d", "a"]) and groups[0] != "0"
    if None in kinds or sum(len(g) for g in groups) != 6:
        return False
    # Adjacent groups differ in kind except the sidecodes 1-6 (XX-99-99 style) where two
    # neighbouring groups may share a kind; at least one letter group is always present.
    return "a" in kinds and "d" in kinds


def find(ctx: Context) -> Iterator[Entity]:
    for m in _RE.finditer(ctx.text):
        if is_plate(m.groups()):
            yield entity(m.start(), m.end(), LABEL, "plate")
    text = ctx.text
    for m in _GERMAN.finditer(text):
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
            yield entity(m.start(), m.end(), LABEL, "plate-foreign", 0.9)
