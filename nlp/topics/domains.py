"""Life domains (``domains.toml``): the concrete things an emerging issue is about.

An issue that none of the six themes names is nearly always about something concrete in a child's
life, and letters name it in many words ("hond", "onze kat", "de konijnen"; "hockeyclub",
"zwemles"). Sentence embeddings and shared words both miss that these letters are about one
thing; a lexicon of domains does not. A domain is a candidate ``nieuw`` topic when far more
passages of this run mention it than passages of ordinary complaints do (``background.json``,
fitted by ``scripts/fit_topic_background.py`` on whole letters): a spike, not a presence.
School, family and health come up in many complaints; only an unusual share of them counts.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from nlp.topics.units import Unit

log = logging.getLogger(__name__)

LEXICON = Path(__file__).with_name("domains.toml")
BACKGROUND = Path(__file__).with_name("background.json")

MIN_RATIO = 2.5  # a domain's passage share must be at least this many times its usual share
MAX_P = 1e-3  # and unlikely by chance (binomial upper tail at the usual share)
MIN_COMPLAINTS = 4  # complaints that mention it, at least (and NEW_MIN_SHARE of them)
# A weaker rise counts when the partitions agree: some cluster of a partition holds
# much the same complaints (``confirmed``): an issue about something ordinary letters mention
# now and then (housing, addresses, family) can rise only twofold.
WEAK_RATIO = 2.0
WEAK_P = 1e-2
WEAK_MIN_COMPLAINTS = 8
AGREE_JACCARD = 0.45  # complaints of the domain and of the cluster: intersection over union


@dataclass(frozen=True)
class Domain:
    key: str
    label: str  # short Dutch name a manager reads ("Huisdieren")
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    heads: tuple[str, ...]
    bigrams: frozenset[str]

    def mentioned(self, lemmas: Iterable[str], bigrams: Iterable[str] = ()) -> bool:
        for lemma in lemmas:
            if lemma in self.exact or lemma.startswith(self.prefixes):
                return True
            if any(lemma.endswith(h) and len(lemma) > len(h) for h in self.heads):
                return True
        return bool(self.bigrams) and any(b in self.bigrams for b in bigrams)


@dataclass(frozen=True)
class Candidate:
    """A domain mentioned unusually often in this run."""

    domain: Domain
    units: tuple[int, ...]  # passages that mention it
    docs: frozenset[int]  # complaints with such a passage
    ratio: float  # passage share over the usual share
    p_value: float
    weak: bool = False  # a rise below MIN_RATIO / MAX_P, kept only when ``confirmed``


def _compile(key: str, entry: dict) -> Domain:
    exact, prefixes, heads, bigrams = set(), [], [], set()
    for word in entry["words"]:
        if " " in word:
            bigrams.add(word)
        elif word.endswith("*"):
            prefixes.append(word[:-1])
        elif word.startswith("*"):
            heads.append(word[1:])
        else:
            exact.add(word)
    return Domain(
        key, entry["label"], frozenset(exact), tuple(prefixes), tuple(heads), frozenset(bigrams)
    )


@functools.cache
def domains(path: Path = LEXICON) -> tuple[Domain, ...]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(_compile(key, entry) for key, entry in raw.items())


def lexicon_hash(path: Path = LEXICON) -> str:
    """Fingerprint of the lexicon: the background must be refitted when it changes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def domain_first(words: Sequence[str], domain: Domain) -> list[str]:
    """Topic words with the domain's own words first ("hond, kat" before "oppakken"), so a
    domain topic's label names its subject; otherwise in their order."""
    own = [w for w in words if domain.mentioned(w.split(), [w])]
    return own + [w for w in words if w not in own]


def mentions(unit: Unit, lexicon: Sequence[Domain]) -> list[str]:
    """Keys of the domains a passage mentions."""
    return [d.key for d in lexicon if d.mentioned(unit.lemmas, unit.bigrams)]


