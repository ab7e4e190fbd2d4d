"""The ingest use case: inbox -> extract -> anonymise -> classify -> DuckDB -> archive.

Order of effects per batch guarantees exactly-once: (1) process in memory, (2) load everything
of the batch in ONE transaction, (3) only then move the originals. A crash before (2) leaves the
files in the inbox for the next run; a crash between (2) and (3) leaves files whose outcome is
already recorded, and the next run only archives them.

Free of Prefect: the batches go through a ``BatchRunner``. ``flows.ingest`` passes one that
submits Prefect tasks (locally or on Dask); ``InlineRunner`` runs them in this process, which is
what a run that finds nothing to process uses (no Prefect server to start for nothing).
"""

from __future__ import annotations

import logging
import signal
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from application import inbox as ib
from application import progress, stopping
from application.components import worker_config
from application.file_moves import Moves
from application.run_errors import classify
from nlp.anonymise.version import ANONYMISER_VERSION
from nlp.dedup import installation_key
from nlp.extract import SUPPORTED_EXTENSIONS
from nlp.extract.errors import empty, too_large, unsupported
from nlp.extract.regular_file import special_reason
from nlp.pipeline import expected_name
from schemas.records import ProcessedDocument, QuarantinedFile
from schemas.settings import Settings
from schemas.vocabulary import DocumentKind, DocumentStatus, IntakeOutcome, RunStatus
from warehouse import db, load
from warehouse.duplicates import DuplicateFinder, Link
from warehouse.publish import publish

if TYPE_CHECKING:
    from application.components import WorkerConfig

log = logging.getLogger(__name__)

BatchResult = tuple[list[ProcessedDocument], list[QuarantinedFile]]


class BatchHandle(Protocol):
    """A submitted batch: polled so that a stop request is noticed while it runs."""

    def done(self) -> bool: ...

    def result(self) -> BatchResult: ...


class BatchRunner(Protocol):
    """Where the fingerprinting and the batches run (``in_flight`` batches at a time)."""

    in_flight: int

    def fingerprint(self, items: list[ib.InboxFile]) -> list[ib.InboxFile]: ...

    def submit(self, items: list[ib.InboxFile], cfg: WorkerConfig) -> BatchHandle: ...


@dataclass
class RunSummary:
    """What a run did, in counts (and quarantine names by their stored hash): printed by the CLI,
    returned by the flow."""

    run_id: str
    pipeline: str
    db_path: str
    classifier: str = ""
    files: int = 0
    processed: int = 0
    duplicates: int = 0
    quarantined: int = 0
    review: int = 0
    near_duplicates: int = 0  # processed, but linked to an earlier complaint (counted once)
    not_complaints: int = 0  # processed, stored as 'geen klacht' (not counted; nlp/themes/kind)
    earlier: int = 0  # handled by an earlier run (dropped again, or moved after a crash)
    words: int = 0
    seconds: float = 0.0
    quarantine_reasons: list[tuple[str, str]] = field(default_factory=list)  # (stored_as, reason)
    quarantine_codes: dict[str, str] = field(default_factory=dict)  # stored_as -> reason code
    # Files whose outcome is recorded but that could not be moved, by reason code (file_moves):
    # they stay in the inbox and the next run moves them.
    not_moved: dict[str, int] = field(default_factory=dict)
    # Files left in the inbox on purpose, by reason (inbox.WAIT_*): hidden, partial, too new.
    waiting: dict[str, int] = field(default_factory=dict)
    # Why the published snapshot was not renewed (a run_errors code), or "" when it was.
    publish_problem: str = ""

    def handled(self) -> int:
        """Files done this run, whatever became of them."""
        return self.processed + self.duplicates + self.quarantined + self.earlier

    def counts(self) -> dict[str, int]:
        return {
            "files": self.files,
            "processed": self.processed,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined,
            "words": self.words,
        }


def _stop_if_asked() -> None:
    if (signum := stopping.requested()) is not None:
        raise stopping.RunStopped(signum)


def fingerprint_all(items: list[ib.InboxFile]) -> list[ib.InboxFile]:
    """Content ids for the found files, stopping between files when a stop is asked for."""
    done = []
    for item in items:
        _stop_if_asked()
        done.append(ib.fingerprint(item))
    return done


def process(items: list[ib.InboxFile], cfg: WorkerConfig) -> BatchResult:
    """One batch through the per-file worker processes; a stop request abandons it."""
    from application import isolation
    from application.processing import process_batch

    try:
        return process_batch(items, cfg, stopping.should_stop)
    except isolation.Stopped:
        raise stopping.RunStopped(stopping.requested() or signal.SIGTERM) from None


@dataclass
class _Done:
    value: BatchResult

    def done(self) -> bool:
        return True

    def result(self) -> BatchResult:
        return self.value


