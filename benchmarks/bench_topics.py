"""Topics speed: ``rodedraad topics`` (the use case, without Prefect) on N synthetic letters
already in a warehouse. Prints the seconds of the topic run alone (the target: a few thousand
complaints in under 2 minutes on 2 cores), per step, for a first run and for a re-run that reads
the sentence vectors from the cache (its topics must be the same: the fingerprints match).

    .venv/bin/python benchmarks/bench_topics.py [--n 2000] [--dir /tmp/rodedraad-bench-topics]

The synthetic letters reuse a bank of sentences; each sentence gets a serial number so that
every sentence is distinct and is embedded, as in real letters.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from application.topics import run_topics
from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from nlp.anonymise import Anonymiser
from nlp.pipeline import load
from schemas.settings import load_settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/rodedraad-bench-topics"))
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    s = load_settings(data_dir=args.dir / "data", db_path=args.dir / "data" / "rodedraad.duckdb")
    counter = iter(range(10**9))
    corpus = [
        replace(c, text=re.sub(r"\.(\s)", lambda m: f" (nr {next(counter)}).{m.group(1)}", c.text))
        for c in letters(args.n, seed=1, start=date(2025, 1, 1), days=540)
    ]
    t0 = time.perf_counter()
    load_letters(s, Anonymiser(load()), corpus)
    print(f"{args.n} klachten geladen in {time.perf_counter() - t0:.1f} s")
    for run in ("eerste run", "herhaling (zinsvectoren uit de cache)"):
        t0 = time.perf_counter()
        summary = run_topics(s)
        seconds = time.perf_counter() - t0
        n_new = sum(t["theme"] == "nieuw" for t in summary.topics)
        stages = ", ".join(f"{k} {v:.1f}" for k, v in summary.stages.items())
        print(
            f"onderwerpen, {run}: {seconds:.1f} s voor {summary.n_complaints} klachten, "
            f"{summary.n_sentences} zinnen, {len(summary.topics)} onderwerpen ({n_new} nieuw); "
            f"{stages}; belasting {os.getloadavg()[0]:.1f}"
        )
        shown = sorted((t["topic_id"], t["label"], t["size"]) for t in summary.topics)
        print(f"  vingerafdruk: {hashlib.sha256(repr(shown).encode()).hexdigest()[:12]}")


if __name__ == "__main__":
    main()
