"""Phone numbers: libphonenumber for the Dutch and international forms, plus a pattern for
spellings it rejects ("06 - 12 34 56 78", "0031 (0)6 ...", "(0310) 642242" with an area code
it does not know). Scanned letters misread digits as letters ("06-2O 81 44 37", "O547-26 l9 83"):
every pattern also runs over the shadow text with look-alikes read as digits (``ocr_digits``)."""

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
# Each alternative consumes its first character before the look-behind (over it and the one
# before): the same matches, but the engine jumps between "+", "0" and "(".
NL_RE = re.compile(
    r"(?:\+(?<![\w+(].)\s?31\s?(?:\(0\)\s?)?|0(?<![\w+(].)0\s?31\s?(?:\(0\)\s?)?"
    r"|\((?<![\w+(].)\s?0(?=\d{1,3}\s?\))|0(?<![\w+(].))"
    r"(?:[\s.\-/)]{0,3}\d){9}(?!\d)"
)
INTL_RE = re.compile(r"(?:\+(?<![\w+].)|0(?<![\w+].)0)[1-9]\d{0,2}(?:[\s.\-]{0,3}\d){6,12}(?!\d)")


def find(ctx: Context) -> Iterator[Entity]:
    seen: set[tuple[int, int]] = set()
    for view, text in enumerate(ctx.numeric_texts):
        source = "phone-ocr" if view else "phonenumbers"
        for match in phonenumbers.PhoneNumberMatcher(text, "NL"):
            if (match.start, match.end) not in seen:
                seen.add((match.start, match.end))
                yield entity(match.start, match.end, LABEL, source, 0.8 if view else 1.0)
        for rx in (NL_RE, INTL_RE):
            for m in rx.finditer(text):
                if (m.start(), m.end()) not in seen:
                    seen.add((m.start(), m.end()))
                    yield entity(
                        m.start(),
                        m.end(),
                        LABEL,
                        source if view else "phone-pattern",
                        0.8 if view else 0.9,
                    )
