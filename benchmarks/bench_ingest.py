"""Throughput and peak memory of a full ingest run (Prefect flow included) over a folder.

The folder is copied into a scratch installation, so the source stays untouched.

    .venv/bin/python benchmarks/bench_ingest.py examples/inbox ../shared/samples
"""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def bench(folder: Path) -> None:
    from application.ingest import RunSummary
    from flows.ingest import ingest, settings_payload
    from schemas.settings import load_settings

    with tempfile.TemporaryDirectory(prefix="rodedraad-bench-") as tmp:
        root = Path(tmp)
        shutil.copytree(folder, root / "inbox")
        s = load_settings(
            data_dir=root / "data",
            inbox=root / "inbox",
            processed_dir=root / "data/processed",
            quarantine_dir=root / "data/quarantine",
            db_path=root / "data/w.duckdb",
            prefect_home=root / "data/prefect",
            settle_seconds=0,
        )
        t0 = time.perf_counter()
        r = RunSummary(**ingest(config=settings_payload(s)))
        wall = time.perf_counter() - t0
    print(f"{folder}: {r.processed} processed, {r.quarantined} quarantined, {r.words} words")
    print(
        f"  inside the flow: {r.seconds:.2f} s -> {r.processed / r.seconds:.2f} files/s, "
        f"{r.words / r.seconds:,.0f} words/s"
    )
    print(f"  flow call incl. Prefect start-up: {wall:.2f} s")
    print(f"  pipeline: {r.pipeline}")


def main() -> None:
    from rodedraad.prefect_env import configure_prefect

    configure_prefect(Path(tempfile.mkdtemp(prefix="rodedraad-bench-prefect-")))
    for arg in sys.argv[1:] or ["examples/inbox"]:
        bench(Path(arg))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
