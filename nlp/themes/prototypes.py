"""Theme prototypes (``prototypes.toml``) embedded once, compared with document sentences."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp.embeddings import Encoder
from schemas.records import THEME_KEYS

PROTOTYPES_FILE = Path(__file__).with_name("prototypes.toml")


def read(path: Path = PROTOTYPES_FILE) -> tuple[dict[str, list[str]], dict[str, str], str]:
    """Per theme: description plus examples; per theme the description alone; a content hash."""
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    missing = set(THEME_KEYS) - set(data)
    if missing:
        raise ValueError(f"{path.name} mist thema's: {sorted(missing)}")
    texts = {k: [data[k]["description"], *data[k]["examples"]] for k in THEME_KEYS}
    descriptions = {k: data[k]["description"] for k in THEME_KEYS}
    return texts, descriptions, hashlib.sha256(raw).hexdigest()[:10]


@dataclass(frozen=True)
class Prototypes:
    encoder: Encoder
    vectors: dict[str, np.ndarray]  # theme -> (n_examples, dim), normalised
    digest: str
    centre: float  # a similarity that sentences of *different* themes rarely reach
    scale: float

    @classmethod
    def build(cls, encoder: Encoder, path: Path = PROTOTYPES_FILE) -> Prototypes:
        texts, _, digest = read(path)
        vectors = {k: encoder.encode(v) for k, v in texts.items()}
        centre, scale = _calibrate(vectors)
        return cls(encoder, vectors, digest, centre, scale)

    def similarities(self, sentence_vectors: np.ndarray) -> np.ndarray:
        """(n_sentences, 6): per theme, the best cosine similarity to one of its prototypes."""
        if len(sentence_vectors) == 0:
            return np.zeros((0, len(THEME_KEYS)), dtype=np.float32)
        return np.stack(
            [(sentence_vectors @ self.vectors[k].T).max(axis=1) for k in THEME_KEYS], axis=1
        )


def _calibrate(vectors: dict[str, np.ndarray]) -> tuple[float, float]:
    """Where "close to a theme" starts differs per encoder (USE cosines spread over 0..1, e5's
    bunch up near 0.9). The prototypes themselves tell: the similarity that only 1 % of
    prototype pairs from different themes reach is the centre, and the spread from the median
    pair sets the scale. No document data is involved."""
    cross = [(vectors[a] @ vectors[b].T).ravel() for a in THEME_KEYS for b in THEME_KEYS if a < b]
    values = np.concatenate(cross)
    centre = float(np.percentile(values, 99))
    return centre, max((centre - float(np.percentile(values, 50))) / 8, 1e-3)
