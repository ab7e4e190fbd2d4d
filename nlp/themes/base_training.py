"""Fitting the base theme model (``base.BaseModel``): heads, combiner and thresholds, all from
cross-validated probabilities on the training documents only (fixed seeds, so a re-run on the
same data gives the same model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from nlp.framing import body
from nlp.themes.base import (
    CHEAP_SOURCES,
    COMPLAINT,
    N_THEMES,
    BaseModel,
    DenseHead,
    TextHead,
    _Heads,
    combine,
    cue_featuriser,
    dense_features,
    kfold,
    sentence_features,
    targets,
)
from nlp.themes.features import Featuriser
from nlp.themes.sentences import split

_GRID = np.round(np.arange(0.05, 0.951, 0.025), 3)
INNER_FOLDS = 5


@dataclass(frozen=True)
class Recipe:
    """Which heads, how they combine, and how the complaint gate's threshold is chosen."""

    dense: tuple[str, ...] = ("cues",)  # subset of base.DENSE_SOURCES
    combiner: str = "stack"  # "stack" or "average"
    text_c: float = 10.0
    dense_c: float = 1.0
    gate: str = "accuracy"  # "accuracy", "balanced", "cost:<w>" (a non-complaint let through
    # costs w complaints) or "recall:<r>" (keep at least r of the complaints)
    sentences: bool = False  # stack the text head's best sentences per target too
    body_only: bool = False  # read the body without the letter's framing (nlp.framing)
    # a further theme needs this share of the first theme's probability; None: chosen on the
    # cross-validated probabilities (second_ratio)
    second: float | None = None
    seed: int = 42


# The recipe the shipped model is fitted with (chosen by scripts/eval_themes.py; figures in
# docs/themes.md); ``rodedraad train`` fits the same recipe with the staff labels added.
SHIPPED_RECIPE = Recipe(
    dense=("cues", "scope"), sentences=True, body_only=True, gate="recall:0.98", second=0.5
)


