"""Prefect settings for an offline, quiet, private installation.

Must run before ``import prefect``: Prefect reads its settings at import time. No server is
configured, so Prefect starts an ephemeral one backed by SQLite under ``prefect_home``.
"""

from __future__ import annotations

import os
from pathlib import Path

_QUIET = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_CLI_PROMPT": "false",
}


def configure_prefect(prefect_home: Path) -> None:
    """Point Prefect at a private home and switch off telemetry and chatter."""
    prefect_home.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ["PREFECT_HOME"] = str(prefect_home)
    os.environ.pop("PREFECT_API_URL", None)  # never talk to a remote server by accident
    for key, value in _QUIET.items():
        os.environ.setdefault(key, value)
