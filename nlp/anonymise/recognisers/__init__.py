"""One recogniser per file, each keeping the ``Recogniser`` contract (``base.py``).

``ALL`` lists them; ``active(off)`` is the set a run uses, with the ones named in ``off``
switched off (configuration: ``anonymise_off``). The engine knows nothing about individual
recognisers. Adding one is a new file plus a line here plus its cases in ``tests/anonymise``.
"""

from __future__ import annotations

from collections.abc import Iterable

from nlp.anonymise.recognisers import (
    address,
    bsn,
    case_number,
    dates,
    email,
    iban,
    institution,
    names,
    ner,
    phone,
    places,
    plate,
    postcode,
    tagger,
    url,
)
from nlp.anonymise.recognisers.base import Recogniser

ALL: tuple[Recogniser, ...] = (
    email,
    url,
    iban,
    bsn,
    phone,
    case_number,
    plate,
    postcode,
    dates,
    address,
    institution,
    names,
    places,
    ner,
    tagger,
)
BY_NAME: dict[str, Recogniser] = {r.name: r for r in ALL}


class UnknownRecogniser(ValueError):
    """A name in ``anonymise_off`` that is no recogniser (a typo would silently redact more)."""


def active(off: Iterable[str] = ()) -> tuple[Recogniser, ...]:
    off = set(off)
    unknown = off - BY_NAME.keys()
    if unknown:
        raise UnknownRecogniser(
            f"onbekende herkenner(s) in anonymise_off: {', '.join(sorted(unknown))}; "
            f"bekend zijn: {', '.join(BY_NAME)}"
        )
    return tuple(r for r in ALL if r.name not in off)


__all__ = ["ALL", "BY_NAME", "Recogniser", "UnknownRecogniser", "active"]