def best_f1_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The threshold on the grid with the best F1 (the middle one of ties)."""
    f1 = []
    for t in _GRID:
        pred = p >= t
        tp = int((pred & (y == 1)).sum())
        wrong = int((pred != (y == 1)).sum())
        f1.append(2 * tp / (2 * tp + wrong) if tp else 0.0)
    best = np.flatnonzero(np.isclose(f1, max(f1)))
    return float(_GRID[best[len(best) // 2]])


def gate_threshold(p: np.ndarray, y: np.ndarray, how: str) -> float:
    """Complaint gate: most documents right ("accuracy"), the mean of the recall on complaints
    and on non-complaints ("balanced"), or most right when a non-complaint let through costs
    ``w`` complaints ("cost:<w>"). Without non-complaints: the lowest."""
    if y.min() == 1:
        return float(_GRID[0])
    if how.startswith("recall:"):  # the highest threshold that keeps this share of complaints
        floor = float(how.split(":", 1)[1])
        kept = [t for t in _GRID if (p[y == 1] >= t).mean() >= floor]
        return float(kept[-1]) if kept else float(_GRID[0])
    cost = float(how.split(":", 1)[1]) if how.startswith("cost:") else 1.0
    values = []
    for t in _GRID:
        yes, no = p >= t, p < t
        hit, rej = int((yes & (y == 1)).sum()), int((no & (y == 0)).sum())
        if how == "balanced":
            values.append(hit / max(int(y.sum()), 1) + rej / max(int((1 - y).sum()), 1))
        else:
            values.append(hit + cost * rej)
    best = np.flatnonzero(np.isclose(values, max(values)))
    return float(_GRID[best[len(best) // 2]])


def _dense_matrix(
    featuriser: Featuriser | None, texts: Sequence[str], sources: Sequence[str]
) -> dict[str, np.ndarray]:
    if not sources:
        return {}
    if all(s in CHEAP_SOURCES for s in sources):
        featuriser = cue_featuriser()
    if featuriser is None:
        raise ValueError("dense heads need a featuriser")
    feats = featuriser.featurise(list(texts), keep_vectors="embeddings" in sources)
    return {s: dense_features(s, feats) for s in sources}


def fit(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    recipe: Recipe,
    *,
    version: str,
    featuriser: Featuriser | None = None,
    weights: np.ndarray | None = None,
    dense: dict[str, np.ndarray] | None = None,
) -> BaseModel:
    """Fit on ``texts`` and ``labels``; ``dense`` may hold precomputed dense features."""
    texts = [body(t) for t in texts] if recipe.body_only else list(texts)
    y = targets(labels)
    dense = dense if dense is not None else _dense_matrix(featuriser, texts, recipe.dense)
    text_head = TextHead(recipe.text_c, recipe.seed)
    full_text = text_head.fit(texts, y, weights)  # the vocabulary is fitted once, on all
    folds = kfold(len(texts), INNER_FOLDS, recipe.seed)
    oof = [np.zeros((len(texts), COMPLAINT + 1)) for _ in range(1 + len(recipe.dense))]
    stack_sentences = recipe.sentences and recipe.combiner == "stack"
    if stack_sentences:
        split_texts = [split(t) for t in texts]
        oof.append(np.zeros((len(texts), 2 * (COMPLAINT + 1))))
    for train_idx, test_idx in folds:
        w = weights[train_idx] if weights is not None else None
        head = TextHead(recipe.text_c, recipe.seed, vectoriser=full_text.vectoriser)
        head.fit([texts[i] for i in train_idx], y[train_idx], w)
        oof[0][test_idx] = head.predict([texts[i] for i in test_idx])
        if stack_sentences:
            per = head.predict_sentences([split_texts[i] for i in test_idx])
            oof[-1][test_idx] = sentence_features(per)
        for k, source in enumerate(recipe.dense, start=1):
            x = dense[source]
            d = DenseHead(source, recipe.dense_c, recipe.seed).fit(x[train_idx], y[train_idx], w)
            oof[k][test_idx] = d.predict(x[test_idx])
    dense_heads = [
        DenseHead(s, recipe.dense_c, recipe.seed).fit(dense[s], y, weights) for s in recipe.dense
    ]
    stacker = None
    if recipe.combiner == "stack" and len(oof) > 1:
        stacked = np.hstack(oof)
        combined = np.zeros_like(oof[0])
        for train_idx, test_idx in kfold(len(texts), INNER_FOLDS, recipe.seed + 1):
            s = _Heads(1.0, recipe.seed, balanced=False).fit(stacked[train_idx], y[train_idx])
            combined[test_idx] = s.predict(stacked[test_idx])
        stacker = _Heads(1.0, recipe.seed, balanced=False).fit(stacked, y)
    else:
        combined = combine(oof, "average", None)
    thresholds = np.array([best_f1_threshold(combined[:, j], y[:, j]) for j in range(N_THEMES)])
    gate = gate_threshold(combined[:, COMPLAINT], y[:, COMPLAINT], recipe.gate)
    return BaseModel(
        version=version,
        text=full_text,
        dense=dense_heads,
        combiner=recipe.combiner if len(oof) > 1 else "average",
        stacker=stacker,
        thresholds=thresholds,
        complaint_threshold=gate,
        featuriser=featuriser,
        sentences=stack_sentences,
        body_only=recipe.body_only,
        second_ratio=(
            recipe.second if recipe.second is not None else second_ratio(combined, y, thresholds)
        ),
    )


_RATIOS = (0.0, 0.25, 0.5, 0.75)


def second_ratio(p: np.ndarray, y: np.ndarray, thresholds: np.ndarray) -> float:
    """The share of the first theme's probability a further theme needs (``_RATIOS``), chosen
    for the best macro-F1 over the complaints' cross-validated probabilities (the lowest of
    ties)."""
    complaints = y[:, COMPLAINT] == 1
    if not complaints.any():
        return 0.0
    q, truth = p[complaints, :N_THEMES], y[complaints, :N_THEMES] == 1
    top = q.max(axis=1, keepdims=True)
    best, chosen = -1.0, 0.0
    for ratio in _RATIOS:
        pred = (q >= thresholds) & (q >= ratio * top)
        pred[np.arange(len(q)), q.argmax(axis=1)] = True  # at least the most probable theme
        tp = (pred & truth).sum(axis=0)
        wrong = (pred != truth).sum(axis=0)
        macro = float(np.mean(2 * tp / np.maximum(2 * tp + wrong, 1)))
        if macro > best + 1e-9:
            best, chosen = macro, ratio
    return chosen


def cross_validated(
    texts: Sequence[str],
    labels: Sequence[Sequence[str]],
    recipe: Recipe,
    splits: Sequence[tuple[np.ndarray, np.ndarray]],
    *,
    featuriser: Featuriser | None = None,
    dense: dict[str, np.ndarray] | None = None,
    weights: np.ndarray | None = None,
) -> list[tuple[list[str], str] | None]:
    """Predictions for every document in a test part of ``splits``, each by a model fitted on
    that split's training part only (the whole recipe, thresholds included)."""
    originals = list(texts)  # the chain rule reads the whole text, as in production
    texts = [body(t) for t in texts] if recipe.body_only else list(texts)
    bodied = replace(recipe, body_only=False)  # the texts are bodies already
    dense = dense if dense is not None else _dense_matrix(featuriser, texts, recipe.dense)
    out: list[tuple[list[str], str] | None] = [None] * len(texts)
    for train_idx, test_idx in splits:
        model = fit(
            [texts[i] for i in train_idx],
            [labels[i] for i in train_idx],
            bodied,
            version="cv",
            featuriser=featuriser,
            dense={s: m[train_idx] for s, m in dense.items()},
            weights=weights[train_idx] if weights is not None else None,
        )
        test_texts = [texts[i] for i in test_idx]
        parts = [model.text.predict(test_texts)]
        parts += [h.predict(dense[h.source][test_idx]) for h in model.dense]
        if model.sentences:
            per = model.text.predict_sentences([split(t) for t in test_texts])
            parts.append(sentence_features(per))
        probs = combine(parts, model.combiner, model.stacker)
        whole = [originals[i] for i in test_idx]
        for i, decided in zip(test_idx, model.decide(probs, whole), strict=True):
            out[i] = decided
    return out