class InlineRunner:
    """Everything in this process, one batch at a time."""

    in_flight = 1

    def fingerprint(self, items: list[ib.InboxFile]) -> list[ib.InboxFile]:
        return fingerprint_all(items)

    def submit(self, items: list[ib.InboxFile], cfg: WorkerConfig) -> BatchHandle:
        return _Done(process(items, cfg))


def has_work(s: Settings) -> bool:
    """Whether the inbox holds a file a run would pick up (waiting files do not count)."""
    return bool(ib.discover(s.inbox, s.settle_seconds))


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
    """What can be decided without reading the file; the same reasons as extraction gives."""

    def q(code: str, reason: str) -> QuarantinedFile:
        return QuarantinedFile(item.content_id, item.file_ref, item.file_type, code, reason)

    if item.special:
        return q("speciaal", special_reason(item.special))
    if item.is_symlink:
        if ib.symlink_escapes(item, s.inbox):
            return q("symlink", "snelkoppeling naar een bestand buiten de inbox; niet gevolgd")
        return q("symlink", "snelkoppeling (symlink); lever het bestand zelf aan")
    if item.unreadable:
        return q("onleesbaar", "bestand niet leesbaar (geen toegang)")
    refused = None
    if item.size == 0:
        refused = empty()
    elif item.size > s.max_file_bytes:
        refused = too_large(s.max_file_bytes)
    elif item.file_type not in SUPPORTED_EXTENSIONS:
        refused = unsupported(item.file_type)
    return q(refused.code, refused.reason) if refused else None


def _commit(
    con: Any,
    s: Settings,
    summary: RunSummary,
    batch: load.BatchLoad,
    by_ref: dict[str, ib.InboxFile],
    moves: Moves,
    finder: DuplicateFinder,
) -> None:
    """Names are decided before the transaction (they always fit: ``archive_names``), files
    move after it, each on its own: a move that fails leaves that file in the inbox for the next
    run and never fails the run (``file_moves``)."""
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
        item = by_ref[d.file_ref]
        moves.attempt(
            item.file_ref, lambda i=item: ib.archive(i, s.processed_dir, s.retention_days)
        )
        summary.processed += 1
        summary.near_duplicates += d.duplicate_of is not None
        summary.words += d.n_words
        summary.review += d.status != DocumentStatus.VERWERKT
        summary.not_complaints += d.kind != DocumentKind.KLACHT
    for ref, _cid in batch.duplicates:
        item, folder = by_ref[ref], s.processed_dir / "duplicaten"
        moves.attempt(ref, lambda i=item, f=folder: ib.archive(i, f, s.retention_days))
        summary.duplicates += 1
    for q, stored in batch.quarantined:
        item = by_ref[q.file_ref]
        moves.attempt(
            q.file_ref,
            lambda i=item, r=q.reason, n=stored: ib.quarantine(i, s.quarantine_dir, r, n),
        )
        summary.quarantined += 1
        summary.quarantine_reasons.append((stored, q.reason))
        summary.quarantine_codes[stored] = q.reason_code


def run_ingest(s: Settings, runner: BatchRunner, *, record_empty: bool = True) -> RunSummary:
    """Process what is in the inbox once, under the run lock, and publish the snapshot.
    ``record_empty=False`` (serve's polls): an inbox with nothing to pick up leaves no run row,
    so that real runs stay visible in ``status``; retention still applies."""
    t0 = time.perf_counter()
    if not record_empty and not has_work(s):
        ib.purge_expired(s.processed_dir, s.retention_days)
        return RunSummary(run_id="", pipeline="", db_path=str(s.db_path))
    ib.make_private(s.data_dir, s.processed_dir, s.quarantine_dir, s.db_path.parent)
    installation_key(s.data_dir)  # the keyed fingerprints' key, read by the workers
    with ib.run_lock(s.data_dir):
        summary = _run_locked(s, runner, t0)
        if stopping.should_stop():  # asked after the last batch: every file is done; publish
            summary.publish_problem = "gestopt"  # takes time, the next run does it
            return summary
        try:
            publish(s.db_path, s.snapshot_path)  # still under the run lock: nothing writes now
        except Exception as exc:
            # Every file is processed and recorded: say that, not that files wait in the inbox.
            summary.publish_problem = classify(exc)
            log.error("publiceren mislukt: %s (%s)", summary.publish_problem, type(exc).__name__)
    ib.purge_expired(s.processed_dir, s.retention_days)
    return summary


