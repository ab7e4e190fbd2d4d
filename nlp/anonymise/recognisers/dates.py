"""Calendar dates. A date after a birth cue is a GEBOORTEDATUM (removed); any other exact day
is a DATUM, which the replacer generalises to month and year. Mails mix in English: English
month names count too ("2 March 2025", "March 2, 2025", "3rd of May"), as does the cue "born",
and so do the month names of other neighbouring languages ("3. März 2016", "12 de marzo de
2019", "5 maja 2020", "3 березня 2015"; ``data/foreign_months.txt``). A year may be cut to two
digits after an apostrophe ("4 mei '09", "2-2-'14")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nlp.anonymise.context import Context, entity
from nlp.anonymise.lexicons import read_data
from schemas.dutch_calendar import MONTHS, WEEKDAYS
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "datums"
labels = frozenset({EntityLabel.DATUM, EntityLabel.GEBOORTEDATUM})

ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# German, French, Polish, Spanish, Portuguese, Italian, Turkish and the Cyrillic months of
# Ukrainian, Russian and Bulgarian: data/foreign_months.txt.
FOREIGN_MONTHS = tuple(read_data("foreign_months.txt"))
_MONTH = (
    r"(?:"
    + "|".join(sorted(set(MONTHS + ENGLISH_MONTHS + FOREIGN_MONTHS), key=len, reverse=True))
    + r"|jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec)\.?"
)
_ENGLISH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept")
_ENGLISH_ABBREVIATIONS += ("oct", "nov", "dec")
_ENGLISH_MONTH = r"(?:" + "|".join(ENGLISH_MONTHS + _ENGLISH_ABBREVIATIONS) + r")\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r")\s+)?"
# What a date can start with: a digit, a weekday or an English month. The look-ahead only lets
# the engine skip the other characters quickly.
_STARTS = "".join(sorted({w[0] for w in WEEKDAYS + ENGLISH_MONTHS + _ENGLISH_ABBREVIATIONS}))
DATE_RE = re.compile(
    rf"(?=[0-9{_STARTS}])"
    rf"(?:\b{_WEEKDAY}{_DAY}(?:e|ste|de|st|nd|rd|th|er)?\.?\s+(?:of\s+|de\s+)?{_MONTH}"
    rf"(?:\s+(?:de\s+)?(?P<y1>(?:19|20)\d{{2}}|'\d{{2}}))?(?!\w)"
    rf"|\b{_DAY}[-/.](?:0?[1-9]|1[0-2])[-/.](?P<y2>(?:19|20)\d{{2}}|['’]?\d{{2}})\b"
    # American order, only with a year: "March 2, 2025", "May 3rd 2024".
    rf"|\b{_ENGLISH_MONTH}\s+{_DAY}(?:st|nd|rd|th)?,?\s+(?P<y3>(?:19|20)\d{{2}})\b)",
    re.IGNORECASE,
)
_BIRTH_CUE = re.compile(
    r"(?:geboren|geb\.|geboortedatum|geboortedag|DOB|d\.o\.b\.|born|date of birth|birth ?date)"
    r"\s*(?:op|on|:)?\s*$",
    re.IGNORECASE,
)
# Also Ukrainian/Russian/Bulgarian "народився", "народження", "родился", "роден(а)".
_BIRTH_CUE_WIDE = re.compile(
    r"(?:geboren|geboortedatum|geb\.|\bborn\b|народи|народж|родил|\bроден)", re.IGNORECASE
)


def find(ctx: Context) -> Iterator[Entity]:
    for text, m in ctx.numeric_matches(DATE_RE):  # also with OCR's look-alikes as digits
        before = text[max(0, m.start() - 40) : m.start()]
        is_birth = bool(_BIRTH_CUE.search(before)) or (
            bool(_BIRTH_CUE_WIDE.search(before[-25:])) and "\n" not in before[-25:]
        )
        label = EntityLabel.GEBOORTEDATUM if is_birth else EntityLabel.DATUM
        yield entity(m.start(), m.end(), label, "date")
