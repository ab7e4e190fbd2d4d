"""Near-duplicates: shingles of the anonymised text, MinHash signatures (datasketch) to find
candidates, and the decision whether two letters are one complaint.

Why the anonymised text: it is already in the warehouse (``complaints.text``), so neither the
shingles nor a MinHash signature over them can reveal anything the warehouse does not hold;
placeholders lose their numbers ("[PERSOON-2]" -> "persoon") because a forwarding header shifts
them. The raw text is never shingled.

Shingles are character 5-grams of the normalised text without spaces: robust to OCR reading one
letter wrong (a word-level shingle would lose three shingles per error) and to line wrapping.
Two letters are one complaint when

- their Jaccard similarity is at least ``JACCARD`` (the same letter rendered, scanned or OCR'd
  again), or
- the smaller lies almost wholly inside the larger (``CONTAINED``) and the larger adds little
  text of its own (``EXTRA`` shingles, about 25 words: a covering note): a forwarded copy, or an
  e-mail whose body says "zie bijlage" with the letter attached. E-mail header lines ("Van:",
  "Onderwerp:", "---- Doorgestuurd bericht ----") are not shingled at all: they are not the
  complaint. A follow-up that quotes the earlier letter below a new paragraph adds more than
  that and is not a copy;

and they do not name different people (``identity``: a standard letter sent by two parents is
two complaints). A follow-up letter from the same person shares the salutation, the address and
the signature but not the body: far below both thresholds. Thresholds were set on generated
variants of our own letters (``benchmarks/bench_dedup.py`` prints the figures).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from nlp.dedup.fingerprint import normalise
from schemas.entities import PLACEHOLDER

NUM_PERM = 128
SEED = 1
K = 5
SIGNATURE_SCHEME = f"datasketch-affine32-p{NUM_PERM}-s{SEED}-char{K}"
JACCARD = 0.8
CONTAINED = 0.9
EXTRA = 150  # shingles (~ characters) the larger may add: ~25 words, a covering note
_HEADER_LINE = re.compile(
    r"^\s*(?:>\s*)*(?:(?:van|aan|cc|bcc|onderwerp|datum|verzonden|from|to|subject|date|sent)\s*:"
    r"|-{2,}.*(?:bericht|message|doorgestuurd|forwarded)|(?:fwd?|fw|doorst)\s*:)",
    re.I,
)


def shingles(anonymised_text: str) -> set[str]:
    kept = [ln for ln in anonymised_text.splitlines() if not _HEADER_LINE.match(ln)]
    flat = normalise(PLACEHOLDER.sub(r" \g<label> ", "\n".join(kept))).replace(" ", "")
    if len(flat) <= K:
        return {flat} if flat else set()
    return {flat[i : i + K] for i in range(len(flat) - K + 1)}


def signature(shingle_set: Iterable[str]) -> list[int]:
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
    m.update_batch([s.encode("utf-8") for s in shingle_set])
    return [int(v) for v in m.hashvalues]


@functools.cache
def _permutations() -> np.ndarray:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def minhash(values: list[int] | np.ndarray) -> MinHash:
    """A stored signature as a MinHash again (the permutations are made once: 10x faster)."""
    return MinHash(
        hashvalues=np.asarray(values, dtype=np.uint64),
        permutations=_permutations(),
        seed=SEED,
        scheme="affine32",
    )


@dataclass(frozen=True)
class Comparison:
    jaccard: float
    contained: float  # share of the smaller's shingles found in the larger
    extra: int  # shingles of the larger not in the smaller
    same_people: bool | None  # None: one of them names nobody

    @property
    def duplicate(self) -> bool:
        if self.same_people is False:
            return False
        return self.jaccard >= JACCARD or (self.contained >= CONTAINED and self.extra <= EXTRA)

    @property
    def similarity(self) -> float:
        """What is stored: the Jaccard similarity, or the containment when that decided."""
        return round(self.jaccard if self.jaccard >= JACCARD else self.contained, 4)


def compare(
    a: set[str], b: set[str], ids_a: Iterable[str] = (), ids_b: Iterable[str] = ()
) -> Comparison:
    if not a or not b:
        return Comparison(0.0, 0.0, max(len(a), len(b)), None)
    common = len(a & b)
    small, large = sorted((len(a), len(b)))
    ia, ib = set(ids_a), set(ids_b)
    same = None if not ia or not ib else bool(ia & ib)
    return Comparison(
        jaccard=common / (len(a) + len(b) - common),
        contained=common / small,
        extra=large - common,
        same_people=same,
    )
