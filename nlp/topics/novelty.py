"""Which topics are ``nieuw``: emerging issues none of the six themes names.

A topic is ``nieuw`` only when all of these hold:

- it is not about a theme: the theme model's evidence in its passages is weak on average
  (``NEW_MAX_THEME``; passages that plainly score a theme belong to that theme);
- its passages agree in their own words (``signature`` of ``nlp.topics.model`` at least
  ``NEW_MIN_SIGNATURE``): clusters of phrasing ("ik wil graag", dates, feelings) share no
  specific words;
- it covers a few complaints (``NEW_MIN_COMPLAINTS``, or 3% of them) but not most
  (``GENERAL_SHARE``: what most letters contain is how letters are written);
- its passages are not mostly the opening passage of their letters (``MAX_OPENING``): that is
  where a letter introduces the family and the measure ("sinds vorig jaar staat mijn zoon onder
  toezicht"), which letters share in their own words without it being an issue;
- the previous run did not already file it under a theme or ``algemeen``.

Near-identical candidates (sharing top words) are merged, and a cluster whose centre is very
close to a ``nieuw`` topic's joins it; at most ``MAX_NEW`` remain, strongest
signature first. Everything else is folded into the theme its passages score best, or
``algemeen``.

Life domains (``nlp.topics.domains``) come first: the passages of a domain mentioned far more
often than in ordinary complaints ("Huisdieren", "Sport, club en vrije tijd") become a cluster
of their own (``with_domains``) and a ``nieuw`` topic named after the domain, unless most
complaints mention it or the previous run filed it under a theme. They find what shares no word
("hockeyclub", "zwemles", "judo") and what the themes half explain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from nlp.topics.domains import Candidate, Domain
from nlp.topics.model import Topic, lemma_docs, signature
from nlp.topics.units import Unit
from schemas.records import NEW_TOPIC, THEME_KEYS

GENERAL_TOPIC = "algemeen"
GENERAL_SHARE = 0.5
NEW_MAX_THEME = 0.25
NEW_MIN_SIGNATURE = 0.8
NEW_MIN_COMPLAINTS = 3
NEW_MIN_SHARE = 0.03
MAX_NEW = 5
MAX_OPENING = 0.5  # share of a candidate's passages (in letters of 2+ passages) that open them
THEME_MIN = 0.3  # mean evidence for a topic to be folded into a theme
MIN_AGREEING = 2  # a candidate must come back in this many of the partitions
_SAME_DOCS = 0.5  # candidates of two partitions whose complaints overlap this much are one
_SAME_CENTRE = 0.55  # a cluster this close (centred centroid cosine) to a nieuw topic joins it
_SAME_WORDS = 2  # candidates sharing this many of their top five words are one issue
_TOP = 5


@dataclass(frozen=True)
class Decision:
    theme: str  # theme key, "nieuw" or "algemeen"
    merged_into: int | None  # topic id of the nieuw topic this one joins
    domain: str | None = None  # the life domain's label when the topic is one


@dataclass(frozen=True)
class Previous:
    """A topic of the previous run: its words, where it was filed and since when."""

    words: list[str]
    theme: str
    first_seen: object | None


def same_issue(a: Sequence[str], b: Sequence[str]) -> bool:
    return len(set(a[:_TOP]) & set(b[:_TOP])) >= _SAME_WORDS


def _passes(
    n_docs: int, n_complaints: int, theme_evidence: float, sig: float, opening: float
) -> bool:
    share = n_docs / max(n_complaints, 1)
    return (
        share < GENERAL_SHARE
        and n_docs >= max(NEW_MIN_COMPLAINTS, NEW_MIN_SHARE * n_complaints)
        and theme_evidence < NEW_MAX_THEME
        and sig >= NEW_MIN_SIGNATURE
        and opening <= MAX_OPENING
    )


def opening_share(units: Sequence[Unit], members: Sequence[int]) -> float:
    """Share of ``members`` that are the first passage of a letter with two or more passages
    (a one-passage letter says nothing about position)."""
    first: dict[int, int] = {}
    count: dict[int, int] = {}
    for i, u in enumerate(units):
        first.setdefault(u.doc, i)
        count[u.doc] = count.get(u.doc, 0) + 1
    placed = [i for i in members if count[units[i].doc] > 1]
    return sum(first[units[i].doc] == i for i in placed) / len(placed) if placed else 0.0


def consensus(
    partitions: Sequence[np.ndarray],
    units: Sequence[Unit],
    evidence: np.ndarray,
    n_complaints: int,
) -> tuple[np.ndarray, set[int]]:
    """The main partition (the first), with each stable new-issue candidate made a cluster of
    its own (their ids are returned too): a cluster of any partition that passes the ``nieuw``
    tests, found again (same complaints) in at least MIN_AGREEING partitions. The version with
    the strongest signature is kept. Unstable candidates, found in one partition only, are left
    out."""
    docs_of = lemma_docs(units)
    unit_docs = np.array([u.doc for u in units])
    strength = evidence.max(axis=1)
    found: list[tuple[float, int, frozenset[int], np.ndarray]] = []  # sig, partition, docs, units
    for p, labels in enumerate(partitions):
        for c in np.unique(labels):
            idx = np.flatnonzero(labels == c)
            docs = frozenset(unit_docs[idx].tolist())
            if len(docs) < NEW_MIN_COMPLAINTS or float(strength[idx].mean()) >= NEW_MAX_THEME:
                continue
            sig = signature(units, idx.tolist(), docs_of)
            opening = opening_share(units, idx.tolist())
            if _passes(len(docs), n_complaints, float(strength[idx].mean()), sig, opening):
                found.append((sig, p, docs, idx))
    found.sort(key=lambda f: (-f[0], f[1], min(f[2])))
    groups: list[list[tuple[float, int, frozenset[int], np.ndarray]]] = []
    for f in found:
        for g in groups:
            head = g[0][2]
            if len(head & f[2]) / len(head | f[2]) >= _SAME_DOCS:
                g.append(f)
                break
        else:
            groups.append([f])
    labels = np.array(partitions[0], copy=True)
    next_id = int(labels.max()) + 1
    taken = np.zeros(len(units), dtype=bool)
    carved: list[int] = []
    for g in groups:
        if len({f[1] for f in g}) < MIN_AGREEING:
            continue
        idx = g[0][3][~taken[g[0][3]]]
        if len(idx):
            labels[idx] = next_id
            taken[idx] = True
            carved.append(next_id)
            next_id += 1
    ids, dense = np.unique(labels, return_inverse=True)  # ids 0..n-1 in order of first id
    renumber = {int(old): new for new, old in enumerate(ids.tolist())}
    return dense, {renumber[c] for c in carved}


def with_domains(
    labels: np.ndarray, candidates: Sequence[Candidate], found: Iterable[int] = ()
) -> tuple[np.ndarray, dict[int, Domain]]:
    """``labels`` with the passages of each emerging domain made a cluster of their own (the
    strongest domain first; a passage stays with the first domain that takes it), renumbered
    0..n-1, and the domain per cluster id. A domain whose passages lie mostly in one of the
    clusters ``found`` by their own words (``consensus``) is left out: the issue is already
    there, and a domain that names only part of it ("account" in letters about a parents'
    portal) would split it. That cluster is then named by the domain, so ``decide`` judges it as
    the domain's issue: the rise of the domain is the evidence that it is new, whatever share of
    theme evidence its passages carry."""
    labels = np.array(labels, copy=True)
    next_id = int(labels.max()) + 1 if len(labels) else 0
    taken = np.zeros(len(labels), dtype=bool)
    named: dict[int, Domain] = {}
    found = set(found)
    for c in candidates:
        inside = Counter(int(labels[i]) for i in c.units if int(labels[i]) in found)
        if inside and max(inside.values()) >= _SAME_DOCS * len(c.units):
            cluster = max(sorted(inside), key=inside.__getitem__)
            named.setdefault(cluster, c.domain)  # the cluster is that domain's issue
            continue
        idx = np.array([i for i in c.units if not taken[i]], dtype=int)
        if len(idx):
            labels[idx] = next_id
            taken[idx] = True
            named[next_id] = c.domain
            next_id += 1
    ids, dense = np.unique(labels, return_inverse=True)
    renumber = {int(old): new for new, old in enumerate(ids.tolist())}
    return dense, {renumber[old]: name for old, name in named.items()}


def decide(
    topics: Sequence[Topic],
    evidence: np.ndarray,
    n_complaints: int,
    previous: Sequence[Previous] = (),
    vectors: np.ndarray | None = None,
    units: Sequence[Unit] = (),
    domains: dict[int, Domain] | None = None,
) -> dict[int, Decision]:
    """Decision per topic id. ``evidence`` is the theme evidence per unit (n_units, 6);
    ``vectors`` (unit embeddings) let a near-identical cluster join a nieuw topic (one issue
    whose letters fell into two clusters); ``units`` give the passages' positions; ``domains``
    names the clusters that are an emerging life domain (``with_domains``)."""
    domains = domains or {}
    out: dict[int, Decision] = {}
    candidates: list[Topic] = []
    for t in topics:
        own = evidence[t.units]
        share = len(t.docs) / max(n_complaints, 1)
        matches = [p.theme for p in previous if same_issue(t.words, p.words)]
        filed_before = bool(matches) and NEW_TOPIC not in matches
        strength = float(own.max(axis=1).mean())
        opening = opening_share(units, t.units) if units else 0.0
        if t.topic_id in domains:  # an emerging domain: enough complaints, not most of them
            passes = share < GENERAL_SHARE and len(t.docs) >= max(
                NEW_MIN_COMPLAINTS, NEW_MIN_SHARE * n_complaints
            )
        else:
            passes = _passes(len(t.docs), n_complaints, strength, t.signature, opening)
        if passes and not filed_before:
            candidates.append(t)
            continue
        out[t.topic_id] = Decision(_fold(own, share), None)
    kept: list[Topic] = []
    first = sorted((t for t in candidates if t.topic_id in domains), key=lambda t: t.topic_id)
    rest = sorted(
        (t for t in candidates if t.topic_id not in domains),
        key=lambda t: (-t.signature, t.topic_id),
    )
    for t in first + rest:
        twin = next((k for k in kept if same_issue(k.words, t.words)), None)
        if twin is not None:
            out[t.topic_id] = Decision(NEW_TOPIC, twin.topic_id)
        elif len(kept) < MAX_NEW:
            kept.append(t)
            named = domains.get(t.topic_id)
            out[t.topic_id] = Decision(NEW_TOPIC, None, named.label if named else None)
        else:
            out[t.topic_id] = Decision(_fold(evidence[t.units], 0.0), None)
    if vectors is not None and kept:
        centred = vectors - vectors.mean(axis=0)

        def centre(t: Topic) -> np.ndarray:
            c = centred[t.units].mean(axis=0)
            return c / max(float(np.linalg.norm(c)), 1e-12)

        heads = [(k.topic_id, centre(k)) for k in kept]
        for t in topics:
            d = out[t.topic_id]
            if d.theme == NEW_TOPIC or len(t.docs) / max(n_complaints, 1) >= GENERAL_SHARE:
                continue
            if units and opening_share(units, t.units) > MAX_OPENING:  # a case's setting
                continue
            c = centre(t)
            best = max(heads, key=lambda h: float(h[1] @ c))
            if float(best[1] @ c) >= _SAME_CENTRE:
                out[t.topic_id] = Decision(NEW_TOPIC, best[0])
    return out


def _fold(own: np.ndarray, share: float) -> str:
    if share >= GENERAL_SHARE or not len(own):
        return GENERAL_TOPIC
    mean = own.mean(axis=0)
    return THEME_KEYS[int(mean.argmax())] if mean.max() >= THEME_MIN else GENERAL_TOPIC
