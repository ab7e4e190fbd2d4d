"""Keyed fingerprints of a document's raw text and of the people in it.

Why keyed (HMAC-SHA256 with a per-installation secret) and not a plain hash: a plain SHA-256 of a
letter, and far more so of a name or a phone number, can be confirmed by anyone who guesses the
input ("was there a complaint from Jan de Vries?"); names are low-entropy and a dictionary
reverses their hashes. With the key, which lives owner-only in ``data_dir/dedup.key`` (never in
the warehouse or its published snapshot, never in Prefect), the stored values reveal nothing and
confirm nothing. What reaches DuckDB from here:

- ``text_fingerprint``: HMAC of the *normalised* extracted text (case, accents' composition,
  punctuation, whitespace and line breaks do not count), so the same letter saved again as a new
  file, or as PDF instead of Word, gets the same fingerprint;
- ``identity_tokens``: short HMACs of the personal data the anonymiser found (names, e-mail
  addresses, phone numbers, addresses, postcodes). They only tell whether two letters mention the
  same person, which separates a forwarded copy from a standard letter sent by another parent.

Losing the key loses nothing but exact matching against earlier runs: near-duplicate detection
(on anonymised text) still links a re-sent letter.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from schemas.records import Entity

KEY_NAME = "dedup.key"
# Labels whose values identify the writer or the family; dates and places are shared by many.
IDENTITY_LABELS = frozenset(
    {"PERSOON", "EMAIL", "TELEFOON", "ADRES", "POSTCODE", "IBAN", "BSN", "KENTEKEN", "ZAAKNUMMER"}
)
_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Lower case, NFKC, words only, single spaces: what differs between two renderings of one
    text (line wrapping, hyphens, curly quotes, bullet characters, an extra blank line)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def key_path(data_dir: Path) -> Path:
    """Where this installation's key file is (``installation_key`` makes it)."""
    return data_dir / KEY_NAME


def installation_key(data_dir: Path) -> Path:
    """The key file of this installation, created (random, owner-only) when it is missing."""
    path = key_path(data_dir)
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it in between
            return path
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
    return path


def read_key(path: str | Path | None) -> bytes:
    """The key; without a key file (a worker used outside a run) a random one for this process,
    so that nothing unkeyed is ever produced."""
    if path is None:
        return _PROCESS_KEY
    return Path(path).read_bytes()


_PROCESS_KEY = os.urandom(32)


def text_fingerprint(text: str, key: bytes) -> str:
    return hmac.new(key, normalise(text).encode("utf-8"), hashlib.sha256).hexdigest()


def identity_tokens(text: str, entities: Iterable[Entity], key: bytes) -> list[str]:
    """Keyed tokens of the identifying values in ``text`` (sorted, distinct, 16 hex digits)."""
    tokens = set()
    for e in entities:
        if e.label not in IDENTITY_LABELS:
            continue
        value = _value(text[e.start : e.end], e.label)
        if len(value) < 3:
            continue
        digest = hmac.new(key, f"{e.label}:{value}".encode(), hashlib.sha256).hexdigest()
        tokens.add(digest[:16])
    return sorted(tokens)


def _value(raw: str, label: str) -> str:
    if label in {"TELEFOON", "IBAN", "BSN", "POSTCODE", "KENTEKEN"}:
        value = re.sub(r"[^0-9a-z]", "", raw.casefold())
        return value[-9:] if label == "TELEFOON" else value  # 06-1234 5678 == +31 6 12345678
    return normalise(raw)
