"""Migrations and the all-or-nothing batch load."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from schemas.records import ProcessedDocument, ThemeResult
from warehouse import db, load


def _doc(cid: str, received_at: datetime | None = None) -> ProcessedDocument:
    return ProcessedDocument(
        content_id=cid,
        file_ref="ref" + cid,
        file_type=".txt",
        size_bytes=10,
        received_at=received_at or datetime.now(UTC),
        pages=None,
        n_words=3,
        language="nl",
        text="[PERSOON-1] klaagt.",
        entity_counts={"PERSOON": 1},
        status="verwerkt",
        residual_flags=[],
        pipeline="test",
        anonymiser_version="t",
        themes=ThemeResult(
            scores={"regie": 0.9},
            assigned=["regie"],
            primary="regie",
            evidence=[],
            model_version="m",
        ),
    )


def test_migrations_apply_once(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    assert db.migrate(con) == []  # already applied on connect
    versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()]
    assert versions == [v for v, _, _ in db.migrations()]


def test_failed_batch_leaves_nothing(tmp_path):
    con = db.connect(tmp_path / "w.duckdb")
    load.load_batch(con, "r1", load.BatchLoad(processed=[_doc("a")]))
    with pytest.raises(Exception):  # noqa: B017 - any database error will do
        load.load_batch(con, "r2", load.BatchLoad(processed=[_doc("b"), _doc("a")]))
    assert con.execute("SELECT document_id FROM documents").fetchall() == [("a",)]
    assert con.execute("SELECT count(*) FROM complaint_themes").fetchone()[0] == 6
    assert load.known_documents(con, ["a", "b"]) == {"a"}


@pytest.mark.parametrize("session_zone", ["UTC", "America/New_York", "Europe/Amsterdam"])
def test_periods_follow_the_dutch_calendar_whatever_the_session_zone(tmp_path, session_zone):
    """1 April 00:30 in Amsterdam is 31 March in UTC: it counts in April and Q2 for every
    reader, and in a report over Q2."""
    from reports.data import gather
    from reports.period import parse

    con = db.connect(tmp_path / "w.duckdb")
    late = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)  # 00:30 CEST on 1 April
    load.load_batch(con, "r1", load.BatchLoad(processed=[_doc("a", late)]))
    con.execute(f"SET TimeZone = '{session_zone}'")
    assert con.execute(
        "SELECT received_date, month, quarter, year FROM complaint_facts"
    ).fetchone() == (date(2026, 4, 1), date(2026, 4, 1), "2026-Q2", 2026)
    assert con.execute("SELECT month, n_complaints FROM theme_by_month").fetchall() == [
        (date(2026, 4, 1), 1)
    ]
    assert gather(con, parse("2026-Q2")).n_documents == 1
    assert gather(con, parse("2026-03")).n_documents == 0


def test_reader_gets_a_clear_message_while_a_writer_holds_the_file(tmp_path):
    from tests.factories import database_held_elsewhere

    path = tmp_path / "w.duckdb"
    db.connect(path).close()
    with database_held_elsewhere(path), pytest.raises(db.WarehouseBusy, match="in gebruik"):
        db.connect(path)


def test_review_clears_controle_nodig(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from rodedraad.cli import main

    monkeypatch.setenv("RODEDRAAD_DATA_DIR", str(tmp_path))  # the snapshot is republished there
    path = tmp_path / "w.duckdb"
    con = db.connect(path)
    doc = _doc("abcdef123456")
    doc.status, doc.residual_flags = "controle nodig", ["@-teken"]
    load.load_batch(con, "r1", load.BatchLoad(processed=[doc]))
    con.close()
    runner = CliRunner()
    assert runner.invoke(main, ["nagekeken", "zzzzzz", "--db", str(path)]).exit_code == 1
    result = runner.invoke(main, ["nagekeken", "abcdef", "--db", str(path)])
    assert result.exit_code == 0, result.output
    con = db.connect(path)
    status, reviewed = con.execute("SELECT status, reviewed_at FROM documents").fetchone()
    assert status == "verwerkt" and reviewed is not None


def test_status_shows_dutch_local_times(tmp_path):
    """Staff read `rodedraad status` in Dutch time even when the server runs in UTC."""
    from rodedraad.status import render_status

    path = tmp_path / "w.duckdb"
    con = db.connect(path)
    con.execute("SET TimeZone = 'UTC'")
    con.execute(
        "INSERT INTO runs (run_id, started_at, status, pipeline) "
        "VALUES ('r1', TIMESTAMPTZ '2026-07-01 22:15:00+00', 'voltooid', 'test')"
    )
    con.execute(
        "INSERT INTO quarantine VALUES ('ref', NULL, '.pdf', 'leeg', 'Leeg bestand', "
        "'x.pdf', TIMESTAMPTZ '2026-01-10 08:00:00+00', 'r1')"
    )
    con.close()
    out = render_status(path)
    assert "2026-07-02 00:15  voltooid" in out  # CEST, UTC+2
    assert "2026-01-10 09:00  x.pdf: Leeg bestand" in out  # CET, UTC+1
