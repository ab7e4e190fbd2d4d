"""Each recogniser on short sentences of our own: what must be found, and what must stay."""

from __future__ import annotations

import pytest

CASES = {
    # label: [(sentence, the exact span that must be found)]
    "TELEFOON": [
        ("Bel me op 06-12345678 graag.", "06-12345678"),
        ("Mijn nummer: 06 12 34 56 78.", "06 12 34 56 78"),
        ("Bereikbaar via +31 6 1234 5678 overdag.", "+31 6 1234 5678"),
        ("Of via 0031 6 12 34 56 78 bellen.", "0031 6 12 34 56 78"),
        ("Kantoor: 030 - 123 45 67 (ma-vr).", "030 - 123 45 67"),
        ("Vaste lijn 0513-623418 thuis.", "0513-623418"),
        ("Mijn zus in Polen: +48 601 227 940.", "+48 601 227 940"),
    ],
    "BSN": [
        ("Het BSN van mijn zoon is 111222333.", "111222333"),
        ("Zijn BSN is 111222333, zoals gevraagd.", "111222333"),
        ("bsn: 123 456 782 staat op de brief.", "123 456 782"),
    ],
    "IBAN": [
        ("Maak het over naar NL91 ABNA 0417 1643 00 graag.", "NL91 ABNA 0417 1643 00"),
        ("Rekening NL91ABNA0417164300.", "NL91ABNA0417164300"),
        ("Duitse rekening DE89 3704 0044 0532 0130 00 ook.", "DE89 3704 0044 0532 0130 00"),
    ],
    "EMAIL": [("Mail naar a.b-c@voorbeeld.nl of bel.", "a.b-c@voorbeeld.nl")],
    "URL": [
        ("Zie https://www.example.com/profiel/123.", "https://www.example.com/profiel/123"),
        ("Op TikTok heet hij @stoere_jongen_010 daar.", "@stoere_jongen_010"),
    ],
    "POSTCODE": [("Adres: 3511 AB Utrecht.", "3511 AB"), ("Postcode 1234AB klopt.", "1234AB")],
    "ADRES": [
        ("Ik woon op de Kerkstraat 12-II sinds mei.", "Kerkstraat 12-II"),
        ("Zij woont Burgemeester de Vlugtlaan 145A.", "Burgemeester de Vlugtlaan 145A"),
        ("Ons huis aan de Lindenweg 8 hs is klein.", "Lindenweg 8 hs"),
    ],
    "ZAAKNUMMER": [
        ("Zaak C/13/712345 / JE RK 22-1234 loopt.", "C/13/712345 / JE RK 22-1234"),
        ("Het hof (200.123.456/01) besliste.", "200.123.456/01"),
        ("Ons dossiernummer: GI-2024-11873.", "GI-2024-11873"),
    ],
    "KENTEKEN": [
        ("De auto met kenteken 12-ABC-3 stond er.", "12-ABC-3"),
        ("Kenteken XT-482-K gezien.", "XT-482-K"),
        ("Een oude auto, AB-12-34.", "AB-12-34"),
    ],
    "GEBOORTEDATUM": [("Mijn dochter is geboren op 3 juni 2014 in de nacht.", "3 juni 2014")],
    "DATUM": [("Het gesprek was op 16-04-2024 om tien uur.", "16-04-2024")],
    "PERSOON": [
        ("Mijn naam is Fatima el Amrani en ik schrijf u.", "Fatima el Amrani"),
        ("De gezinsvoogd, mevrouw J.P. de Jong, belde niet.", "J.P. de Jong"),
        ("Ik sprak meneer Van Rijswijk over de klacht.", "Van Rijswijk"),
        ("Mijn zoon Daan is acht.", "Daan"),
        ("Ook Anna de Ridder-Şahin was er.", "Anna de Ridder-Şahin"),
        ("Het gaat om mijn vrouw, Marit, die ziek is.", "Marit"),
        ("Onze kinderen Bartek (9) en Zuzanna (4) wonen thuis.", "Zuzanna"),
    ],
    "INSTELLING": [
        ("Hij zit op basisschool Het Palet in groep 5.", "Het Palet"),
        ("Ze gaat naar OBS De Wilgenhoek elke dag.", "OBS De Wilgenhoek"),
    ],
    "PLAATS": [("Wij wonen sinds kort in Zwolle met de kinderen.", "Zwolle")],
}

KEEP = [
    "De Raad voor de Kinderbescherming deed onderzoek.",
    "Jeugdbescherming Gelderland heeft de klacht ontvangen.",
    "Veilig Thuis en het wijkteam waren betrokken.",
    "De rechtbank en de Klachtencommissie oordeelden anders.",
    "In 2019 is het onderzoek gedaan en in oktober kwam het rapport.",
    "Ik werk al 7 jaar en heb 3 kinderen.",
    "Geachte Burgemeester, ik schrijf u over de jeugdzorg.",
]


@pytest.mark.parametrize(
    ("label", "sentence", "span"),
    [(label, s, span) for label, cases in CASES.items() for s, span in cases],
)
def test_recognised(anonymiser, label, sentence, span):
    found = {
        (sentence[e.start : e.end], e.label)
        for e in anonymiser.find(anonymiser.pipeline.nlp(sentence))
    }
    assert (span, label) in found, f"{label} {span!r} not in {found}"


@pytest.mark.parametrize("sentence", KEEP)
def test_chain_organisations_and_ordinary_words_stay(anonymiser, sentence):
    result = anonymiser.anonymise(sentence)
    assert result.text == sentence, [sentence[e.start : e.end] for e in result.entities]


def test_invalid_checksums_are_not_bsn_or_iban(anonymiser):
    text = "Nummer 123456789 en NL00 ABNA 0417 1643 00 zijn ongeldig."
    labels = {e.label for e in anonymiser.find(anonymiser.pipeline.nlp(text))}
    assert "BSN" not in labels and "IBAN" not in labels


def test_coreference_shares_the_placeholder(anonymiser):
    text = (
        "Mijn naam is Fatima el Amrani. Later zei mevrouw El Amrani niets meer. "
        "Fatima is boos. Haar buurvrouw Kees Bakker hielp."
    )
    out = anonymiser.anonymise(text).text
    assert out.count("[PERSOON-1]") == 3, out
    assert "[PERSOON-2]" in out and "Fatima" not in out and "Amrani" not in out


def test_dates_generalised_birth_dates_removed_roles_kept(anonymiser):
    out = anonymiser.anonymise(
        "Op 4 juli 2023 sprak ik de gezinsvoogd. Mijn zoon (geboren op 12-03-2015) was erbij."
    ).text
    assert "juli 2023" in out and "4 juli" not in out
    assert "[GEBOORTEDATUM]" in out and "2015" not in out
    assert "gezinsvoogd" in out and "Mijn zoon" in out


def test_lowercase_name_in_informal_mail(anonymiser):
    out = anonymiser.anonymise("ik heb gisteren met yasmina gebeld over de gi").text
    assert "yasmina" not in out


def test_residual_check_flags_leftovers():
    from nlp.anonymise import lexicons, residual

    lex = lexicons.load()
    assert residual.check("Bel [TELEFOON-1] of mail [EMAIL-1].", lex) == []
    assert "lange cijferreeks" in residual.check("Nummer 1234567 bleef staan.", lex)
    assert "@-teken" in residual.check("Schrijf naar iemand@ergens.", lex)
    assert "naam na aanspreekvorm" in residual.check("Toen kwam mevrouw Zwartveld.", lex)
