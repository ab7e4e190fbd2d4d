"""The ``ingest`` flow: inbox -> extract -> anonymise -> classify -> DuckDB -> archive.

Order of effects per batch guarantees exactly-once: (1) process in memory, (2) load everything
of the batch in ONE transaction, (3) only then move the originals. A crash before (2) leaves the
files in the inbox for the next run; a crash between (2) and (3) leaves files whose outcome is
already recorded, and the next run only archives them.

Tasks get paths and ids, never raw text; no task result is persisted (no cache, no result
storage), so nothing of a document reaches Prefect's database.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows import inbox as ib
from flows.worker import ANONYMISER_VERSION, WorkerConfig, process_batch
from nlp.dedup import installation_key
from nlp.extract import SUPPORTED_EXTENSIONS
from nlp.pipeline import expected_name
from rodedraad import __version__
from rodedraad.config import Settings
from schemas.records import ProcessedDocument, QuarantinedFile
from warehouse import db, load
from warehouse.duplicates import DuplicateFinder, Link
from warehouse.publish import publish

log = logging.getLogger(__name__)

_TASK = {"cache_policy": NO_CACHE, "persist_result": False, "log_prints": False}


@dataclass
class RunSummary:
    run_id: str
    pipeline: str
    db_path: str
    classifier: str = ""
    files: int = 0
    processed: int = 0
    duplicates: int = 0
    near_duplicates: int = 0  # processed, but linked to an earlier complaint (counted once)
    quarantined: int = 0
    review: int = 0
    earlier: int = 0  # handled by an earlier run (dropped again, or moved after a crash)
    words: int = 0
    seconds: float = 0.0
    quarantine_reasons: list[tuple[str, str]] = field(default_factory=list)  # (stored_as, reason)
    quarantine_codes: dict[str, str] = field(default_factory=dict)  # stored_as -> reason code

    def counts(self) -> dict[str, int]:
        return {
            "files": self.files,
            "processed": self.processed,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined,
            "words": self.words,
        }


@task(name="fingerprint", **_TASK)
def fingerprint_task(items: list[ib.InboxFile]) -> list[ib.InboxFile]:
    return [ib.fingerprint(i) for i in items]


@task(name="process-batch", **_TASK)
def process_task(
    items: list[ib.InboxFile], cfg: WorkerConfig
) -> tuple[list[ProcessedDocument], list[QuarantinedFile]]:
    return process_batch(items, cfg)


def _worker_config(s: Settings) -> WorkerConfig:
    return WorkerConfig(
        spacy_model=s.spacy_model,
        max_file_bytes=s.max_file_bytes,
        ocr_enabled=s.ocr == "auto",
        theme_threshold=s.theme_threshold,
        generalise_dates=s.anonymise_generalise_dates,
        keep_labels=tuple(s.anonymise_keep),
        recognisers_off=tuple(s.anonymise_off),
        embedding_model=s.embedding_model,
        theme_models_dir=str(s.theme_models_dir),
        dedup_key_path=str(installation_key(s.data_dir)),
    )


def _triage(
    items: list[ib.InboxFile], s: Settings, con: Any, taken: set[str]
) -> tuple[list[ib.InboxFile], load.BatchLoad, list[tuple[ib.InboxFile, str]]]:
    """Split fingerprinted files into: to process, set aside now, already handled earlier.
    ``taken`` holds the content ids this run has sent out already (not yet loaded)."""
    now_load = load.BatchLoad()
    finish: list[tuple[ib.InboxFile, str]] = []  # (file, outcome) recorded by an earlier run
    todo: list[ib.InboxFile] = []
    known = load.known_documents(con, [i.content_id for i in items if i.content_id])
    recorded = load.recorded_outcomes(con, [(i.file_ref, i.content_id) for i in items])
    for item in items:
        earlier = recorded.get((item.file_ref, item.content_id))
        if earlier is not None:
            finish.append((item, earlier))
            continue
        problem = _pre_check(item, s)
        if problem is not None:
            now_load.quarantined.append((problem, ""))
            continue
        cid = item.content_id or ""
        if cid in known or cid in taken:
            now_load.duplicates.append((item.file_ref, cid))
            now_load.links[item.file_ref] = Link(cid, 1.0, "bestand")
            continue
        taken.add(cid)
        todo.append(item)
    return todo, now_load, finish


def _pre_check(item: ib.InboxFile, s: Settings) -> QuarantinedFile | None:
    def q(code: str, reason: str) -> QuarantinedFile:
        return QuarantinedFile(item.content_id, item.file_ref, item.file_type, code, reason)

    if item.is_symlink:
        if ib.symlink_escapes(item, s.inbox):
            return q("symlink", "snelkoppeling naar een bestand buiten de inbox; niet gevolgd")
        return q("symlink", "snelkoppeling (symlink); lever het bestand zelf aan")
    if item.unreadable:
        return q("onleesbaar", "bestand niet leesbaar (geen toegang)")
    if item.size == 0:
        return q("leeg", "leeg bestand")
    if item.size > s.max_file_bytes:
        return q("te_groot", f"bestand groter dan {s.max_file_mb:g} MB")
    if item.file_type not in SUPPORTED_EXTENSIONS:
        shown = item.file_type or "zonder extensie"
        return q("type", f"bestandstype {shown} wordt niet ondersteund")
    return None


def _commit(
    con: Any,
    s: Settings,
    summary: RunSummary,
    batch: load.BatchLoad,
    by_ref: dict[str, ib.InboxFile],
    finder: DuplicateFinder,
) -> None:
    """Quarantine names are decided before the transaction, files move after it."""
    batch.processed, same_text = finder.resolve(batch.processed)  # same text: not loaded again
    for ref, link in same_text.items():
        batch.duplicates.append((ref, by_ref[ref].content_id or ""))
        batch.links[ref] = link
    taken: set[str] = set()
    named = []
    for q, _ in batch.quarantined:
        name = ib.quarantine_name(by_ref[q.file_ref], s.quarantine_dir)
        while name in taken:  # two files of one batch with the same name hash
            name = f"{Path(name).stem}-{len(taken)}{Path(name).suffix}"
        taken.add(name)
        named.append((q, name))
    batch.quarantined = named
    load.load_batch(con, summary.run_id, batch)
    if batch.processed and not summary.classifier:  # the versions the workers really used
        first = batch.processed[0]
        summary.pipeline, summary.classifier = first.pipeline, first.themes.model_version
        load.set_run_versions(con, summary.run_id, summary.pipeline, summary.classifier)
    for d in batch.processed:
        ib.archive(by_ref[d.file_ref], s.processed_dir, s.retention_days)
        summary.processed += 1
        summary.near_duplicates += d.duplicate_of is not None
        summary.words += d.n_words
        summary.review += d.status != "verwerkt"
    for ref, _cid in batch.duplicates:
        ib.archive(by_ref[ref], s.processed_dir / "duplicaten", s.retention_days)
        summary.duplicates += 1
    for q, stored in batch.quarantined:
        ib.quarantine(by_ref[q.file_ref], s.quarantine_dir, q.reason, stored)
        summary.quarantined += 1
        summary.quarantine_reasons.append((stored, q.reason))
        summary.quarantine_codes[stored] = q.reason_code


def run_ingest(s: Settings) -> RunSummary:
    t0 = time.perf_counter()
    cfg = _worker_config(s)
    ib.make_private(s.data_dir, s.processed_dir, s.quarantine_dir, s.db_path.parent)
    with ib.run_lock(s.data_dir):
        con = db.connect(s.db_path)
        try:
            # Models load only when a batch needs them (here or on Dask workers): a run that
            # finds nothing new must not spend seconds loading spaCy and the encoder.
            summary = RunSummary(
                run_id=uuid.uuid4().hex[:12],
                pipeline=expected_name(cfg.spacy_model),
                db_path=str(s.db_path),
            )
            load.start_run(
                con,
                summary.run_id,
                rodedraad_version=__version__,
                pipeline=summary.pipeline,
                anonymiser_version=ANONYMISER_VERSION,
            )
            load.set_date_basis(con, s.date_basis)
            try:
                _ingest(con, s, cfg, summary)
            except BaseException:
                load.finish_run(con, summary.run_id, "mislukt", summary.counts())
                raise
            summary.seconds = time.perf_counter() - t0
            load.finish_run(con, summary.run_id, "voltooid", summary.counts())
        finally:
            con.close()
        publish(s.db_path, s.snapshot_path)  # still under the run lock: nothing writes now
    ib.purge_expired(s.processed_dir, s.retention_days)
    return summary


def _ingest(con: Any, s: Settings, cfg: WorkerConfig, summary: RunSummary) -> None:
    """Batches are processed by ``process_task.submit`` (in this process, or on Dask workers) and
    committed here, in order, by the one DuckDB writer. Up to ``parallel_batches`` batches are
    in flight, so workers stay busy while the flow loads the previous batch."""
    # Discovery happens once: files arriving during the run wait for the next one.
    found = fingerprint_task(ib.discover(s.inbox, s.settle_seconds))  # one task: hashing is I/O
    summary.files = len(found)
    taken: set[str] = set()  # content ids this run already sent out (in-flight duplicates)
    finder = DuplicateFinder(con)  # same text or near-duplicate: decided before each load
    in_flight: deque[tuple[Any, load.BatchLoad, dict[str, ib.InboxFile]]] = deque()
    window = parallel_batches(s)
    for start in range(0, len(found), s.batch_size):
        chunk = found[start : start + s.batch_size]
        by_ref = {i.file_ref: i for i in chunk}
        todo, batch, finish = _triage(chunk, s, con, taken)
        for item, outcome in finish:  # recorded earlier: dropped again, or a crash before moving
            if outcome == "quarantaine":
                name = ib.quarantine_name(item, s.quarantine_dir)
                ib.quarantine(item, s.quarantine_dir, "eerder in quarantaine gezet", name)
            else:
                ib.archive(item, s.processed_dir, s.retention_days)
            summary.earlier += 1
        future = process_task.submit(todo, cfg) if todo else None
        in_flight.append((future, batch, by_ref))
        while len(in_flight) >= window:
            _collect(con, s, summary, finder, *in_flight.popleft())
    while in_flight:
        _collect(con, s, summary, finder, *in_flight.popleft())


def _collect(
    con: Any,
    s: Settings,
    summary: RunSummary,
    finder: DuplicateFinder,
    future: Any,
    batch: load.BatchLoad,
    by_ref: dict[str, ib.InboxFile],
) -> None:
    if future is not None:
        processed, quarantined = future.result()
        batch.processed.extend(processed)
        batch.quarantined.extend((q, "") for q in quarantined)
    if len(batch):
        _commit(con, s, summary, batch, by_ref, finder)


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
def ingest(config: dict[str, Any]) -> dict[str, Any]:
    """Process what is in the inbox once. ``config`` holds settings (paths and numbers only)."""
    settings = Settings.model_validate(config).resolved()
    return asdict(run_ingest(settings))


def flow_for(s: Settings) -> Any:
    """The ingest flow with the task runner the settings ask for."""
    runner = task_runner(s)
    return ingest if runner is None else ingest.with_options(task_runner=runner)


def settings_payload(s: Settings) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in s.model_dump().items()}
