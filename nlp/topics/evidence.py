"""Per content unit: its embedding and how strongly the theme model recognises a theme in it.

Each distinct sentence is embedded once, and kept for the next run (the encoder is the costly
part); a unit's vector is the
normalised mean of its sentences' vectors, and its theme evidence per theme is the strongest
sentence score of the theme model's features (cues and prototypes), as the classifier sees it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.themes.features import DocFeatures, Featuriser
from nlp.topics.embedding_cache import encode_cached
from nlp.topics.units import Unit
from schemas.records import THEME_KEYS


def embed_units(
    units: Sequence[Unit], fz: Featuriser, cache: Path | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(unit vectors (n, dim), theme evidence (n, 6) in [0, 1]); ``cache``: a folder where
    sentence vectors are kept between runs (``nlp.topics.embedding_cache``)."""
    assert fz.prototypes is not None
    prototypes = fz.prototypes
    index: dict[str, int] = {}
    for u in units:
        for s in u.sentences:
            index.setdefault(s, len(index))
    sentence_vectors = encode_cached(prototypes.encoder, list(index), cache)
    vectors = np.zeros((len(units), prototypes.encoder.dim), dtype=np.float32)
    evidence = np.zeros((len(units), len(THEME_KEYS)), dtype=np.float32)
    for row, u in enumerate(units):
        own = sentence_vectors[[index[s] for s in u.sentences]]
        mean = own.mean(axis=0)
        vectors[row] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        scores = map(fz.cues.sentence_scores, u.sentences)
        cue = np.array([[row[k] for k in THEME_KEYS] for row in scores], dtype=np.float32)
        feats = DocFeatures(
            sentences=list(u.sentences),
            cue=cue,
            similarity=prototypes.similarities(own),
            mean_embedding=None,
            centre=prototypes.centre,
            scale=prototypes.scale,
            mentions_domain=True,
            n_words=len(u.text.split()),
        )
        evidence[row] = feats.sentence_scores().max(axis=0)
    return vectors, evidence
