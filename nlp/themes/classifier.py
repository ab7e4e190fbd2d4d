"""Day-one theme classifier: cue patterns from the codebook, scored per sentence.

Per sentence, the weights of matching cues add up to an evidence strength; a document's theme
score combines its three strongest sentences (noisy-or), so one weak cue is not enough and a
long letter does not pile up noise. A document that never mentions youth protection gets its
scores damped, so a school complaint or a thank-you note ends up with no theme.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from nlp.themes.sentences import split
from schemas.records import THEME_KEYS, Evidence, ThemeResult

CUES_FILE = Path(__file__).with_name("cues.toml")
_TOP_SENTENCES = 3
_SENTENCE_WEIGHT = 0.8
_OFF_DOMAIN_DAMPING = 0.35
_EVIDENCE_MIN = 0.3
# Absence of youth-protection words only says something about a text of some length.
_DOMAIN_MIN_WORDS = 80


@dataclass(frozen=True)
class _Cue:
    pattern: re.Pattern[str]
    weight: float


def _lowercase(pattern: str) -> str:
    """Theme cues are matched against the lowercased sentence, so they must be lowercase."""
    if re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
        raise ValueError(f"theme cue must be lowercase: {pattern!r}")
    return pattern


def _load(path: Path) -> tuple[list[re.Pattern[str]], dict[str, list[_Cue]], str]:
    raw = path.read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    domain = [re.compile(p, re.IGNORECASE) for p in data["domain"]["cues"]]
    themes: dict[str, list[_Cue]] = {}
    for key in THEME_KEYS:
        themes[key] = [
            _Cue(re.compile(_lowercase(p)), float(w)) for p, w in data["themes"][key]["cues"]
        ]
    unknown = set(data["themes"]) - set(THEME_KEYS)
    if unknown:
        raise ValueError(f"unknown theme keys in {path.name}: {sorted(unknown)}")
    version = "cues-" + hashlib.sha256(raw).hexdigest()[:10]
    return domain, themes, version


class CueClassifier:
    def __init__(self, threshold: float = 0.5, cues_file: Path = CUES_FILE) -> None:
        self.threshold = threshold
        self.domain, self.cues, self.version = _load(cues_file)

    def sentence_scores(self, sentence: str) -> dict[str, float]:
        lowered = sentence.lower()  # cues are lowercase; case-insensitive regexes are slower
        scores = {}
        for key, cues in self.cues.items():
            strength = sum(c.weight for c in cues if c.pattern.search(lowered))
            scores[key] = 1.0 - math.exp(-strength)
        return scores

    def classify(self, anonymised_text: str) -> ThemeResult:
        sentences = split(anonymised_text)
        per_sentence = [self.sentence_scores(s) for s in sentences]
        in_domain = len(anonymised_text.split()) < _DOMAIN_MIN_WORDS or any(
            p.search(anonymised_text) for p in self.domain
        )
        scores: dict[str, float] = {}
        for key in THEME_KEYS:
            top = sorted((s[key] for s in per_sentence), reverse=True)[:_TOP_SENTENCES]
            miss = 1.0
            for p in top:
                miss *= 1.0 - _SENTENCE_WEIGHT * p
            score = 1.0 - miss
            scores[key] = score if in_domain else score * _OFF_DOMAIN_DAMPING
        assigned = [k for k in THEME_KEYS if scores[k] >= self.threshold]
        assigned.sort(key=lambda k: -scores[k])
        primary = assigned[0] if assigned else None
        evidence = []
        for key in assigned:
            ranked = sorted(
                ((s[key], i) for i, s in enumerate(per_sentence) if s[key] >= _EVIDENCE_MIN),
                reverse=True,
            )[:_TOP_SENTENCES]
            evidence.extend(
                Evidence(theme=key, sentence_index=i, sentence=sentences[i], score=round(p, 4))
                for p, i in ranked
            )
        return ThemeResult(
            scores=scores,
            assigned=assigned,
            primary=primary,
            evidence=evidence,
            model_version=self.version,
        )
