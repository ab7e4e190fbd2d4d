"""One process against a Dask LocalCluster, as users start it: `rodedraad run` on the same
generated inbox, each runner in a fresh installation, one after the other (never at once: they
would share the same cores).

    .venv/bin/python benchmarks/bench_dask.py --n 200 --workers 2

Prints, per runner, the time inside the flow (from the run summary) and the whole call (Python
start-up, the Prefect server, for Dask the cluster and the workers' model loads).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.corpus import letters, write_inbox

REPO = Path(__file__).resolve().parent.parent


def run(source: Path, root: Path, runner: str, workers: int, batch: int) -> tuple[float, float]:
    """(seconds inside the flow, seconds for the whole call) of one `rodedraad run`."""
    data = root / runner / "data"
    shutil.copytree(source, root / runner / "inbox")
    env = {
        **os.environ,
        "RODEDRAAD_CONFIG": str(root / "none.toml"),
        "RODEDRAAD_DATA_DIR": str(data),
        "RODEDRAAD_INBOX": str(root / runner / "inbox"),
        "RODEDRAAD_PROCESSED_DIR": str(data / "processed"),
        "RODEDRAAD_QUARANTINE_DIR": str(data / "quarantine"),
        "RODEDRAAD_DB_PATH": str(data / "rodedraad.duckdb"),
        "RODEDRAAD_PREFECT_HOME": str(data / "prefect"),
        "RODEDRAAD_SETTLE_SECONDS": "0",
        "RODEDRAAD_BATCH_SIZE": str(batch),
        "RODEDRAAD_TASK_RUNNER": runner,
        "RODEDRAAD_DASK_WORKERS": str(workers),
    }
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "rodedraad.cli", "run"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    call = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"{runner}: exit {out.returncode}\n{out.stderr[-2000:]}")
    flow = float(re.search(r"voltooid in ([\d.]+) s", out.stdout).group(1))  # type: ignore[union-attr]
    return flow, call


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=25)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rodedraad-bench-dask-") as tmp:
        root = Path(tmp)
        source = root / "source"
        source.mkdir()
        write_inbox(letters(args.n, seed=11, start=date(2026, 1, 1), days=300), source)
        print(f"{args.n} documents, batches of {args.batch}, {os.cpu_count()} cores")
        for runner in ("lokaal", "dask"):
            flow, call = run(source, root, runner, args.workers, args.batch)
            label = f"dask ({args.workers} workers)" if runner == "dask" else "lokaal"
            print(
                f"  {label:<18} flow {flow:6.1f} s ({args.n / flow:5.1f} docs/s)   "
                f"whole call {call:6.1f} s"
            )


if __name__ == "__main__":
    main()
