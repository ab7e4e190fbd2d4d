"""Flow ``topics``: Prefect's wrapper around the topics use case (``application.topics``).

The flow's only parameter is the settings payload (paths and numbers).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from prefect import flow

from application.topics import run_topics
from schemas.settings import Settings


@flow(name="topics", persist_result=False, log_prints=False, validate_parameters=False)
def topics(config: dict[str, Any]) -> dict[str, Any]:
    """Fit and store topics. ``config`` holds settings (paths and numbers only)."""
    settings = Settings.model_validate(config).resolved()
    return asdict(run_topics(settings))
