"""What a text is about and how it speaks (``scope.toml``): the complaint gate's own evidence.

A complaint about youth protection is a grievance *aimed at* the chain. The n-gram heads see
the words but not whom a grievance is aimed at, so they let through complaints about a school or
a GP and neutral notes that merely mention a family guardian. These features count, per
sentence, the youth-protection actors (``cues.toml`` [domain]), other bodies, grievance, questions,
thanks, arrangements and texts about the field, and where grievance and actors meet.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.themes.cues import Cues

SCOPE_FILE = Path(__file__).with_name("scope.toml")
CATEGORIES = ("other_body", "grievance", "question", "thanks", "arrangement", "about_the_field")


@functools.cache
def _patterns(path: Path = SCOPE_FILE) -> dict[str, re.Pattern[str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))["categories"]
    if set(data) != set(CATEGORIES):
        raise ValueError(f"scope categories must be {CATEGORIES}, found {sorted(data)}")
    return {name: re.compile("|".join(f"(?:{p})" for p in data[name])) for name in CATEGORIES}


class Scope:
    """Per document a fixed-length vector (``N_FEATURES``) from its sentences."""

    def __init__(self, cues: Cues | None = None) -> None:
        self.cues = cues or Cues()
        self.patterns = _patterns()

    def _hits(self, sentence: str) -> list[bool]:
        lowered = sentence.lower()
        domain = any(p.search(sentence) for p in self.cues.domain)
        return [domain] + [bool(p.search(lowered)) for p in self.patterns.values()]

    def features(self, sentences: Sequence[str]) -> np.ndarray:
        if not sentences:
            return np.zeros(N_FEATURES, dtype=np.float32)
        hits = np.array([self._hits(s) for s in sentences], dtype=bool)
        domain, other, grievance = hits[:, 0], hits[:, 1], hits[:, 2]
        words = sum(len(s.split()) for s in sentences)
        return np.concatenate(
            [
                hits.mean(axis=0),  # share of sentences per category
                hits.any(axis=0),  # the category occurs at all
                [
                    (grievance & domain).mean(),  # grievance aimed at the chain
                    (grievance & other & ~domain).mean(),  # grievance aimed elsewhere
                    (grievance & domain).any(),
                    (other & ~domain).mean(),  # sentences about other bodies only
                    math.log1p(words),
                    math.log1p(len(sentences)),
                    # a long text that never names the chain is rarely a complaint about it; a
                    # short fragment often leaves the actor implicit
                    (not domain.any()) * math.log1p(words),
                    (not (grievance & domain).any()) * math.log1p(words),
                ],
            ]
        ).astype(np.float32)


N_FEATURES = 2 * (1 + len(CATEGORIES)) + 8
