"""How the complaint gate's recall floor trades non-complaints for complaints on whole blind gate
sets the model did not see: the own gate sets (``nlp/themes/data/own_gateblind*.jsonl``) in six
groups; each group is scored by a model fitted on everything else, which chooses its threshold
on its own training part for each floor. Chose ``gate="recall:0.98"`` (``docs/themes.md``).

    .venv/bin/python scripts/choose_gate.py [--data ../shared/data] [--groups 6] [--upto 18]

``--upto 18`` scores only ``own_gateblind1`` to ``18`` (the sets there were when the floor was
chosen); later sets then stay in every training part.

Prints counts only, never text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.themes import base_training, corpus  # noqa: E402

FLOORS = (0.995, 0.99, 0.985, 0.98, 0.975, 0.97, 0.96, 0.95)


def sources(data: corpus.Corpus) -> np.ndarray:
    """The file each document came from: a shared style, or an own file's name."""
    out = [s for s in corpus.STYLES for _ in range(data.counts.get(s, 0))]
    for path in corpus.own_files():
        out += [path.stem] * sum(1 for line in path.read_text().splitlines() if line.strip())
    if len(out) != len(data.texts):
        raise RuntimeError("own files changed while reading")
    return np.array(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--groups", type=int, default=6)
    parser.add_argument("--upto", type=int, help="score only own_gateblind1 .. N")
    args = parser.parse_args()
    data = corpus.read(args.data)
    src = sources(data)
    gates = sorted({s for s in src if s.startswith("own_gateblind")}, key=lambda s: int(s[13:]))
    gates = [g for g in gates if args.upto is None or int(g[13:]) <= args.upto]
    recipe = base_training.SHIPPED_RECIPE
    choose = base_training.gate_threshold
    seen: dict[str, np.ndarray] = {}

    def spy(p: np.ndarray, y: np.ndarray, how: str) -> float:  # keeps the inner OOF scores
        seen["p"], seen["y"] = p.copy(), y.copy()
        return choose(p, y, how)

    base_training.gate_threshold = spy
    counts = {f: [0, 0, 0, 0] for f in FLOORS}  # non-complaints right, of, complaints lost, of
    for k in range(args.groups):
        group = gates[k :: args.groups]
        test, train = np.flatnonzero(np.isin(src, group)), np.flatnonzero(~np.isin(src, group))
        model = base_training.fit(
            [data.texts[i] for i in train], [data.labels[i] for i in train], recipe, version="gate"
        )
        texts = [data.texts[i] for i in test]
        probs = model.probabilities(texts)
        for floor in FLOORS:
            model.complaint_threshold = choose(seen["p"], seen["y"], f"recall:{floor}")
            for i, (themes, _) in zip(test, model.decide(probs, texts), strict=True):
                c = counts[floor]
                if data.labels[i]:
                    c[3] += 1
                    c[2] += not themes
                else:
                    c[1] += 1
                    c[0] += not themes
        print(f"groep {k + 1}/{args.groups}: {', '.join(group)}", flush=True)
    for floor, (right, n_other, lost, n_compl) in counts.items():
        print(
            f"ondergrens {floor}: geen klacht goed {right}/{n_other}, "
            f"klachten kwijt {lost}/{n_compl}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
