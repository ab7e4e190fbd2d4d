"""Theme cues from the codebook (``cues.toml``): per sentence, the weights of matching cues
add up to an evidence strength in [0, 1]."""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from schemas.records import THEME_KEYS

CUES_FILE = Path(__file__).with_name("cues.toml")


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
    return domain, themes, hashlib.sha256(raw).hexdigest()[:10]


class Cues:
    """The codebook's cue patterns: evidence per sentence, and whether a text is about youth
    protection at all."""

    def __init__(self, cues_file: Path = CUES_FILE) -> None:
        self.domain, self.cues, self.digest = _load(cues_file)

    def sentence_scores(self, sentence: str) -> dict[str, float]:
        lowered = sentence.lower()  # cues are lowercase; case-insensitive regexes are slower
        scores = {}
        for key, cues in self.cues.items():
            strength = sum(c.weight for c in cues if c.pattern.search(lowered))
            scores[key] = 1.0 - math.exp(-strength)
        return scores

    def mentions_domain(self, text: str) -> bool:
        return any(p.search(text) for p in self.domain)
