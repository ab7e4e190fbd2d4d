"""Labels saved in the dashboard (issue 18 pt 2): an owner-only queue of ids and themes, taken in
by the next `label import`, `run` or `train`, checked like a CSV row, emptied in one step."""

from __future__ import annotations

import json
import stat
import threading
from datetime import date

import pytest
from click.testing import CliRunner

from application.label_queue import REJECTED, add, pending, queue_path, take_in
from benchmarks.corpus import letters
from benchmarks.preload import load_letters
from rodedraad.cli import main
from schemas.vocabulary import DocumentKind
from warehouse.db import connect


def _cli(settings, *args):
    env = {
        "RODEDRAAD_DATA_DIR": str(settings.data_dir),
        "RODEDRAAD_DB_PATH": str(settings.db_path),
        "RODEDRAAD_INBOX": str(settings.inbox),
    }
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def warehouse(settings, anonymiser):
    truth = load_letters(settings, anonymiser, letters(12, seed=31, start=date(2026, 1, 1)))
    return settings, sorted(truth)


def test_the_queue_is_owner_only_and_holds_no_text(tmp_path):
    add(tmp_path, "a" * 64, ["regie", "communicatie"])
    add(tmp_path, "b" * 64, [])
    path = queue_path(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    entries = [json.loads(line) for line in path.read_text().splitlines()]
    assert [sorted(e) for e in entries] == [["document_id", "themes", "time"]] * 2
    assert entries[0]["themes"] == ["regie", "communicatie"]
    assert pending(tmp_path) == {"a" * 64: ["regie", "communicatie"], "b" * 64: []}
    with pytest.raises(ValueError, match="onbekend thema"):
        add(tmp_path, "c" * 64, ["geen_thema"])
    with pytest.raises(ValueError, match="dubbel"):
        add(tmp_path, "c" * 64, ["regie", "regie"])


def test_label_import_takes_the_queue_in(warehouse):
    settings, ids = warehouse
    add(settings.data_dir, ids[0], ["tijdigheid"])
    add(settings.data_dir, ids[1], [])  # not a complaint
    add(settings.data_dir, ids[0], ["regie", "communicatie"])  # a later label wins
    result = _cli(settings, "label", "import")
    assert result.exit_code == 0, result.output
    assert "2 labels uit het dashboard overgenomen." in result.output
    assert not queue_path(settings.data_dir).exists()
    con = connect(settings.db_path, read_only=True)
    stored = dict(con.execute("SELECT document_id, themes FROM labels").fetchall())
    kinds = dict(con.execute("SELECT document_id, kind FROM documents").fetchall())
    con.close()
    assert stored == {ids[0]: ["regie", "communicatie"], ids[1]: []}
    assert kinds[ids[1]] == DocumentKind.GEEN_KLACHT
    # and the published snapshot has them, for the dashboard
    snap = connect(settings.snapshot_path, read_only=True)
    assert snap.execute("SELECT count(*) FROM labels").fetchone()[0] == 2
    snap.close()
    again = _cli(settings, "label", "import")
    assert "Geen labels uit het dashboard in de wachtrij." in again.output


def test_bad_queue_lines_are_kept_aside_by_line_and_id(warehouse):
    settings, ids = warehouse
    add(settings.data_dir, ids[2], ["regie"])
    with queue_path(settings.data_dir).open("a") as f:
        f.write(json.dumps({"document_id": "f" * 64, "themes": [], "time": "x"}) + "\n")
        f.write("geen json, maar wel tekst die nergens terecht mag komen\n")
        f.write(json.dumps({"document_id": ids[3], "themes": ["onzin"], "time": "x"}) + "\n")
    con = connect(settings.db_path)
    intake = take_in(con, settings.data_dir)
    assert con.execute("SELECT themes FROM labels WHERE document_id = ?", [ids[2]]).fetchone() == (
        ["regie"],
    )
    con.close()
    assert intake.stored == 1
    assert intake.problems == [
        "regel 2: onbekende klacht",
        "regel 3: geen geldige regel (verwacht document_id, themes, time)",
        f"regel 4 (id {ids[3][:16]}): onbekend thema (kies uit waarheidsvinding, communicatie, "
        "drang_dwang, regie, tijdigheid, geschilbeslechting)",
    ]
    assert all("nergens" not in p for p in intake.problems)  # no content in a message
    rejected = settings.data_dir / REJECTED
    assert stat.S_IMODE(rejected.stat().st_mode) == 0o600
    assert len(rejected.read_text().splitlines()) == 3
    assert not queue_path(settings.data_dir).exists()


def test_a_label_saved_during_the_intake_is_not_lost(warehouse, monkeypatch):
    """The dashboard appends while a command takes the queue in: the new label lands in the
    queue that is read, or in the next one, never in a file that is then removed."""
    import application.label_queue as q

    settings, ids = warehouse
    add(settings.data_dir, ids[4], ["regie"])
    real = q.import_labels
    saver: list[threading.Thread] = []

    def slow_import(con, labels, source):
        t = threading.Thread(target=add, args=(settings.data_dir, ids[5], ["tijdigheid"]))
        t.start()  # blocks on the queue lock until the intake is done
        saver.append(t)
        return real(con, labels, source)

    monkeypatch.setattr(q, "import_labels", slow_import)
    con = connect(settings.db_path)
    assert take_in(con, settings.data_dir).stored == 1
    saver[0].join(timeout=10)
    assert pending(settings.data_dir) == {ids[5]: ["tijdigheid"]}
    monkeypatch.setattr(q, "import_labels", real)
    assert take_in(con, settings.data_dir).stored == 1
    assert con.execute("SELECT count(*) FROM labels").fetchone()[0] == 2
    con.close()


@pytest.mark.slow
def test_run_takes_the_queue_in(warehouse):
    settings, ids = warehouse
    add(settings.data_dir, ids[6], ["drang_dwang"])
    result = _cli(settings, "run")
    assert result.exit_code == 0, result.output
    assert "1 label uit het dashboard overgenomen." in result.output
    con = connect(settings.snapshot_path, read_only=True)
    assert con.execute("SELECT themes FROM labels").fetchall() == [(["drang_dwang"],)]
    con.close()


def test_train_takes_the_queue_in_first(warehouse):
    """The queued labels are stored before training looks at the labels, also when there are
    still too few to train on."""
    settings, ids = warehouse
    add(settings.data_dir, ids[7], ["regie"])
    result = _cli(settings, "train")
    assert "1 label uit het dashboard overgenomen." in result.output
    assert not queue_path(settings.data_dir).exists()
    con = connect(settings.db_path, read_only=True)
    assert con.execute("SELECT document_id FROM labels").fetchall() == [(ids[7],)]
    con.close()
