"""What the per-file worker processes cost (application.isolation): the same generated letters
processed in this process (no budget, as before issue 13) and through the worker pool with one
and with two workers. Prints the start-up (workers loading their models), the time per file and
the peak memory of the workers.

    python -m benchmarks.bench_isolation --n 100
"""

from __future__ import annotations

import argparse
import tempfile
import time
from functools import partial
from pathlib import Path

import psutil

from application import isolation
from application.inbox import discover, fingerprint
from application.processing import WorkerConfig, _models, pool_for, process_file
from benchmarks.corpus import letters, write_inbox


def _cfg(workers: int) -> WorkerConfig:
    return WorkerConfig(
        spacy_model="nl_core_news_lg",
        max_file_bytes=25 * 1024 * 1024,
        ocr_enabled=False,
        theme_threshold=0.5,
        file_workers=workers,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp)
        write_inbox(letters(args.n, seed=11), inbox, formats=(".txt", ".docx", ".pdf"))
        items = [fingerprint(i) for i in discover(inbox, 0)]

        cfg = _cfg(1)
        t0 = time.perf_counter()
        _models(cfg)
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        for item in items:
            process_file(item, cfg)
        inproc = time.perf_counter() - t0
        print(
            f"in dit proces:  modellen laden {load:5.1f} s, {inproc / len(items) * 1000:6.1f} "
            f"ms per bestand ({len(items)} bestanden)"
        )

        for workers in (1, 2):
            cfg = _cfg(workers)
            t0 = time.perf_counter()
            pool = pool_for(cfg)
            list(pool.map(lambda_free_first, items[:workers]))  # workers up and warm
            start = time.perf_counter() - t0
            t0 = time.perf_counter()
            done = list(pool.map(partial(process_file, cfg=cfg), items))
            took = time.perf_counter() - t0
            peak = sum(c.memory_info().rss for c in psutil.Process().children(recursive=True)) / 1e6
            assert len(done) == len(items)
            per_file = took / len(items) * 1000
            print(
                f"{workers} werkproces(sen): opstart {start:5.1f} s, {per_file:6.1f} ms per "
                f"bestand, geheugen werkers {peak:,.0f} MB"
            )
            isolation.shutdown()


def lambda_free_first(item: object) -> None:
    """A no-op task: returns once a worker has started (and loaded its models)."""
    return None


if __name__ == "__main__":
    main()
