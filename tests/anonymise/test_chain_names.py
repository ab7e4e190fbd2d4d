"""Every organisation of the youth-protection chain that metadata knows (its names and aliases in
nlp/metadata/organisations.toml, local teams included) stays in the anonymised text: analysts
need them, and the theme model's chain rule reads them there. "Briedis" and "Intervence" were
once read as persons."""

from __future__ import annotations

import tomllib

import pytest

from nlp.metadata.organisation import ORGANISATIONS_FILE

NAMES = sorted(
    {
        name
        for org in tomllib.loads(ORGANISATIONS_FILE.read_text(encoding="utf-8"))["organisation"]
        if org["kind"] != "gi-generiek"  # role words (gezinsvoogd, voogd), not names
        for name in [org["name"], *org.get("aliases", [])]
    }
)


@pytest.mark.parametrize(
    "template",
    [
        "Ik heb een klacht over {n}. Een medewerker van {n} belde mij gisteren niet terug.",
        "Mevrouw Jansen van {n} belde mij gisteren niet terug.",
    ],
)
def test_every_chain_organisation_is_kept(anonymiser, template):
    assert len(NAMES) > 50
    redacted = [n for n in NAMES if n not in anonymiser.anonymise(template.format(n=n)).text]
    assert redacted == []


def test_the_person_beside_the_organisation_is_still_removed(anonymiser):
    out = anonymiser.anonymise("Mevrouw Jansen van Briedis belde mij gisteren niet terug.").text
    assert "Briedis" in out and "Jansen" not in out
