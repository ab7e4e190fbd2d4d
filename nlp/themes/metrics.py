"""Scores for multi-label theme predictions: per theme precision, recall and F1, macro-F1,
primary-theme top-1, and how documents without a theme are handled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from schemas.records import THEME_KEYS, ThemeResult


@dataclass(frozen=True)
class Scores:
    per_theme: dict[str, tuple[float, float, float]]  # precision, recall, F1
    macro_f1: float
    top1: float  # primary theme among the true themes, over documents that have a theme
    n_with_theme: int
    none_correct: int  # documents without a true theme that got no theme
    n_without_theme: int

    def as_dict(self) -> dict:
        return {
            "per_theme": {
                k: {"precision": p, "recall": r, "f1": f} for k, (p, r, f) in self.per_theme.items()
            },
            "macro_f1": self.macro_f1,
            "top1": self.top1,
            "n_with_theme": self.n_with_theme,
            "none_correct": self.none_correct,
            "n_without_theme": self.n_without_theme,
        }


def score(gold: Sequence[Sequence[str]], predicted: Sequence[ThemeResult]) -> Scores:
    tp = dict.fromkeys(THEME_KEYS, 0)
    fp = dict.fromkeys(THEME_KEYS, 0)
    fn = dict.fromkeys(THEME_KEYS, 0)
    top1 = n_with = none_ok = n_none = 0
    for themes, result in zip(gold, predicted, strict=True):
        truth = set(themes)
        for k in THEME_KEYS:
            if k in result.assigned and k in truth:
                tp[k] += 1
            elif k in result.assigned:
                fp[k] += 1
            elif k in truth:
                fn[k] += 1
        if truth:
            n_with += 1
            top1 += result.primary in truth
        else:
            n_none += 1
            none_ok += not result.assigned
    per: dict[str, tuple[float, float, float]] = {}
    for k in THEME_KEYS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 0.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 0.0
        per[k] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return Scores(
        per_theme=per,
        macro_f1=sum(v[2] for v in per.values()) / len(per),
        top1=top1 / n_with if n_with else 0.0,
        n_with_theme=n_with,
        none_correct=none_ok,
        n_without_theme=n_none,
    )


def table(name: str, s: Scores) -> str:
    lines = [f"{name}", f"  {'thema':<20}{'P':>6}{'R':>6}{'F1':>6}"]
    for k, (p, r, f) in s.per_theme.items():
        lines.append(f"  {k:<20}{p:>6.2f}{r:>6.2f}{f:>6.2f}")
    lines.append(
        f"  macro-F1 {s.macro_f1:.3f}   top-1 {s.top1:.3f}   "
        f"zonder thema goed {s.none_correct}/{s.n_without_theme}"
    )
    return "\n".join(lines)
