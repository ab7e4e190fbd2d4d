"""IBANs, Dutch and foreign, validated with mod-97 (python-stdnum); also when OCR misread a
digit as a look-alike letter (S for 5, O for 0), as long as the corrected number validates."""

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
# Check digits may be OCR look-alikes (see _DIGIT_LOOKALIKES); the checksum decides.
_RE = re.compile(
    r"\b[A-Z]{2}[0-9ODQILZSBGT|]{2}(?:[ .]?[A-Z0-9]{4}){2,7}(?:[ .]?[A-Z0-9]{1,3})?\b", re.I
)


def _countries() -> frozenset[str] | None:
    """The IBAN country codes stdnum knows (its registry's first level), or None when its
    registry is not laid out as expected (then every candidate goes to stdnum)."""
    try:
        prefixes = stdnum_iban._ibandb.prefixes
        codes = frozenset(p[1] for p in prefixes if p[0] == 2 and p[1] == p[2])
    except (AttributeError, IndexError, TypeError):
        return None
    return codes if len(codes) == len(prefixes) else None


# A candidate whose first two letters are no country code fails stdnum's check however it
# ends: most matches are ordinary words ("dits omge ving"), which then cost no checksum.
_COUNTRIES = _countries()
# Letters OCR reads for digits, and the digit meant.
_DIGIT_LOOKALIKES = str.maketrans("OoDQIl|iZzSsBGbT", "0000111122558667")


def find(ctx: Context) -> Iterator[Entity]:
    seen: set[int] = set()
    for text in ctx.numeric_texts:
        for m in _RE.finditer(text):
            raw = m.group()
            if _COUNTRIES is not None and raw[:2].isascii() and raw[:2].upper() not in _COUNTRIES:
                continue
            # Shrink from the right: the greedy match may swallow a following word.
            for end in range(len(raw), 14, -1):
                if _valid(raw[:end]):
                    if m.start() not in seen:
                        seen.add(m.start())
                        yield entity(m.start(), m.start() + end, LABEL, "iban")
                    break


def _valid(candidate: str) -> bool:
    if stdnum_iban.is_valid(candidate.upper()):
        return True
    compact = re.sub(r"[ .]", "", candidate)
    # The check digits are always digits, and so is a Dutch account number after the bank code.
    head = compact[:2].upper() + compact[2:4].translate(_DIGIT_LOOKALIKES)
    tail = compact[4:]
    if head.startswith("NL") and len(tail) == 14:
        tail = tail[:4].upper() + tail[4:].translate(_DIGIT_LOOKALIKES)
    fixed = head + tail
    return fixed != compact and stdnum_iban.is_valid(fixed.upper())
