"""The codebook theme model on sentences of our own (not from the dev set)."""

from __future__ import annotations

import pytest

from nlp.themes import CodebookModel, codebook
from nlp.themes.cues import Cues
from nlp.themes.features import Featuriser
from nlp.themes.sentences import split
from schemas.records import THEME_KEYS


@pytest.fixture(scope="module", params=["use", "geen"])
def clf(request) -> CodebookModel:
    """With sentence embeddings and on cues alone: both must get the clear cases right."""
    return codebook(request.param)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (
            "De gezinsvoogd dreigde dat mijn kinderen uit huis gaan als ik niet meewerk, "
            "terwijl er geen maatregel is.",
            "drang_dwang",
        ),
        (
            "We staan al acht maanden op een wachtlijst en hebben nog steeds geen gezinsvoogd.",
            "tijdigheid",
        ),
        (
            "In het rapport staat als feit dat ik drink, maar dat is nooit onderzocht en het "
            "klopt niet.",
            "waarheidsvinding",
        ),
        (
            "Mijn mails blijven onbeantwoord en niemand legt uit wat ik moet doen om mijn zoon "
            "terug te krijgen.",
            "communicatie",
        ),
        (
            "Vijf instanties zijn betrokken en niemand neemt de regie; iedereen wijst naar elkaar.",
            "regie",
        ),
        (
            "Het bemiddelingsgesprek met de teammanager leverde niets op; hij verdedigde alleen "
            "zijn medewerker.",
            "geschilbeslechting",
        ),
    ],
)
def test_theme_found_with_evidence(clf, text, theme):
    result = clf.classify(text)
    assert theme in result.assigned, result.scores
    assert set(result.scores) == set(THEME_KEYS)
    assert any(e.theme == theme and e.sentence in text for e in result.evidence)


def test_not_a_youth_protection_complaint_gets_no_theme(clf):
    text = (
        "Beste medewerkers, ik wil u hartelijk bedanken voor de fijne ontvangst vorige week. " * 8
    ) + "De school van mijn dochter reageert nooit op mijn mails over het pesten."
    result = clf.classify(text)
    assert result.assigned == [] and result.primary is None


def test_primary_is_the_highest_assigned(clf):
    result = clf.classify(
        "De jeugdbeschermer dreigde met een uithuisplaatsing als ik niet zou tekenen. "
        "Uit angst heb ik getekend. Daarna hoorde ik maanden niets."
    )
    assert result.primary == max(result.assigned, key=lambda k: result.scores[k])


def test_cues_only_model_says_so():
    model = CodebookModel(Featuriser(Cues(), None))
    assert model.version.endswith("alleen-cues")
    assert "signaalwoorden" in model.describe()


def test_batch_equals_one_by_one(clf):
    texts = [
        "De gezinsvoogd belt nooit terug en mijn mails blijven onbeantwoord.",
        "Beste, wat zijn de openingstijden van uw kantoor?",
        "We wachten al een jaar op een nieuwe gezinsvoogd.",
    ]
    assert clf.classify_many(texts) == [clf.classify(t) for t in texts]


def test_short_question_without_complaint_gets_no_theme(clf):
    result = clf.classify("Beste, wat zijn de openingstijden van uw kantoor? Groet.")
    assert result.assigned == []


def test_every_assigned_theme_has_evidence_from_the_text(clf):
    text = (
        "Sinds de ondertoezichtstelling hebben we drie gezinsvoogden gehad. "
        "Niemand vertelt ons iets over de plannen. De laatste verdween zonder uitleg."
    )
    result = clf.classify(text)
    assert result.assigned
    for theme in result.assigned:
        assert [e for e in result.evidence if e.theme == theme]
    assert all(e.sentence in text for e in result.evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Ik heb het gezegd. [PERSOON-2] belde daarna niet terug! [PLAATS] is ver weg.",
        "Wat zei [PERSOON-1]? [PERSOON-12] wist het ook niet. [DATUM] was de zitting.",
        "Het rapport klopt niet.\n\n[PERSOON-3]\n[ADRES]\n[POSTCODE] [PLAATS]",
    ],
)
def test_sentences_never_split_inside_a_placeholder(text):
    sentences = split(text)
    for s in sentences:
        assert s.count("[") == s.count("]"), sentences
        assert "[ " not in s and not s.endswith("["), sentences
    assert " ".join(sentences).split() == text.split()


def test_sentences_are_whole():
    text = "Mijn zoon woont bij [PERSOON-1]. Hij mag mij niet zien. Waarom niet?"
    assert split(text) == [
        "Mijn zoon woont bij [PERSOON-1].",
        "Hij mag mij niet zien.",
        "Waarom niet?",
    ]
