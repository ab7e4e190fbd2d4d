"""Guards on the development set in ../shared (skipped when it is absent).

These are floors, not targets: they catch a regression of the anonymiser or the classifier.
The dev set is for measuring only; no rule is tuned to its sentences.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.shared
sys.path.insert(0, str(REPO / "scripts"))


def _rows(shared, name):
    path = shared / "data" / f"{name}.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]


def test_anonymiser_on_dev_letters(shared, anonymiser):
    from eval_anonymise import evaluate

    r = evaluate(_rows(shared, "dev_letters"), anonymiser)
    for label in ("EMAIL", "IBAN", "BSN", "TELEFOON"):
        leaked, total = r["leaks"].get(label, (0, 0))
        assert leaked == 0, f"{label}: {leaked} of {total} leaked"
    assert r["leak_rate"] <= 0.005 and r["exposed_rate"] <= 0.005
    assert r["precision"] >= 0.95
    assert r["unflagged_full_name"] == 0
    assert r["false_flag_rate"] < 0.10  # the residual check must not fire on clean letters


def test_codebook_model_on_dev_sets(shared, anonymiser):
    """Held-out figures (the codebook is not fitted on this data); floors a little under what
    the note reports, so a regression shows."""
    from nlp.themes import codebook
    from nlp.themes.metrics import score

    clf = codebook()
    for name, floor_f1, floor_top1 in (("dev_letters", 0.78, 0.9), ("dev_snippets", 0.55, 0.55)):
        rows = _rows(shared, name)
        results = clf.classify_many([anonymiser.anonymise(r["text"]).text for r in rows])
        s = score([r["themes"] for r in rows], results)
        assert s.macro_f1 >= floor_f1 and s.top1 >= floor_top1, (name, s.macro_f1, s.top1)
