"""serve's polls: an empty inbox leaves no run row (real runs stay visible in ``status``), and a
poll that found files prints one Dutch line with counts and time, never a name."""

from __future__ import annotations

from application.ingest import InlineRunner, RunSummary, run_ingest
from tests import factories as f


def test_an_empty_poll_leaves_no_run_row_and_no_database(settings):
    f.write(settings.inbox / "half.pdf.part", b"%PDF-1.4 still downloading")
    summary = run_ingest(settings, InlineRunner(), record_empty=False)
    assert summary.files == 0 and summary.run_id == ""
    assert not settings.db_path.exists()
    assert (settings.inbox / "half.pdf.part").exists()


def test_a_run_asked_for_by_a_person_is_recorded_even_when_empty(settings):
    import duckdb

    summary = run_ingest(settings, InlineRunner())
    assert summary.files == 0 and summary.run_id
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (1,)


def test_the_poll_line_counts_in_dutch():
    from flows.ingest import poll_line

    one = RunSummary(run_id="r", pipeline="p", db_path="d", files=1, processed=1, seconds=2.04)
    assert poll_line(one).endswith(" 1 bestand: 1 verwerkt (2.0 s)")
    many = RunSummary(
        run_id="r", pipeline="p", db_path="d", files=4, processed=2, duplicates=1,
        quarantined=1, review=1, seconds=3.0,
    )  # fmt: skip
    assert poll_line(many).endswith(
        " 4 bestanden: 2 verwerkt, 1 duplicaat, 1 in quarantaine, 1 met 'controle nodig' (3.0 s)"
    )
