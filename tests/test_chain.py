"""A long text that names no part of the youth-protection chain is no complaint about it
(nlp/themes/chain.py), whatever the theme model's probabilities; shorter texts are left to the
model. Letters written for these tests."""

from __future__ import annotations

import pytest

from nlp.themes import chain, shipped
from nlp.themes.chain import MIN_WORDS, names_the_chain, outside_the_chain
from schemas.vocabulary import DocumentKind

# A grievance against a day-care centre, in a complaint's own words: not told, not heard, a
# report that is wrong. It names no guardian, measure, court or institution of the chain.
DAYCARE = (
    "Geachte heer, mevrouw,\n\nOnze zoon van drie gaat vier dagen per week naar het "
    "kinderdagverblijf om de hoek. Afgelopen dinsdag kwam hij thuis met een grote schaafwond op "
    "zijn knie en een gescheurde broek. Niemand had ons gebeld of iets verteld bij het ophalen, "
    "en in het schriftje stond dat hij een rustige dag had gehad. Dat klopt gewoon niet. Toen "
    "wij vroegen wat er was gebeurd, kregen we steeds een ander verhaal te horen. De "
    "leidinggevende zegt dat wij overdrijven en wil ons niet laten zien wat er in hun eigen "
    "verslag staat. Wij "
    "voelen ons niet serieus genomen en willen dat iemand hier eens goed naar kijkt, want zo "
    "kunnen wij ons kind daar niet met een gerust hart achterlaten.\n\nMet vriendelijke groet,\n"
    "[PERSOON-1]"
)


def _with(sentence: str) -> str:
    return DAYCARE.replace("Dat klopt gewoon niet.", f"Dat klopt gewoon niet. {sentence}")


def test_the_daycare_letter_is_long_and_names_no_part_of_the_chain():
    assert len(DAYCARE.split()) >= MIN_WORDS
    assert not names_the_chain(DAYCARE)
    assert outside_the_chain(DAYCARE)


@pytest.mark.parametrize(
    "sentence",
    [
        "De gezinsvoogd weet hiervan.",  # chain.toml: roles, measures, placements, bodies
        "De voogd is ingelicht.",
        "De voogden zijn ingelicht.",
        "Onze pleegzoon heeft het ook gezien.",
        "Zijn broer is vorig jaar uithuisgeplaatst.",
        "Twee gezinshuizen hadden geen plek.",
        "Hij woont nu op een leefgroep.",
        "DE RECHTER HEEFT HET ZO BESLOTEN.",
        "De Raad deed toen onderzoek.",  # matched as written
        "Er kwam een melding bij Veilig Thuis.",
        "Er is geen OTS.",
        "Ook de rechter heeft er iets over gezegd.",
        "Wij hebben het ook aan JBRR laten weten.",  # an organisation's alias
        "Samen Veilig is op de hoogte.",
        "Hij woont in een gezinshuis.",
    ],
)
def test_a_text_that_names_the_chain_is_left_to_the_model(sentence):
    assert names_the_chain(_with(sentence))
    assert not outside_the_chain(_with(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Het wijkteam heeft ons wel een praatmaatje gegeven.",  # local help, not the chain
        "Ook bij het CJG wisten ze het niet.",
        "Zij heeft later wel jeugdzorg gehad, maar dat is voorbij.",
    ],
)
def test_local_help_and_youth_care_in_general_are_not_the_chain(sentence):
    assert not names_the_chain(_with(sentence))
    assert outside_the_chain(_with(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Ik vroeg de huisarts om raad.",  # advice, not the Raad
        "Hij viel op zijn rechterknie.",
        "Het heeft ons maanden gekost.",
    ],
)
def test_ordinary_words_that_look_like_the_chain_are_not_it(sentence):
    assert outside_the_chain(_with(sentence))


def test_the_lowercase_patterns_must_be_lowercase(tmp_path):
    bad = tmp_path / "chain.toml"
    bad.write_text("patterns = ['Rechter']\nexact_case = []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lowercase"):
        chain._patterns(bad)


def test_a_short_note_is_never_judged_on_this():
    short = "Ik wil een andere begeleider, deze luistert nooit naar mij en komt steeds te laat."
    assert not names_the_chain(short)
    assert len(short.split()) < MIN_WORDS and not outside_the_chain(short)


@pytest.fixture(scope="module")
def model():
    loaded = shipped.load(lambda: None)
    if loaded is None:
        pytest.fail("the shipped base model is missing or does not load")
    return loaded


def test_the_shipped_model_gives_no_theme_to_a_long_text_outside_the_chain(model):
    (outside,) = model.classify_many([DAYCARE])
    assert outside.kind == DocumentKind.GEEN_KLACHT and outside.assigned == []
    assert outside.evidence == [] and outside.scores  # the scores stay, for whoever checks
    # the stored version names the rule's lists, so reclassify re-scores after an edit of them
    assert outside.model_version == f"{model.version}+keten-{chain.digest()}"
    probs = model.probabilities([DAYCARE])
    # the rule, not the gate, decided: without the text the model would call it a complaint
    if model.decide(probs)[0][1] != DocumentKind.KLACHT:
        pytest.skip("the gate already turns this letter down; the rule is not what decides")
    assert model.decide(probs, [DAYCARE])[0] == ([], DocumentKind.GEEN_KLACHT)
