"""Coarse metadata from raw text (our own sentences): categories only, "onbekend" over guessing."""

from __future__ import annotations

import pytest

from nlp.metadata import UNKNOWN, extract


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        (
            "Met vriendelijke groet,\nA. de Vries\nKerkstraat 1\n3811 AB Amersfoort",
            "municipality",
            "Amersfoort",
        ),
        ("Ik woon in de gemeente Den Haag en schrijf over de GI.", "municipality", "'s-Gravenhage"),
        ("Zuidsingel 12\n4611 AA Bergen op Zoom", "municipality", "Bergen op Zoom"),
        ("Aan de Kinderombudsman\nPostbus 95375\n2509 CJ Den Haag", "municipality", UNKNOWN),
        ("Ik heb een klacht over de gezinsvoogd.", "municipality", UNKNOWN),
        (
            "De gezinsvoogd van Jeugdbescherming Brabant en de GI luisteren niet.",
            "organisation",
            "Jeugdbescherming Brabant",
        ),
        ("De GI belt nooit terug.", "organisation", "GI (naam niet genoemd)"),
        (
            "Het raadsonderzoek van de Raad voor de Kinderbescherming klopt niet.",
            "organisation",
            "Raad voor de Kinderbescherming",
        ),
        ("Het gaat om de school van mijn kind.", "organisation", UNKNOWN),
        ("Als moeder van drie kinderen ben ik boos.", "complainant_role", "moeder"),
        ("Als pleegouders van Sam merken wij dat niemand belt.", "complainant_role", "pleegouder"),
        ("Ons kleinkind woont al een jaar in een leefgroep.", "complainant_role", "grootouder"),
        ("Ik ben 15 en mijn moeder mag mij niet zien.", "complainant_role", "jongere"),
        (
            "Namens mijn cliënt dien ik deze klacht in, als advocaat.",
            "complainant_role",
            "advocaat",
        ),
        ("Ik ben boos over de gang van zaken.", "complainant_role", UNKNOWN),
        ("Sinds de ondertoezichtstelling gaat het mis.", "measure", "OTS"),
        ("Na de uithuisplaatsing en de OTS hoor ik niets.", "measure", "UHP"),
        ("De voogdij ligt nu bij de GI.", "measure", "voogdij"),
        ("In het vrijwillig kader werd toch gedreigd.", "measure", "drang/vrijwillig"),
        ("Ik heb een vraag over uw openingstijden.", "measure", UNKNOWN),
    ],
)
def test_field(text, field, expected):
    assert getattr(extract(text), field) == expected


def test_only_categories_leave():
    meta = extract("Als vader schrijf ik u.\nJan Pietersen\nDorpsweg 3\n9711 AB Groningen")
    values = {meta.municipality, meta.organisation, meta.complainant_role, meta.measure}
    assert not any("Jan" in v or "Pietersen" in v or "Dorpsweg" in v for v in values)
