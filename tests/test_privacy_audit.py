"""Privacy audit: after an end-to-end run over a generated corpus (mixed formats, known personal
data), none of that personal data may appear in any artefact the system writes or shows: the
live DuckDB file and the published snapshot (bytes and every text column), the run's output,
Prefect's home and server log, topics, reports (HTML and PDF text) and what the dashboard
renders; and, each looked at on its own, the evidence sentences, topic words and labels, staff
labels and the label export (``label export``). The data folder must not be readable by other
users.

Originals are not artefacts: ``processed/`` keeps them by the retention policy and
``quarantine/`` holds files a person must look at; both are owner-only and checked for that.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from benchmarks.corpus import Letter, letters, write_inbox
from tests import factories as f
from tests.conftest import REPO

pytestmark = pytest.mark.slow

N_LETTERS = 60


def _needles(corpus: list[Letter]) -> set[str]:
    """Values to search for: every personal value as written, plus full names and surnames
    (a surname alone still identifies) and IBAN/phone without spaces."""
    out: set[str] = set()
    for letter in corpus:
        for label, values in letter.pii.items():
            for v in values:
                out.add(v)
                if label in ("IBAN", "TELEFOON"):
                    out.add(re.sub(r"\s", "", v))
        writer = letter.pii["PERSOON"][0].split()
        surname = [w for w in writer if w[:1].isupper() and w.rstrip(".") not in _TITLES]
        if surname and len(surname[-1]) >= 4:
            out.add(surname[-1])
    return {n for n in out if len(n) >= 3}


_TITLES = {"Dhr", "Mevr", "Mw", "Ir", "Dr", "Drs", "Prof", "Ing", "Bsc", "Msc", "MSc", "BSc"}


def _found(text: str, needle: str) -> bool:
    """Whole-word, case-sensitive: 'Bos' the surname, not 'bosrand'."""
    return re.search(rf"(?<![\w@.]){re.escape(needle)}(?![\w@])", text) is not None


def _text_columns(db: Path) -> str:
    """Every text value in every table: VARCHAR, lists of VARCHAR (topic words, label themes,
    residual flags) and JSON (DuckDB compresses strings, so bytes alone may hide a value)."""
    con = duckdb.connect(str(db), read_only=True)
    parts = []
    try:
        for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() "
            "WHERE data_type IN ('VARCHAR', 'VARCHAR[]', 'JSON') "
            "AND NOT internal AND table_name IN (SELECT table_name FROM duckdb_tables())"
        ).fetchall():
            parts += [
                str(r[0]) for r in con.execute(f'SELECT "{column}" FROM "{table}"').fetchall()
            ]
    finally:
        con.close()
    return "\n".join(parts)


def _derived_rows(db: Path) -> dict[str, str]:
    """The rows quoted or shown to people, each kind on its own, so the audit can say where a
    leak is and proves it looked: evidence sentences, topic words and labels, staff labels."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        queries = {
            "bewijszinnen": "SELECT sentence FROM theme_evidence",
            "onderwerpwoorden": "SELECT array_to_string(words, ' ') FROM topics",
            "onderwerplabels": "SELECT label FROM topics",
            "labels": "SELECT array_to_string(themes, ' ') || ' ' || coalesce(source, '') "
            "FROM labels",
        }
        return {
            name: "\n".join(str(r[0]) for r in con.execute(q).fetchall())
            for name, q in queries.items()
        }
    finally:
        con.close()


