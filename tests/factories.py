"""Builders for test documents in every supported format (our own invented text)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, time
from email.message import EmailMessage
from pathlib import Path

LETTER = (
    "Geachte Kinderombudsman,\n\n"
    "Mijn naam is Gerdien Hofstede-Ramdin en ik ben de moeder van Jurre (7). "
    "De gezinsvoogd van Jeugdbescherming Oost, mevrouw P. Zwartveld, dreigde dat Jurre uit huis "
    "geplaatst zou worden als ik niet zou tekenen. Er is geen maatregel; het is vrijwillige hulp. "
    "Niemand vertelde mij dat ik mocht weigeren.\n\n"
    "Bel mij op 06-87654321 of mail gerdien.hofstede@voorbeeldpost.nl.\n\n"
    "Met vriendelijke groet,\n\nGerdien Hofstede-Ramdin\n"
)
PII = [
    "Gerdien",
    "Hofstede-Ramdin",
    "Jurre",
    "Zwartveld",
    "06-87654321",
    "gerdien.hofstede@voorbeeldpost.nl",
]


def variant(i: int) -> str:
    """A distinct letter per i (different content hash)."""
    return LETTER.replace("(7)", f"({5 + i % 10})") + f"\nVolgnummer brief {i}.\n"


def pdf_bytes(text: str, *, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    if password is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scan_pdf_bytes() -> bytes:
    """A PDF with a page that has only a drawing, no text layer (like a scan)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for para in text.split("\n\n"):
        document.add_paragraph(para)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(text: str) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for para in text.split("\n\n"):
        document.text.addElement(P(text=para))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))
    return out.getvalue()


def eml_bytes(body: str, attachment: tuple[str, bytes] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Afzender <afzender@voorbeeldpost.nl>"
    msg["To"] = "klachten@ombudsman.example"
    msg["Subject"] = "Klacht"
    msg["Date"] = "Tue, 03 Feb 2026 10:00:00 +0100"
    msg.set_content(body)
    if attachment:
        name, data = attachment
        msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(msg)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@contextlib.contextmanager
def database_held_elsewhere(path: Path) -> Iterator[None]:
    """Another process holds the DuckDB file open for writing while the block runs."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); "
            "time.sleep(120)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        yield
    finally:
        holder.kill()
        holder.wait()


def load_letters(settings, anonymiser, corpus) -> dict[str, list[str]]:
    """Anonymise, classify (codebook) and load synthetic letters straight into the warehouse,
    without Prefect. Returns document id -> true themes."""
    from nlp.metadata import extract
    from nlp.themes import codebook
    from schemas.records import ProcessedDocument
    from warehouse.db import connect
    from warehouse.load import BatchLoad, load_batch

    model = codebook(settings.embedding_model, settings.theme_threshold)
    anon = [a for _, a in anonymiser.pipe(letter.text for letter in corpus)]
    results = model.classify_many([a.text for a in anon])
    batch = BatchLoad()
    truth = {}
    for i, (letter, a, r) in enumerate(zip(corpus, anon, results, strict=True)):
        doc_id = hashlib.sha256(letter.text.encode()).hexdigest()
        truth[doc_id] = letter.themes
        meta = extract(letter.text)
        batch.processed.append(
            ProcessedDocument(
                content_id=doc_id,
                file_ref=f"ref{i}",
                file_type=".txt",
                size_bytes=len(letter.text),
                received_at=datetime.combine(letter.received, time(12), UTC),
                pages=None,
                n_words=len(letter.text.split()),
                language="nl",
                text=a.text,
                entity_counts={},
                status="verwerkt",
                residual_flags=[],
                themes=r,
                pipeline="test",
                anonymiser_version="test",
                municipality=meta.municipality,
                organisation=meta.organisation,
                complainant_role=meta.complainant_role,
                measure=meta.measure,
            )
        )
    con = connect(settings.db_path)
    run_id = uuid.uuid4().hex[:12]
    con.execute(
        "INSERT INTO runs (run_id, started_at, status) VALUES (?, now(), 'voltooid')", [run_id]
    )
    load_batch(con, run_id, batch)
    con.close()
    return truth


def cli_env(settings, tmp_path: Path) -> dict[str, str]:
    """The environment of a `rodedraad` subprocess for the installation in ``settings``."""
    return {
        **os.environ,
        "RODEDRAAD_CONFIG": str(tmp_path / "none.toml"),
        "RODEDRAAD_DATA_DIR": str(settings.data_dir),
        "RODEDRAAD_INBOX": str(settings.inbox),
        "RODEDRAAD_PROCESSED_DIR": str(settings.processed_dir),
        "RODEDRAAD_QUARANTINE_DIR": str(settings.quarantine_dir),
        "RODEDRAAD_DB_PATH": str(settings.db_path),
        "RODEDRAAD_PREFECT_HOME": str(settings.data_dir / "prefect"),
        "RODEDRAAD_SETTLE_SECONDS": "0",
        "RODEDRAAD_BATCH_SIZE": "2",
    }


def cli_run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """`rodedraad run` (or another command: ``args``) as a user starts it."""
    return subprocess.run(
        [sys.executable, "-m", "rodedraad.cli", *(args or ("run",))],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
