"""serve's polls: an empty inbox leaves no run row (real runs stay visible in ``status``), and a
poll that found files prints one Dutch line with counts and time, never a name."""

from __future__ import annotations

import re

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


def _load(settings, anonymiser, n=4):
    from datetime import date

    from benchmarks.corpus import letters
    from benchmarks.preload import load_letters
    from warehouse.publish import publish

    ids = sorted(load_letters(settings, anonymiser, letters(n, seed=41, start=date(2026, 2, 1))))
    publish(settings.db_path, settings.snapshot_path)
    return ids


def test_a_poll_takes_the_dashboards_labels_in_and_says_so_only_then(settings, anonymiser, capsys):
    """serve's polls (and its first look at start) take in the Labelen page's queue, publish so
    the dashboard shows the labels, and print one timed Dutch line only when there were any."""
    from application.label_queue import add, queue_path
    from flows.ingest import ingest
    from warehouse.db import connect

    ids = _load(settings, anonymiser)
    config = {k: str(v) if hasattr(v, "parts") else v for k, v in settings.model_dump().items()}
    ingest.fn(config=config, poll=True)  # nothing queued, nothing in the inbox: silent
    assert capsys.readouterr() == ("", "")

    add(settings.data_dir, ids[0], ["regie"])
    add(settings.data_dir, ids[1], ["tijdigheid", "communicatie"])
    add(settings.data_dir, "f" * 64, ["regie"])  # unknown complaint: kept aside, named by line
    ingest.fn(config=config, poll=True)
    out, err = capsys.readouterr()
    assert re.fullmatch(r"\d\d:\d\d 2 labels uit het dashboard overgenomen\.\n", out)
    assert re.match(r"\d\d:\d\d 1 label uit het dashboard niet overgenomen \(bewaard in ", err)
    assert "regel 3: onbekende klacht" in err
    assert not queue_path(settings.data_dir).exists()
    con = connect(settings.snapshot_path, read_only=True)  # published: the dashboard sees them
    try:
        got = dict(con.execute("SELECT document_id, themes FROM labels").fetchall())
    finally:
        con.close()
    assert got == {ids[0]: ["regie"], ids[1]: ["tijdigheid", "communicatie"]}

    ingest.fn(config=config, poll=True)  # the queue is gone: silent again
    assert capsys.readouterr() == ("", "")


def test_a_poll_leaves_the_queue_while_another_run_holds_the_lock(settings, anonymiser, capsys):
    from application.inbox import run_lock
    from application.label_queue import add, queue_path, take_pending

    ids = _load(settings, anonymiser, n=2)
    add(settings.data_dir, ids[0], ["regie"])
    with run_lock(settings.data_dir):
        assert take_pending(settings).stored == 0
    assert queue_path(settings.data_dir).exists()  # the next poll takes it in
    assert take_pending(settings).stored == 1
