"""How much a word looks like a person's name, from its letters alone.

The name lists cannot hold every name ("Oliwia", "Faadumo", "Chukwuemeka"). A character
n-gram classifier (logistic regression by scikit-learn's SGD over hashed 2- to 5-grams of the
word), trained on the first-name and surname lists (positives) against ordinary Dutch and
English words (negatives), scores an unknown word; the name recogniser asks it only about
words in name-like positions that are no Dutch word.

Training takes a few seconds; its weights (plain arrays, no pickle) are kept in the user's
cache directory, so it runs once per machine and list version. Scoring needs no scikit-learn:
the hashed n-grams index the weight array directly. Scores are cached per word.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import random
import zlib
from pathlib import Path

import numpy as np

from nlp.anonymise.lexicons import Lexicons, fold

# Above this probability an unknown word in a name-like position is taken as a name.
THRESHOLD = 0.8
# After a title, role or introduction a name is expected: a word need only lean towards one.
CUED_THRESHOLD = 0.5
_VERSION = "2"  # change when the features or the training change
_SAMPLE = 40_000  # per class: enough for stable n-gram weights, quick to train
_BUCKETS = 2**20
# On 2,000 held-out list names and 2,000 held-out words: about 76 % of names and 3 % of words
# score above THRESHOLD; the recogniser only asks about words outside the vocabulary, in
# name-like positions, so the false share in use is far lower.


def _key(word: str) -> str:
    word = word.lower()
    return word if word.isascii() else fold(word)


def _indices(word: str) -> list[int]:
    """Hashed character 2- to 5-grams of the word with a space on either side."""
    padded = f" {word} "
    return [
        zlib.crc32(padded[i : i + n].encode()) & (_BUCKETS - 1)
        for n in range(2, 6)
        for i in range(len(padded) - n + 1)
    ]


@functools.cache
def english_word(word: str) -> bool:
    """A frequent English word that is clearly more English than Dutch ("son", "meeting",
    "hope"): mails mix in English. Names frequent in both languages ("jay", "ingrid") are no
    English words here."""
    try:
        from wordfreq import zipf_frequency
    except ModuleNotFoundError:
        return False
    low = word.lower()
    english = zipf_frequency(low, "en")
    return english >= 4.0 and english >= zipf_frequency(low, "nl") + 0.5


def _english_list() -> list[str]:
    try:
        from wordfreq import top_n_list
    except ModuleNotFoundError:
        return []
    return top_n_list("en", 30_000)


class NameLikeness:
    """``score(word)``: probability that a word is a name, from its character n-grams."""

    def __init__(self, lex: Lexicons, cache_dir: Path | None = None) -> None:
        self._cache: dict[str, float] = {}
        self.ready = bool(lex.first_names) and bool(lex.vocabulary)
        if not self.ready:
            return
        english = _english_list()
        # The weights depend only on the lists: their sizes and the version name the file.
        fingerprint = f"{_VERSION} {len(_first_names(lex))} {len(lex.surnames)}"
        fingerprint += f" {len(_vocabulary(lex))} {len(english)}"
        digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
        path = (cache_dir or _cache_dir()) / f"namelike-{digest}.npz"
        try:
            with np.load(path, allow_pickle=False) as saved:
                self._coef, self._intercept = saved["coef"], float(saved["intercept"])
            return
        except (OSError, KeyError, ValueError):
            pass
        self._coef, self._intercept = _train(lex, english)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
            np.savez_compressed(tmp, coef=self._coef, intercept=self._intercept)
            tmp.replace(path)
        except OSError:
            pass  # a read-only cache: train again next time

    def score(self, word: str) -> float:
        key = _key(word)
        if key not in self._cache:
            if not self.ready:
                self._cache[key] = 0.0
            else:
                z = float(self._coef[_indices(key)].sum()) + self._intercept
                self._cache[key] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return self._cache[key]

    def is_name(self, word: str) -> bool:
        return self.score(word) >= THRESHOLD


def _first_names(lex: Lexicons) -> frozenset[str]:
    """The deduce first names: our own additions stay out of training (a model that moves
    with every list edit would move every score)."""
    return frozenset(lex.first_names) - lex.own_first_names


def _vocabulary(lex: Lexicons) -> frozenset[str]:
    return lex.vocabulary | lex.own_not_words


def _train(lex: Lexicons, english: list[str]) -> tuple[np.ndarray, float]:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import SGDClassifier

    names = {_key(w) for w in (*_first_names(lex), *lex.surnames) if w.isalpha()}
    words = {_key(w) for w in (*_vocabulary(lex), *english) if w.isalpha()}
    rng = random.Random(12)
    positives = sorted(names - words)
    negatives = sorted(w for w in words - names if len(w) >= 3)
    positives = rng.sample(positives, min(_SAMPLE, len(positives)))
    negatives = rng.sample(negatives, min(_SAMPLE, len(negatives)))
    rows, cols = [], []
    for r, word in enumerate(positives + negatives):
        idx = _indices(word)
        rows.extend([r] * len(idx))
        cols.extend(idx)
    n = len(positives) + len(negatives)
    x = csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(n, _BUCKETS))
    y = [1] * len(positives) + [0] * len(negatives)
    model = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=20, tol=None, random_state=12)
    model.fit(x, y)  # duplicate (row, col) pairs are summed: n-gram counts
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rodedraad"


_LOADED: dict[int, NameLikeness] = {}


def load(lex: Lexicons) -> NameLikeness:
    """One model per lexicon set (the lexicons are loaded once per process)."""
    if id(lex) not in _LOADED:
        _LOADED[id(lex)] = NameLikeness(lex)
    return _LOADED[id(lex)]
