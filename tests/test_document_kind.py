"""Complaint or not (issue 11 part 3, issue 13 'a 1-byte file becomes a complaint'): documents
are stored with a kind, and only complaints count in views, the report and `status`."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from application.inbox import InboxFile
from application.processing import WorkerConfig, process_file
from nlp.themes.kind import document_kind, settle
from reports.data import gather
from reports.period import parse
from rodedraad.status import render_status
from schemas.records import Evidence, ProcessedDocument, ThemeResult
from schemas.vocabulary import DocumentKind
from warehouse import db, load

WHEN = datetime(2026, 5, 12, 10, 0, tzinfo=UTC)


def _result(assigned: list[str], kind: str = DocumentKind.KLACHT) -> ThemeResult:
    return ThemeResult(
        scores={"regie": 0.8, "communicatie": 0.6},
        assigned=assigned,
        primary=assigned[0] if assigned else None,
        evidence=[Evidence(t, 0, "Niemand belde terug.", 0.7) for t in assigned],
        model_version="m1",
        kind=kind,
    )


def test_kind_rules():
    assert document_kind(_result(["regie"]), n_words=40) == DocumentKind.KLACHT
    assert document_kind(_result([]), n_words=40) == DocumentKind.GEEN_KLACHT
    assert document_kind(_result(["regie"]), n_words=2) == DocumentKind.GEEN_KLACHT
    assert document_kind(_result(["regie"]), n_words=2, min_words=0) == DocumentKind.KLACHT
    said = _result(["regie"], kind=DocumentKind.GEEN_KLACHT)
    assert document_kind(said, n_words=40) == DocumentKind.GEEN_KLACHT
    # a non-complaint keeps its scores (to check the decision) but no theme or evidence
    short = settle(_result(["regie", "communicatie"]), n_words=1)
    assert short.kind == DocumentKind.GEEN_KLACHT
    assert (short.assigned, short.primary, short.evidence) == ([], None, [])
    assert short.scores["regie"] == 0.8
    assert settle(_result(["regie"]), n_words=40).assigned == ["regie"]


def _doc(cid: str, kind: str, assigned: list[str], n_words: int = 40) -> ProcessedDocument:
    themes = settle(_result(assigned, kind), n_words)
    return ProcessedDocument(
        content_id=cid,
        file_ref="ref" + cid,
        file_type=".txt",
        size_bytes=100,
        received_at=WHEN,
        pages=None,
        n_words=n_words,
        language="nl",
        text="[PERSOON-1] schrijft over de jeugdbeschermer.",
        entity_counts={"PERSOON": 1},
        status="verwerkt",
        residual_flags=[],
        pipeline="test",
        anonymiser_version="t",
        themes=themes,
        kind=themes.kind,
    )


@pytest.fixture
def warehouse(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    docs = [
        _doc("a" * 64, DocumentKind.KLACHT, ["regie", "communicatie"]),
        _doc("b" * 64, DocumentKind.KLACHT, ["regie"]),
        _doc("c" * 64, DocumentKind.GEEN_KLACHT, []),  # a thank-you note, say
        _doc("d" * 64, DocumentKind.KLACHT, ["regie"], n_words=1),  # a one-word file
    ]
    load.load_batch(con, "r1", load.BatchLoad(processed=docs))
    yield con, tmp_path / "w.duckdb"
    con.close()


def test_only_complaints_count_in_views_and_report(warehouse):
    con, _ = warehouse
    kinds = dict(con.execute("SELECT document_id, kind FROM documents").fetchall())
    assert [kinds[c * 64] for c in "abcd"] == ["klacht", "klacht", "geen klacht", "geen klacht"]
    assert con.execute("SELECT count(*) FROM counted_documents").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM complaint_facts").fetchone()[0] == 2
    assert con.execute(
        "SELECT theme, count(*) FROM complaint_theme_facts GROUP BY ALL ORDER BY ALL"
    ).fetchall() == [("communicatie", 1), ("regie", 2)]
    assert con.execute("SELECT n_month FROM theme_by_month LIMIT 1").fetchone()[0] == 2
    assert con.execute("SELECT count(*) FROM not_complaints").fetchone()[0] == 2
    # the short document's themes were cleared before loading
    assert (
        con.execute(
            "SELECT count(*) FROM complaint_themes WHERE assigned AND document_id = ?", ["d" * 64]
        ).fetchone()[0]
        == 0
    )
    data = gather(con, parse("2026-05"))
    assert data.n_documents == 2 and data.n_not_complaints == 2
    assert {s.key: s.count for s in data.themes}["regie"] == 2


def test_status_says_how_many_count(warehouse):
    con, path = warehouse
    con.close()
    text = render_status(path)
    assert "Klachten (geteld): 2; geen klacht" in text and "te kort): 2" in text


def test_migration_010_sorts_existing_documents(tmp_path, monkeypatch):
    """A warehouse made before migration 010: its documents get a kind from what is stored."""
    path = tmp_path / "old.duckdb"
    every = db.migrations()
    monkeypatch.setattr(db, "migrations", lambda: [m for m in every if m[0] < 10])
    con = db.connect(path)
    # loaded as an older version did: no kind, themes as the model gave them
    stored = {"a" * 64: (["regie"], 40), "b" * 64: ([], 40), "c" * 64: (["regie"], 1)}
    stored["e" * 64] = (["regie"], 40)  # a person labels this one: no theme
    rows = [_doc(cid, DocumentKind.KLACHT, [], n) for cid, (_, n) in stored.items()]
    for d in rows:
        d.themes = _result(stored[d.content_id][0])
    old_documents = [
        {
            "document_id": d.content_id,
            "file_ref": d.file_ref,
            "file_type": ".txt",
            "received_at": WHEN,
            "loaded_at": WHEN,
            "n_words": d.n_words,
            "status": "verwerkt",
            "run_id": "r0",
        }
        for d in rows
    ]
    db.insert_rows(con, "documents", old_documents)
    db.insert_rows(
        con,
        "complaints",
        [
            {
                "document_id": d.content_id,
                "text": d.text,
                "pipeline": "t",
                "anonymiser_version": "t",
                "classifier_version": "m1",
            }
            for d in rows
        ],
    )
    for d in rows:
        db.insert_rows(con, "complaint_themes", load.theme_rows(d.content_id, d.themes)[0])
    con.execute("INSERT INTO labels VALUES (?, [], ?, 'x')", ["e" * 64, WHEN])
    assert con.execute("SELECT count(*) FROM complaint_facts").fetchone()[0] == 4  # all counted
    con.close()

    monkeypatch.setattr(db, "migrations", lambda: every)
    con = db.connect(path)  # applies 010
    kinds = dict(con.execute("SELECT document_id, kind FROM documents").fetchall())
    con.close()
    assert kinds == {
        "a" * 64: "klacht",
        "b" * 64: "geen klacht",  # no theme
        "c" * 64: "geen klacht",  # one word
        "e" * 64: "geen klacht",  # a person labelled it: no theme
    }


@pytest.fixture(scope="module")
def worker_cfg():
    return WorkerConfig(
        spacy_model="", max_file_bytes=1_000_000, ocr_enabled=False, theme_threshold=0.5
    )


def _inbox_file(path) -> InboxFile:
    data = path.read_bytes()
    return InboxFile(
        path=str(path),
        file_ref=hashlib.sha256(path.name.encode()).hexdigest()[:16],
        file_type=path.suffix,
        size=len(data),
        is_symlink=False,
        content_id=hashlib.sha256(data).hexdigest(),
    )


@pytest.mark.parametrize("content", ["x", "Zie bijlage.", "Klacht"])
def test_a_tiny_file_is_stored_as_geen_klacht(tmp_path, worker_cfg, content):
    path = tmp_path / "kort.txt"
    path.write_text(content, encoding="utf-8")
    result = process_file(_inbox_file(path), worker_cfg)
    assert isinstance(result, ProcessedDocument), result
    assert result.kind == DocumentKind.GEEN_KLACHT
    assert result.themes.assigned == [] and result.themes.primary is None


def test_min_words_is_configurable(tmp_path, worker_cfg):
    path = tmp_path / "kort.txt"
    path.write_text(
        "De jeugdbeschermer belt nooit terug als ik haar vraag wat er in het verslag staat.",
        encoding="utf-8",
    )
    strict = process_file(_inbox_file(path), replace(worker_cfg, min_words=30))
    loose = process_file(_inbox_file(path), replace(worker_cfg, min_words=10))
    assert strict.kind == DocumentKind.GEEN_KLACHT and strict.themes.assigned == []
    assert loose.kind == DocumentKind.KLACHT and loose.themes.assigned


@pytest.mark.slow
def test_run_stores_a_one_byte_file_as_geen_klacht(settings, tmp_path):
    """Issue 13: a 1-byte file became a complaint with status 'verwerkt'."""
    import duckdb

    from tests import factories as f

    (settings.inbox / "leeg-bijna.txt").write_bytes(b"x")
    (settings.inbox / "brief.txt").write_text(f.LETTER, encoding="utf-8")
    env = f.cli_env(settings, tmp_path)
    out = f.cli_run(env, "run")
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Verwerkt:           2" in out.stdout and "Geen klacht:        1" in out.stdout
    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        rows = con.execute(
            "SELECT n_words, status, kind FROM documents ORDER BY n_words"
        ).fetchall()
        counted = con.execute("SELECT count(*) FROM complaint_facts").fetchone()[0]
    finally:
        con.close()
    assert rows[0] == (1, "verwerkt", "geen klacht") and rows[1][2] == "klacht"
    assert counted == 1
    status = f.cli_run(env, "status")
    assert "Klachten (geteld): 1; geen klacht" in status.stdout
