"""Topics over content units (``nlp.topics.units``), set up for one office's volumes.

- Features per unit: the mean of its sentence embeddings (our offline encoder), centred on the
  corpus mean so that what all letters share (their form) cancels out, next to an LSA projection
  of a TF-IDF over content lemmas (words shared by a few units only). Sentence embeddings alone
  group by tone; lemmas alone miss paraphrases; together they find issues worded differently.
- Clustering: Ward on those features, through BERTopic (no UMAP: the reduction is the LSA, and
  Ward has no seed, so a re-run gives the same topics). k-means at these sizes splits a small issue
  over clusters of even size; HDBSCAN calls most units outliers.
- Topic words: BERTopic's c-TF-IDF over lemmas and bigrams (adjacent in the text) that occur in
  at least ``MIN_DF`` complaints, then MaximalMarginalRelevance (same encoder) against repeats.
  Lemmas never include stop words, placeholders or name-like tokens (see units).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlp.embeddings import Encoder
from nlp.topics.units import Unit

MIN_UNITS = 12
MIN_DF = 3  # a topic word occurs in at least this many complaints (no one-letter words)
LSA_DIM = 100
LEXICAL_WEIGHT = 1.0
_MAX_UNIT_DF = 0.1  # words in more than a tenth of the units say nothing about one topic
_SIGNATURE_PRECISION = 0.5
_SIGNATURE_COVER = 0.25


class TooFewSentences(ValueError):
    pass


@dataclass(frozen=True)
class Topic:
    topic_id: int
    words: list[str]  # c-TF-IDF (+MMR) top words and bigrams, best first
    units: list[int]  # indexes of its units
    docs: set[int]  # complaints it occurs in
    signature: float  # lexical agreement: do its passages share words rare elsewhere?
    passages: list[int]  # representative units (closest to the centre, distinct complaints)


@dataclass(frozen=True)
class TopicFit:
    topics: list[Topic]
    assignment: list[int]  # topic id per unit
    k: int


def choose_k(n_units: int) -> int:
    """About 1.5 √n clusters (35 for 550 units), at most 40: Ward then keeps an issue of a dozen
    letters together while merging what is only phrasing."""
    return max(2, min(40, round(1.5 * math.sqrt(n_units))))


def features(units: Sequence[Unit], vectors: np.ndarray, seed: int) -> np.ndarray:
    """Centred unit embeddings next to LSA of lemma TF-IDF, each part L2-normalised."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    centred = vectors - vectors.mean(axis=0)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-12)
    tfidf = TfidfVectorizer(
        analyzer=_identity, min_df=2, max_df=_MAX_UNIT_DF if len(units) >= 50 else 1.0
    )
    try:
        x = tfidf.fit_transform([u.lemmas for u in units])
    except ValueError:  # no word in two units: embeddings alone
        return centred.astype(np.float32)
    dim = min(LSA_DIM, x.shape[1] - 1, len(units) - 1)
    if dim < 2:
        return centred.astype(np.float32)
    lsa = TruncatedSVD(dim, random_state=seed).fit_transform(x)
    lsa /= np.maximum(np.linalg.norm(lsa, axis=1, keepdims=True), 1e-12)
    return np.hstack([centred, LEXICAL_WEIGHT * lsa]).astype(np.float32)


def _identity(x):
    return x


def _documents(units: Sequence[Unit]) -> list[str]:
    """Units as space-separated terms for BERTopic's vectoriser: lemmas, and bigrams of
    lemmas that stand side by side in the text, joined by '_'."""
    return [" ".join([*u.lemmas, *(b.replace(" ", "_") for b in u.bigrams)]) for u in units]


def _vocabulary(units: Sequence[Unit]) -> list[str]:
    """Lemma unigrams and bigrams found in at least MIN_DF complaints."""
    seen: dict[str, set[int]] = defaultdict(set)
    for u in units:
        for w in u.lemmas:
            seen[w].add(u.doc)
        for b in u.bigrams:
            seen[b.replace(" ", "_")].add(u.doc)
    return sorted(w for w, docs in seen.items() if len(docs) >= MIN_DF)


