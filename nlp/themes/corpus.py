"""The labelled corpus in ``../shared/data`` (read at run time, never copied into the repo):
the five styles the base model is fitted and evaluated on, anonymised as the pipeline does."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

# Style name -> file under the data folder. Order is fixed: it decides document order, and so
# the folds.
STYLES: dict[str, str] = {
    "cases": "train/cases.jsonl",
    "notes": "train/notes.jsonl",
    "letters": "train/letters.jsonl",
    "dev_snippets": "dev_snippets.jsonl",
    "dev_letters": "dev_letters.jsonl",
}


@dataclass(frozen=True)
class Corpus:
    texts: list[str]  # anonymised
    labels: list[list[str]]
    styles: list[str]
    sha256: str  # of the files' bytes, in STYLES order
    counts: dict[str, int]


def missing(data_dir: Path) -> list[str]:
    return [f for f in STYLES.values() if not (data_dir / f).is_file()]


def read(data_dir: Path, anonymise: bool = True) -> Corpus:
    digest = hashlib.sha256()
    texts: list[str] = []
    labels: list[list[str]] = []
    styles: list[str] = []
    counts: dict[str, int] = {}
    for style, name in STYLES.items():
        raw = (data_dir / name).read_bytes()
        digest.update(raw)
        rows = [json.loads(x) for x in raw.decode("utf-8").splitlines() if x.strip()]
        texts += [r["text"] for r in rows]
        labels += [list(r["themes"]) for r in rows]
        styles += [style] * len(rows)
        counts[style] = len(rows)
    if anonymise:
        from nlp.anonymise import Anonymiser
        from nlp.pipeline import load

        anonymiser = Anonymiser(load())
        texts = [a.text for _, a in anonymiser.pipe(texts)]
    return Corpus(texts, labels, styles, digest.hexdigest(), counts)
