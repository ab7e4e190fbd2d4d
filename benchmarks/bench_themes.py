"""Theme classification speed: N letters of about 300 words (synthetic, anonymised first),
classified after the model is loaded. Prints the load time, letters/s and words/s.

``--model basis`` (default) is the base model shipped in the package, ``codeboek`` the codebook.

    .venv/bin/python benchmarks/bench_themes.py [--n 1000] [--model basis] [--embedding use]
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import letters
from nlp.anonymise import Anonymiser
from nlp.pipeline import load
from nlp.themes import codebook, shipped


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--embedding", default="use")
    parser.add_argument("--model", choices=("basis", "codeboek"), default="basis")
    args = parser.parse_args()
    corpus = letters(args.n * 3, seed=3)
    texts = [" ".join(c.text for c in corpus[i : i + 3]) for i in range(0, len(corpus), 3)]
    # The synthetic letters reuse a bank of sentences; the classifier embeds each distinct
    # sentence once, so without this every letter after the first few would be nearly free.
    # A serial number per sentence makes every sentence distinct, as in real letters.
    counter = iter(range(10**9))
    texts = [re.sub(r"\.(\s)", lambda m: f" (nr {next(counter)}).{m.group(1)}", t) for t in texts]
    anonymiser = Anonymiser(load())
    anon = [a.text for _, a in anonymiser.pipe(texts)]
    words = sum(len(t.split()) for t in anon)
    t0 = time.perf_counter()
    if args.model == "basis":
        model = shipped.load(lambda: None)
        if model is None:
            sys.exit("geen meegeleverd basismodel")
    else:
        model = codebook(args.embedding)
    load_s = time.perf_counter() - t0
    model.classify("Opwarmen met een zin.")
    t0 = time.perf_counter()
    for i in range(0, len(anon), 256):
        model.classify_many(anon[i : i + 256])
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model: {model.version}")
    print(f"{len(anon)} brieven, gemiddeld {words / len(anon):.0f} woorden; laden {load_s:.1f} s")
    print(f"indelen: {dt:.1f} s = {len(anon) / dt:.1f} brieven/s, {words / dt:,.0f} woorden/s")
    print(f"piekgeheugen (RSS): {rss:,.0f} MB")


if __name__ == "__main__":
    main()
