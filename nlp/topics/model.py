"""Topics over content units (``nlp.topics.units``), set up for one office's volumes.

- Features per unit: the mean of its sentence embeddings (our offline encoder), centred on the
  corpus mean so that what all letters share (their form) cancels out, next to an LSA projection
  of a TF-IDF over content lemmas (words shared by a few units only). Sentence embeddings alone
  group by tone; lemmas alone miss paraphrases; together they find issues worded differently.
- Clustering: Ward on those features, for a few lexical weights and two numbers of clusters
  (``partitions``; ``nlp.topics.novelty.consensus`` combines them). Ward has no seed, so a re-run
  gives the same topics; k-means at these sizes splits a small issue over clusters of even size;
  HDBSCAN calls most units outliers. BERTopic then describes the given clusters (no UMAP).
- Topic words: BERTopic's c-TF-IDF over lemmas and bigrams (adjacent in the text) that occur in
  at least ``MIN_DF`` complaints, reordered by how much of their use falls inside the topic
  (BERTopic's MaximalMarginalRelevance was tried: on lemmas it favoured generic words).
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
WEIGHTS = (1.0, 0.5, 0.75, 1.5)  # lexical weight of the LSA part; the first is the main one
_WARD_DIM = 128
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


def features(
    units: Sequence[Unit], vectors: np.ndarray, seed: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """(centred unit embeddings, LSA of lemma TF-IDF or None), each L2-normalised per row."""
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
        return centred, None
    dim = min(LSA_DIM, x.shape[1] - 1, len(units) - 1)
    if dim < 2:
        return centred, None
    lsa = TruncatedSVD(dim, random_state=seed).fit_transform(x)
    lsa /= np.maximum(np.linalg.norm(lsa, axis=1, keepdims=True), 1e-12)
    return centred, lsa


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


def lemma_docs(units: Sequence[Unit]) -> dict[str, set[int]]:
    """Lemma (or bigram, joined by '_') -> complaints whose passages contain it."""
    out: dict[str, set[int]] = defaultdict(set)
    for u in units:
        for w in (*u.lemmas, *(b.replace(" ", "_") for b in u.bigrams)):
            out[w].add(u.doc)
    return out


def signature(units: Sequence[Unit], members: Sequence[int], docs_of: dict[str, set[int]]) -> float:
    """How far a cluster's passages agree in words that are rare elsewhere: over lemmas found in
    at least a quarter of its complaints (and three), with most of their complaints inside,
    the sum of n_in² / (n_in + n_out), per complaint of the cluster. Form clusters ("ik wil
    graag", dates) score near zero; an issue named in its own words scores high."""
    inside: dict[str, set[int]] = defaultdict(set)
    for i in members:
        for w in units[i].lemmas:
            inside[w].add(units[i].doc)
    docs = {units[i].doc for i in members}
    need = max(3, _SIGNATURE_COVER * len(docs))
    total = 0.0
    for w, found in inside.items():
        n_in = len(found)
        if n_in < need:
            continue
        n_out = len(docs_of[w]) - n_in  # complaints with the word only outside the cluster
        if n_in / (n_in + n_out) >= _SIGNATURE_PRECISION:
            total += n_in * n_in / (n_in + n_out)
    return total / max(len(docs), 1)


def partitions(
    units: Sequence[Unit], vectors: np.ndarray, *, k: int = 0, seed: int = 42
) -> list[np.ndarray]:
    """Ward partitions of the units for each lexical weight in ``WEIGHTS`` and two numbers of
    clusters (k and three quarters of it); the first is the main one (weight 1, k). One issue
    worded in many ways holds together in some of them only: ``nlp.topics.novelty`` keeps the
    candidates that come back in several. Ward has no seed: the same input, the same partitions.
    """
    from scipy.cluster.hierarchy import fcluster, ward
    from sklearn.decomposition import PCA

    if len(units) < MIN_UNITS:
        raise TooFewSentences(
            f"te weinig zinnen voor onderwerpen: {len(units)} passages (minimaal {MIN_UNITS})"
        )
    centred, lsa = features(units, vectors, seed)
    k = min(k or choose_k(len(units)), len(units) // 3)
    out: list[np.ndarray] = []
    for weight in WEIGHTS:
        feats = np.hstack([centred, weight * lsa]) if lsa is not None else centred
        if feats.shape[1] > _WARD_DIM and len(units) > _WARD_DIM:  # pdist cost grows with dims
            feats = PCA(_WARD_DIM, random_state=seed).fit_transform(feats)
        tree = ward(feats.astype(np.float64))
        for n in (k, max(2, round(0.75 * k))):
            out.append(fcluster(tree, n, criterion="maxclust") - 1)
    return out


def describe(
    units: Sequence[Unit],
    vectors: np.ndarray,
    labels: np.ndarray,
    encoder: Encoder,
    *,
    k: int,
    seed: int = 42,
) -> TopicFit:
    """Topic words (BERTopic c-TF-IDF + MMR on the given clusters) and representative passages."""
    from bertopic import BERTopic
    from bertopic.backend import BaseEmbedder
    from bertopic.cluster import BaseCluster
    from bertopic.dimensionality import BaseDimensionalityReduction
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.feature_extraction.text import CountVectorizer

    class _Backend(BaseEmbedder):
        def embed(self, documents, verbose=False):
            return encoder.encode(list(documents))

    centred, lsa = features(units, vectors, seed)
    feats = np.hstack([centred, lsa]) if lsa is not None else centred
    vocabulary = _vocabulary(units)
    model = BERTopic(
        embedding_model=_Backend(),
        umap_model=BaseDimensionalityReduction(),
        hdbscan_model=BaseCluster(),
        vectorizer_model=CountVectorizer(
            token_pattern=r"\S+", vocabulary=vocabulary or None, lowercase=False
        ),
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        calculate_probabilities=False,
        top_n_words=15,
    )
    model.fit(_documents(units), feats, y=np.asarray(labels))
    assignment = np.asarray(labels)
    renamed = np.asarray(model.topics_)  # BERTopic renumbers topics by size
    docs_of = lemma_docs(units)
    topics = []
    for tid in sorted(set(assignment.tolist())):
        idx = np.flatnonzero(assignment == tid)
        ranked = [w for w, score in (model.get_topic(int(renamed[idx[0]])) or []) if score > 0]
        words = _distinctive(ranked, units, idx, docs_of)
        topics.append(
            Topic(
                topic_id=int(tid),
                words=words,
                units=idx.tolist(),
                docs={units[i].doc for i in idx},
                signature=signature(units, idx.tolist(), docs_of),
                passages=_representatives(units, feats, idx),
            )
        )
    return TopicFit(topics, assignment.tolist(), k)


def _distinctive(
    ranked: list[str], units: Sequence[Unit], idx: np.ndarray, docs_of: dict[str, set[int]]
) -> list[str]:
    """The c-TF-IDF candidates reordered by how much they belong to this topic: complaints
    inside with the word, squared, over all complaints with it (a word the whole corpus uses
    ranks low even when frequent here). Words in one complaint of the topic only are dropped."""
    inside: dict[str, set[int]] = defaultdict(set)
    for i in idx:
        u = units[i]
        for w in (*u.lemmas, *(b.replace(" ", "_") for b in u.bigrams)):
            inside[w].add(u.doc)
    scored = []
    for rank, w in enumerate(ranked):
        n_in = len(inside.get(w, ()))
        if n_in < 2:
            continue
        n_all = len(docs_of.get(w, ())) if "_" not in w else n_in
        scored.append((-(n_in * n_in) / max(n_all, n_in), rank, w.replace("_", " ")))
    return [w for _, _, w in sorted(scored)][:8]


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