def _run_locked(s: Settings, runner: BatchRunner, t0: float) -> RunSummary:
    """The run's record in ``runs`` and its batches, under the run lock."""
    con = db.connect(s.db_path)
    try:
        # Models load only when a batch needs them (in the worker processes): a run that finds
        # nothing new must not spend seconds loading spaCy and the encoder.
        summary = RunSummary(
            run_id=uuid.uuid4().hex[:12],
            pipeline=expected_name(s.spacy_model),
            db_path=str(s.db_path),
        )
        load.start_run(
            con,
            summary.run_id,
            rodedraad_version=version("rodedraad"),
            pipeline=summary.pipeline,
            anonymiser_version=ANONYMISER_VERSION,
        )
        load.set_date_basis(con, s.date_basis)
        try:
            _ingest(con, s, runner, summary)
        except stopping.RunStopped:
            load.finish_run(con, summary.run_id, RunStatus.GESTOPT, summary.counts())
            raise
        except BaseException:
            load.finish_run(con, summary.run_id, RunStatus.MISLUKT, summary.counts())
            raise
        summary.seconds = time.perf_counter() - t0
        load.finish_run(con, summary.run_id, RunStatus.VOLTOOID, summary.counts())
    finally:
        con.close()
    return summary


def _ingest(con: Any, s: Settings, runner: BatchRunner, summary: RunSummary) -> None:
    """Batches are processed by the runner (in this process, or on Dask workers) and committed
    here, in order, by the one DuckDB writer. Up to ``runner.in_flight`` batches are in flight,
    so workers stay busy while the previous batch is loaded."""
    # Discovery happens once: files arriving during the run wait for the next one.
    waiting: Counter[str] = Counter()
    found = runner.fingerprint(ib.discover(s.inbox, s.settle_seconds, waiting=waiting))
    summary.files = len(found)
    progress.report(0, len(found))
    summary.waiting = dict(waiting)
    moves = Moves()
    taken: set[str] = set()  # content ids this run already sent out (in-flight duplicates)
    finder = DuplicateFinder(con)  # same text or near-duplicate: decided before each load
    in_flight: deque[tuple[Any, load.BatchLoad, dict[str, ib.InboxFile]]] = deque()
    window = runner.in_flight
    cfg: WorkerConfig | None = None  # built when a batch needs it (imports the NLP stack)
    try:
        for start in range(0, len(found), s.batch_size):
            _stop_if_asked()
            chunk = found[start : start + s.batch_size]
            by_ref = {i.file_ref: i for i in chunk}
            todo, batch, finish = _triage(chunk, s, con, taken)
            _finish_earlier(con, s, summary, finish, moves)
            if todo and cfg is None:
                cfg = worker_config(s)
            future = runner.submit(todo, cfg) if todo and cfg else None
            in_flight.append((future, batch, by_ref))
            while len(in_flight) >= window:
                _collect(con, s, summary, *in_flight.popleft(), moves, finder)
                progress.report(summary.handled(), len(found))
        while in_flight:
            _collect(con, s, summary, *in_flight.popleft(), moves, finder)
            progress.report(summary.handled(), len(found))
    finally:
        summary.not_moved = dict(moves.failed)


def _finish_earlier(
    con: Any,
    s: Settings,
    summary: RunSummary,
    finish: list[tuple[ib.InboxFile, str]],
    moves: Moves,
) -> None:
    """Files whose outcome an earlier run recorded (dropped again, or a crash or a failed move
    after the commit): only moved. A quarantined one keeps its recorded name and reason."""
    quarantined = [i.file_ref for i, o in finish if o == IntakeOutcome.QUARANTAINE]
    recorded = load.recorded_quarantine(con, quarantined)
    for item, outcome in finish:
        if outcome == IntakeOutcome.QUARANTAINE:
            stored, reason = recorded.get(
                (item.file_ref, item.content_id), ("", "eerder in quarantaine gezet")
            )
            stored = stored or ib.quarantine_name(item, s.quarantine_dir)
            moves.attempt(
                item.file_ref,
                lambda i=item, r=reason, n=stored: ib.quarantine(i, s.quarantine_dir, r, n),
            )
        else:
            moves.attempt(
                item.file_ref, lambda i=item: ib.archive(i, s.processed_dir, s.retention_days)
            )
        summary.earlier += 1


def _result(future: BatchHandle) -> BatchResult:
    """The batch task's result; a stop asked for meanwhile abandons the batch (not committed:
    its files stay in the inbox)."""
    while not future.done():
        _stop_if_asked()
        stopping.wait(0.2)
    _stop_if_asked()
    return future.result()


def _collect(
    con: Any,
    s: Settings,
    summary: RunSummary,
    future: BatchHandle | None,
    batch: load.BatchLoad,
    by_ref: dict[str, ib.InboxFile],
    moves: Moves,
    finder: DuplicateFinder,
) -> None:
    if future is not None:
        processed, quarantined = _result(future)
        batch.processed.extend(processed)
        batch.quarantined.extend((q, "") for q in quarantined)
    _stop_if_asked()
    if len(batch):
        _commit(con, s, summary, batch, by_ref, moves, finder)
