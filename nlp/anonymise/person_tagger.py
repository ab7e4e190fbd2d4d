"""A small trained tagger that proposes person names, from evidence the rules weigh by hand.

Hand-written name rules fixed the letters they were written on and leaked again on the next
unseen set. This tagger is a logistic regression over hashed token features
(``person_features``), trained on our annotated letters and the development set's PERSOON
spans (``scripts/train_person_tagger.py``). Per candidate token it gives the probability that
the token is part of a person's name; neighbouring tokens above the threshold, with the
tussenvoegsels between or before them, form a span. Its spans go to the engine like any
recogniser's: the chain-organisation allow-list and the overlap resolution treat them as the
rules' spans (a tie with a place or organisation of the same length goes to the rule).

The fitted model ships as plain arrays (``data/person_tagger.npz``: bucket indices and
weights, no pickle) with a JSON card (``data/person_tagger.json``: threshold, feature version,
sizes and the SHA-256 of the training data). No word of the training text is stored: the
features are hashed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from nlp.anonymise.lexicons import INTERFIXES, Lexicons
from nlp.anonymise.person_features import (
    BUCKETS,
    FEATURE_VERSION,
    ROLES,
    WordInfo,
    bucket,
    capitalised_mid_sentence,
    neighbour_features,
    position_features,
    position_key,
    word_info,
)

DATA = Path(__file__).parent / "data"
WEIGHTS = DATA / "person_tagger.npz"
CARD = DATA / "person_tagger.json"
_OFFSETS = {"p2": -2, "p1": -1, "n1": 1, "n2": 2}
# Titles after which a lowercase tussenvoegsel belongs to the name ("mevrouw van Dam"); not
# kinship or school words ("opa van Ilja", "de juf van Sem").
_KIN = frozenset(["oma", "opa", "tante", "oom", "juf", "juffrouw", "meester", "dokter"])


@dataclass
class PersonTagger:
    weights: np.ndarray  # float32, one per hash bucket
    intercept: float
    threshold: float
    # Lowercase names are rarer than the lowercase training copies make them look.
    threshold_lowercase: float = 0.0
    card: dict = field(default_factory=dict)
    _info: dict[int, WordInfo] = field(default_factory=dict, repr=False)
    _own: dict[int, float] = field(default_factory=dict, repr=False)
    _nb: dict[tuple[str, int], float] = field(default_factory=dict, repr=False)
    _feat: dict[str, float] = field(default_factory=dict, repr=False)
    _pos: dict[tuple, float] = field(default_factory=dict, repr=False)

    # -- persistence ---------------------------------------------------------------------
    @classmethod
    def load(cls, weights: Path = WEIGHTS, card: Path = CARD) -> PersonTagger | None:
        """The shipped model, or None when it is missing or was fitted on other features."""
        try:
            meta = json.loads(card.read_text(encoding="utf-8"))
            with np.load(weights, allow_pickle=False) as saved:
                idx, val = saved["index"], saved["weight"]
        except (OSError, KeyError, ValueError):
            return None
        if meta.get("feature_version") != FEATURE_VERSION or meta.get("buckets") != BUCKETS:
            return None
        dense = np.zeros(BUCKETS, dtype=np.float32)
        dense[idx] = val
        return cls(
            dense,
            float(meta["intercept"]),
            float(meta["threshold"]),
            float(meta.get("threshold_lowercase", 0.0)),
            meta,
        )

    def save(self, weights: Path = WEIGHTS, card: Path = CARD) -> None:
        idx = np.flatnonzero(self.weights).astype(np.int32)
        np.savez_compressed(weights, index=idx, weight=self.weights[idx].astype(np.float32))
        meta = dict(self.card)
        meta.update(
            feature_version=FEATURE_VERSION,
            buckets=BUCKETS,
            intercept=self.intercept,
            threshold=self.threshold,
            threshold_lowercase=self.threshold_lowercase,
            nonzero_weights=int(idx.size),
        )
        card.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    # -- scoring -------------------------------------------------------------------------
    def _w(self, feature: str) -> float:
        w = self._feat.get(feature)
        if w is None:
            w = self._feat[feature] = float(self.weights[bucket(feature)])
        return w

    def infos(self, tokens: list[Token], lex: Lexicons) -> list[WordInfo]:
        cache = self._info
        if len(cache) > 200_000:
            cache.clear()
            self._own.clear()
            self._nb.clear()
        orths = [t.orth for t in tokens]
        missing = set(orths).difference(cache)
        if missing:  # a word's info depends on the word alone: each new word once
            strings = tokens[0].vocab.strings
            for orth in missing:
                cache[orth] = word_info(strings[orth], lex)
        return list(map(cache.__getitem__, orths))

    def probabilities(self, tokens: list[Token], text: str, lex: Lexicons) -> dict[int, float]:
        """Token index -> probability of being part of a name, for the candidate tokens."""
        infos = self.infos(tokens, lex)
        cap_mid = capitalised_mid_sentence(tokens, infos)
        n = len(tokens)
        out: dict[int, float] = {}
        for i in [i for i, info in enumerate(infos) if info.candidate]:
            info = infos[i]
            orth = tokens[i].orth
            z = self._own.get(orth)
            if z is None:
                z = self._own[orth] = sum(self._w(f) for f in info.own)
            z += self.intercept
            for role in ROLES:
                j = i + _OFFSETS[role]
                if 0 <= j < n:
                    key = (role, tokens[j].orth)
                    part = self._nb.get(key)
                    if part is None:
                        feats = neighbour_features(infos[j], role)
                        part = self._nb[key] = sum(self._w(f) for f in feats)
                    z += part
            key = position_key(tokens, infos, i, text, cap_mid)
            part = self._pos.get(key)
            if part is None:
                part = self._pos[key] = sum(self._w(f) for f in position_features(key))
            z += part
            out[i] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    def spans(self, tokens: list[Token], text: str, lex: Lexicons) -> list[tuple[int, int, float]]:
        """(start, end, mean probability) of each proposed name."""
        probs = self.probabilities(tokens, text, lex)
        hits = self._hits(tokens, probs)
        out: list[tuple[int, int, float]] = []
        k = 0
        while k < len(hits):
            first = last = hits[k]
            members = [hits[k]]
            k += 1
            while k < len(hits) and _joinable(tokens, last, hits[k]):
                last = hits[k]
                members.append(last)
                k += 1
            first = _interfixes_before(tokens, first, lex)
            start = tokens[first].idx
            end = tokens[last].idx + len(tokens[last])
            out.append((start, end, sum(probs[m] for m in members) / len(members)))
        return out

    def _hits(self, tokens: list[Token], probs: dict[int, float]) -> list[int]:
        """Tokens above the threshold. A lowercase word must clear the higher lowercase
        threshold to start a name, not to continue one ("anouk bos"); a word in capitals
        always ("P. JANSEN", not the acronym in "Daphne JBRA")."""
        low = max(self.threshold, self.threshold_lowercase)
        hits: list[int] = []
        for i in sorted(probs):
            p = probs[i]
            if p < self.threshold:
                continue
            if p < low:
                word = tokens[i].text
                if word.isupper() and "." not in word:
                    continue
                if not word[:1].isupper() and not (hits and _joinable(tokens, hits[-1], i)):
                    continue
            hits.append(i)
        return hits


def _joinable(tokens: list[Token], a: int, b: int) -> bool:
    """Tokens a < b belong to one name: adjacent on one line, or only tussenvoegsels or a
    hyphen between them ("Jan van der Berg", "Verbeek - Smit")."""
    for j in range(a, b):
        if "\n" in tokens[j].whitespace_:
            return False
        if a < j and not (tokens[j].lower_ in INTERFIXES or tokens[j].text in {"-", "–"}):
            return False
    return True


def _interfixes_before(tokens: list[Token], i: int, lex: Lexicons) -> int:
    """The tussenvoegsels before a name belong to it when capitalised ("Van der Hoek") or
    after a title ("mevrouw van Dam"), not after other words ("moeder van Sem")."""
    k = i
    while k > 0 and tokens[k - 1].lower_ in INTERFIXES and "\n" not in tokens[k - 1].whitespace_:
        k -= 1
    if k == i:
        return i
    if tokens[k].text[:1].isupper():
        return k
    if k > 0:
        before = tokens[k - 1].lower_.rstrip(".")
        if before in lex.titles and before not in _KIN:
            return k
    return i


def training_rows(tokens: list[Token], text: str, lex: Lexicons) -> list[tuple[int, list[str]]]:
    """(token index, features) of each candidate token: what ``probabilities`` scores."""
    from nlp.anonymise.person_features import word_info as info_of

    infos = [info_of(t.text, lex) for t in tokens]
    cap_mid = capitalised_mid_sentence(tokens, infos)
    n = len(tokens)
    rows = []
    for i, info in enumerate(infos):
        if not info.candidate:
            continue
        feats = list(info.own)
        for role in ROLES:
            j = i + _OFFSETS[role]
            if 0 <= j < n:
                feats += neighbour_features(infos[j], role)
        feats += position_features(position_key(tokens, infos, i, text, cap_mid))
        rows.append((i, feats))
    return rows


_LOADED: dict[str, PersonTagger | None] = {}


def current() -> PersonTagger | None:
    """The model the recogniser uses: the shipped one, unless ``use`` set another (the
    leave-one-folder-out evaluation trains one per held-out folder)."""
    if "model" not in _LOADED:
        _LOADED["model"] = PersonTagger.load()
    return _LOADED["model"]


def use(model: PersonTagger | None) -> None:
    _LOADED["model"] = model
