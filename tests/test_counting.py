"""Issue 14 end to end through the real flow: the same letters dropped again in new bytes add no
complaint, a forwarded copy is linked and counted once, every complaint counts in its letter's
month, and quarantined files are shown to staff by their original name (read from the sidecar in
the CLI process, never stored). Letters are our own writing (tests/metadata_letters)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests import factories as f

LETTERS = Path(__file__).parent / "metadata_letters" / "afstem"
FORWARD = (
    "---------- Doorgestuurd bericht ---------\nVan: Loket Jeugd <loket@gemeente-voorbeeld.nl>\n"
    "Onderwerp: Fwd: klacht\n\nGoedemiddag, deze brief kwam bij ons binnen maar is voor u.\n\n"
)


def _letter(name: str) -> tuple[str, date]:
    head, text = (LETTERS / name).read_text("utf-8").split("---\n", 1)
    dated = dict(line.split(": ", 1) for line in head.strip().splitlines())["letter_date"]
    return text, date.fromisoformat(dated)


def _run(settings):
    from application.ingest import RunSummary
    from flows.ingest import ingest, settings_payload

    return RunSummary(**ingest(config=settings_payload(settings)))


@pytest.mark.slow
def test_letters_dropped_again_add_nothing_and_a_forward_is_linked(settings):
    names = ["01.txt", "03.txt", "13.txt", "20.txt"]
    letters = [_letter(n) for n in names]
    for i, (text, _) in enumerate(letters):
        f.write(settings.inbox / f"brief-{i}.txt", text)
    first = _run(settings)
    assert (first.processed, first.duplicates, first.near_duplicates) == (4, 0, 0)

    # The same letters saved again: Word and PDF files (new bytes, same text).
    for i, (text, _) in enumerate(letters):
        data = f.docx_bytes(text) if i % 2 else f.pdf_bytes(text)
        f.write(settings.inbox / "opnieuw" / f"kopie-{i}{'.docx' if i % 2 else '.pdf'}", data)
    second = _run(settings)
    assert second.duplicates + second.near_duplicates == 4

    # A copy forwarded by another office, as an e-mail.
    f.write(settings.inbox / "doorgestuurd.eml", f.eml_bytes(FORWARD + letters[0][0]))
    third = _run(settings)
    assert (third.processed, third.near_duplicates) == (1, 1)

    con = duckdb.connect(str(settings.db_path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM complaint_facts").fetchone()[0] == 4
        assert con.execute("SELECT sum(n_complaints) FROM theme_by_quarter").fetchone()[0] >= 4
        repeats = con.execute(
            "SELECT outcome, duplicate_of, duplicate_kind FROM intake "
            "WHERE duplicate_of IS NOT NULL ORDER BY seen_at"
        ).fetchall()
        firsts = {r[0] for r in con.execute("SELECT document_id FROM complaint_facts").fetchall()}
        assert len(repeats) == 5 and all(r[1] in firsts for r in repeats)
        assert repeats[-1][0] == "verwerkt" and repeats[-1][2] == "bijna"  # the forward
        # Each complaint counts in its letter's month, not the month it was dropped in.
        months = sorted(r[0] for r in con.execute("SELECT month FROM complaint_facts").fetchall())
        assert months == sorted(d.replace(day=1) for _, d in letters)
    finally:
        con.close()


@pytest.mark.slow
def test_quarantined_files_are_shown_by_their_original_name_with_what_to_do(settings, tmp_path):
    f.write(settings.inbox / "klacht mevrouw Jansen.pdf", b"%PDF-1.4 kapot")
    f.write(settings.inbox / "brief.txt", f.variant(5))
    env = f.cli_env(settings, tmp_path)
    run = f.cli_run(env)
    assert run.returncode == 0, run.stderr
    assert "klacht mevrouw Jansen.pdf (in quarantaine als " in run.stdout
    assert "Wat nu: Open het bestand zelf" in run.stdout
    status = subprocess.run(
        [sys.executable, "-m", "rodedraad.cli", "status"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert status.returncode == 0, status.stderr
    assert "klacht mevrouw Jansen.pdf (in quarantaine als " in status.stdout
    assert "Wat nu:" in status.stdout
    # The name lives only in the sidecar: not in the warehouse, its snapshot or Prefect's home.
    for path in [settings.db_path, settings.data_dir / "published" / "rodedraad.duckdb"]:
        assert b"Jansen" not in path.read_bytes()
    prefect = settings.data_dir / "prefect"
    for path in prefect.rglob("*"):
        if path.is_file():
            assert b"Jansen" not in path.read_bytes(), path


def test_quarantine_lines_read_the_sidecar_and_escape_the_name(tmp_path):
    from rodedraad.quarantine_view import ADVICE, lines

    (tmp_path / "ab12.pdf.json").write_text(
        '{"oorspronkelijke_naam": "klacht \\u001b[2J Jansen.pdf", "reden": "x"}', "utf-8"
    )
    what, todo = lines(tmp_path, "ab12.pdf", "bestand beveiligd met een wachtwoord", "wachtwoord")
    assert what == (
        "klacht \\x1b[2J Jansen.pdf (in quarantaine als ab12.pdf): "
        "bestand beveiligd met een wachtwoord"
    )
    assert todo == f"Wat nu: {ADVICE['wachtwoord']}"
    assert lines(tmp_path, "gone.pdf", "leeg bestand", "leeg")[0] == "gone.pdf: leeg bestand"
    (tmp_path / "bad.pdf.json").write_text("{niet json", "utf-8")
    assert lines(tmp_path, "bad.pdf", "leeg bestand", "leeg")[0] == "bad.pdf: leeg bestand"


def test_status_shows_original_name_reason_and_advice(tmp_path):
    from rodedraad.status import render_status
    from warehouse import db

    path = tmp_path / "w.duckdb"
    con = db.connect(path)
    con.execute(
        "INSERT INTO quarantine VALUES ('ref', NULL, '.docx', 'zipbom', 'extreme omvang', "
        "'ff00.docx', TIMESTAMPTZ '2026-01-10 08:00:00+00', 'r1')"
    )
    con.close()
    folder = tmp_path / "quarantaine"
    folder.mkdir()
    (folder / "ff00.docx.json").write_text('{"oorspronkelijke_naam": "brief Pietersen.docx"}')
    out = render_status(path, folder)
    assert "2026-01-10 09:00  brief Pietersen.docx (in quarantaine als ff00.docx): extreme" in out
    assert "Wat nu: Het bestand pakt uit tot een onredelijke omvang" in out
