"""The trained person-name tagger: the shipped artefact is plain arrays with a card naming its
training data, it proposes names where no rule has a cue and leaves ordinary words, its spans
pass the allow-list like any recogniser's, and training is reproducible from our letters."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from nlp.anonymise import person_tagger
from nlp.anonymise.person_features import BUCKETS, FEATURE_VERSION

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model():
    m = person_tagger.PersonTagger.load()
    assert m is not None, "the fitted tagger is missing: scripts/train_person_tagger.py"
    return m


def _names(model, pipeline, lex, text: str) -> list[str]:
    tokens = list(pipeline.nlp(text))
    return [text[s:e] for s, e, _ in model.spans(tokens, text, lex)]


def test_the_artefact_is_plain_arrays_with_a_card(model):
    with np.load(person_tagger.WEIGHTS, allow_pickle=False) as saved:
        assert sorted(saved.files) == ["index", "weight"]
        assert saved["index"].dtype == np.int32 and saved["weight"].dtype == np.float32
        assert int(saved["index"].max()) < BUCKETS
    card = json.loads(person_tagger.CARD.read_text("utf-8"))
    assert card["feature_version"] == FEATURE_VERSION
    assert len(card["training_data_sha256"]) == 64
    assert card["nonzero_weights"] == int(np.count_nonzero(model.weights))
    assert 0 < card["threshold"] <= card["threshold_lowercase"] < 1
    assert person_tagger.WEIGHTS.stat().st_size < 500_000


def test_missing_or_outdated_artefact_means_no_tagger(tmp_path):
    assert person_tagger.PersonTagger.load(tmp_path / "x.npz", tmp_path / "x.json") is None
    card = json.loads(person_tagger.CARD.read_text("utf-8"))
    card["feature_version"] = "old"
    (tmp_path / "card.json").write_text(json.dumps(card))
    assert person_tagger.PersonTagger.load(person_tagger.WEIGHTS, tmp_path / "card.json") is None


def test_names_without_a_cue_and_ordinary_words(model, pipeline, lex):
    assert _names(model, pipeline, lex, "Gisteren kwam Stijn pas om negen uur thuis.") == ["Stijn"]
    assert _names(model, pipeline, lex, "ik zei tegen sanne visser dat het zo niet kan.") == [
        "sanne visser"
    ]
    for text in (
        "In januari belde de gezinsvoogd op maandag terug.",
        "De jeugdbeschermer en de pleegmoeder kwamen samen langs.",
        "Mijn zoon wil gewoon naar huis.",
    ):
        assert _names(model, pipeline, lex, text) == [], text


def test_its_spans_pass_the_allow_list(anonymiser):
    text = "Daarna belde Veilig Thuis, en later Jeugdbescherming Brabant."
    assert anonymiser.find(anonymiser.pipeline.nlp(text)) == []


def test_it_can_be_switched_off_by_name(pipeline):
    from nlp.anonymise import Anonymiser, Policy

    text = "Gisteren kwam Stijn pas om negen uur thuis."
    off = Anonymiser(pipeline, Policy(off=frozenset({"namentagger", "namen"})))
    on = Anonymiser(pipeline, Policy(off=frozenset({"namen"})))
    assert "Stijn" in off.anonymise(text).text
    assert "Stijn" not in on.anonymise(text).text


def test_training_on_our_letters_is_reproducible(pipeline, lex):
    sys.path.insert(0, str(REPO / "scripts"))
    import eval_anonymise
    import train_person_tagger as train

    rows = eval_anonymise.own_letters(REPO / "tests" / "anonymise" / "letters")
    first = train.fit(rows, pipeline.nlp, lex, 0.5, 0.5)
    again = train.fit(rows, pipeline.nlp, lex, 0.5, 0.5)
    assert np.array_equal(first.weights, again.weights)
    assert first.card["training_data_sha256"] == train.data_hash(rows)
    person = [s for s in rows[0]["pii"] if s["label"] == "PERSOON"]
    changed = [dict(rows[0], pii=[s for s in rows[0]["pii"] if s is not person[0]]), *rows[1:]]
    assert train.data_hash(changed) != train.data_hash(rows)
    text = "Volgens Jesper is de afspraak verzet."
    assert _names(first, pipeline, lex, text) == ["Jesper"]
