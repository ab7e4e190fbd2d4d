"""The ``.json`` sidecar beside a quarantined file: what the file was called and why it was set
aside, for staff. Written atomically (a temp file in the same folder, fsync, rename), so a crash
or a full disk never leaves an empty or half sidecar: either the whole sidecar is there or none.
The name is stored as escaped text (``archive_names.display_name``), so a name that is not valid
UTF-8 cannot make the write fail.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from application.archive_names import display_name


def sidecar_path(stored: Path) -> Path:
    return stored.with_name(stored.name + ".json")


def write_sidecar(stored: Path, original_name: str, reason: str) -> Path:
    """Write (or replace) the sidecar of ``stored``; returns its path."""
    target = sidecar_path(stored)
    body = json.dumps(
        {
            "oorspronkelijke_naam": display_name(original_name),
            "reden": reason,
            "tijd": datetime.now(UTC).isoformat(),
        },
        ensure_ascii=False,
        indent=2,
    ).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".sidecar-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp: owner-only (0600) from the start
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
