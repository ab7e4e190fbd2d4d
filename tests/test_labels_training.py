"""Learning from staff: label import and export, training, the model store, reclassify.

The complaints are synthetic letters of our own (benchmarks/corpus.py) loaded straight into a
warehouse, so these tests do not need Prefect.
"""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from nlp.themes import BaseModel, codebook, load_model
from nlp.themes.model_store import Decision, save
from rodedraad.cli import main
from warehouse.db import connect


@pytest.fixture
def warehouse(settings, anonymiser):
    """A warehouse holding 60 anonymised, codebook-classified synthetic complaints."""
    corpus = letters(60, seed=11)
    truth = load_letters(settings, anonymiser, corpus)
    return settings, truth


def _cli(settings, *args):
    env = {"RODEDRAAD_DATA_DIR": str(settings.data_dir), "RODEDRAAD_DB_PATH": str(settings.db_path)}
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def _write_labels(path, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["complaint_id", "themes"])
        w.writerows(rows)
    return path


def test_import_is_all_or_nothing_and_names_every_problem(warehouse, tmp_path):
    settings, truth = warehouse
    ids = list(truth)
    bad = _write_labels(
        tmp_path / "bad.csv",
        [
            [ids[0][:12], "communicatie"],
            [ids[1][:12], "onzin"],
            ["ffffffffffff", "regie"],
            ["abc", "regie"],
        ],
    )
    result = _cli(settings, "label", "import", str(bad))
    assert result.exit_code == 2
    for fragment in (
        f"regel 3 (id {ids[1][:12]}): onbekend thema",
        "regel 5: complaint_id te kort",
    ):
        assert fragment in result.output
    assert "onzin" not in result.output  # a cell's content is never echoed
    con = connect(settings.db_path)
    assert con.execute("SELECT count(*) FROM labels").fetchone()[0] == 0
    con.close()


def test_import_accepts_prefixes_semicolons_and_empty_themes(warehouse, tmp_path):
    settings, truth = warehouse
    ids = list(truth)
    good = tmp_path / "good.csv"
    good.write_text(
        f"complaint_id;themes\n{ids[0][:10]};tijdigheid|regie\n{ids[1]};\n", encoding="utf-8"
    )
    result = _cli(settings, "label", "import", str(good))
    assert result.exit_code == 0, result.output
    con = connect(settings.db_path)
    rows = dict(con.execute("SELECT document_id, themes FROM labels").fetchall())
    con.close()
    assert rows == {ids[0]: ["tijdigheid", "regie"], ids[1]: []}


def test_export_lists_lowest_margin_first_and_skips_labelled(warehouse, tmp_path):
    settings, truth = warehouse
    ids = list(truth)
    _cli(settings, "label", "import", str(_write_labels(tmp_path / "l.csv", [[ids[0], ""]])))
    out = tmp_path / "next.csv"
    result = _cli(settings, "label", "export", "-o", str(out), "-n", "10")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 10
    margins = [float(r["marge"]) for r in rows]
    assert margins == sorted(margins)
    assert ids[0][:16] not in {r["complaint_id"] for r in rows}
    con = connect(settings.db_path)
    smallest = con.execute(
        "SELECT min(m) FROM (SELECT min(abs(score - ?)) AS m FROM complaint_themes "
        "WHERE document_id <> ? GROUP BY document_id)",
        [settings.theme_threshold, ids[0]],
    ).fetchone()[0]
    con.close()
    assert margins[0] == pytest.approx(smallest, abs=1e-3)
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_train_takes_over_and_reclassify_rescores(warehouse, tmp_path):
    settings, truth = warehouse
    labels = _write_labels(tmp_path / "l.csv", [[k, ";".join(v)] for k, v in truth.items()])
    assert _cli(settings, "label", "import", str(labels)).exit_code == 0
    result = _cli(settings, "train")
    assert result.exit_code == 0, result.output
    assert "kruisgevalideerd macro-F1" in result.output
    metrics_files = list(settings.theme_models_dir.glob("getraind-*.json"))
    assert len(metrics_files) == 1
    metrics = json.loads(metrics_files[0].read_text())
    assert metrics["n_staff"] == 60 and metrics["folds"] == 5
    assert metrics["n_labels"] == 60 + metrics["n_own"] and metrics["n_own"] > 100
    con = connect(settings.db_path)
    (activated,) = con.execute("SELECT activated FROM theme_models").fetchone()
    con.close()
    assert activated == (metrics["cv"]["macro_f1"] > metrics["baseline"]["macro_f1"])
    active = load_model(settings.theme_models_dir, settings.embedding_model)
    if not activated:
        pytest.fail(f"trained model did not beat the codebook: {metrics['cv']['macro_f1']}")
    assert active.version == metrics["version"]
    assert isinstance(active, BaseModel) and metrics["scored_on"] == "staff"
    assert metrics["baseline"]["version"].startswith("base-")  # measured against the shipped one

    result = _cli(settings, "reclassify")
    assert result.exit_code == 0, result.output
    assert "60 klachten opnieuw ingedeeld" in result.output
    con = connect(settings.db_path)
    versions = con.execute(
        "SELECT DISTINCT classifier_version FROM complaints UNION "
        "SELECT DISTINCT model_version FROM complaint_themes"
    ).fetchall()
    n_themes = con.execute("SELECT count(*) FROM complaint_themes").fetchone()[0]
    orphans = con.execute(
        "SELECT count(*) FROM theme_evidence e LEFT JOIN complaint_themes t "
        "USING (document_id, theme) WHERE NOT t.assigned OR t.theme IS NULL"
    ).fetchone()[0]
    con.close()
    assert versions == [(active.scoring_version,)]
    assert n_themes == 60 * 6 and orphans == 0
    assert "0 klachten opnieuw ingedeeld" in _cli(settings, "reclassify").output


def test_model_store_keeps_the_better_model(tmp_path, settings):
    """A new model must beat the codebook on the same labels and the active model's figure."""
    model = codebook(settings.embedding_model)

    def fake(version, cv, base):
        from nlp.themes.models import TrainedModel

        metrics = {
            "version": version,
            "encoder": model.featuriser.encoder.name,
            "cv": {"macro_f1": cv},
            "baseline": {"macro_f1": base},
        }
        return TrainedModel(
            model.featuriser,
            estimator=None,
            version=version,
            encoder_name=metrics["encoder"],
            metrics=metrics,
        )

    d = tmp_path / "models"
    first = save(d, fake("a", 0.70, 0.72))
    assert isinstance(first, Decision) and not first.activated and "codeboek" in first.reason
    assert not (d / "active.json").exists()
    assert save(d, fake("b", 0.80, 0.72)).activated
    assert not save(d, fake("c", 0.79, 0.60)).activated
    assert save(d, fake("e", 0.81, 0.60)).activated
    assert json.loads((d / "active.json").read_text())["version"] == "e"
