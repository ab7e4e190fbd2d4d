"""Report generation time over N synthetic complaints (default 10,000): builds a warehouse
(anonymised and classified, without Prefect), publishes the snapshot, then times gather + HTML +
PDF for one quarter and for a whole year.

    .venv/bin/python benchmarks/bench_report.py [--n 10000] [--dir /tmp/rodedraad-bench]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from nlp.anonymise import Anonymiser
from nlp.pipeline import load
from reports.data import gather
from reports.period import parse
from reports.render import write
from schemas.settings import load_settings
from warehouse.db import connect
from warehouse.publish import publish


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/rodedraad-bench-report"))
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    s = load_settings(data_dir=args.dir / "data", db_path=args.dir / "data" / "rodedraad.duckdb")
    t0 = time.perf_counter()
    load_letters(s, Anonymiser(load()), letters(args.n, seed=1, start=date(2025, 1, 1), days=540))
    snapshot = publish(s.db_path, s.snapshot_path)
    print(f"{args.n} klachten geladen en gepubliceerd in {time.perf_counter() - t0:.1f} s")
    for text in ("2025-Q3", "2025"):
        t0 = time.perf_counter()
        con = connect(snapshot, read_only=True)
        data = gather(con, parse(text), s.min_cell)
        con.close()
        t1 = time.perf_counter()
        write(data, args.dir / "reports")
        t2 = time.perf_counter()
        print(
            f"rapport {text}: {data.n_documents} klachten in de periode; gegevens {t1 - t0:.2f} s, "
            f"HTML+PDF {t2 - t1:.2f} s, totaal {t2 - t0:.2f} s"
        )


if __name__ == "__main__":
    main()
