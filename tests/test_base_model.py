"""The shipped base theme model: loading without ../shared, the codebook fallback, training a
loadable artefact, and classification of letters written for these tests (not shared text)."""

from __future__ import annotations

import logging
import time

import pytest

from nlp.themes import BaseModel, CodebookModel, load_model, shipped
from nlp.themes.base_training import Recipe, fit
from nlp.themes.sentences import split
from schemas.records import THEME_KEYS

COMPLAINTS = {
    "drang_dwang": (
        "Geachte heer, mevrouw,\n\nIk schrijf u omdat de medewerker van de GI mij onder druk zet. "
        "Er is geen uitspraak van een rechter en geen maatregel, alles zou vrijwillig zijn. Toch "
        "zei zij letterlijk dat mijn kinderen uit huis geplaatst worden als ik het plan niet "
        "teken. Uit angst heb ik getekend. Niemand heeft mij verteld dat ik ook nee mocht "
        "zeggen.\n\nMet vriendelijke groet,\n[PERSOON-1]"
    ),
    "tijdigheid": (
        "Beste Kinderombudsman,\n\nSinds de ondertoezichtstelling van mijn zoon hebben wij al "
        "vier verschillende gezinsvoogden gehad. De laatste is na zes weken vertrokken en sinds "
        "[DATUM] is er helemaal niemand. We staan op een wachtlijst en er gebeurt maanden "
        "niets, terwijl de hulp die de rechter nodig vond nog steeds niet begonnen is.\n\n"
        "Groet, [PERSOON-2]"
    ),
    "waarheidsvinding": (
        "Geachte mevrouw,\n\nIn het verslag van de jeugdbeschermer staat dat ik een "
        "alcoholprobleem heb. Dat is nooit vastgesteld, er is geen enkel onderzoek naar gedaan "
        "en het is gewoon niet waar. Ook staat erin dat mijn dochter mij niet wil zien, terwijl "
        "zij elke week bij mij is. Alles wat goed gaat is weggelaten. Mijn verzoek om het "
        "rapport te corrigeren is geweigerd.\n\n[PERSOON-3]"
    ),
    "geschilbeslechting": (
        "Beste medewerker,\n\nWe hebben nu drie bemiddelingsgesprekken gehad met de "
        "teammanager van de GI. Elke keer verdedigt hij alleen de gezinsvoogd en de uitkomst "
        "lag van tevoren al vast. Pas in de laatste zin van een standaardbrief stond dat ik "
        "een klacht kan indienen bij de klachtencommissie. Een onafhankelijke bemiddelaar is "
        "nooit aangeboden.\n\nMet groet, [PERSOON-4]"
    ),
}

NOT_COMPLAINTS = [
    "Beste mevrouw [PERSOON-1],\n\nIk wil u en uw collega's hartelijk bedanken voor de prettige "
    "samenwerking van de afgelopen maanden. Dankzij uw inzet gaat het nu veel beter met ons "
    "gezin en mijn zoon is weer gelukkig. Wij zijn u erg dankbaar.\n\nVriendelijke groet,\n"
    "[PERSOON-2]",
    "Goedemiddag,\n\nGraag nodig ik u uit voor onze open dag op [DATUM] in het wijkcentrum. "
    "Er is koffie en taart en een presentatie over het nieuwe buurthuis. Aanmelden kan via "
    "het secretariaat.\n\nMet vriendelijke groet,\nDe activiteitencommissie",
    "Geachte heer, mevrouw,\n\nDe basisschool van mijn dochter doet niets tegen het pesten in "
    "haar klas. De juf reageert niet op mijn mails en de directeur zegt dat het wel meevalt. "
    "Ik wil hier een klacht over indienen bij het schoolbestuur.\n\n[PERSOON-5]",
]


@pytest.fixture(scope="module")
def model() -> BaseModel:
    m = shipped.load(lambda: None)
    if m is None:
        pytest.fail("the shipped base model is missing or does not load")
    return m


