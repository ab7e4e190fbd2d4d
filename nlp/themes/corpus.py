"""The labelled corpus the base model is fitted on: the five styles in ``../shared/data`` (read
at run time, never copied into the repo), anonymised as the pipeline does, plus the project's own
labelled texts in ``nlp/themes/data`` (style ``own``: written for rodedraad, mostly near-domain
non-complaints for the complaint gate and short fragments on the themes' borders).

Own texts only ever train: every figure is measured on the shared styles, with the own texts in
the training part of each split (``cross_style_splits``, ``folds``)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

# Style name -> file under the data folder. Order is fixed: it decides document order, and so
# the folds.
STYLES: dict[str, str] = {
    "cases": "train/cases.jsonl",
    "notes": "train/notes.jsonl",
    "letters": "train/letters.jsonl",
    "dev_snippets": "dev_snippets.jsonl",
    "dev_letters": "dev_letters.jsonl",
}
OWN = "own"
OWN_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Corpus:
    texts: list[str]  # anonymised
    labels: list[list[str]]
    styles: list[str]
    sha256: str  # of the files' bytes, in STYLES order
    counts: dict[str, int]


def missing(data_dir: Path) -> list[str]:
    return [f for f in STYLES.values() if not (data_dir / f).is_file()]


def own_files(own_dir: Path = OWN_DIR) -> list[Path]:
    return sorted(own_dir.glob("*.jsonl"))


def read(data_dir: Path, anonymise: bool = True, own: bool = True) -> Corpus:
    """The shared styles in ``STYLES`` order, then (``own``) the own files in name order."""
    digest = hashlib.sha256()
    texts: list[str] = []
    labels: list[list[str]] = []
    styles: list[str] = []
    counts: dict[str, int] = {}
    sources = [(style, data_dir / name) for style, name in STYLES.items()]
    sources += [(OWN, path) for path in own_files()] if own else []
    for style, path in sources:
        raw = path.read_bytes()
        digest.update(raw)
        rows = [json.loads(x) for x in raw.decode("utf-8").splitlines() if x.strip()]
        texts += [r["text"] for r in rows]
        labels += [list(r["themes"]) for r in rows]
        styles += [style] * len(rows)
        counts[style] = counts.get(style, 0) + len(rows)
    if anonymise:
        from nlp.anonymise import Anonymiser
        from nlp.pipeline import load

        anonymiser = Anonymiser(load())
        texts = [a.text for _, a in anonymiser.pipe(texts)]
    return Corpus(texts, labels, styles, digest.hexdigest(), counts)


def cross_style_splits(styles: Sequence[str]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per shared style: (train = every other document, own texts included; test = that style)."""
    s = np.asarray(styles)
    return {
        st: (np.flatnonzero(s != st), np.flatnonzero(s == st)) for st in STYLES if (s == st).any()
    }


def folds(styles: Sequence[str], k: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """k-fold over the shared documents; the own texts join every training part."""
    s = np.asarray(styles)
    shared, own = np.flatnonzero(s != OWN), np.flatnonzero(s == OWN)
    out = []
    for train, test in KFold(min(k, len(shared)), shuffle=True, random_state=seed).split(shared):
        out.append((np.concatenate([shared[train], own]), shared[test]))
    return out


def scored(styles: Sequence[str]) -> np.ndarray:
    """Indices of the documents figures are computed on (the shared styles)."""
    return np.flatnonzero(np.asarray(styles) != OWN)
