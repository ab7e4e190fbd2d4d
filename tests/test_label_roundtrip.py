"""Staff labels (issue 11 part 4, issue 13 items 7 and 10): the export is read back by the
import, also after Excel saved it; formula cells are neutralised; errors name row and id only;
a person's label survives reclassification; training weighs staff labels above a base corpus."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from click.testing import CliRunner

from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from nlp.themes.base import _Heads
from nlp.themes.staff import STAFF, Example, read_base_corpus, training_set
from rodedraad.cli import main
from schemas.records import THEME_KEYS
from warehouse.db import connect
from warehouse.labels import neutralise, restore

# Our own awkward texts: quotes, the delimiter, newlines, accents, and formula starts.
AWKWARD = [
    'Zij zei: "dat is niet aan ons"; daarna\nhoorden wij niets meer. Café-overleg, één keer.',
    '=HYPERLINK("http://voorbeeld.invalid","klik") en de voogd reageerde niet',
    "+31 staat er niet, maar het verslag klopt niet; \"feiten\" zijn 'meningen'.",
    "-- einde bericht --\r\nNog een regel",
    "@iedereen: de zitting is weer uitgesteld",
]


def _cli(settings, *args):
    env = {"RODEDRAAD_DATA_DIR": str(settings.data_dir), "RODEDRAAD_DB_PATH": str(settings.db_path)}
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def warehouse(settings, anonymiser):
    truth = load_letters(settings, anonymiser, letters(30, seed=23))
    ids = sorted(truth)
    con = connect(settings.db_path)
    for doc_id, text in zip(ids, AWKWARD, strict=False):
        con.execute("UPDATE complaints SET text = ? WHERE document_id = ?", [text, doc_id])
    con.close()
    return settings, truth, ids


def _export(settings, tmp_path, n=30):
    out = tmp_path / "export.csv"
    result = _cli(settings, "label", "export", "-o", str(out), "-n", str(n))
    assert result.exit_code == 0, result.output
    return out


def _read(path, encoding="utf-8-sig", delimiter=","):
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def test_neutralise_and_restore():
    for cell in ("=1+1", "+31", "-x", "@a", "\tx", "\rx"):
        assert neutralise(cell) == "'" + cell and restore(neutralise(cell)) == cell
    for cell in ("gewoon", "'quote", "", "1-2"):
        assert neutralise(cell) == cell and restore(cell) == cell


def test_export_leaves_themes_empty_and_neutralises_formulas(warehouse, tmp_path):
    settings, _, ids = warehouse
    rows = _read(_export(settings, tmp_path))
    assert list(rows[0]) == ["complaint_id", "themes", "voorstel_model", "marge", "tekst"]
    assert all(r["themes"] == "" for r in rows)  # never the model's guess as a person's label
    con = connect(settings.db_path)
    assigned = dict(
        con.execute(
            "SELECT document_id[:16], string_agg(theme, ';' ORDER BY score DESC) "
            "FROM complaint_themes WHERE assigned GROUP BY 1"
        ).fetchall()
    )
    con.close()
    assert any(r["voorstel_model"] for r in rows)
    for r in rows:
        assert r["voorstel_model"] == assigned.get(r["complaint_id"], "")
    texts = {r["complaint_id"]: r["tekst"] for r in rows}
    for doc_id, text in zip(ids, AWKWARD, strict=False):
        got = texts[doc_id[:16]]
        assert not got.startswith(("=", "+", "-", "@"))  # inert in a spreadsheet
        assert restore(got) == text  # and nothing else changed: quotes, ; and newlines intact


def _fill(rows, labels):
    for r in rows:
        r["themes"] = labels.get(r["complaint_id"], "")
    return rows


def _write(path, rows, encoding, delimiter):
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=delimiter)
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        (None, ","),  # the export itself, filled in by a text editor
        ("cp1252", ";"),  # Excel (Dutch): "CSV (gescheiden door lijstscheidingsteken)"
        ("utf-8-sig", ";"),  # Excel: "CSV UTF-8", with a BOM
        ("utf-8-sig", "\t"),
    ],
)
def test_import_reads_back_what_export_wrote(warehouse, tmp_path, encoding, delimiter):
    settings, _, _ = warehouse
    out = _export(settings, tmp_path)
    rows = _read(out)
    wanted = {rows[0]["complaint_id"]: "tijdigheid;regie", rows[1]["complaint_id"]: ""}
    wanted[rows[2]["complaint_id"]] = "Communicatie | waarheidsvinding"
    filled = _fill(rows, wanted)
    path = out if encoding is None else tmp_path / f"excel-{encoding}.csv"
    if encoding is None:
        _write(out, filled, "utf-8-sig", ",")
    else:
        for r in filled:  # what Excel writes back: the accents in its own code page
            r["tekst"] = (
                r["tekst"]
                .encode(encoding.replace("-sig", ""), "replace")
                .decode(encoding.replace("-sig", ""))
            )
        _write(path, filled, encoding, delimiter)
    result = _cli(settings, "label", "import", str(path))
    assert result.exit_code == 0, result.output
    assert f"{len(rows)} labels geïmporteerd" in result.output
    con = connect(settings.db_path)
    stored = dict(con.execute("SELECT document_id[:16], themes FROM labels").fetchall())
    con.close()
    assert stored[rows[0]["complaint_id"]] == ["tijdigheid", "regie"]
    assert stored[rows[2]["complaint_id"]] == ["communicatie", "waarheidsvinding"]
    assert all(stored[r["complaint_id"]] == [] for r in rows[3:])


def test_errors_name_row_and_id_never_text(warehouse, tmp_path):
    settings, _, ids = warehouse
    secret = "Mevrouw Geheimhouder zei dat"
    path = tmp_path / "fout.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["complaint_id", "themes", "tekst"])
        w.writerow([ids[0][:16], "regie", "goed"])
        w.writerow([ids[1][:16], secret, "verschoven kolom"])
        w.writerow([secret, "regie", ""])
        w.writerow([ids[2][:16], "regie;regie", ""])
    result = _cli(settings, "label", "import", str(path))
    assert result.exit_code == 2
    assert f"regel 3 (id {ids[1][:16]}): onbekend thema" in result.output
    assert "regel 4: complaint_id is geen id" in result.output
    assert f"regel 5 (id {ids[2][:16]}): thema dubbel genoemd" in result.output
    assert "Geheimhouder" not in result.output


@pytest.mark.parametrize(
    "content",
    [b"complaint_id themes\nabc regie\n", b"", b"\x00\x01\x02 binair"],
)
def test_an_unreadable_csv_says_what_is_expected(warehouse, tmp_path, content):
    settings, _, _ = warehouse
    path = tmp_path / "raar.csv"
    path.write_bytes(content)
    result = _cli(settings, "label", "import", str(path))
    assert result.exit_code == 2
    assert "complaint_id en themes" in result.output and "Traceback" not in result.output


def test_a_label_survives_reclassify(warehouse, tmp_path):
    settings, _, ids = warehouse
    con = connect(settings.db_path)
    model_themes = dict(
        con.execute(
            "SELECT document_id, list(theme) FILTER (WHERE assigned) FROM complaint_themes "
            "GROUP BY 1"
        ).fetchall()
    )
    con.close()
    # a theme the model did not give, and "no theme" for a document the model gave one
    target = next(i for i in ids if "geschilbeslechting" not in model_themes[i])
    none = next(i for i in ids if i != target and model_themes[i])
    path = tmp_path / "labels.csv"
    path.write_text(
        f"complaint_id,themes\n{target[:12]},geschilbeslechting\n{none[:12]},\n", encoding="utf-8"
    )
    assert _cli(settings, "label", "import", str(path)).exit_code == 0

    def state():
        con = connect(settings.db_path)
        try:
            themes = dict(
                con.execute(
                    "SELECT document_id, list(theme ORDER BY theme) FILTER (WHERE assigned) "
                    "FROM complaint_themes GROUP BY 1"
                ).fetchall()
            )
            primary = dict(
                con.execute(
                    "SELECT document_id, theme FROM complaint_themes WHERE is_primary"
                ).fetchall()
            )
            kinds = dict(con.execute("SELECT document_id, kind FROM documents").fetchall())
            counted = {
                r[0] for r in con.execute("SELECT document_id FROM complaint_facts").fetchall()
            }
            evidence = con.execute(
                "SELECT DISTINCT theme FROM theme_evidence WHERE document_id IN (?, ?)",
                [target, none],
            ).fetchall()
        finally:
            con.close()
        return themes, primary, kinds, counted, evidence

    for when in ("na import", "na reclassify"):
        themes, primary, kinds, counted, evidence = state()
        assert themes[target] == ["geschilbeslechting"], when
        assert primary[target] == "geschilbeslechting" and none not in primary, when
        assert themes[none] in (None, []) and kinds[none] == "geen klacht", when
        assert kinds[target] == "klacht" and target in counted and none not in counted, when
        assert set(evidence) <= {("geschilbeslechting",)}, when
        result = _cli(settings, "reclassify", "--alles")
        assert result.exit_code == 0, result.output


def test_staff_labels_weigh_more_than_the_base_corpus():
    """Base examples say 'regie' for one kind of document, a few staff labels say otherwise:
    the more a staff label weighs, the further the model moves from the base corpus to the
    staff's judgement."""
    rng = np.random.default_rng(3)
    a = rng.normal(loc=2.0, size=(40, 4))
    b = rng.normal(loc=-2.0, size=(40, 4))
    staff = rng.normal(loc=2.0, size=(6, 4))
    x = np.vstack([a, b, staff])
    regie = THEME_KEYS.index("regie")
    y = np.zeros((len(x), len(THEME_KEYS)), dtype=int)
    y[:40, regie] = 1  # base: cluster a is regie
    y[40:80, THEME_KEYS.index("communicatie")] = 1
    y[80:, THEME_KEYS.index("communicatie")] = 1  # staff: cluster a is communicatie
    probe = rng.normal(loc=2.0, size=(20, 4))

    def p_regie(weight):
        w = np.array([1.0] * 80 + [weight] * 6)
        return _Heads(1.0, 0).fit(x, y, w).predict(probe)[:, regie].mean()

    equal, heavier, heaviest = p_regie(1.0), p_regie(5.0), p_regie(20.0)
    assert equal > heavier > heaviest and equal - heaviest > 0.15


