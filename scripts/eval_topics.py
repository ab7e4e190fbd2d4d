"""Topic discovery on the hand-written corpora of tests/corpus (issue 17): per planted issue, the
best ``nieuw`` topic's F1 over complaints, the other ``nieuw`` topics, and (diagnostic) the best
F1 any cluster of any partition reaches. Letters go through the anonymiser and theme model first,
as in a real run (``benchmarks.preload.load_letters``).

    .venv/bin/python scripts/eval_topics.py [--corpus planted heldout heldout2 heldout3 plain]

Prints only ids, counts, figures and topic words (never passages).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import letter_corpora

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
CORPORA = tuple(p.stem for p in letter_corpora(CORPUS))  # a new corpus file needs no edit


def _f1(found: set[str], truth: set[str]) -> float:
    return 2 * len(found & truth) / (len(found) + len(truth)) if found or truth else 0.0


def _best_partition_f1(settings, truth: dict[str, set[str]]) -> dict[str, str]:
    """Per issue, the cluster of any partition with the best F1 over complaints (what consensus
    could keep at best) and the figures ``nieuw`` tests it on: complaints, mean theme evidence,
    signature, share of opening passages. Recomputed the way run_topics does."""
    from application.topics import embedding_cache
    from nlp.themes import featuriser
    from nlp.topics.evidence import embed_units
    from nlp.topics.model import choose_k, lemma_docs, partitions, signature
    from nlp.topics.novelty import opening_share
    from nlp.topics.units import units
    from warehouse import db
    from warehouse import topics as store

    con = db.connect(settings.db_path)
    try:
        rows = store.complaints_for_topics(con)
    finally:
        con.close()
    ids = [d for d, _ in rows]
    found = units([t for _, t in rows])
    fz = featuriser(settings.embedding_model)
    vectors, evidence = embed_units(found, fz, cache=embedding_cache(settings))
    strength = evidence.max(axis=1)
    k = settings.topics_k or choose_k(len(found))
    best: dict[str, tuple[float, int, list[int]]] = {i: (0.0, -1, []) for i in truth}
    for p, labels in enumerate(partitions(found, vectors, k=k, seed=settings.topics_seed)):
        for c in sorted(set(labels.tolist())):
            members = [i for i in range(len(found)) if labels[i] == c]
            docs = {ids[found[i].doc] for i in members}
            for issue, t in truth.items():
                if _f1(docs, t) > best[issue][0]:
                    best[issue] = (_f1(docs, t), p, members)
    docs_of = lemma_docs(found)
    out = {}
    for issue, (f1, p, members) in best.items():
        n_docs = len({found[i].doc for i in members})
        out[issue] = (
            f"beste in een partitie {f1:.2f} (partitie {p}, {n_docs} klachten, "
            f"thema-bewijs {float(strength[members].mean()) if members else 0:.2f}, "
            f"signatuur {signature(found, members, docs_of):.2f}, "
            f"openingen {opening_share(found, members):.2f})"
        )
    return out


@contextlib.contextmanager
def _background_without(source: str) -> Iterator[None]:
    """The shipped background without the scored corpus's own letters (it is fitted on the
    ordinary letters of all corpora): a corpus is scored as if it were new."""
    from nlp.topics import domains as life

    shipped = life.background
    full = shipped()
    if full is not None and source not in full.sources:
        print(f"  let op: {source} is geen bron van de achtergrond; gescoord tegen de volle")
    life.background = lambda *a, **k: full.without(source) if full else None
    try:
        yield
    finally:
        life.background = shipped


def evaluate(name: str, anonymiser, diagnose: bool, keep: Path | None) -> None:
    from application.topics import run_topics
    from benchmarks.corpus import hand_written
    from benchmarks.preload import load_letters
    from schemas.settings import load_settings
    from warehouse.db import connect
    from warehouse.topics import new_topic_complaints

    letters, by_doc = hand_written(CORPUS / f"{name}.jsonl")
    rows = list(by_doc.values())
    complaints = {d for d, r in by_doc.items() if r["themes"]}
    issues = sorted({r["planted"] for r in rows if r["planted"]})
    truth = {i: {d for d, r in by_doc.items() if r["planted"] == i} for i in issues}
    with tempfile.TemporaryDirectory(prefix="rodedraad-eval-topics-") as tmp:
        # --keep: letters anonymised and classified once, kept as a pristine warehouse that each
        # evaluation copies (a previous topic run must not influence the next one)
        root = keep / name if keep else Path(tmp)
        data = root / "data"
        s = load_settings(data_dir=data, db_path=data / "rodedraad.duckdb")
        pristine = root / "geladen.duckdb"
        if keep and pristine.exists():
            shutil.copyfile(pristine, s.db_path)
        else:
            shutil.rmtree(data, ignore_errors=True)
            load_letters(s, anonymiser, letters)
            if keep:
                shutil.copyfile(s.db_path, pristine)
        t0 = time.perf_counter()
        with _background_without(f"{name}.jsonl"):
            run_topics(s)
        seconds = time.perf_counter() - t0
        con = connect(s.db_path)
        try:
            new = new_topic_complaints(con)
        finally:
            con.close()
        best_any = _best_partition_f1(s, truth) if diagnose and issues else {}
    print(f"== {name}: {len(rows)} brieven, {len(new)} nieuw, onderwerpen in {seconds:.1f} s")
    matched: set[int] = set()
    for issue in issues:
        scores = {tid: _f1(set(docs) & complaints, truth[issue]) for tid, _, docs in new}
        top = max(scores, key=scores.get, default=None)
        f1 = scores.get(top, 0.0) if top is not None else 0.0
        if top is not None and f1 >= 0.6:
            matched.add(top)
        extra = f"; {best_any[issue]}" if issue in best_any else ""
        print(f"  {issue}: F1 {f1:.2f} (onderwerp {top}){extra}")
    for tid, words, docs in new:
        mark = "*" if tid in matched else " "
        print(f"  {mark} {tid:3d} {len(set(docs)):3d} klachten: {', '.join(words[:6])}")
    print(f"  overige nieuw: {len(new) - len(matched)}")


class _Lazy:
    """The anonymiser, loaded only when letters must be loaded (not with --keep on a re-run)."""

    def __init__(self, make):
        self._make, self._obj = make, None

    def __getattr__(self, name):
        if self._obj is None:
            self._obj = self._make()
        return getattr(self._obj, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", nargs="+", choices=CORPORA, default=list(CORPORA))
    parser.add_argument("--no-diagnose", action="store_true", help="skip the partition F1")
    parser.add_argument(
        "--keep", type=Path, help="folder to keep the loaded letters in between evaluations"
    )
    args = parser.parse_args()
    from nlp.anonymise import Anonymiser
    from nlp.pipeline import load

    t0 = time.perf_counter()
    anonymiser = _Lazy(lambda: Anonymiser(load()))
    for name in args.corpus:
        evaluate(name, anonymiser, not args.no_diagnose, args.keep)
    print(f"totaal {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
