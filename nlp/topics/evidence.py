"""Per content unit: its embedding and how strongly the theme model recognises a theme in it.

Each distinct sentence is embedded once, and kept for the next run (the encoder is the costly
part). A unit's theme evidence per theme is the strongest sentence score of the theme model's
features (cues and prototypes), as the classifier sees it. A unit's vector is the normalised mean
of its sentences' vectors, each weighted by how little the themes explain it (1 minus its
strongest theme score, at least ``MIN_WEIGHT``): an issue raised in two sentences of a passage
that otherwise restates a theme then steers where the passage clusters (on our planted corpus
spullen F1 0.77 -> 0.91, leerlingenvervoer 0.96 -> 1.00; see scripts/eval_topics.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.themes.features import DocFeatures, Featuriser
from nlp.topics.embedding_cache import encode_cached
from nlp.topics.units import Unit
from schemas.records import THEME_KEYS

MIN_WEIGHT = 0.05  # a sentence the themes fully explain still counts a little


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
        per_sentence = feats.sentence_scores()
        evidence[row] = per_sentence.max(axis=0)
        weight = np.maximum(1.0 - per_sentence.max(axis=1), MIN_WEIGHT)
        mean = (own * weight[:, None]).sum(axis=0)
        vectors[row] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return vectors, evidence
