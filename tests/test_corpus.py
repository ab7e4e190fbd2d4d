"""The hand-written corpora in tests/corpus stay valid: format, label values, lengths, no reuse."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

CHECK = Path(__file__).resolve().parent / "corpus" / "check_corpus.py"
_spec = importlib.util.spec_from_file_location("check_corpus", CHECK)
assert _spec and _spec.loader
check_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_corpus)


def test_both_corpora_pass_the_validation_script(capsys) -> None:
    assert check_corpus.main([]) == 0
    out = capsys.readouterr().out
    assert "== planted.jsonl: 100 letters" in out
    assert "planted: none=76, leerlingenvervoer=12, spullen=12" in out
    assert "== plain.jsonl: 60 letters" in out
    assert "== heldout.jsonl: 110 letters" in out
    assert "planted: none=86, omgangshuis=12, zorgverzekering=12" in out
    assert "== heldout2.jsonl: 110 letters" in out
    assert "planted: none=86, sociale_media=12, tolk=12" in out
    assert "== heldout3.jsonl: 110 letters" in out
    assert "planted: none=86, huisdier=12, schulden=12" in out
    later = {  # the blind held-out corpora written after the first three
        "heldout4": "paspoort=12, sportclub=12",
        "heldout5": "naamswijziging=12, slaapplek=12",
        "heldout6": "geloof=12, medicatie=12",
        "heldout7": "voeding=12, werk_ouder=12",
        "heldout8": "medicatie=12, uitvaart=12",
        "heldout9": "datalek=12, medicatie=12",
        "heldout10": "brp_inschrijving=12, haar_uiterlijk=12",
        "heldout11": "bankrekening=12, broers_zussen=12",
        "heldout12": "verblijfsstatus=12, zwangerschap=12",
        "heldout13": "gebit=12, politie=12",
        "heldout14": "gesprek_opnemen=12, tandzorg=12",
        "heldout15": "eigen_bijdrage=12, verkeerd_adres=12",
        "heldout16": "kinderbijslag=12, separeer=12",
        "heldout17": "bijbaan=12, feestdagen=12",
        "heldout18": "huisvesting=12, schoolbezoek=12",
        "heldout20": "reiskosten=12, telefooncontact=12",
        "heldout21": "bril=12, schoolkamp=12",
        "heldout22": "mantelzorg=12, vaccinatie=12",
        "heldout23": "eigen_bijdrage=12, verkeerd_adres=12",
        "heldout24": "bril=12, schoolkamp=12",
        "heldout25": "bril=12, clientportaal=12",
        "heldout26": "eigen_bijdrage=12, verkeerd_adres=12",
    }
    for name, planted in later.items():
        block = out.split(f"== {name}.jsonl: 110 letters\n")[1].split("== ")[0]
        assert f"planted: none=86, {planted}" in block, name


def _first_planted() -> dict:
    path = CHECK.parent / "planted.jsonl"
    return json.loads(path.read_text(encoding="utf-8").splitlines()[0])


def test_the_validator_rejects_bad_labels() -> None:
    rec = _first_planted()
    assert check_corpus.check_record(rec, "P") == []
    broken = {**rec, "themes": ["bejegening"], "role": "buurman", "letter_date": "2023-13-01"}
    problems = check_corpus.check_record(broken, "P")
    assert len(problems) == 3
    short = {**rec, "text": "Te kort."}
    assert any("words" in p for p in check_corpus.check_record(short, "P"))


def test_repeated_sentences_are_reported() -> None:
    sentence = "Dit is een zin van ruim acht woorden die twee keer voorkomt."
    recs = [{"id": "P001", "text": sentence}, {"id": "P002", "text": "Anders. " + sentence}]
    assert len(check_corpus.repeated_sentences(recs)) == 1
