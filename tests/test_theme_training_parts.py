"""The parts of the base model's recipe added for issue 11: the letter's framing is not read,
the best sentences per target are stacked, own texts only ever train, and the gate's criteria."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.framing import body
from nlp.themes import corpus
from nlp.themes.base import COMPLAINT, sentence_features
from nlp.themes.base_training import gate_threshold

LETTER = """[PLAATS-1], oktober 2024

Geachte Kinderombudsman,

Ik ben de grootmoeder van [PERSOON-1]. De gezinsvoogd belt nooit terug over de omgang.
Beste bedoelingen heeft ze vast, maar ik hoor niets.

Met vriendelijke groet,
[PERSOON-2]
Dorpsstraat
"""

MAIL = """Van: [EMAIL-1]
Onderwerp: klacht
Datum: maart 2025

Hoi,

ik word nooit gehoord door mijn voogd en ik wil dat dat verandert want het gaat over mij.

groetjes"""


def test_body_drops_the_framing_and_keeps_every_content_line():
    assert body(LETTER) == (
        "Ik ben de grootmoeder van [PERSOON-1]. De gezinsvoogd belt nooit terug over de omgang.\n"
        "Beste bedoelingen heeft ze vast, maar ik hoor niets."
    )
    assert body(MAIL) == (
        "ik word nooit gehoord door mijn voogd en ik wil dat dat verandert want het gaat over mij."
    )


def test_body_keeps_a_text_that_is_all_framing_and_plain_text_as_it_is():
    assert body("Met vriendelijke groet,\n[PERSOON-1]") == "Met vriendelijke groet,\n[PERSOON-1]"
    plain = "De raad heeft mij nooit gesproken. Beste mensen, dit moet anders."
    assert body(plain) == plain


def test_sentence_features_take_the_best_and_the_best_two_per_target():
    q = np.zeros((3, COMPLAINT + 1))
    q[:, 2] = [0.1, 0.9, 0.5]
    f = sentence_features([q, np.zeros((0, COMPLAINT + 1))])
    assert f.shape == (2, 2 * (COMPLAINT + 1))
    assert f[0, 2] == pytest.approx(0.9) and f[0, COMPLAINT + 1 + 2] == pytest.approx(0.7)
    assert not f[1].any()  # a text without sentences scores nothing


def test_own_texts_only_ever_train():
    styles = ["cases"] * 10 + ["notes"] * 10 + [corpus.OWN] * 5
    own = set(range(20, 25))
    for train, test in corpus.folds(styles, 5, 42):
        assert own <= set(train) and not own & set(test)
    splits = corpus.cross_style_splits(styles)
    assert set(splits) == {"cases", "notes"}
    for train, test in splits.values():
        assert own <= set(train) and not own & set(test)
    assert set(corpus.scored(styles)) == set(range(20))


def test_gate_criteria():
    # complaints (1) mostly score high, non-complaints (0) low, with overlap
    p = np.array([0.9, 0.8, 0.7, 0.6, 0.3, 0.5, 0.4, 0.2, 0.1, 0.65])
    y = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
    keep_all = gate_threshold(p, y, "recall:1.0")
    assert (p[y == 1] >= keep_all).all() and keep_all == pytest.approx(0.3)
    strict = gate_threshold(p, y, "cost:5")  # a let-through non-complaint costs 5 complaints
    assert (p[y == 0] < strict).all()
    assert gate_threshold(p, y, "accuracy") <= strict
    assert gate_threshold(p[y == 1], y[y == 1], "accuracy") == pytest.approx(0.05)