def test_base_corpus_and_training_set(tmp_path):
    folder = tmp_path / "basis"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.jsonl").write_text(
        json.dumps({"id": "x1", "text": "De voogd belt nooit terug.", "themes": ["communicatie"]})
        + "\n\n"
        + json.dumps({"text": "Dank voor uw hulp.", "themes": []})
        + "\n",
        encoding="utf-8",
    )
    (folder / "sub" / "b.jsonl").write_text(
        json.dumps({"text": "Pas na een jaar kwam er hulp.", "themes": ["tijdigheid"]}) + "\n",
        encoding="utf-8",
    )
    base = read_base_corpus(folder)
    assert [e.themes for e in base] == [("communicatie",), (), ("tijdigheid",)]
    examples = training_set(base, [("[PERSOON-1] dreigde.", ["drang_dwang"])], 4.0)
    assert [e.weight for e in examples] == [1.0, 1.0, 1.0, 4.0]
    assert examples[-1] == Example("[PERSOON-1] dreigde.", ("drang_dwang",), 4.0, STAFF)
    (folder / "c.jsonl").write_text('{"text": "x", "themes": ["onbekend"]}\n', encoding="utf-8")
    from nlp.themes.staff import BaseCorpusError

    with pytest.raises(BaseCorpusError, match=r"c\.jsonl regel 1"):
        read_base_corpus(folder)


