"""BERTopic, set up for the volumes of one office (tens to a few thousand complaints).

- Embeddings: our own offline encoder (``nlp.embeddings``), wrapped as a BERTopic backend so the
  zero-shot theme descriptions are embedded the same way as the sentences.
- Zero-shot: the six theme descriptions (``nlp/themes/prototypes.toml``) seed one topic each; a
  sentence at least as close to a description as the encoder's calibrated centre joins it.
- What fits no theme is clustered: PCA then k-means. HDBSCAN (BERTopic's default) calls most
  sentences outliers on sets this small, and UMAP is neither needed nor deterministic across
  threads; PCA and k-means with a fixed seed give the same topics on a re-run.
- Topic words: c-TF-IDF over Dutch words, without stop words and without the anonymisation
  placeholders (``[PERSOON-1]`` would otherwise be every topic's top word).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlp.embeddings import Encoder

MIN_SENTENCES = 12
_PLACEHOLDER_WORDS = {
    "persoon", "adres", "postcode", "plaats", "telefoon", "email", "bsn", "iban", "datum",
    "geboortedatum", "leeftijd", "zaaknummer", "kenteken", "url", "instelling",
}  # fmt: skip


class TooFewSentences(ValueError):
    pass


@dataclass(frozen=True)
class Topic:
    topic_id: int
    words: list[str]
    size: int
    seed_theme: str | None  # the theme whose description seeded it (zero-shot), else None


@dataclass(frozen=True)
class TopicFit:
    topics: list[Topic]
    assignment: list[int]  # topic id per input sentence
    k: int
    zeroshot_min_similarity: float


def choose_k(n: int) -> int:
    """Half the square root of the number of sentences: 15 clusters for 900 sentences, at most
    30. Too many clusters split one issue over several topics."""
    return max(2, min(30, round(math.sqrt(n) / 2)))


def _vectorizer(k: int):
    """BERTopic fits this on one document per topic: min_df=1 keeps a word that only one topic
    uses (the most telling kind), max_df drops words most topics share."""
    from sklearn.feature_extraction.text import CountVectorizer
    from spacy.lang.nl.stop_words import STOP_WORDS

    stop = sorted(set(STOP_WORDS) | _PLACEHOLDER_WORDS)
    return CountVectorizer(
        stop_words=stop,
        token_pattern=r"(?u)\b[^\W\d_][^\W\d_]{2,}\b",
        min_df=1,
        max_df=0.5 if k >= 6 else 1.0,
    )


def fit(
    sentences: Sequence[str],
    embeddings: np.ndarray,
    encoder: Encoder,
    theme_descriptions: dict[str, str],
    *,
    min_similarity: float,
    k: int = 0,
    seed: int = 42,
) -> TopicFit:
    """Fit topics on anonymised sentences (with their precomputed embeddings)."""
    if len(sentences) < MIN_SENTENCES:
        raise TooFewSentences(
            f"te weinig zinnen voor onderwerpen: {len(sentences)} (minimaal {MIN_SENTENCES})"
        )
    from bertopic import BERTopic
    from bertopic.backend import BaseEmbedder
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA

    class _Backend(BaseEmbedder):
        def embed(self, documents, verbose=False):
            return encoder.encode(list(documents))

    keys = list(theme_descriptions)
    descriptions = [theme_descriptions[key] for key in keys]
    sims = embeddings @ encoder.encode(descriptions).T
    n_left = int((sims.max(axis=1) < min_similarity).sum())
    k = k or choose_k(len(sentences))
    k = max(2, min(k, n_left // 3)) if n_left >= 6 else 0
    model = BERTopic(
        embedding_model=_Backend(),
        umap_model=PCA(n_components=min(10, max(2, n_left - 1)), random_state=seed),
        hdbscan_model=KMeans(n_clusters=max(k, 1), random_state=seed, n_init=10),
        vectorizer_model=_vectorizer(k + len(keys)),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        zeroshot_topic_list=descriptions,
        zeroshot_min_similarity=min_similarity,
        calculate_probabilities=False,
        top_n_words=8,
    )
    assignment, _ = model.fit_transform(list(sentences), embeddings)
    info = model.get_topic_info()
    by_description = dict(zip(descriptions, keys, strict=True))
    topics = []
    for row in info.itertuples():
        tid = int(row.Topic)
        words = [w for w, _ in (model.get_topic(tid) or []) if w and _is_word(w)][:8]
        topics.append(Topic(tid, words, int(row.Count), by_description.get(str(row.Name))))
    return TopicFit(topics, [int(t) for t in assignment], k, min_similarity)


def _is_word(w: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]{3,}", w))
