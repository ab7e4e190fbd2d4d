"""One recogniser per file. Each exposes ``find(ctx) -> Iterable[Entity]``.

The registry (``REGISTRY``) lists them; the engine knows nothing about individual recognisers.
Adding one is a new file plus a line here plus its test file.
"""

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
    url,
)

REGISTRY = (
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
)

__all__ = ["REGISTRY"]
