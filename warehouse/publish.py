"""The published snapshot: a read-only copy of the warehouse for the dashboard, reports and
analysts.

DuckDB allows one writing process or many readers, never both. The pipeline writes to its own
file; after each successful run (while it still holds the run lock and has closed its
connection) the warehouse is copied, with ``COPY FROM DATABASE``, into a new file next to the
snapshot, which is then swapped in with an atomic rename. A reader that has the old snapshot
open keeps reading that old, complete file; a reader opening afterwards gets the new one. Nobody
ever sees a half-loaded run, and no reader can block ingestion.

The copy is written in an older storage format (``STORAGE_VERSION``), because analysts open it
with whatever DuckDB CLI they have: files written by the Python package's own format (DuckDB 2)
cannot be read by the 1.x CLIs (``version number 69 ... can only read 64 and 68``).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import duckdb

# Readable by every DuckDB from 1.0 on (CLI and libraries alike).
STORAGE_VERSION = "v1.0.0"


def publish(db_path: Path, published: Path, storage_version: str = STORAGE_VERSION) -> Path:
    """Copy the warehouse to the read-only snapshot atomically, so readers never block or see half a
    run."""
    published.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for stale in published.parent.glob(".snapshot-*.duckdb*"):  # left by a killed publish
        stale.unlink(missing_ok=True)
    tmp = published.parent / f".snapshot-{uuid.uuid4().hex}.duckdb"
    try:
        con = duckdb.connect()
        try:
            con.execute("ATTACH ? AS live (READ_ONLY)", [str(db_path)])
            con.execute(f"ATTACH ? AS snap (STORAGE_VERSION '{storage_version}')", [str(tmp)])
            os.chmod(tmp, 0o600)
            con.execute("COPY FROM DATABASE live TO snap")
            con.execute("DETACH snap")  # checkpoints: everything is in the one file
        finally:
            con.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, published)
    except BaseException:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        raise
    return published
