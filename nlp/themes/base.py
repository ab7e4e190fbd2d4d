"""The base theme model that ships with rodedraad: fitted on the labelled corpus in
``../shared/data`` by ``scripts/train_themes.py`` and stored in ``nlp/themes/model/``.

What it is (chosen by measurement, see docs/themes.md):

- a text head: word 1-2-gram and char_wb 3-5-gram TF-IDF, one balanced logistic regression per
  target; the targets are the six themes plus "is a complaint about youth protection";
- optional dense heads over the codebook's scores (``codebook``) and the sentence embeddings
  (``embeddings``: mean and max over sentences), same targets;
- a combiner: a small logistic regression per target over the heads' cross-validated
  probabilities (stacking), or their plain average;
- thresholds per theme and for the complaint gate, chosen on cross-validated probabilities.

A document the gate calls no complaint gets no theme (``kind`` "geen klacht"), and so does a long
text that names no part of the youth-protection chain (``nlp.themes.chain``); a complaint gets
every theme above its threshold and at least its most probable one. Evidence sentences are scored
by the text head itself, applied to each sentence, so they show what made the model decide.
"""

from __future__ import annotations

import functools
import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import StandardScaler

from nlp.framing import body
from nlp.themes.chain import digest as chain_digest
from nlp.themes.chain import outside_the_chain
from nlp.themes.cues import Cues
from nlp.themes.features import DocFeatures, Featuriser
from nlp.themes.features import combine as combine_sentences
from nlp.themes.scope import Scope
from nlp.themes.sentences import split
from schemas.records import THEME_KEYS, Evidence, ThemeResult
from schemas.vocabulary import DocumentKind

log = logging.getLogger(__name__)

N_THEMES = len(THEME_KEYS)
COMPLAINT = N_THEMES  # column of the "is a complaint" target
KIND_COMPLAINT = DocumentKind.KLACHT
KIND_OTHER = DocumentKind.GEEN_KLACHT
EVIDENCE_SENTENCES = 3
_MIN_EVIDENCE_WORDS = 3
# "cues": the codebook's cue scores alone (no encoder needed); "codebook": cues plus prototype
# similarity; "embeddings": mean and max sentence vectors. The last two need the encoder.
# "scope": what the text is about and how it speaks (nlp.themes.scope), for the complaint gate.
DENSE_SOURCES = ("cues", "codebook", "embeddings", "scope")
CHEAP_SOURCES = ("cues", "scope")  # need no sentence encoder


@functools.cache
def cue_featuriser() -> Featuriser:
    """The codebook's cues without sentence embeddings: cheap, the same on every machine."""
    return Featuriser(Cues(), None)


@functools.cache
def _scope() -> Scope:
    return Scope(cue_featuriser().cues)


def targets(labels: Sequence[Sequence[str]]) -> np.ndarray:
    """(n, 7): the six themes, then whether the document has any theme (is a complaint)."""
    y = np.array([[k in set(t) for k in THEME_KEYS] for t in labels], dtype=int).reshape(
        len(labels), N_THEMES
    )
    return np.column_stack([y, y.any(axis=1).astype(int)])


def _logreg(c: float, seed: int, balanced: bool = True) -> LogisticRegression:
    # liblinear: fast on sparse high-dimensional TF-IDF, deterministic with a fixed seed.
    return LogisticRegression(
        C=c,
        class_weight="balanced" if balanced else None,
        solver="liblinear",
        max_iter=5000,
        random_state=seed,
    )


class _Heads:
    """One binary logistic regression per target; a target seen with one class only gets that
    constant as its probability (a tiny staff set may lack a theme)."""

    def __init__(self, c: float, seed: int, balanced: bool = True) -> None:
        self.c, self.seed, self.balanced = c, seed, balanced
        self.models: list[LogisticRegression | float] = []

    def fit(self, x: Any, y: np.ndarray, weights: np.ndarray | None = None) -> _Heads:
        self.models = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            for j in range(y.shape[1]):
                if y[:, j].min() == y[:, j].max():
                    self.models.append(float(y[0, j]))
                else:
                    m = _logreg(self.c, self.seed, self.balanced).fit(
                        x, y[:, j], sample_weight=weights
                    )
                    self.models.append(m)
        return self

    def predict(self, x: Any) -> np.ndarray:
        n = x.shape[0]
        cols = [
            np.full(n, m) if isinstance(m, float) else m.predict_proba(x)[:, 1] for m in self.models
        ]
        return np.column_stack(cols) if cols else np.zeros((n, 0))


def _vectoriser() -> FeatureUnion:
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2
                ),
            ),
        ]
    )