def test_artefact_is_small_and_loads_fast_without_shared(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # nothing may depend on ../shared
    path = shipped.artefact()
    assert path is not None and path.stat().st_size < 20 * 1024 * 1024
    t0 = time.perf_counter()
    m = shipped.load(lambda: None)
    assert isinstance(m, BaseModel)
    assert time.perf_counter() - t0 < 5.0  # 2 s target; slack for a busy CI machine
    assert len(m.metrics["data_sha256"]) == 64 and m.metrics["sklearn"]
    assert m.version == path.stem


def test_load_model_prefers_the_shipped_model(tmp_path):
    assert isinstance(load_model(tmp_path / "no-staff-models", "geen"), BaseModel)


def test_missing_artefact_falls_back_to_codebook(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(shipped, "SHIPPED_DIR", tmp_path)
    with caplog.at_level(logging.WARNING):
        m = load_model(None, "geen")
    assert isinstance(m, CodebookModel)
    assert "codeboek" in caplog.text


def test_corrupt_artefact_falls_back_without_text(monkeypatch, tmp_path, caplog):
    (tmp_path / "base-kapot.joblib").write_bytes(b"not a pickle at all")
    monkeypatch.setattr(shipped, "SHIPPED_DIR", tmp_path)
    with caplog.at_level(logging.WARNING):
        m = load_model(None, "geen")
    assert isinstance(m, CodebookModel)
    assert "base-kapot.joblib" in caplog.text and "pickle at all" not in caplog.text


def test_training_on_a_tiny_set_gives_a_loadable_artefact(tmp_path):
    texts = [text for text in COMPLAINTS.values()] * 3 + NOT_COMPLAINTS * 2
    labels = [[k] for k in COMPLAINTS] * 3 + [[]] * (2 * len(NOT_COMPLAINTS))
    m = fit(texts, labels, Recipe(), version="base-test")
    m.metrics = {"version": "base-test", "data_sha256": "0" * 64}
    path = shipped.save(m, tmp_path)
    loaded = shipped.load(lambda: None, tmp_path)
    assert isinstance(loaded, BaseModel) and loaded.version == "base-test" == path.stem
    result = loaded.classify(COMPLAINTS["drang_dwang"])
    assert set(result.scores) == set(THEME_KEYS)


@pytest.mark.parametrize("theme", sorted(COMPLAINTS))
def test_own_letters_get_their_theme_with_evidence(model, theme):
    text = COMPLAINTS[theme]
    result = model.classify(text)
    assert result.kind == "klacht"
    assert result.primary == theme, result.scores
    assert result.primary == max(result.assigned, key=lambda k: result.scores[k])
    sentences = split(text)
    shown = [e for e in result.evidence if e.theme == theme]
    assert shown and all(e.sentence in sentences for e in shown)


@pytest.mark.parametrize("index", range(len(NOT_COMPLAINTS)))
def test_own_non_complaints_get_no_theme(model, index):
    result = model.classify(NOT_COMPLAINTS[index])
    assert result.assigned == [] and result.primary is None and result.evidence == []
    assert result.kind == "geen klacht"


def test_batch_equals_one_by_one(model):
    texts = [*COMPLAINTS.values(), *NOT_COMPLAINTS]
    batch = model.classify_many(texts)
    assert [r.assigned for r in batch] == [model.classify(t).assigned for t in texts]


def test_classify_cli_runs_the_shipped_model(tmp_path):
    import json

    from click.testing import CliRunner

    from rodedraad.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": COMPLAINTS["tijdigheid"]}), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["classify", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "basismodel" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["themes"][0] == "tijdigheid"


def test_run_workers_use_the_shipped_model(tmp_path):
    """What `rodedraad run` classifies with: the per-process models of the file workers."""
    from application.processing import WorkerConfig, _models

    cfg = WorkerConfig(
        spacy_model="nl_core_news_lg",
        max_file_bytes=1_000_000,
        ocr_enabled=False,
        theme_threshold=0.5,
        embedding_model="geen",
        theme_models_dir=str(tmp_path / "no-staff-models"),
    )
    _, model = _models(cfg)
    assert isinstance(model, BaseModel)
