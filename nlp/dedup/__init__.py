"""Duplicates by content: the same text in new bytes, and near-duplicates of one letter.

``fingerprint``: what a worker computes from a document (keyed, irreversible);
``similarity``: shingles and MinHash signatures of the anonymised text and the link decision.
The decision against the warehouse is made by the one DuckDB writer (``warehouse/duplicates.py``).
"""

from nlp.dedup.fingerprint import (
    identity_tokens,
    installation_key,
    normalise,
    read_key,
    text_fingerprint,
)
from nlp.dedup.similarity import (
    SIGNATURE_SCHEME,
    Comparison,
    compare,
    shingles,
    signature,
)
from schemas.records import AnonymisedText

__all__ = [
    "SIGNATURE_SCHEME",
    "Comparison",
    "compare",
    "content_marks",
    "identity_tokens",
    "installation_key",
    "normalise",
    "read_key",
    "shingles",
    "signature",
    "text_fingerprint",
]


def content_marks(raw_text: str, anonymised: AnonymisedText, key: bytes) -> dict[str, object]:
    """What a worker hands back about a document's content for duplicate detection: the keyed
    text fingerprint, keyed identity tokens and the MinHash signature of the anonymised text."""
    return {
        "text_fingerprint": text_fingerprint(raw_text, key),
        "identity": identity_tokens(raw_text, anonymised.entities, key),
        "signature": signature(shingles(anonymised.text)),
    }
