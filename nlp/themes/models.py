"""Theme models: turn document features into scores, assigned themes, a primary theme and
evidence sentences.

- ``CodebookModel`` (day one, no labels needed): cue evidence and prototype similarity combined
  per sentence, then over the strongest sentences.
- ``TrainedModel``: a scikit-learn head fitted on staff labels over the same features plus the
  document embedding (see ``training.py``). Evidence sentences still come from the codebook
  scores, so every assigned theme is shown with the sentences behind it.

Both share the decision rules: a text of some length that never mentions youth protection is
damped (a school complaint or a thank-you note gets no theme); a text that does mention it gets
at least its strongest theme, because a complaint about youth protection is about something.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from nlp.themes.features import TOP_SENTENCES, DocFeatures, Featuriser, combine
from schemas.records import THEME_KEYS, Evidence, ThemeResult
from schemas.vocabulary import DocumentKind

_OFF_DOMAIN_DAMPING = 0.35
_EVIDENCE_MIN = 0.3


def _decide(
    scores: np.ndarray, f: DocFeatures, per_sentence: np.ndarray, threshold: float, version: str
) -> ThemeResult:
    if not f.in_domain:
        scores = scores * _OFF_DOMAIN_DAMPING
    assigned_mask = scores >= threshold
    if not assigned_mask.any() and f.mentions_domain and scores.max() > 0:
        assigned_mask = scores >= scores.max()
    order = np.argsort(-scores, kind="stable")
    assigned = [THEME_KEYS[i] for i in order if assigned_mask[i]]
    evidence: list[Evidence] = []
    for key in assigned:
        j = THEME_KEYS.index(key)
        column = per_sentence[:, j] if len(per_sentence) else np.zeros(0)
        ranked = [i for i in np.argsort(-column, kind="stable")[:TOP_SENTENCES]]
        strong = [i for i in ranked if column[i] >= _EVIDENCE_MIN] or ranked[:1]
        evidence.extend(
            Evidence(
                theme=key,
                sentence_index=int(i),
                sentence=f.sentences[i],
                score=round(float(column[i]), 4),
            )
            for i in strong
        )
    return ThemeResult(
        scores={k: round(float(scores[j]), 6) for j, k in enumerate(THEME_KEYS)},
        assigned=assigned,
        primary=assigned[0] if assigned else None,
        evidence=evidence,
        model_version=version,
        kind=DocumentKind.KLACHT if assigned else DocumentKind.GEEN_KLACHT,
    )


@dataclass
class CodebookModel:
    featuriser: Featuriser
    threshold: float = 0.5

    @property
    def version(self) -> str:
        cues = self.featuriser.cues.digest
        protos = self.featuriser.prototypes
        if protos is None:
            return f"codebook-{cues}-alleen-cues"
        return f"codebook-{cues}-{protos.digest}-{protos.encoder.name}"

    @property
    def scoring_version(self) -> str:
        return self.version

    def describe(self) -> str:
        encoder = self.featuriser.encoder
        how = f"signaalwoorden + zinsembeddings ({encoder.name})" if encoder else "signaalwoorden"
        return f"{self.version} (codeboek: {how}; niet getraind op labels)"

    def scores(self, f: DocFeatures) -> np.ndarray:
        return combine(f.sentence_scores())

    def classify_features(self, feats: list[DocFeatures]) -> list[ThemeResult]:
        out = []
        for f in feats:
            per_sentence = f.sentence_scores()  # once: both the score and the evidence use it
            out.append(
                _decide(combine(per_sentence), f, per_sentence, self.threshold, self.version)
            )
        return out

    def classify_many(self, texts: list[str]) -> list[ThemeResult]:
        return self.classify_features(self.featuriser.featurise(texts))

    def classify(self, text: str) -> ThemeResult:
        return self.classify_many([text])[0]


@dataclass
class TrainedModel:
    """A fitted multi-label head; ``estimator`` has ``predict_proba`` over the six themes."""

    featuriser: Featuriser
    estimator: Any
    version: str
    encoder_name: str | None
    metrics: dict[str, Any] = field(default_factory=dict)
    threshold: float = 0.5

    @property
    def scoring_version(self) -> str:
        return self.version

    def describe(self) -> str:
        f1 = self.metrics.get("cv", {}).get("macro_f1")
        extra = f", kruisvalidatie macro-F1 {f1:.2f}" if f1 is not None else ""
        return f"{self.version} (getraind op {self.metrics.get('n_labels', '?')} labels{extra})"

    def scores(self, f: DocFeatures) -> np.ndarray:
        return self.scores_many([f])[0]

    def scores_many(self, feats: list[DocFeatures]) -> np.ndarray:
        if not feats:
            return np.zeros((0, len(THEME_KEYS)))
        x = np.vstack([f.vector() for f in feats])
        return np.asarray(self.estimator.predict_proba(x), dtype=float)

    def classify_features(self, feats: list[DocFeatures]) -> list[ThemeResult]:
        scores = self.scores_many(feats)
        return [
            _decide(s, f, f.sentence_scores(), self.threshold, self.version)
            for s, f in zip(scores, feats, strict=True)
        ]

    def classify_many(self, texts: list[str]) -> list[ThemeResult]:
        return self.classify_features(self.featuriser.featurise(texts))

    def classify(self, text: str) -> ThemeResult:
        return self.classify_many([text])[0]


ThemeModel = CodebookModel | TrainedModel