@dataclass(frozen=True)
class Background:
    """How often passages of ordinary complaints mention each domain, in all and per source (a
    corpus file), so an evaluation can leave out the letters it scores."""

    n_passages: int
    counts: dict[str, int]
    sources: dict[str, tuple[int, dict[str, int]]] = field(default_factory=dict)

    def share(self, key: str) -> float:
        """Smoothed share (add-one), so that a domain never seen is rare, not impossible."""
        return (self.counts.get(key, 0) + 1) / (self.n_passages + 2)

    def without(self, source: str) -> Background:
        """The background without one source's passages (unchanged when it is not one)."""
        if source not in self.sources:
            return self
        n, counts = self.sources[source]
        rest = {k: v - counts.get(k, 0) for k, v in self.counts.items()}
        others = {k: v for k, v in self.sources.items() if k != source}
        return Background(self.n_passages - n, rest, others)


def fit_background(sources: dict[str, Sequence[Unit]], lexicon: Sequence[Domain]) -> dict:
    """The JSON ``background.json`` holds: passage counts per domain, in all and per source (no
    text)."""
    per: dict[str, dict] = {}
    for name, passages in sources.items():
        counts = {d.key: 0 for d in lexicon}
        for u in passages:
            for key in mentions(u, lexicon):
                counts[key] += 1
        per[name] = {"n_passages": len(passages), "counts": counts}
    total = {d.key: sum(p["counts"][d.key] for p in per.values()) for d in lexicon}
    return {
        "lexicon": lexicon_hash(),
        "n_passages": sum(p["n_passages"] for p in per.values()),
        "counts": total,
        "sources": per,
    }


@functools.cache
def background(path: Path = BACKGROUND) -> Background | None:
    """The shipped background, or None (logged) when missing or fitted on another lexicon."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("geen achtergrond voor leefdomeinen; nieuwe onderwerpen zonder domeinen")
        return None
    if raw.get("lexicon") != lexicon_hash():
        log.warning("achtergrond voor leefdomeinen hoort bij een andere lijst; niet gebruikt")
        return None
    sources = {
        name: (int(p["n_passages"]), {k: int(v) for k, v in p["counts"].items()})
        for name, p in raw.get("sources", {}).items()
    }
    return Background(
        int(raw["n_passages"]), {k: int(v) for k, v in raw["counts"].items()}, sources
    )


def emerging(
    passages: Sequence[Unit],
    n_complaints: int,
    usual: Background,
    lexicon: Sequence[Domain] | None = None,
    min_share: float = 0.03,
) -> list[Candidate]:
    """Domains this run mentions far more often than ordinary complaints do, strongest first."""
    from scipy.stats import binom

    lexicon = domains() if lexicon is None else lexicon
    found: dict[str, list[int]] = {d.key: [] for d in lexicon}
    for i, u in enumerate(passages):
        for key in mentions(u, lexicon):
            found[key].append(i)
    n = len(passages)
    out = []
    for d in lexicon:
        idx = found[d.key]
        docs = frozenset(passages[i].doc for i in idx)
        if not n or len(docs) < max(MIN_COMPLAINTS, min_share * n_complaints):
            continue
        p0 = usual.share(d.key)
        ratio = len(idx) / n / p0
        p_value = float(binom.sf(len(idx) - 1, n, p0))
        if ratio >= MIN_RATIO and p_value < MAX_P:
            out.append(Candidate(d, tuple(idx), docs, ratio, p_value))
        elif ratio >= WEAK_RATIO and p_value < WEAK_P and len(docs) >= WEAK_MIN_COMPLAINTS:
            out.append(Candidate(d, tuple(idx), docs, ratio, p_value, weak=True))
    return sorted(out, key=lambda c: (c.weak, c.p_value, -c.ratio, c.domain.key))


def confirmed(
    candidates: Sequence[Candidate], partitions: Sequence[np.ndarray], passages: Sequence[Unit]
) -> list[Candidate]:
    """The strong candidates, and each weak one whose complaints a cluster of some partition
    (sentence embeddings with the passages' words, ``model.partitions``) also holds together
    (AGREE_JACCARD): what the passages say as a whole groups the letters the domain's words
    point at."""
    unit_docs = np.array([u.doc for u in passages])
    out = []
    for c in candidates:
        if c.weak:
            best = 0.0
            for labels in partitions:
                for cluster in np.unique(labels[list(c.units)]):
                    docs = set(unit_docs[labels == cluster].tolist())
                    best = max(best, len(docs & c.docs) / len(docs | c.docs))
            if best < AGREE_JACCARD:
                continue
        out.append(c)
    return out
