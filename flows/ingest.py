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
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows import inbox as ib
from flows.worker import WorkerConfig, process_batch, versions
from nlp.extract import SUPPORTED_EXTENSIONS
from rodedraad import __version__
from rodedraad.config import Settings
from schemas.records import ProcessedDocument, QuarantinedFile
from warehouse import db, load
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
    quarantined: int = 0
    review: int = 0
    words: int = 0
    seconds: float = 0.0
    quarantine_reasons: list[tuple[str, str]] = field(default_factory=list)  # (stored_as, reason)

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
        embedding_model=s.embedding_model,
        theme_models_dir=str(s.theme_models_dir),
    )


def _triage(
    items: list[ib.InboxFile], s: Settings, con: Any
) -> tuple[list[ib.InboxFile], load.BatchLoad, list[tuple[ib.InboxFile, str]]]:
    """Split fingerprinted files into: to process, set aside now, already handled earlier."""
    now_load = load.BatchLoad()
    finish: list[tuple[ib.InboxFile, str]] = []  # (file, outcome) recorded by an earlier run
    todo: list[ib.InboxFile] = []
    known = load.known_documents(con, [i.content_id for i in items if i.content_id])
    recorded = load.recorded_outcomes(con, [(i.file_ref, i.content_id) for i in items])
    seen_now: set[str] = set()
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
        if cid in known or cid in seen_now:
            now_load.duplicates.append((item.file_ref, cid))
            continue
        seen_now.add(cid)
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
) -> None:
    """Quarantine names are decided before the transaction, files move after it."""
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
    for d in batch.processed:
        ib.archive(by_ref[d.file_ref], s.processed_dir, s.retention_days)
        summary.processed += 1
        summary.words += d.n_words
        summary.review += d.status != "verwerkt"
    for ref, _cid in batch.duplicates:
        ib.archive(by_ref[ref], s.processed_dir / "duplicaten", s.retention_days)
        summary.duplicates += 1
    for q, stored in batch.quarantined:
        ib.quarantine(by_ref[q.file_ref], s.quarantine_dir, q.reason, stored)
        summary.quarantined += 1
        summary.quarantine_reasons.append((stored, q.reason))


def run_ingest(s: Settings) -> RunSummary:
    t0 = time.perf_counter()
    cfg = _worker_config(s)
    ib.make_private(s.data_dir, s.processed_dir, s.quarantine_dir, s.db_path.parent)
    with ib.run_lock(s.data_dir):
        con = db.connect(s.db_path)
        try:
            v = versions(cfg)
            summary = RunSummary(
                run_id=uuid.uuid4().hex[:12],
                pipeline=v["pipeline"],
                db_path=str(s.db_path),
                classifier=v["classifier_version"],
            )
            load.start_run(con, summary.run_id, rodedraad_version=__version__, **v)
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
    # Discovery happens once: files arriving during the run wait for the next one.
    found = ib.discover(s.inbox, s.settle_seconds)
    summary.files = len(found)
    for start in range(0, len(found), s.batch_size):
        chunk = fingerprint_task(found[start : start + s.batch_size])
        by_ref = {i.file_ref: i for i in chunk}
        todo, batch, finish = _triage(chunk, s, con)
        for item, outcome in finish:  # recorded by a run that crashed before moving files
            if outcome == "quarantaine":
                name = ib.quarantine_name(item, s.quarantine_dir)
                ib.quarantine(item, s.quarantine_dir, "eerder in quarantaine gezet", name)
            else:
                ib.archive(item, s.processed_dir, s.retention_days)
            summary.files -= 1
        if todo:
            processed, quarantined = process_task(todo, cfg)
            batch.processed.extend(processed)
            batch.quarantined.extend((q, "") for q in quarantined)
        if len(batch):
            _commit(con, s, summary, batch, by_ref)


@flow(name="ingest", persist_result=False, log_prints=False, validate_parameters=False)
def ingest(config: dict[str, Any]) -> dict[str, Any]:
    """Process what is in the inbox once. ``config`` holds settings (paths and numbers only)."""
    settings = Settings.model_validate(config).resolved()
    return asdict(run_ingest(settings))


def settings_payload(s: Settings) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in s.model_dump().items()}
