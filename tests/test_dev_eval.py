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
    assert r["leak_rate"] <= 0.02
    assert r["precision"] >= 0.90


def test_classifier_on_dev_letters(shared, anonymiser):
    from eval_themes import score

    from nlp.themes import CueClassifier

    clf = CueClassifier()
    r = score(_rows(shared, "dev_letters"), lambda t: clf.classify(anonymiser.anonymise(t).text))
    assert r["macro_f1"] >= 0.7 and r["top1"] >= 0.8
