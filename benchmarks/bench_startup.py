"""Whole-process cost of a run, beside deduce (issue 16's targets, measured in one go).

1. ``rodedraad run`` over an empty inbox, as a whole process (target: <= 3 s).
2. ``rodedraad run`` over N letters of about 300 words (.txt), as a whole process, and deduce
   anonymising the same texts as a whole process (import, model start, all texts). Target:
   rodedraad <= 1.5 x deduce.

deduce's first start in a fresh environment builds its cache (~90 s); a warm-up start is run
first and not counted.

    .venv/bin/python benchmarks/bench_startup.py [--n 600]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_DEDUCE = """
import json, sys
from deduce import Deduce
d = Deduce()
for line in open(sys.argv[1], encoding="utf-8"):
    d.deidentify(json.loads(line))
"""


def texts(n: int, words: int = 300) -> list[str]:
    """N distinct letters of about ``words`` words: benchmark letters joined until long enough."""
    from benchmarks.corpus import letters

    pool = iter(letters(n * 4, seed=16))
    out = []
    for _ in range(n):
        parts = [next(pool).text]
        while sum(len(p.split()) for p in parts) < words:
            parts.append(next(pool).text)
        out.append("\n\n".join(parts))
    return out


def _env(root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "RODEDRAAD_CONFIG": str(root / "none.toml"),
        "RODEDRAAD_DATA_DIR": str(root / "data"),
        "RODEDRAAD_INBOX": str(root / "inbox"),
        "RODEDRAAD_SETTLE_SECONDS": "0",
    }


def _timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600)
    args = parser.parse_args()
    rodedraad = [sys.executable, "-m", "rodedraad.cli"]
    with tempfile.TemporaryDirectory(prefix="rodedraad-startup-") as tmp:
        root = Path(tmp)
        env = _env(root)
        subprocess.run([*rodedraad, "init"], env=env, check=True, capture_output=True)
        empty = [_timed([*rodedraad, "run"], env) for _ in range(3)]
        print(f"empty run, whole process: median {statistics.median(empty):.2f} s "
              f"(runs: {', '.join(f'{t:.2f}' for t in empty)}; target <= 3 s)")  # fmt: skip

        corpus = texts(args.n)
        words = sum(len(t.split()) for t in corpus)
        for i, text in enumerate(corpus):
            (root / "inbox" / f"brief-{i:04d}.txt").write_text(text, encoding="utf-8")
        full = _timed([*rodedraad, "run"], env)
        jsonl = root / "texts.jsonl"
        jsonl.write_text("".join(json.dumps(t) + "\n" for t in corpus), encoding="utf-8")
        empty_jsonl = root / "none.jsonl"
        empty_jsonl.write_text("", encoding="utf-8")
        _timed([sys.executable, "-c", _DEDUCE, str(empty_jsonl)])  # warm-up: deduce's cache
        deduce = _timed([sys.executable, "-c", _DEDUCE, str(jsonl)])
    print(f"{args.n} letters, {words / args.n:.0f} words on average ({words:,} words)")
    print(f"  rodedraad run, whole process: {full:.1f} s")
    print(f"  deduce, whole process:        {deduce:.1f} s")
    print(f"  ratio: {full / deduce:.2f} (target <= 1.5); cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
