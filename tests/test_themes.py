"""The cue classifier on sentences of our own (not from the dev set)."""

from __future__ import annotations

import pytest

from nlp.themes import CueClassifier
from schemas.records import THEME_KEYS


@pytest.fixture(scope="module")
def clf() -> CueClassifier:
    return CueClassifier()


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