def test_train_fits_on_base_corpus_plus_staff_labels(settings, anonymiser, tmp_path):
    base_letters = letters(40, seed=31)
    folder = tmp_path / "basis"
    folder.mkdir()
    with (folder / "brieven.jsonl").open("w", encoding="utf-8") as fh:
        for letter in base_letters:
            fh.write(json.dumps({"text": letter.text, "themes": letter.themes}) + "\n")
    truth = load_letters(settings, anonymiser, letters(12, seed=32))
    labels = tmp_path / "labels.csv"
    with labels.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["complaint_id", "themes"])
        w.writerows([k, ";".join(v)] for k, v in truth.items())
    assert _cli(settings, "label", "import", str(labels)).exit_code == 0
    result = _cli(settings, "train", "--basis", str(folder))
    assert result.exit_code == 0, result.output
    assert "12 labels van medewerkers (elk 3 keer zo zwaar); basiscorpus: 40" in result.output
    (metrics_file,) = settings.theme_models_dir.glob("getraind-*.json")
    metrics = json.loads(metrics_file.read_text())
    assert (metrics["n_base"], metrics["n_staff"]) == (40, 12)
    assert metrics["n_labels"] == 52 + metrics["n_own"]
    assert metrics["staff_weight"] == 3.0
    missing = _cli(settings, "train", "--basis", str(tmp_path / "bestaat-niet"))
    assert missing.exit_code == 2 and "geen map" in missing.output
