"""What every theme model looks at: per sentence, cue strength and prototype similarity.

One ``Featuriser.featurise`` call embeds all sentences of a batch at once (the encoder is the
costly part). Nothing here keeps text beyond the call.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from nlp.embeddings import Encoder
from nlp.themes.cues import Cues
from nlp.themes.prototypes import Prototypes
from nlp.themes.sentences import split
from schemas.records import THEME_KEYS

# Prototype similarity -> evidence: a logistic around the encoder's calibrated centre (see
# prototypes._calibrate), and only for the theme(s) a sentence is closest to.
_SIM_MARGIN = 0.6  # in units of the calibrated scale
_EMBEDDING_WEIGHT = 0.5
# A document's score combines its strongest sentences (noisy-or).
TOP_SENTENCES = 3
_SENTENCE_WEIGHT = 0.8
_MIN_EMBED_WORDS = 3
# Absence of youth-protection words only says something about a text of some length.
_DOMAIN_MIN_WORDS = 80


@dataclass
class DocFeatures:
    sentences: list[str]
    cue: np.ndarray  # (n_sentences, 6): cue evidence in [0, 1]
    similarity: np.ndarray  # (n_sentences, 6): best cosine to a theme prototype (0 without encoder)
    mean_embedding: np.ndarray | None  # (dim,) normalised mean of the sentence vectors
    centre: float
    scale: float
    mentions_domain: bool  # names youth protection (GI, OTS, gezinsvoogd, ...)
    n_words: int
    vectors: np.ndarray | None = None  # (n_sentences, dim), only when asked for (topics)

    @property
    def in_domain(self) -> bool:
        return self.mentions_domain or self.n_words < _DOMAIN_MIN_WORDS

    def embedding_evidence(self) -> np.ndarray:
        s = self.similarity
        if not s.size or not s.any():
            return np.zeros_like(s)
        closest = s >= s.max(axis=1, keepdims=True) - _SIM_MARGIN * self.scale
        return closest / (1.0 + np.exp(-(s - self.centre) / self.scale))

    def sentence_scores(self) -> np.ndarray:
        """(n_sentences, 6): cue and embedding evidence combined per sentence."""
        return 1.0 - (1.0 - self.cue) * (1.0 - _EMBEDDING_WEIGHT * self.embedding_evidence())

    def vector(self) -> np.ndarray:
        """Fixed-length document features for a trained head."""
        parts = [
            combine(self.cue),
            combine(self.embedding_evidence()),
            self.similarity.max(axis=0) if len(self.similarity) else np.zeros(len(THEME_KEYS)),
        ]
        if self.mean_embedding is not None:
            parts.append(self.mean_embedding)
        return np.concatenate(parts).astype(np.float32)


def combine(per_sentence: np.ndarray) -> np.ndarray:
    """Document score per theme: noisy-or over the strongest sentences, so one weak cue is not
    enough and a long letter does not pile up noise."""
    if len(per_sentence) == 0:
        return np.zeros(len(THEME_KEYS))
    top = -np.sort(-per_sentence, axis=0)[:TOP_SENTENCES]
    return 1.0 - np.prod(1.0 - _SENTENCE_WEIGHT * top, axis=0)


class Featuriser:
    def __init__(self, cues: Cues, prototypes: Prototypes | None) -> None:
        self.cues = cues
        self.prototypes = prototypes

    @property
    def encoder(self) -> Encoder | None:
        return self.prototypes.encoder if self.prototypes else None

    def _embed(self, sentences: list[str]) -> np.ndarray:
        """Each distinct sentence once (greetings and standard lines repeat across letters);
        sentences under three words (salutations, signatures) get a zero vector."""
        assert self.prototypes is not None
        encoder = self.prototypes.encoder
        index: dict[str, int] = {}
        for s in sentences:
            if len(s.split()) >= _MIN_EMBED_WORDS:
                index.setdefault(s, len(index))
        unique = encoder.encode(list(index))
        out = np.zeros((len(sentences), encoder.dim), dtype=np.float32)
        for row, s in enumerate(sentences):
            j = index.get(s)
            if j is not None:
                out[row] = unique[j]
        return out

    def featurise(self, texts: list[str], keep_vectors: bool = False) -> list[DocFeatures]:
        split_texts = [split(t) for t in texts]
        vectors = None
        if self.prototypes is not None:
            vectors = self._embed([s for sents in split_texts for s in sents])
        out: list[DocFeatures] = []
        start = 0
        for text, sentences in zip(texts, split_texts, strict=True):
            n = len(sentences)
            cue = np.array(
                [[row[k] for k in THEME_KEYS] for row in map(self.cues.sentence_scores, sentences)],
                dtype=np.float32,
            ).reshape(n, len(THEME_KEYS))
            if vectors is not None and self.prototypes is not None:
                own = vectors[start : start + n]
                similarity = self.prototypes.similarities(own)
                mean = own.mean(axis=0) if n else np.zeros(vectors.shape[1], dtype=np.float32)
                mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
            else:
                similarity = np.zeros_like(cue)
                mean = None
            start += n
            out.append(
                DocFeatures(
                    sentences=sentences,
                    cue=cue,
                    similarity=similarity,
                    mean_embedding=mean,
                    centre=self.prototypes.centre if self.prototypes else 1.0,
                    scale=self.prototypes.scale if self.prototypes else 1.0,
                    mentions_domain=self.cues.mentions_domain(text),
                    n_words=len(text.split()),
                    vectors=own if keep_vectors and vectors is not None else None,
                )
            )
        return out
