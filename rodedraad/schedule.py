"""What ``rodedraad serve`` runs: the inbox on an interval, the reports on cron schedules.

Kept apart from the CLI so a test can check the deployments without starting a server.
"""

from __future__ import annotations

from typing import Any

from prefect.deployments.runner import EntrypointType
from prefect.schedules import Cron

from schemas.settings import Settings

INBOX = "rodedraad-inbox"
REPORT_MONTH = "rodedraad-rapport-maand"
REPORT_QUARTER = "rodedraad-rapport-kwartaal"


def deployments(s: Settings) -> list[Any]:
    """serve's Prefect deployments: the inbox on an interval, the monthly and quarterly reports on
    cron."""
    from flows.ingest import ingest, settings_payload
    from flows.report import report
    from schemas.settings import TIMEZONE

    payload = settings_payload(s)
    out = [
        ingest.to_deployment(
            name=INBOX,
            interval=s.serve_interval_seconds,
            parameters={"config": payload, "poll": True},
            concurrency_limit=1,  # never two ingest runs at once; a late one waits its turn
            entrypoint_type=EntrypointType.MODULE_PATH,  # works from any working directory
        )
    ]
    for name, cron, grain in (
        (REPORT_MONTH, s.report_cron_month, "maand"),
        (REPORT_QUARTER, s.report_cron_quarter, "kwartaal"),
    ):
        if cron.strip():
            out.append(
                report.to_deployment(
                    name=name,
                    schedules=[Cron(cron, timezone=TIMEZONE)],
                    parameters={"config": payload, "grain": grain},
                    entrypoint_type=EntrypointType.MODULE_PATH,
                )
            )
    return out
