"""Sentence embeddings kept between topic runs, so a re-run embeds only sentences it has not seen.

The sentence encoder is most of a topic run's cost, and each run re-reads every checked
complaint. The cache is one ``.npz`` file per encoder (name and version in the file name, so a
new encoder never reads another's vectors) in the user's data folder, not in the warehouse: the
published snapshot should not carry 2 kB per sentence. A row is keyed by the SHA-256 of an
anonymised sentence; no text is stored. After a run only the sentences of that run are kept: a
complaint removed from the warehouse (retention) leaves nothing behind in the cache either.

Vectors are stored as the float32 bytes the encoder returned, so a re-run reads exactly what the
first run computed: the same input gives the same topics.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from nlp.embeddings import Encoder

log = logging.getLogger(__name__)


def key(sentence: str) -> bytes:
    return hashlib.sha256(sentence.encode("utf-8")).digest()


def cache_file(folder: Path, encoder: Encoder) -> Path:
    return folder / f"zinsvectoren-{re.sub(r'[^A-Za-z0-9.]+', '_', encoder.name)}.npz"


def _read(path: Path, dim: int) -> dict[bytes, np.ndarray]:
    try:
        with np.load(path, allow_pickle=False) as z:
            keys, vectors = z["keys"], z["vectors"]
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:  # damaged
        log.warning("embeddingcache onleesbaar (%s); wordt opnieuw opgebouwd", type(exc).__name__)
        return {}
    if vectors.ndim != 2 or vectors.shape[1] != dim or len(keys) != len(vectors):
        return {}
    return {bytes(k): v for k, v in zip(keys, vectors, strict=True)}


def _write(path: Path, keys: list[bytes], vectors: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 32)
    np.savez(tmp, keys=array, vectors=vectors)
    os.replace(tmp, path)


def encode_cached(encoder: Encoder, sentences: Sequence[str], folder: Path | None) -> np.ndarray:
    """Vectors of distinct ``sentences`` (n, dim): from the cache in ``folder`` where present,
    the rest from the encoder. The cache is then rewritten with exactly these sentences (a
    removed complaint leaves nothing behind). Without a folder everything is encoded."""
    if folder is None or not sentences:
        return encoder.encode(list(sentences))
    path = cache_file(folder, encoder)
    known = _read(path, encoder.dim)
    keys = [key(s) for s in sentences]
    out = np.zeros((len(sentences), encoder.dim), dtype=np.float32)
    missing = []
    for i, k in enumerate(keys):
        v = known.get(k)
        if v is None:
            missing.append(i)
        else:
            out[i] = v
    if missing:
        out[missing] = encoder.encode([sentences[i] for i in missing])
    log.info("zinsembeddings: %d uit de cache, %d berekend", len(keys) - len(missing), len(missing))
    if missing or len(known) != len(keys):
        try:
            _write(path, keys, out)
        except OSError as exc:
            log.warning("embeddingcache niet bij te werken (%s)", type(exc).__name__)
    return out
