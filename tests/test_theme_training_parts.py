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


def test_body_drops_an_address_block_of_placeholders_and_a_postbus():
    letter = (
        "Advocatenkantoor [PERSOON-1]\n[ADRES-1]\n[POSTCODE-1] [PLAATS-1]\n\n"
        "Aan de klachtencommissie\nPostbus 4410\n[POSTCODE-2] [PLAATS-2]\n\n"
        "Mijn cliënte is nooit gehoord over de verlenging van de ondertoezichtstelling.\n"
        "Aan het eind van het gesprek werd haar niets gevraagd."
    )
    assert body(letter) == (
        "Mijn cliënte is nooit gehoord over de verlenging van de ondertoezichtstelling.\n"
        "Aan het eind van het gesprek werd haar niets gevraagd."
    )


def test_scope_features_see_whom_a_grievance_is_aimed_at():
    from nlp.themes.scope import CATEGORIES, N_FEATURES, Scope

    scope = Scope()
    at_chain = scope.features(["De gezinsvoogd reageert al weken niet, ik ben echt boos."])
    at_school = scope.features(["De mentor op school reageert al weken niet, ik ben echt boos."])
    thanks = scope.features(["Ik wil de jeugdbeschermer bedanken voor haar hulp."])
    assert at_chain.shape == at_school.shape == (N_FEATURES,)
    aimed_at_chain, aimed_elsewhere = 2 * (1 + len(CATEGORIES)), 2 * (1 + len(CATEGORIES)) + 1
    assert at_chain[aimed_at_chain] == 1 and at_chain[aimed_elsewhere] == 0
    assert at_school[aimed_at_chain] == 0 and at_school[aimed_elsewhere] == 1
    thanks_share = 1 + CATEGORIES.index("thanks")
    assert thanks[thanks_share] == 1 and at_chain[thanks_share] == 0
    assert not scope.features([]).any()


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


def test_second_ratio_drops_weak_further_themes_when_they_are_mostly_wrong():
    from nlp.themes.base import N_THEMES
    from nlp.themes.base_training import second_ratio

    rng = np.random.default_rng(0)
    n = 200
    p = np.zeros((n, COMPLAINT + 1))
    y = np.zeros((n, COMPLAINT + 1), dtype=int)
    p[:, COMPLAINT] = y[:, COMPLAINT] = 1
    first = rng.integers(0, N_THEMES, n)
    p[np.arange(n), first] = 0.9
    y[np.arange(n), first] = 1
    other = (first + 1) % N_THEMES
    p[np.arange(n), other] = 0.35  # above its threshold, far below the first: mostly wrong
    y[np.arange(n)[:20], other[:20]] = 1
    thresholds = np.full(N_THEMES, 0.3)
    assert second_ratio(p, y, thresholds) == 0.5
    y[np.arange(n), other] = 1  # the weak second theme is always right: keep it
    assert second_ratio(p, y, thresholds) == 0.0


def test_decide_applies_the_second_ratio():
    from nlp.themes.base import BaseModel

    model = BaseModel.__new__(BaseModel)
    model.thresholds = np.full(6, 0.3)
    model.complaint_threshold = 0.5
    p = np.array([[0.9, 0.4, 0.1, 0.1, 0.1, 0.1, 0.95]])
    model.second_ratio = 0.0
    assert model.decide(p)[0][0] == ["waarheidsvinding", "communicatie"]
    model.second_ratio = 0.5
    assert model.decide(p)[0][0] == ["waarheidsvinding"]
