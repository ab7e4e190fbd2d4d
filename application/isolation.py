"""Each file is processed in a worker process with a time and a memory budget.

A single file must never stop the run: a document that makes a reader or the anonymiser take
gigabytes or minutes is stopped and quarantined, and the run goes on with the next file. The
workers are a ``pebble`` process pool: pebble kills a worker whose task exceeds its time budget
and starts a fresh one. The memory budget is an address-space limit (``RLIMIT_AS``) set in the
worker before each file, on top of what the worker already uses (its loaded models): an
allocation beyond it raises ``MemoryError`` in the worker, which is reported for that file only.

Workers are started with ``spawn`` (the run's process has Prefect's threads; forking it is
unsafe), load the models once in their initializer, ignore SIGINT (Ctrl-C is the run's to
handle; see ``stopping``) and live for the whole run, so the per-file cost is one round trip
through a pipe. A process that may not have children (a daemonic Dask worker on a remote
cluster) processes its files in-process instead: same isolation of errors, no kill on budget.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import logging
import multiprocessing
import os
import resource
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import psutil
from pebble import ProcessExpired, ProcessPool

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Failure codes of one file's work (the caller turns them into a Dutch quarantine reason).
TIMEOUT = "tijdslimiet"
MEMORY = "geheugenlimiet"
CRASHED = "afgebroken"
ERROR = "interne_fout"


@dataclass(frozen=True)
class Budget:
    seconds: float
    memory_bytes: int
    workers: int


@dataclass(frozen=True)
class Failure:
    """Why one file's work did not complete: a code above and the exception type, never the
    exception's message (it may hold a file name or text)."""

    code: str
    exc_type: str = ""


class Stopped(Exception):
    """The run was asked to stop (SIGTERM/SIGINT) while files were being processed."""


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# The cores one worker process may keep busy (its share of the machine): read by code that
# starts helpers of its own, such as OCR's Tesseract processes (nlp.extract.ocr.jobs).
CORES_ENV = "RODEDRAAD_CORES_PER_PROCESS"


def _worker_init(
    initializer: Callable[..., None] | None, initargs: tuple[Any, ...], cores: int = 1
) -> None:
    _ignore_sigint()
    os.environ[CORES_ENV] = str(cores)
    if initializer is not None:
        initializer(*initargs)


def _set_memory_limit(extra_bytes: int) -> None:
    """Address space allowed from now on: what this process maps already plus ``extra``."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = psutil.Process().memory_info().vms + extra_bytes
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))


def _lift_memory_limit() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def _within_budget(fn: Callable[[T], R], item: T, memory_bytes: int) -> R:
    """Runs in the worker: ``fn(item)`` under the memory budget. A MemoryError comes back as
    such (the caller reports it); the limit is lifted afterwards either way."""
    _set_memory_limit(memory_bytes)
    try:
        return fn(item)
    finally:
        _lift_memory_limit()


def can_have_workers() -> bool:
    """Daemonic processes (Dask's workers by default) may not start child processes."""
    return not multiprocessing.current_process().daemon


def _failure(exc: BaseException) -> Failure:
    if isinstance(exc, cf.TimeoutError):
        return Failure(TIMEOUT)
    if isinstance(exc, MemoryError):
        return Failure(MEMORY, "MemoryError")
    if isinstance(exc, ProcessExpired):
        return Failure(CRASHED, f"exitcode {exc.exitcode}")
    return Failure(ERROR, type(exc).__name__)


def _share_of_cores(workers: int) -> int:
    return max(1, len(os.sched_getaffinity(0)) // max(1, workers))


class FilePool:
    """A pool of worker processes that run one function per file under a ``Budget``."""

    def __init__(
        self,
        budget: Budget,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.budget = budget
        self._pool = ProcessPool(
            max_workers=budget.workers,
            initializer=_worker_init,
            initargs=(initializer, initargs, _share_of_cores(budget.workers)),
            context=multiprocessing.get_context("spawn"),
        )

    def map(
        self,
        fn: Callable[[T], R],
        items: Iterable[T],
        should_stop: Callable[[], bool] = lambda: False,
    ) -> Iterator[tuple[T, R | Failure]]:
        """``fn(item)`` for every item, in the order they finish; a failed item yields a
        ``Failure``. Raises ``Stopped`` (after stopping the workers) when ``should_stop``."""
        futures = {
            self._pool.schedule(
                _within_budget,
                args=(fn, item, self.budget.memory_bytes),
                timeout=self.budget.seconds,
            ): item
            for item in items
        }
        pending = set(futures)
        while pending:
            if should_stop():
                self.abort()
                raise Stopped()
            done, pending = cf.wait(pending, timeout=0.2, return_when=cf.FIRST_COMPLETED)
            for future in done:
                try:
                    yield futures[future], future.result()
                except Exception as exc:
                    if should_stop():  # a worker killed by the signal is not the file's fault
                        self.abort()
                        raise Stopped() from None
                    yield futures[future], _failure(exc)

    def stop(self) -> None:
        self._pool.stop()
        self._pool.join(timeout=10)

    def abort(self) -> None:
        """Stop the workers now (files in hand are dropped) and forget this pool."""
        with _lock:
            for key, pool in list(_pools.items()):
                if pool is self:
                    del _pools[key]
        self.stop()


def run_in_process(
    fn: Callable[[T], R],
    items: Iterable[T],
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[T, R | Failure]]:
    """The same contract as ``FilePool.map`` without worker processes (no kill on budget)."""
    for item in items:
        if should_stop():
            raise Stopped()
        try:
            yield item, fn(item)
        except Exception as exc:
            yield item, _failure(exc)


_pools: dict[Any, FilePool] = {}
_lock = threading.Lock()


def shared_pool(
    key: Any, budget: Budget, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> FilePool:
    """The process's one pool, kept while ``key`` stays the same (workers load their models
    once); another key replaces it. ``shutdown`` ends it."""
    with _lock:
        pool = _pools.get(key)
        stale = [p for k, p in _pools.items() if k != key]
        if pool is None:
            _pools.clear()
            pool = _pools[key] = FilePool(budget, initializer, initargs)
    for old in stale:
        old.stop()
    return pool


def shutdown() -> None:
    """Stop every worker pool of this process (end of a run, or exit)."""
    with _lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        try:
            pool.stop()
        except Exception:  # already gone: nothing to stop
            log.debug("worker pool already stopped", exc_info=True)


atexit.register(shutdown)
