"""Fits how often passages of ordinary complaints mention each life domain
(``nlp/topics/domains.toml``) and writes ``nlp/topics/background.json``: counts only, no text.
The corpus is the labelled theme corpus (``../shared/data`` plus the own texts); a run's topics
compare their passage shares with these (``nlp.topics.domains.emerging``). Refit whenever the
lexicon changes: the file records the lexicon's hash, and a mismatch switches domains off.

    .venv/bin/python scripts/fit_topic_background.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.themes import corpus  # noqa: E402
from nlp.topics import domains  # noqa: E402
from nlp.topics.units import units  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=domains.BACKGROUND)
    args = parser.parse_args()
    absent = corpus.missing(args.data)
    if absent:
        print(f"gelabelde data ontbreekt in {args.data}: {', '.join(absent)}", file=sys.stderr)
        return 2
    data = corpus.read(args.data, anonymise=False, own=True)
    passages = units(data.texts)
    fitted = domains.fit_background(passages, domains.domains())
    fitted["data_sha256"] = data.sha256
    fitted["n_documents"] = len(data.texts)
    args.out.write_text(json.dumps(fitted, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    share = {k: v / max(fitted["n_passages"], 1) for k, v in fitted["counts"].items()}
    print(f"{fitted['n_passages']} passages uit {len(data.texts)} teksten -> {args.out}")
    for key, value in sorted(share.items(), key=lambda kv: -kv[1]):
        print(f"  {key:24s} {value:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
