"""Every kind of letter through a real run (issue 15): scans and photos via OCR, Outlook .msg,
legacy .doc, Notepad's UTF-16 text and forwarded mail reach the warehouse; OCR is recorded per
document; a barely legible scan waits for a person ('ocr'); a mail with an unreadable part is
quarantined whole; status and every run say whether OCR is available."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from benchmarks.corpus import letters
from benchmarks.scans import NOISY, image_bytes, render_pages
from nlp.extract import ocr
from tests import factories as f
from tests.test_ocr import POOR
from tests.test_privacy_audit import _found, _needles

pytestmark = pytest.mark.slow

DOC = Path(__file__).parent / "fixtures" / "doc"


def _run(settings):
    from application.ingest import RunSummary
    from flows.ingest import ingest, settings_payload

    return RunSummary(**ingest(config=settings_payload(settings)))


def test_every_format_reaches_the_warehouse(settings, tmp_path):
    if not ocr.available():
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"OCR {ocr.describe(True)}")
    corpus = letters(3, seed=31)
    files = {
        "scan brief mevrouw.pdf": image_bytes(render_pages(corpus[0].text, NOISY, seed=1), "pdf"),
        "foto van brief.jpg": image_bytes(render_pages(corpus[1].text, NOISY, seed=2), "jpg"),
        "slechte foto.jpg": image_bytes(render_pages(corpus[2].text, POOR, seed=4), "jpg"),
        "outlook.msg": f.msg_bytes(
            "Zie bijlage.",
            [("oud.doc", (DOC / "brief.doc").read_bytes())],
            forwarded=[(f.variant(5), [])],
        ),
        "tabel.doc": (DOC / "tabel.doc").read_bytes(),
        "kladblok.txt": f.variant(3).encode("utf-16"),
        "doorgestuurd.eml": f.forwarded_eml("Zie doorgestuurd bericht.", f.eml_bytes(f.variant(4))),
        "met spreadsheet.eml": f.eml_bytes("Zie bijlage.", ("overzicht.xlsx", b"PK\x03\x04 x")),
    }
    for name, data in files.items():
        f.write(settings.inbox / name, data)

    summary = _run(settings)
    assert (summary.processed, summary.quarantined) == (7, 1)
    [(_, reason)] = summary.quarantine_reasons
    assert "onleesbare bijlage (.xlsx)" in reason

    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        rows = con.execute(
            "SELECT file_type, ocr, ocr_confidence, status, residual_flags FROM documents"
        ).fetchall()
        texts = [t for (t,) in con.execute("SELECT text FROM complaints").fetchall()]
    by_type: dict[str, list[tuple]] = {}
    for file_type, *rest in rows:
        by_type.setdefault(file_type, []).append(tuple(rest))
    assert sorted(by_type) == [".doc", ".eml", ".jpg", ".msg", ".pdf", ".txt"]
    assert [r[0] for r in by_type[".pdf"]] == [True]
    assert sum(r[1] for r in rows) == 3  # the PDF scan and both photos
    assert all(not r[0] and r[1] is None for t in (".doc", ".msg", ".txt") for r in by_type[t])
    clear, poor = sorted(by_type[".jpg"], key=lambda r: -r[1])
    assert clear[1] >= settings.ocr_min_confidence > poor[1]
    assert poor[2] == "controle nodig" and "ocr" in poor[3]
    assert "ocr" not in (by_type[".pdf"][0][3] or [])
    # Readable OCR'd letters hold no planted identifier in the warehouse.
    needles = _needles(corpus[:2])
    assert not [n for n in needles for t in texts if _found(t, n)]

    from rodedraad.status import render_status

    status = render_status(settings.db_path, settings.quarantine_dir, ocr.describe(True))
    assert "OCR: beschikbaar (Tesseract" in status
    assert "Documenten gelezen via OCR (scan of foto): 3" in status


def test_status_and_run_say_whether_ocr_is_available(settings, tmp_path):
    env = f.cli_env(settings, tmp_path)
    run = f.cli_run(env, "run")
    assert run.returncode == 0, run.stderr
    assert f"OCR:                {ocr.describe(True)}" in run.stdout
    status = f.cli_run(env, "status")
    assert f"OCR: {ocr.describe(True)}" in status.stdout
    off = f.cli_run({**env, "RODEDRAAD_OCR": "off"}, "status")
    assert 'OCR: uitgezet (ocr = "off")' in off.stdout
