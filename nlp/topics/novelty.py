"""Which topics are ``nieuw``: emerging issues none of the six themes names.

A topic is ``nieuw`` only when all of these hold:

- it is not about a theme: the theme model's evidence in its passages is weak on average
  (``NEW_MAX_THEME``; passages that plainly score a theme belong to that theme);
- its passages agree in their own words (``signature`` of ``nlp.topics.model`` at least
  ``NEW_MIN_SIGNATURE``): clusters of phrasing ("ik wil graag", dates, feelings) share no
  specific words;
- it covers a few complaints (``NEW_MIN_COMPLAINTS``, or 3% of them) but not most
  (``GENERAL_SHARE``: what most letters contain is how letters are written);
- the previous run did not already file it under a theme or ``algemeen``.

Near-identical candidates (sharing top words) are merged; at most ``MAX_NEW`` remain, strongest
signature first. Everything else is folded into the theme its passages score best, or
``algemeen``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from nlp.topics.model import Topic
from schemas.records import NEW_TOPIC, THEME_KEYS

GENERAL_TOPIC = "algemeen"
GENERAL_SHARE = 0.5
NEW_MAX_THEME = 0.2
NEW_MIN_SIGNATURE = 0.8
NEW_MIN_COMPLAINTS = 3
NEW_MIN_SHARE = 0.03
MAX_NEW = 5
THEME_MIN = 0.3  # mean evidence for a topic to be folded into a theme
_SAME_WORDS = 2  # candidates sharing this many of their top five words are one issue
_TOP = 5


@dataclass(frozen=True)
class Decision:
    theme: str  # theme key, "nieuw" or "algemeen"
    merged_into: int | None  # topic id of the nieuw topic this one joins


@dataclass(frozen=True)
class Previous:
    """A topic of the previous run: its words, where it was filed and since when."""

    words: list[str]
    theme: str
    first_seen: object | None


def same_issue(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(set(a[:_TOP]) & set(b[:_TOP])) >= _SAME_WORDS


def decide(
    topics: Sequence[Topic],
    evidence: np.ndarray,
    n_complaints: int,
    previous: Sequence[Previous] = (),
) -> dict[int, Decision]:
    """Decision per topic id. ``evidence`` is the theme evidence per unit (n_units, 6)."""
    out: dict[int, Decision] = {}
    candidates: list[Topic] = []
    min_complaints = max(NEW_MIN_COMPLAINTS, NEW_MIN_SHARE * n_complaints)
    for t in topics:
        own = evidence[t.units]
        share = len(t.docs) / max(n_complaints, 1)
        matches = [p.theme for p in previous if same_issue(t.words, p.words)]
        filed_before = bool(matches) and NEW_TOPIC not in matches
        if (
            share < GENERAL_SHARE
            and len(t.docs) >= min_complaints
            and float(own.max(axis=1).mean()) < NEW_MAX_THEME
            and t.signature >= NEW_MIN_SIGNATURE
            and not filed_before
        ):
            candidates.append(t)
            continue
        out[t.topic_id] = Decision(_fold(own, share), None)
    kept: list[Topic] = []
    for t in sorted(candidates, key=lambda t: (-t.signature, t.topic_id)):
        twin = next((k for k in kept if same_issue(k.words, t.words)), None)
        if twin is not None:
            out[t.topic_id] = Decision(NEW_TOPIC, twin.topic_id)
        elif len(kept) < MAX_NEW:
            kept.append(t)
            out[t.topic_id] = Decision(NEW_TOPIC, None)
        else:
            out[t.topic_id] = Decision(_fold(evidence[t.units], 0.0), None)
    return out


def _fold(own: np.ndarray, share: float) -> str:
    if share >= GENERAL_SHARE or not len(own):
        return GENERAL_TOPIC
    mean = own.mean(axis=0)
    return THEME_KEYS[int(mean.argmax())] if mean.max() >= THEME_MIN else GENERAL_TOPIC
