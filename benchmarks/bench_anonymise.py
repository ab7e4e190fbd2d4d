"""Anonymiser throughput and peak memory, side by side with deduce on the same texts.

Each engine runs in its own process so that peak memory is its own. Texts: ../shared/samples
and the dev letters (read at run time), repeated to at least --min-words words.

    .venv/bin/python benchmarks/bench_anonymise.py [--shared ../shared] [--min-words 200000]

deduce's first start builds a cache of about 80 MB in its package folder (1.5-2 minutes);
that one-off cost is reported separately as its load time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path


def _texts(shared: Path, min_words: int) -> list[str]:
    base = [p.read_text(encoding="utf-8") for p in sorted((shared / "samples").glob("*.txt"))]
    letters = shared / "data" / "dev_letters.jsonl"
    if letters.is_file():
        base += [json.loads(x)["text"] for x in letters.read_text("utf-8").splitlines() if x]
    texts: list[str] = []
    while sum(len(t.split()) for t in texts) < min_words:
        texts.extend(base)
    return texts


def _engine(name: str, shared: Path, min_words: int) -> dict:
    texts = _texts(shared, min_words)
    t0 = time.perf_counter()
    if name == "rodedraad":
        from nlp.anonymise import Anonymiser
        from nlp.pipeline import load

        pipeline = load()
        anonymiser = Anonymiser(pipeline)
        label = pipeline.name
        loaded = time.perf_counter()
        for _ in anonymiser.pipe(texts, batch_size=16):
            pass
    else:
        from deduce import Deduce

        deduce = Deduce()
        label = "deduce"
        loaded = time.perf_counter()
        for text in texts:
            deduce.deidentify(text)
    done = time.perf_counter()
    words = sum(len(t.split()) for t in texts)
    return {
        "engine": label,
        "docs": len(texts),
        "words": words,
        "load_s": loaded - t0,
        "run_s": done - loaded,
        "words_per_s": words / (done - loaded),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--min-words", type=int, default=200_000)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        print(json.dumps(_engine(args.engine, args.shared, args.min_words)))
        return 0
    if not (args.shared / "samples").is_dir():
        print(f"{args.shared}/samples ontbreekt", file=sys.stderr)
        return 2
    rows = []
    for engine in ("rodedraad", "deduce"):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--engine",
                engine,
                "--shared",
                str(args.shared),
                "--min-words",
                str(args.min_words),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            print(f"{engine}: failed: {out.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    header = ("engine", "docs", "words", "load s", "run s", "words/s", "peak MB")
    print(f"{header[0]:<18}" + "".join(f"{h:>9}" for h in header[1:]))
    for r in rows:
        print(
            f"{r['engine']:<18}{r['docs']:>6}{r['words']:>9}{r['load_s']:>8.1f}{r['run_s']:>8.1f}"
            f"{r['words_per_s']:>10,.0f}{r['peak_mb']:>9.0f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
