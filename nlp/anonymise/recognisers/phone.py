"""Phone numbers: libphonenumber for the Dutch and international forms, plus a pattern for
spellings it rejects ("06 - 12 34 56 78", "0031 (0)6 ...", "(0310) 642242" with an area code
it does not know). Scanned letters misread digits as letters ("06-2O 81 44 37", "06-l2345678"):
a number with at most two of O, o, I or l among at least seven digits still counts."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from nlp.anonymise.context import Context, entity
from schemas.entities import EntityLabel
from schemas.records import Entity

name = "telefoon"
LABEL = EntityLabel.TELEFOON
labels = frozenset({LABEL})
# 0 or +31/0031 prefix, then 9 digits in groups separated by spaces, dashes, dots or " - ";
# an area code may stand in brackets: "(020) 123 4567".
_NL = re.compile(
    r"(?<![\w+(])(?:(?:\+|00)\s?31\s?(?:\(0\)\s?)?|\(\s?0(?=\d{1,3}\s?\))|0)"
    r"(?:[\s.\-/)]{0,3}\d){9}(?!\d)"
)
_INTL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[\s.\-]{0,3}\d){6,12}(?!\d)")
_OCR_NL = re.compile(
    r"(?<![\w+(])(?:(?:\+|00)\s?31\s?(?:\(0\)\s?)?|0)(?:[\s.\-/)]{0,3}[\dOoIl]){9}(?!\w)"
)
_LOOKALIKES = frozenset("OoIl")


def _ocr_number(raw: str) -> bool:
    """Digits with one or two read as letters, enough real digits to be sure."""
    letters = sum(ch in _LOOKALIKES for ch in raw)
    return 1 <= letters <= 2 and sum(ch.isdigit() for ch in raw) >= 7


def find(ctx: Context) -> Iterator[Entity]:
    text = ctx.text
    seen: set[tuple[int, int]] = set()
    for match in phonenumbers.PhoneNumberMatcher(text, "NL"):
        seen.add((match.start, match.end))
        yield entity(match.start, match.end, LABEL, "phonenumbers")
    for rx in (_NL, _INTL):
        for m in rx.finditer(text):
            if (m.start(), m.end()) not in seen:
                yield entity(m.start(), m.end(), LABEL, "phone-pattern", 0.9)
    for m in _OCR_NL.finditer(text):
        if _ocr_number(m.group()):
            yield entity(m.start(), m.end(), LABEL, "phone-ocr", 0.8)