@dataclass
class TextHead:
    """TF-IDF over words and character n-grams, a logistic regression per target."""

    c: float = 10.0
    seed: int = 0
    vectoriser: FeatureUnion | None = None
    heads: _Heads | None = None

    def fit(
        self, texts: Sequence[str], y: np.ndarray, weights: np.ndarray | None = None
    ) -> TextHead:
        if self.vectoriser is None:
            self.vectoriser = _vectoriser().fit(texts)
        self.heads = _Heads(self.c, self.seed).fit(self.vectoriser.transform(texts), y, weights)
        return self

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        assert self.vectoriser is not None and self.heads is not None
        if not texts:
            return np.zeros((0, COMPLAINT + 1))
        return self.heads.predict(self.vectoriser.transform(texts))

    def predict_sentences(self, docs: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per document, (n_sentences, 7): every sentence scored on its own, in one call."""
        flat = [s for sentences in docs for s in sentences]
        scores = self.predict(flat)
        out, start = [], 0
        for sentences in docs:
            out.append(scores[start : start + len(sentences)])
            start += len(sentences)
        return out


def sentence_features(per_sentence: Sequence[np.ndarray]) -> np.ndarray:
    """(n, 14): per target, the best sentence's probability and the mean of the best two. A
    theme carried by a few sentences of a long letter shows here even when the whole text's
    n-grams are mostly about something else."""
    rows = []
    for q in per_sentence:
        top = np.sort(q, axis=0)[::-1] if len(q) else np.zeros((1, COMPLAINT + 1))
        rows.append(np.concatenate([top[0], top[:2].mean(axis=0)]))
    return np.vstack(rows) if rows else np.zeros((0, 2 * (COMPLAINT + 1)))


@dataclass
class DenseHead:
    """Standardised dense features (codebook scores or sentence embeddings), an LR per target."""

    source: str
    c: float = 0.05
    seed: int = 0
    scaler: StandardScaler | None = None
    heads: _Heads | None = None

    def fit(self, x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> DenseHead:
        self.scaler = StandardScaler().fit(x)
        self.heads = _Heads(self.c, self.seed).fit(self.scaler.transform(x), y, weights)
        return self

    def predict(self, x: np.ndarray) -> np.ndarray:
        assert self.scaler is not None and self.heads is not None
        return self.heads.predict(self.scaler.transform(x))


def dense_features(source: str, feats: Sequence[DocFeatures]) -> np.ndarray:
    """Fixed-length document features from the featuriser for one dense head."""
    if source == "scope":  # actors, other bodies, grievance, questions, thanks (nlp.themes.scope)
        scope = _scope()
        return np.vstack([scope.features(f.sentences) for f in feats])
    if source == "cues":  # the codebook's cue score per theme, its three strongest sentences
        return np.vstack([combine_sentences(f.cue) for f in feats])
    if source == "codebook":  # cue score, embedding evidence, best prototype similarity
        return np.vstack([f.vector()[: 3 * N_THEMES] for f in feats])
    if source == "embeddings":  # mean and max of the sentence vectors
        rows = []
        for f in feats:
            if f.vectors is None or f.mean_embedding is None:
                raise ValueError("embeddings head needs sentence vectors (keep_vectors=True)")
            vmax = f.vectors.max(axis=0) if len(f.vectors) else np.zeros_like(f.mean_embedding)
            rows.append(np.concatenate([f.mean_embedding, vmax]))
        return np.vstack(rows)
    raise ValueError(f"unknown dense source {source!r}")


@dataclass
class BaseModel:
    """The shipped theme model (see module docstring). ``featuriser`` is attached at load time
    and only needed when a dense head is part of the model; it is never pickled."""

    version: str
    text: TextHead
    dense: list[DenseHead]
    combiner: str  # "stack" or "average"
    stacker: _Heads | None
    thresholds: np.ndarray  # (6,)
    complaint_threshold: float
    metrics: dict[str, Any] = field(default_factory=dict)
    featuriser: Featuriser | None = None
    sentences: bool = False  # the stacker also reads the text head's best sentences
    body_only: bool = False  # reads the body without the letter's framing (nlp.framing)
    # a further theme must be at least this share as probable as the first (a long letter
    # gathers some evidence for many themes; chosen on cross-validated probabilities)
    second_ratio: float = 0.0

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["featuriser"] = None
        return state

    @property
    def needs_featuriser(self) -> bool:
        """Whether a head needs the sentence encoder (the cue head brings its own)."""
        return any(h.source not in CHEAP_SOURCES for h in self.dense)

    @property
    def encoder_name(self) -> str | None:
        return self.metrics.get("encoder")

    @property
    def scoring_version(self) -> str:
        """The version stored with each result: the artefact and the lists of the chain rule,
        so ``reclassify`` re-scores what an edit of those lists may change."""
        return f"{self.version}+keten-{chain_digest()}"

    def describe(self) -> str:
        parts = ["woorden + lettergroepen", *(h.source for h in self.dense)]
        f1 = self.metrics.get("cv", {}).get("macro_f1")
        extra = f", kruisvalidatie macro-F1 {f1:.2f}" if f1 is not None else ""
        return (
            f"{self.version} (basismodel, meegeleverd; getraind op "
            f"{self.metrics.get('n_documents', '?')} gelabelde teksten; {' + '.join(parts)}{extra})"
        )

    def probabilities(
        self, texts: Sequence[str], sentences: list[list[str]] | None = None
    ) -> np.ndarray:
        """(n, 7): combined probability per theme and of being a complaint. ``sentences``, when
        given, receives each text's sentences (split once, for the evidence too)."""
        if not texts:
            return np.zeros((0, COMPLAINT + 1))
        if self.body_only:
            texts = [body(t) for t in texts]
        parts = [self.text.predict(texts)]
        feats: list[DocFeatures] | None = None
        if self.dense:
            fz = self.featuriser if self.needs_featuriser else cue_featuriser()
            if fz is None:
                raise RuntimeError("this base model needs the featuriser for its dense heads")
            keep = any(h.source == "embeddings" for h in self.dense)
            feats = fz.featurise(list(texts), keep_vectors=keep)
            parts += [h.predict(dense_features(h.source, feats)) for h in self.dense]
        split_texts = [f.sentences for f in feats] if feats else [split(t) for t in texts]
        if self.sentences:
            parts.append(sentence_features(self.text.predict_sentences(split_texts)))
        if sentences is not None:
            sentences.extend(split_texts)
        return combine(parts, self.combiner, self.stacker)

    def decide(
        self, probs: np.ndarray, texts: Sequence[str] | None = None
    ) -> list[tuple[list[str], str]]:
        """Assigned themes (most probable first) and kind, per document; with ``texts``, a long
        text that names no part of the chain is no complaint (``nlp.themes.chain``)."""
        out = []
        whole = texts if texts is not None else [None] * len(probs)
        for p, text in zip(probs, whole, strict=True):
            if p[COMPLAINT] < self.complaint_threshold or (
                text is not None and outside_the_chain(text)
            ):
                out.append(([], KIND_OTHER))
                continue
            order = np.argsort(-p[:N_THEMES], kind="stable")
            floor = self.second_ratio * p[order[0]]
            assigned = [
                THEME_KEYS[i] for i in order if p[i] >= self.thresholds[i] and p[i] >= floor
            ]
            out.append((assigned or [THEME_KEYS[order[0]]], KIND_COMPLAINT))
        return out

    def evidence(self, docs: list[tuple[list[str], list[str]]]) -> list[list[Evidence]]:
        """Per document (sentences, assigned themes): for each assigned theme, the sentences
        the text head scores highest for it. All sentences of a batch are scored at once."""
        usable: list[list[int]] = []
        flat: list[str] = []
        for sentences, assigned in docs:
            keep = [i for i, s in enumerate(sentences) if len(s.split()) >= _MIN_EVIDENCE_WORDS]
            keep = (keep or list(range(len(sentences)))) if assigned else []
            usable.append(keep)
            flat += [sentences[i] for i in keep]
        scores = self.text.predict(flat)
        out: list[list[Evidence]] = []
        start = 0
        for (sentences, assigned), keep in zip(docs, usable, strict=True):
            own = scores[start : start + len(keep)]
            start += len(keep)
            found: list[Evidence] = []
            for key in assigned if keep else []:
                j = THEME_KEYS.index(key)
                for r in np.argsort(-own[:, j], kind="stable")[:EVIDENCE_SENTENCES]:
                    i = keep[int(r)]
                    found.append(Evidence(key, i, sentences[i], round(float(own[r, j]), 4)))
            out.append(found)
        return out

    def classify_many(self, texts: list[str]) -> list[ThemeResult]:
        sentences: list[list[str]] = []
        probs = self.probabilities(texts, sentences)
        decided = self.decide(probs, texts)
        evidence = self.evidence(
            [(s, assigned) for s, (assigned, _) in zip(sentences, decided, strict=True)]
        )
        return [
            ThemeResult(
                scores={k: round(float(p[j]), 6) for j, k in enumerate(THEME_KEYS)},
                assigned=assigned,
                primary=assigned[0] if assigned else None,
                evidence=shown,
                model_version=self.scoring_version,
                kind=kind,
            )
            for p, (assigned, kind), shown in zip(probs, decided, evidence, strict=True)
        ]

    def classify(self, text: str) -> ThemeResult:
        return self.classify_many([text])[0]


def combine(parts: list[np.ndarray], combiner: str, stacker: _Heads | None) -> np.ndarray:
    if combiner == "average" or len(parts) == 1:
        return np.mean(parts, axis=0)
    assert stacker is not None
    return stacker.predict(np.hstack(parts))


def kfold(n: int, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(KFold(min(folds, n), shuffle=True, random_state=seed).split(np.arange(n)))
