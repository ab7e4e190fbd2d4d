"""Fits how often passages of ordinary complaints mention each life domain
(``nlp/topics/domains.toml``) and writes ``nlp/topics/background.json``: counts only, no text.

The ordinary complaints are the hand-written letters of ``tests/corpus`` that carry no planted
issue: whole letters, as a run sees them (short labelled snippets mention housing, money or
family far more often per passage, which hid real rises). Counts are kept per corpus file too, so
``scripts/eval_topics.py`` can score a corpus against a background without its own letters. A
run's topics compare their passage shares with these (``nlp.topics.domains.emerging``). Refit
whenever the lexicon or the corpus changes: the file records the lexicon's hash, and a mismatch
switches domains off.

    .venv/bin/python scripts/fit_topic_background.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import hand_written, letter_corpora  # noqa: E402
from nlp.topics import domains  # noqa: E402
from nlp.topics.units import units  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"


def ordinary_letters(path: Path) -> list[str]:
    """Texts of the complaints of a corpus file that carry no planted issue."""
    _, rows = hand_written(path)
    return [r["text"] for r in rows.values() if r["themes"] and not r["planted"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=domains.BACKGROUND)
    args = parser.parse_args()
    files = letter_corpora(args.corpus)
    if not files:
        print(f"geen brieven gevonden in {args.corpus}", file=sys.stderr)
        return 2
    texts = {p.name: ordinary_letters(p) for p in files}
    fitted = domains.fit_background({n: units(t) for n, t in texts.items()}, domains.domains())
    fitted["n_documents"] = sum(len(t) for t in texts.values())
    args.out.write_text(json.dumps(fitted, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    share = {k: v / max(fitted["n_passages"], 1) for k, v in fitted["counts"].items()}
    print(f"{fitted['n_passages']} passages uit {fitted['n_documents']} brieven -> {args.out}")
    for key, value in sorted(share.items(), key=lambda kv: -kv[1]):
        print(f"  {key:24s} {value:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
