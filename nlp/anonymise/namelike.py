"""How much a word looks like a person's name, from its letters alone.

The name lists cannot hold every name ("Oliwia", "Faadumo", "Chukwuemeka"). A character
n-gram classifier, trained at first use on the first-name and surname lists (positives) against
ordinary Dutch and English words (negatives), scores an unknown word; the name recogniser asks
it only about words in name-like positions that are no Dutch word. Training (logistic
regression by SGD) takes a few seconds; its weights are kept in the user's cache directory,
so it is done once per machine and list version. Scores are cached per word.
"""

from __future__ import annotations

import functools
import hashlib
import math
import os
import random
from pathlib import Path

import numpy as np

from nlp.anonymise.lexicons import Lexicons, fold

# Above this probability an unknown word in a name-like position is taken as a name.
THRESHOLD = 0.8
# After a title, role or introduction a name is expected: a word need only lean towards one.
CUED_THRESHOLD = 0.5
_VERSION = "1"  # change when the features or the training change
_SAMPLE = 40_000  # per class: enough for stable n-gram weights, quick to train
# On 2,000 held-out list names and 2,000 held-out words: 76 % of names and 3 % of words score
# above THRESHOLD; the recogniser only asks about words outside the vocabulary, in name-like
# positions, so the false share in use is far lower.


def _features():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), n_features=2**20, alternate_sign=False, norm=None
    )


@functools.cache
def _english_words() -> frozenset[str]:
    try:
        from wordfreq import top_n_list
    except ModuleNotFoundError:
        return frozenset()
    return frozenset(top_n_list("en", 30_000))


def _key(word: str) -> str:
    return word if word.isascii() else fold(word)


class NameLikeness:
    """``score(word)``: probability that a word is a name, from its character n-grams."""

    def __init__(self, lex: Lexicons, cache_dir: Path | None = None) -> None:
        self._vec = _features()
        self._cache: dict[str, float] = {}
        names = {_key(w) for w in (*lex.first_names, *lex.surnames) if w.isalpha()}
        words = {_key(w) for w in (*lex.vocabulary, *_english_words()) if w.isalpha()}
        positives = sorted(names - words)
        negatives = sorted(w for w in words - names if len(w) >= 3)
        self.ready = bool(positives and negatives)
        if not self.ready:
            return
        # The trained weights depend only on the lists: kept on disk (plain arrays, no
        # pickle) so a process after the first one does not train again.
        fingerprint = [_VERSION, str(len(positives)), str(len(negatives))]
        fingerprint += positives[::500] + negatives[::5000]  # list versions differ here
        digest = hashlib.sha256("\n".join(fingerprint).encode())
        path = (cache_dir or _cache_dir()) / f"namelike-{digest.hexdigest()[:16]}.npz"
        try:
            with np.load(path, allow_pickle=False) as saved:
                self._coef, self._intercept = saved["coef"], float(saved["intercept"])
            return
        except (OSError, KeyError, ValueError):
            pass
        self._coef, self._intercept = self._train(positives, negatives)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp.npz")
            np.savez_compressed(tmp, coef=self._coef, intercept=self._intercept)
            tmp.replace(path)
        except OSError:
            pass  # a read-only home: train again next time

    def _train(self, positives: list[str], negatives: list[str]) -> tuple[np.ndarray, float]:
        from sklearn.linear_model import SGDClassifier

        rng = random.Random(12)
        positives = rng.sample(positives, min(_SAMPLE, len(positives)))
        negatives = rng.sample(negatives, min(_SAMPLE, len(negatives)))
        x = self._vec.transform(positives + negatives)
        y = [1] * len(positives) + [0] * len(negatives)
        model = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=20, tol=None, random_state=12)
        model.fit(x, y)
        return model.coef_[0].astype(np.float32), float(model.intercept_[0])

    def score(self, word: str) -> float:
        key = _key(word.lower())
        if key not in self._cache:
            if not self.ready:
                self._cache[key] = 0.0
            else:
                z = float((self._vec.transform([key]) @ self._coef)[0]) + self._intercept
                self._cache[key] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        return self._cache[key]

    def is_name(self, word: str) -> bool:
        return self.score(word) >= THRESHOLD


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rodedraad"


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


_LOADED: dict[int, NameLikeness] = {}


def load(lex: Lexicons) -> NameLikeness:
    """One trained model per lexicon set (the lexicons are loaded once per process)."""
    if id(lex) not in _LOADED:
        _LOADED[id(lex)] = NameLikeness(lex)
    return _LOADED[id(lex)]
