"""``spacy_model`` as a path to a saved pipeline: the code path taken when a statistical model
(nl_core_news_lg) is installed, exercised with a small pipeline trained here (tests/
spacy_pipeline.py) on invented sentences, so CI runs it without downloading a model."""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pytest
from click.testing import CliRunner

from nlp.anonymise import Anonymiser
from nlp.pipeline import OFFLINE_NAME, available, expected_name, load, saved_pipeline
from rodedraad.cli import main
from schemas.settings import load_settings
from tests import factories as f
from tests.spacy_pipeline import PEOPLE, build

NAME = "nl_testpijplijn-0.1.0"
# Our own complaint: a person only NER knows (not in any name list), an organisation, a place.
TEXT = (
    "Geachte Kinderombudsman,\n\n"
    f"Op dinsdag sprak ik met {PEOPLE[2]} van Stichting Kompasroos over mijn dochter. "
    "De jeugdbeschermer heeft het verslag van dat gesprek nooit met ons besproken en er staan "
    "dingen in die niet kloppen. Ik heb drie keer gebeld en niemand belde terug.\n\n"
    "Met vriendelijke groet,\nEen moeder"
)


@pytest.fixture(scope="session")
def saved(tmp_path_factory):
    return build(tmp_path_factory.mktemp("spacy") / "nl-eigen")


def test_a_saved_pipeline_loads_as_a_statistical_model(saved):
    assert saved_pipeline(str(saved)) == saved and available(str(saved))
    assert expected_name(str(saved)) == NAME
    pipeline = load(str(saved))
    assert pipeline.statistical and pipeline.name == NAME
    assert "ner" in pipeline.nlp.pipe_names
    assert "statistisch" in pipeline.describe()
    assert pipeline.nlp.vocab["klacht"].has_vector and pipeline.nlp.vocab.vectors.shape[1] == 16
    # a folder without a saved pipeline, or a name that is not installed, stays offline
    assert saved_pipeline(str(saved.parent)) is None
    assert expected_name("nl_bestaat_niet_lg") == OFFLINE_NAME


def test_its_ner_anonymises_what_the_rules_miss(saved):
    person = PEOPLE[2]
    with_ner = Anonymiser(load(str(saved))).anonymise(TEXT)
    assert person not in with_ner.text and "[PERSOON-1]" in with_ner.text
    start = TEXT.index(person)
    assert any(
        e.source == "ner"
        and e.label == "PERSOON"
        and (e.start, e.end) == (start, start + len(person))
        for e in with_ner.entities
    )


def _env(saved, tmp_path):
    return {
        "RODEDRAAD_CONFIG": str(tmp_path / "absent.toml"),
        "RODEDRAAD_DATA_DIR": str(tmp_path / "data"),
        "RODEDRAAD_SPACY_MODEL": str(saved),
    }


def test_cli_anonymise_and_classify_use_the_saved_pipeline(saved, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "k1", "text": TEXT}, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    for command in ("anonymise", "classify"):
        out = tmp_path / f"{command}.jsonl"
        result = runner.invoke(main, [command, str(src), "-o", str(out)], env=_env(saved, tmp_path))
        assert result.exit_code == 0, result.output
        assert f"Pijplijn: {NAME}" in result.output  # stderr is mixed into output here
        (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert row["id"] == "k1"
        if command == "anonymise":
            assert PEOPLE[2] not in row["text"]
        else:
            assert set(row["scores"]) and all(0 <= v <= 1 for v in row["scores"].values())


def test_its_vectors_serve_as_spacy_embeddings(saved):
    from nlp.embeddings import load_encoder

    encoder = load_encoder("spacy", spacy_model=str(saved))
    assert encoder is not None and encoder.name == NAME and encoder.dim == 16
    rows = encoder.encode(["de klacht over het verslag", "het gesprek met de rechter"])
    assert rows.shape == (2, 16)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


def test_a_relative_spacy_model_path_follows_the_config_file(saved, tmp_path, monkeypatch):
    config = tmp_path / "etc" / "rodedraad.toml"
    config.parent.mkdir()
    config.write_text('data_dir = "data"\nspacy_model = "../modellen/nl-eigen"\n')
    monkeypatch.setenv("RODEDRAAD_CONFIG", str(config))
    monkeypatch.delenv("RODEDRAAD_SPACY_MODEL", raising=False)
    monkeypatch.delenv("RODEDRAAD_DATA_DIR", raising=False)
    s = load_settings()
    assert s.spacy_model == str((tmp_path / "modellen" / "nl-eigen").resolve())
    monkeypatch.setenv("RODEDRAAD_SPACY_MODEL", "nl_core_news_lg")
    assert load_settings().spacy_model == "nl_core_news_lg"  # a package name is left alone


@pytest.mark.slow
def test_run_end_to_end_on_the_saved_pipeline(saved, settings, tmp_path):
    (settings.inbox / "brief.txt").write_text(TEXT, encoding="utf-8")
    env = {**f.cli_env(settings, tmp_path), "RODEDRAAD_SPACY_MODEL": str(saved)}
    out = f.cli_run(env, "run")
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"Pijplijn:           {NAME}" in out.stdout
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        (pipeline,) = con.execute("SELECT DISTINCT pipeline FROM complaints").fetchone()
        (run_pipeline,) = con.execute("SELECT pipeline FROM runs").fetchone()
        (text,) = con.execute("SELECT text FROM complaints").fetchone()
    finally:
        con.close()
    assert pipeline == run_pipeline == NAME
    assert PEOPLE[2] not in text and "[PERSOON-" in text
