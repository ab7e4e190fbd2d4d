"""Names for files in processed/ and quarantine/ that always fit the file system.

A name in the inbox can be up to the file system's limit (255 bytes on ext4); the archive adds a
prefix, ``_unique`` a counter and the quarantine sidecar ``.json``. An archived name that no
longer fits would fail the move after the batch is committed (ENAMETOOLONG), every run again. So
a name that would be too long becomes ``<prefix>-<hash of the name><ext>``: still unique, still
recognisable by its extension. The sidecar (quarantine) keeps the original name.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePath

# Bytes left for the name itself: 255 minus room for "-NNNN" (_unique) and ".json" (sidecar),
# with a margin for file systems with a lower limit (eCryptfs: 143).
MAX_NAME_BYTES = 140
_MAX_EXT_BYTES = 16


def _size(name: str) -> int:
    return len(os.fsencode(name))


def short_extension(name: str) -> str:
    """The extension of ``name`` if it is short and plain (``.pdf``), else empty."""
    ext = PurePath(name).suffix
    ok = _size(ext) <= _MAX_EXT_BYTES and ext[1:].isascii() and ext[1:].isalnum()
    return ext if ok else ""


def fitting_name(prefix: str, name: str) -> str:
    """``<prefix>-<name>``, or ``<prefix>-<hash><ext>`` when that would be too long."""
    candidate = f"{prefix}-{name}"
    if _size(candidate) <= MAX_NAME_BYTES:
        return candidate
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    return f"{prefix}-{digest}{short_extension(name)}"


def fitting_extension(ext: str) -> str:
    """An extension for a content-free quarantine name: kept only when short and plain."""
    return short_extension(f"x{ext}") if ext else ""


def display_name(name: str) -> str:
    """A file name as printable text, also when it is not valid UTF-8: undecodable bytes become
    ``\\xNN`` escapes (``os.fsdecode`` leaves them as lone surrogates, which JSON encoders and
    terminals refuse)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")
