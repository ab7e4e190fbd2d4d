"""The published snapshot: a read-only copy of the warehouse for the dashboard, reports and
analysts.

DuckDB allows one writing process or many readers, never both. The pipeline writes to its own
file; after each successful run (while it still holds the run lock and has closed its connection,
so the file is checkpointed) the file is copied next to the snapshot and swapped in with an atomic
rename. A reader that has the old snapshot open keeps reading that old, complete file; a reader
opening afterwards gets the new one. Nobody ever sees a half-loaded run, and no reader can block
ingestion.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def publish(db_path: Path, published: Path) -> Path:
    published.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=published.parent, prefix=".snapshot-", suffix=".duckdb")
    os.close(fd)
    try:
        shutil.copyfile(db_path, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, published)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return published
