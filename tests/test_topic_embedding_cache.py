"""Sentence vectors kept between topic runs (issue 17, speed): a re-run embeds only sentences it
has not seen, reads back exactly what was computed, keeps no text and no removed sentences."""

from __future__ import annotations

import hashlib

import numpy as np

from nlp.embeddings import Encoder
from nlp.topics.embedding_cache import cache_file, encode_cached


class _Counting:
    """A deterministic fake encoder that records which texts it was asked to embed."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        rows = [
            np.frombuffer(hashlib.sha256(t.encode()).digest() * 2, dtype=np.uint8)[:16]
            for t in texts
        ]
        return np.asarray(rows, dtype=np.float32) + 1.0


def _encoder(name: str = "fake-1.0") -> tuple[Encoder, _Counting]:
    backend = _Counting()
    return Encoder(name, 16, backend), backend


_FIRST = ["Het leerlingenvervoer komt te laat.", "De voogd belt niet terug.", "Derde zin."]


def test_a_rerun_embeds_only_new_sentences_and_reads_the_same_bits(tmp_path):
    enc, backend = _encoder()
    first = encode_cached(enc, _FIRST, tmp_path)
    assert backend.seen == _FIRST
    assert np.array_equal(first, enc.encode(_FIRST))
    backend.seen.clear()
    second = encode_cached(enc, [*_FIRST, "Een nieuwe zin."], tmp_path)
    assert backend.seen == ["Een nieuwe zin."]
    assert np.array_equal(second[:3], first)  # bit for bit: the same input, the same topics


def test_the_cache_keeps_no_text_and_forgets_sentences_no_longer_used(tmp_path):
    enc, backend = _encoder()
    encode_cached(enc, _FIRST, tmp_path)
    raw = cache_file(tmp_path, enc).read_bytes()
    assert all(s.encode() not in raw for s in _FIRST)
    encode_cached(enc, _FIRST[1:], tmp_path)  # the first complaint was removed (retention)
    backend.seen.clear()
    encode_cached(enc, _FIRST, tmp_path)
    assert backend.seen == [_FIRST[0]]  # it was no longer kept


def test_another_encoder_or_a_damaged_file_means_encoding_again(tmp_path):
    enc, _ = _encoder("fake-1.0")
    encode_cached(enc, _FIRST, tmp_path)
    other, other_backend = _encoder("fake-2.0")
    encode_cached(other, _FIRST, tmp_path)
    assert other_backend.seen == _FIRST
    assert cache_file(tmp_path, enc) != cache_file(tmp_path, other)
    good = cache_file(tmp_path, other).read_bytes()
    for damaged in (b"kapot", good[: len(good) // 2]):  # not a zip; cut off mid-write
        cache_file(tmp_path, other).write_bytes(damaged)
        other_backend.seen.clear()
        again = encode_cached(other, _FIRST, tmp_path)
        assert other_backend.seen == _FIRST and np.array_equal(again, other.encode(_FIRST))


def test_without_a_folder_nothing_is_kept(tmp_path):
    enc, backend = _encoder()
    encode_cached(enc, _FIRST, None)
    encode_cached(enc, _FIRST, None)
    assert backend.seen == _FIRST * 2
    assert not list(tmp_path.iterdir())