def _dashboard_output(snapshot: Path, monkeypatch) -> str:
    """What the dashboard renders (Streamlit's test runner): metrics, tables, topics and their
    passages, and the text of every complaint chosen in the drill-down and on the Labelen
    page."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("RODEDRAAD_PUBLISHED_PATH", str(snapshot))  # read through Settings
    at = AppTest.from_file(str(REPO / "dashboards" / "app.py"), default_timeout=120).run()
    assert not at.exception, at.exception
    shown: list[str] = []

    def collect() -> None:
        shown.extend(m.value for m in at.markdown)
        shown.extend(d.value.to_csv() for d in at.dataframe)
        shown.extend(str(m.value) for m in at.metric)

    collect()
    picker = next(s for s in at.selectbox if s.label == "Klacht lezen")
    for doc_id in picker.options[:25]:
        picker.set_value(doc_id).run()
        picker = next(s for s in at.selectbox if s.label == "Klacht lezen")
        collect()
    assert any("klachttekst" in s for s in shown), "the drill-down rendered no complaint text"
    n_overview = len(shown)
    at.switch_page("views/onderwerpen.py").run()  # topic labels and passages
    assert not at.exception, at.exception
    collect()
    shown.extend(e.label for e in at.expander)
    at.switch_page("views/labelen.py").run()  # the complaints to label, with their text
    assert not at.exception, at.exception
    picker = next(s for s in at.selectbox if s.label.startswith("Klacht"))
    for doc_id in picker.options[:25]:
        picker.set_value(doc_id).run()
        picker = next(s for s in at.selectbox if s.label.startswith("Klacht"))
        collect()
    assert any("klachttekst" in s for s in shown[n_overview:]), "Labelen rendered no text"
    return "\n".join(shown)


def test_no_personal_data_in_any_artefact(settings, tmp_path, monkeypatch):
    corpus = letters(N_LETTERS, seed=99, start=date(2026, 1, 5), days=150)
    write_inbox(corpus, settings.inbox)
    env = {**f.cli_env(settings, tmp_path), "PREFECT_LOGGING_LEVEL": "DEBUG"}
    logs = tmp_path / "logs"
    logs.mkdir()
    export = tmp_path / "labels-export.csv"
    for name, args in (
        ("run", ["run"]),
        ("topics", ["topics"]),
        ("report", ["report", "--period", "2026-01-01..2026-06-30"]),
        ("status", ["status"]),
        ("label-export", ["label", "export", "-o", str(export), "--aantal", "40"]),
        ("label-import", ["label", "import", str(export)]),  # the suggested themes, as staff
    ):
        out = f.cli_run(env, *args)
        (logs / f"{name}.log").write_text(out.stdout + out.stderr, encoding="utf-8")
        assert out.returncode == 0, (name, out.stderr[-2000:])
    assert "Verwerkt:           60" in (logs / "run.log").read_text(encoding="utf-8")

    data = settings.data_dir
    snapshot = data / "published" / "rodedraad.duckdb"
    reports = sorted((data / "reports").glob("rapport-*"))
    assert {p.suffix for p in reports} == {".html", ".pdf"}
    derived = _derived_rows(snapshot)
    # the audit looked at real rows of each kind (topics ran, evidence was stored, the export
    # holds complaint texts)
    assert derived["bewijszinnen"].count("\n") >= N_LETTERS // 2
    assert derived["onderwerpwoorden"].strip() and derived["onderwerplabels"].strip()
    assert derived["labels"].strip()
    export_text = export.read_text(encoding="utf-8")
    assert export_text.count("\n") > 10, "the label export is (nearly) empty"
    texts: dict[str, str] = {
        "warehouse (tekstkolommen)": _text_columns(settings.db_path),
        "snapshot (tekstkolommen)": _text_columns(snapshot),
        "dashboard": _dashboard_output(snapshot, monkeypatch),
        "labelexport": export_text,
        **{f"snapshot: {name}": text for name, text in derived.items()},
    }
    from pypdf import PdfReader

    for pdf in (p for p in reports if p.suffix == ".pdf"):
        texts[str(pdf)] = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Waarheidsvinding" in texts[str(reports[-1])] or "thema" in texts[str(reports[-1])]
    byte_sources = [
        settings.db_path,
        snapshot,
        *logs.iterdir(),
        *(data / "prefect").rglob("*"),
        *(data / "reports").rglob("*"),
        *(data / "models").rglob("*"),
    ]
    for path in byte_sources:
        if path.is_file():
            texts[str(path)] = path.read_bytes().decode("utf-8", "replace")

    needles = _needles(corpus)
    assert len(needles) > 5 * N_LETTERS
    leaks = sorted(
        (where, needle)
        for where, text in texts.items()
        for needle in needles
        if needle in text and _found(text, needle)  # substring first: the texts are large
    )
    assert not leaks, f"{len(leaks)} persoonsgegevens gevonden: {leaks[:20]}"

    # nothing under the data folder is open to other users
    for path in [data, *data.rglob("*")]:
        assert path.stat().st_mode & 0o007 == 0, f"{path} is leesbaar voor anderen"


def test_audit_finds_what_it_looks_for(tmp_path):
    """The audit's own search must not be blind: a planted value is found in text, in DuckDB
    text columns and as a surname."""
    corpus = letters(3, seed=5)
    needles = _needles(corpus)
    letter = corpus[0]
    surname = letter.pii["PERSOON"][0].split()[-1]
    db = tmp_path / "x.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t (s VARCHAR)")
    con.execute("INSERT INTO t VALUES (?)", [f"brief van {letter.pii['EMAIL'][0]} vandaag"])
    con.close()
    assert _found(_text_columns(db), letter.pii["EMAIL"][0])
    assert surname in needles or len(surname) < 4
    assert _found(f"Mevrouw {surname} belde.", surname)
    assert not _found(f"{surname.lower()}x", surname)
