"""Calendar dates. A date after a birth cue is a GEBOORTEDATUM (removed); any other exact day
is a DATUM, which the replacer generalises to month and year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from schemas.dutch_calendar import MONTHS, WEEKDAYS
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "datums"
labels = frozenset({EntityLabel.DATUM, EntityLabel.GEBOORTEDATUM})

_MONTH = r"(?:" + "|".join(MONTHS) + r"|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r")\s+)?"
DATE_RE = re.compile(
    rf"\b{_WEEKDAY}{_DAY}(?:e|ste|de)?\s+{_MONTH}(?:\s+(?P<y1>(?:19|20)\d{{2}}|'\d{{2}}))?(?!\w)"
    rf"|\b{_DAY}[-/.](?:0?[1-9]|1[0-2])[-/.](?P<y2>(?:19|20)\d{{2}}|\d{{2}})\b",
    re.IGNORECASE,
)
_BIRTH_CUE = re.compile(
    r"(?:geboren|geb\.|geboortedatum|geboortedag|DOB|d\.o\.b\.)\s*(?:op|:)?\s*$", re.IGNORECASE
)
_BIRTH_CUE_WIDE = re.compile(r"(?:geboren|geboortedatum|geb\.)", re.IGNORECASE)


def find(ctx: Context) -> Iterator[Entity]:
    text = ctx.text
    for m in DATE_RE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        is_birth = bool(_BIRTH_CUE.search(before)) or (
            bool(_BIRTH_CUE_WIDE.search(before[-25:])) and "\n" not in before[-25:]
        )
        label = EntityLabel.GEBOORTEDATUM if is_birth else EntityLabel.DATUM
        yield entity(m.start(), m.end(), label, "date")