def signature(units: Sequence[Unit], members: np.ndarray) -> float:
    """How far a cluster's passages agree in words that are rare elsewhere: over lemmas found in
    at least a quarter of its complaints (and three), with most of their complaints inside,
    the sum of n_in² / (n_in + n_out), per complaint of the cluster. Form clusters ("ik wil
    graag", dates) score near zero; an issue named in its own words scores high."""
    inside: dict[str, set[int]] = defaultdict(set)
    outside: dict[str, set[int]] = defaultdict(set)
    for i, u in enumerate(units):
        target = inside if members[i] else outside
        for w in set(u.lemmas):
            target[w].add(u.doc)
    docs = {units[i].doc for i in np.flatnonzero(members)}
    need = max(3, _SIGNATURE_COVER * len(docs))
    total = 0.0
    for w, found in inside.items():
        n_in = len(found)
        n_out = len(outside.get(w, set()) - found)
        if n_in >= need and n_in / (n_in + n_out) >= _SIGNATURE_PRECISION:
            total += n_in * n_in / (n_in + n_out)
    return total / max(len(docs), 1)


def fit(
    units: Sequence[Unit],
    vectors: np.ndarray,
    encoder: Encoder,
    *,
    k: int = 0,
    seed: int = 42,
) -> TopicFit:
    """Cluster content units (with their mean sentence embeddings) and describe the clusters."""
    if len(units) < MIN_UNITS:
        raise TooFewSentences(
            f"te weinig zinnen voor onderwerpen: {len(units)} passages (minimaal {MIN_UNITS})"
        )
    from bertopic import BERTopic
    from bertopic.backend import BaseEmbedder
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.representation import MaximalMarginalRelevance
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import CountVectorizer

    class _Backend(BaseEmbedder):
        def embed(self, documents, verbose=False):
            return encoder.encode(list(documents))

    feats = features(units, vectors, seed)
    k = min(k or choose_k(len(units)), len(units) // 3)
    vocabulary = _vocabulary(units)
    model = BERTopic(
        embedding_model=_Backend(),
        umap_model=BaseDimensionalityReduction(),
        hdbscan_model=AgglomerativeClustering(n_clusters=k, linkage="ward"),
        vectorizer_model=CountVectorizer(
            token_pattern=r"\S+",
            vocabulary=vocabulary or None,
            lowercase=False,
        ),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        representation_model=MaximalMarginalRelevance(diversity=0.3, top_n_words=8),
        calculate_probabilities=False,
        top_n_words=15,
    )
    assignment = np.asarray(model.fit_transform(_documents(units), feats)[0])
    topics = []
    for tid in sorted(set(assignment.tolist())):
        members = assignment == tid
        idx = np.flatnonzero(members)
        words = [
            w.replace("_", " ") for w, score in (model.get_topic(tid) or []) if w and score > 0
        ][:8]
        topics.append(
            Topic(
                topic_id=int(tid),
                words=words,
                units=idx.tolist(),
                docs={units[i].doc for i in idx},
                signature=signature(units, members),
                passages=_representatives(units, feats, idx),
            )
        )
    return TopicFit(topics, assignment.tolist(), k)


def _representatives(units: Sequence[Unit], feats: np.ndarray, idx: np.ndarray) -> list[int]:
    """Up to three units closest to the cluster centre, from different complaints."""
    centre = feats[idx].mean(axis=0)
    order = idx[np.argsort(-(feats[idx] @ centre), kind="stable")]
    out: list[int] = []
    docs: set[int] = set()
    for i in order.tolist():
        if units[i].doc not in docs:
            out.append(i)
            docs.add(units[i].doc)
        if len(out) == 3:
            break
    return out
