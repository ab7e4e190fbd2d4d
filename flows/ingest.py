"""The ``ingest`` flow: Prefect's wrapper around the ingest use case (``application.ingest``).

The fingerprinting and each batch are Prefect tasks, run locally or on Dask workers. Tasks get
paths and ids, never raw text; no task result is persisted (no cache, no result storage), so
nothing of a document reaches Prefect's database.
"""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from application import inbox as ib
from application import stopping
from application.components import WorkerConfig
from application.ingest import BatchResult, RunSummary, fingerprint_all, process, run_ingest
from application.run_errors import name_free
from schemas.settings import Settings

_TASK = {"cache_policy": NO_CACHE, "persist_result": False, "log_prints": False}


@task(name="fingerprint", **_TASK)
@name_free
def fingerprint_task(items: list[ib.InboxFile]) -> list[ib.InboxFile]:
    """Content ids of the found files, as one task (one per file would cost Prefect more than the
    hashing)."""
    return fingerprint_all(items)


@task(name="process-batch", **_TASK)
@name_free
def process_task(items: list[ib.InboxFile], cfg: WorkerConfig) -> BatchResult:
    """One batch through the per-file workers; returns anonymised records and quarantine
    records only."""
    return process(items, cfg)


class _Submitted:
    """A Prefect future seen as a ``BatchHandle``."""

    def __init__(self, future: Any) -> None:
        self._future = future

    def done(self) -> bool:
        return bool(self._future.wrapped_future.done())

    def result(self) -> BatchResult:
        return self._future.result()  # type: ignore[no-any-return]


class PrefectRunner:
    """The batches as Prefect tasks on the flow's task runner."""

    def __init__(self, in_flight: int) -> None:
        self.in_flight = in_flight

    def fingerprint(self, items: list[ib.InboxFile]) -> list[ib.InboxFile]:
        return fingerprint_task(items)  # type: ignore[no-any-return]

    def submit(self, items: list[ib.InboxFile], cfg: WorkerConfig) -> _Submitted:
        return _Submitted(process_task.submit(items, cfg))


def parallel_batches(s: Settings) -> int:
    """One batch at a time in this process; with Dask, one more than there are workers."""
    return 1 if s.task_runner == "lokaal" else s.dask_workers + 1


def task_runner(s: Settings) -> Any:
    """The Prefect task runner for the batch tasks: the default (threads in this process) or
    prefect-dask, on a LocalCluster of ``dask_workers`` processes or an existing scheduler."""
    if s.task_runner == "lokaal":
        return None
    # Dask reads its config from the environment at import, in this process and in the worker
    # processes it spawns: keep its INFO chatter and shutdown noise out of the run's output.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    # Dask's workers are daemonic by default, and a daemonic process may not start the per-file
    # worker processes that enforce the time and memory budget (application.isolation).
    os.environ.setdefault("DASK_DISTRIBUTED__WORKER__DAEMON", "False")
    from prefect_dask import DaskTaskRunner

    if s.dask_address:
        return DaskTaskRunner(address=s.dask_address)
    # Workers spill results to disk under memory pressure: keep that inside the private data
    # folder, not in the world-readable system temp dir.
    scratch = s.data_dir / "dask"
    scratch.mkdir(mode=0o700, parents=True, exist_ok=True)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": s.dask_workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,  # no web UI; nothing listens beyond the scheduler
            "host": "127.0.0.1",
            "local_directory": str(scratch),
        }
    )


@flow(name="ingest", persist_result=False, log_prints=False, validate_parameters=False)
@name_free
def ingest(config: dict[str, Any], poll: bool = False) -> dict[str, Any]:
    """Process what is in the inbox once. ``config`` holds settings (paths and numbers only).
    A failure leaves it as a reason code (``run_errors``): nothing Prefect stores names a file.
    ``poll`` (serve): an empty inbox leaves no trace, and a run that did something prints one
    Dutch line on the terminal serve runs in."""
    settings = Settings.model_validate(config).resolved()
    if poll:  # labels saved in the dashboard since the last poll
        _take_label_queue(settings)
    with stopping.reclaim_signals():
        summary = run_ingest(
            settings, PrefectRunner(parallel_batches(settings)), record_empty=not poll
        )
    if poll and summary.files:
        print(poll_line(summary), flush=True)
    return asdict(summary)


def _take_label_queue(s: Settings) -> None:
    """serve: the dashboard's labels taken in, with a timed Dutch line only when there were any
    (ids and counts, never text)."""
    import sys
    from datetime import datetime

    from application.label_queue import intake_lines, take_pending
    from schemas.settings import TIMEZONE

    out, err = intake_lines(take_pending(s), s.data_dir)
    now = f"{datetime.now(ZoneInfo(TIMEZONE)):%H:%M}"
    for line in out:
        print(f"{now} {line}", flush=True)
    for i, line in enumerate(err):
        print(f"{now} {line}" if i == 0 else line, file=sys.stderr, flush=True)


def poll_line(r: RunSummary) -> str:
    """One line per run of serve that found files: counts and time, no names."""
    from datetime import datetime

    from schemas.dutch_words import plural as n
    from schemas.settings import TIMEZONE

    now = datetime.now(ZoneInfo(TIMEZONE))
    parts = [n(r.processed, "verwerkt", "verwerkt")]
    if r.duplicates:
        parts.append(n(r.duplicates, "duplicaat", "duplicaten"))
    if r.quarantined:
        parts.append(f"{r.quarantined} in quarantaine")
    if r.review:
        parts.append(f"{r.review} met 'controle nodig'")
    return (
        f"{now:%H:%M} {n(r.files, 'bestand', 'bestanden')}: {', '.join(parts)} ({r.seconds:.1f} s)"
    )


def flow_for(s: Settings) -> Any:
    """The ingest flow with the task runner the settings ask for."""
    runner = task_runner(s)
    return ingest if runner is None else ingest.with_options(task_runner=runner)


def settings_payload(s: Settings) -> dict[str, Any]:
    """Settings as a flow parameter: paths as text, numbers; nothing from a document."""
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in s.model_dump().items()}
