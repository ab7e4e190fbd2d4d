"""Flow ``report``: the theme report over the last whole month or quarter, on a schedule.

``rodedraad serve`` deploys it twice (monthly and quarterly cron). It reads only the published
snapshot, so it never waits for or blocks the ingest run that may be writing at the same time.
Its parameters are the settings payload (paths and numbers), the grain and, for tests and
catch-up runs, the day the schedule fired.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from prefect import flow

from reports.access import ReportAccess
from reports.build import build
from reports.period import last_complete
from schemas.settings import TIMEZONE, Settings

log = logging.getLogger(__name__)


@flow(name="report", persist_result=False, log_prints=False, validate_parameters=False)
def report(
    config: dict[str, Any], grain: str = "maand", today: str | None = None
) -> dict[str, Any]:
    """Write HTML and PDF for the last whole ``grain`` (maand/kwartaal) before ``today``."""
    s = Settings.model_validate(config).resolved()
    day = date.fromisoformat(today) if today else datetime.now(ZoneInfo(TIMEZONE)).date()
    period = last_complete(grain, day)
    access = ReportAccess.of(s)
    built = build(s.snapshot_path, period, s.report_dir, s.min_cell, access=access, manage_dir=True)
    log.info("rapport %s: %d klachten, %.1f s", built.period, built.n_documents, built.seconds)
    if built.warning:
        log.warning("%s", built.warning)
    return {
        k: v if v is None or isinstance(v, int | float) else str(v)
        for k, v in asdict(built).items()
    }
