"""The head of the first staff-trained models (one logistic regression per theme over the
codebook features and the mean sentence embedding). ``rodedraad train`` now fits the shipped
model's recipe (``nlp.themes.staff.fit``); this module stays so that a model store written
before can still be loaded (its joblib files refer to ``_ConstantAware``).
"""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from schemas.records import THEME_KEYS

FOLDS = 5


class TooFewLabels(ValueError):
    pass


def _logistic(seed: int) -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=5000, class_weight="balanced", random_state=seed)


def _estimator(seed: int) -> OneVsRestClassifier:
    return OneVsRestClassifier(_logistic(seed))


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
