"""Fitting a theme model on staff labels, with cross-validated figures.

The head is one logistic regression per theme (balanced class weights) over the codebook
features and the mean sentence embedding: the codebook's knowledge enters as features, the
labels decide how much each is worth. Figures are always cross-validated (k-fold, fixed seed):
the model is never scored on documents it was fitted on.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier

from nlp.themes.features import DocFeatures, Featuriser
from nlp.themes.metrics import Scores, score
from nlp.themes.models import CodebookModel, TrainedModel
from schemas.records import THEME_KEYS

MIN_LABELS = 20
FOLDS = 5


class TooFewLabels(ValueError):
    pass


def _logistic(seed: int) -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced", random_state=seed)


def _estimator(seed: int) -> OneVsRestClassifier:
    return OneVsRestClassifier(_logistic(seed))


def _targets(labels: Sequence[Sequence[str]]) -> np.ndarray:
    return np.array([[k in set(t) for k in THEME_KEYS] for t in labels], dtype=int)


class _ConstantAware:
    """OneVsRest refuses a theme nobody labelled yet; such a theme gets probability 0.
    With sample weights (staff labels weigh more than a base corpus), one logistic regression
    per theme is fitted directly, since OneVsRest passes no weights without metadata routing."""

    def __init__(self, seed: int, y: np.ndarray) -> None:
        self.present = y.sum(axis=0) > 0
        self.inner = _estimator(seed)
        self.seed = seed
        self.heads: list[LogisticRegression | _Always] | None = None

    def fit(
        self, x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None
    ) -> _ConstantAware:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", (ConvergenceWarning, UserWarning))
            if sample_weight is None:
                self.inner.fit(x, y[:, self.present])
            else:
                self.heads = []
                for j in np.flatnonzero(self.present):
                    # a theme every example has needs no model (and a regression refuses it)
                    head = _Always() if y[:, j].all() else _logistic(self.seed)
                    self.heads.append(head.fit(x, y[:, j], sample_weight=sample_weight))
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        out = np.zeros((len(x), len(THEME_KEYS)))
        if getattr(self, "heads", None) is not None:
            out[:, self.present] = np.column_stack([h.predict_proba(x)[:, 1] for h in self.heads])
        else:
            out[:, self.present] = self.inner.predict_proba(x)
        return out


class _Always:
    """A theme every training example has: probability 1."""

    def fit(self, x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None) -> _Always:
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return np.column_stack([np.zeros(len(x)), np.ones(len(x))])


def train(
    featuriser: Featuriser,
    feats: list[DocFeatures],
    labels: Sequence[Sequence[str]],
    baseline: CodebookModel | TrainedModel,
    *,
    seed: int = 42,
    threshold: float = 0.5,
    sample_weight: Sequence[float] | None = None,
    extra_metrics: dict | None = None,
) -> TrainedModel:
    """``sample_weight``: one weight per document (None: all equal); ``extra_metrics`` are
    stored with the model's figures (e.g. how many base and staff examples it saw)."""
    if len(feats) < MIN_LABELS:
        raise TooFewLabels(f"te weinig labels om te trainen: {len(feats)} (minimaal {MIN_LABELS})")
    y = _targets(labels)
    x = np.vstack([f.vector() for f in feats])
    w = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
    digest = hashlib.sha256(x.tobytes() + y.tobytes()).hexdigest()[:8]
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    version = f"getraind-{stamp}-{digest}"
    encoder = featuriser.encoder.name if featuriser.encoder else None

    cv_results = [None] * len(feats)
    for train_idx, test_idx in KFold(min(FOLDS, len(feats)), shuffle=True, random_state=seed).split(
        x
    ):
        head = _ConstantAware(seed, y[train_idx]).fit(
            x[train_idx], y[train_idx], None if w is None else w[train_idx]
        )
        fold = TrainedModel(featuriser, head, version, encoder, threshold=threshold)
        for i, r in zip(
            test_idx, fold.classify_features([feats[i] for i in test_idx]), strict=True
        ):
            cv_results[i] = r
    cv: Scores = score(labels, cv_results)
    base: Scores = score(labels, baseline.classify_features(feats))
    head = _ConstantAware(seed, y).fit(x, y, w)
    metrics = {
        **(extra_metrics or {}),
        "version": version,
        "created_at": datetime.now(UTC).isoformat(),
        "n_labels": len(feats),
        "encoder": encoder,
        "seed": seed,
        "folds": min(FOLDS, len(feats)),
        "cv": cv.as_dict(),
        "baseline": {"version": baseline.version, **base.as_dict()},
    }
    return TrainedModel(featuriser, head, version, encoder, metrics=metrics, threshold=threshold)
